import type { z } from 'zod';
import type { OidcSettings } from '../auth/oidc-settings';
import type { OidcSection } from './heron-config';
import { readSecretFile } from './secret-file';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * The `oidc` section made into the relying party's settings: the client secret from its file or
 * HERON_OIDC_CLIENT_SECRET, the callback and logout addresses from server.publicUrl (which the provider must know,
 * so it is required), cookies Secure whenever that address is https. Problems are added to `problems`.
 */
export function oidcSettings(
  o: z.infer<typeof OidcSection>,
  publicUrl: string | undefined,
  env: Record<string, string | undefined>,
  rel: (p: string) => string,
  problems: string[],
  secretFiles: string[],
  sources: Record<string, string>,
): OidcSettings | undefined {
  let clientSecret = env.HERON_OIDC_CLIENT_SECRET;
  if (clientSecret !== undefined) sources['oidc.clientSecret'] = 'environment HERON_OIDC_CLIENT_SECRET';
  else if (o.clientSecretFile) {
    clientSecret = readSecretFile(rel(o.clientSecretFile), 'oidc.clientSecretFile', problems, secretFiles);
    sources['oidc.clientSecret'] = rel(o.clientSecretFile);
  }
  const issuer = new URL(o.issuer);
  if (issuer.protocol !== 'https:' && !LOOPBACK.has(issuer.hostname))
    problems.push(
      `oidc.issuer ${o.issuer}: the provider must be reached over https (tokens and the client secret travel to it); only a provider on loopback may use http.`,
    );
  if (!publicUrl) {
    problems.push(
      "oidc needs 'server.publicUrl' (HERON_PUBLIC_URL): the provider sends people back to <publicUrl>/auth/callback, which must be registered at the provider.",
    );
    return undefined;
  }
  const base = publicUrl.replace(/\/+$/, '');
  return {
    issuer: o.issuer,
    clientId: o.clientId,
    ...(clientSecret ? { clientSecret } : {}),
    redirectUri: `${base}/auth/callback`,
    postLogoutRedirectUri: `${base}/auth/signed-out`,
    scopes: o.scopes.includes('openid') ? o.scopes : ['openid', ...o.scopes],
    roleClaim: o.roleClaim,
    roleMap: o.roleMap,
    loginClaim: o.loginClaim,
    sessionMaxAgeMs: o.sessionMinutes * 60_000,
    sessionIdleMs: o.idleMinutes * 60_000,
    secureCookies: base.startsWith('https://'),
    allowHttpProvider: issuer.protocol === 'http:' && LOOPBACK.has(issuer.hostname),
  };
}
