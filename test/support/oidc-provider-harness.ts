import type { Server } from 'node:http';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import { Provider } from 'oidc-provider';
import { freePort } from '@heron/server/testing';

export const TEST_CLIENT = { id: 'heron', secret: 'heron-test-client-secret-0123456789' };

/** Claims of a person at the test provider, beside `sub` (their login there). */
export type PersonClaims = Record<string, unknown>;

export interface TestProvider {
  issuer: string;
  /** The provider's signing key (private), for tests that mint tokens the provider could have issued. */
  signingKey: JWK;
  close(): Promise<void>;
}

/**
 * A real OpenID Provider (the certified `oidc-provider` package) on a free loopback port, with its development
 * login pages (any password is accepted for the logins in `people`), one confidential client for Heron at
 * `heronUrl`, and realm roles in the ID token as Keycloak sends them (`realm_access.roles`).
 */
export async function startTestProvider(heronUrl: string, people: Record<string, PersonClaims>): Promise<TestProvider> {
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const signingKey = { ...(await exportJWK(privateKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: TEST_CLIENT.id,
        client_secret: TEST_CLIENT.secret,
        redirect_uris: [`${heronUrl}/auth/callback`],
        post_logout_redirect_uris: [`${heronUrl}/auth/signed-out`],
        response_types: ['code'],
        grant_types: ['authorization_code'],
      },
    ],
    jwks: { keys: [signingKey] },
    cookies: { keys: ['heron-test-provider-cookie-key'] },
    scopes: ['openid', 'profile', 'email', 'offline_access'],
    claims: {
      openid: ['sub', 'realm_access'],
      profile: ['name', 'family_name', 'given_name', 'preferred_username'],
      email: ['email'],
    },
    // Keycloak-like: the profile and role claims in the ID token itself, not only from userinfo.
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
    async findAccount(_ctx, sub) {
      const claims = people[sub];
      return claims ? { accountId: sub, claims: () => ({ sub, ...claims }) } : undefined;
    },
    // Consent is the site's business, not what these tests are about: the Heron client is granted what it asks.
    async loadExistingGrant(ctx) {
      const session = ctx.oidc.session;
      const client = ctx.oidc.client;
      if (!session?.accountId || !client) return undefined;
      const grant = new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId: session.accountId });
      grant.addOIDCScope('openid profile email');
      grant.addOIDCClaims(['realm_access', 'name', 'family_name', 'given_name', 'preferred_username']);
      await grant.save();
      return grant;
    },
  });
  const server: Server = provider.listen(port, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return {
    issuer,
    signingKey,
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}
