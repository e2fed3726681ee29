// `heron doctor`'s checks of who can sign in: the local accounts file, an older plain readers file, and the single
// sign-on provider (reachable, its discovery document usable, PKCE and logout offered).
import { existsSync, statSync } from 'node:fs';
import type { HeronConfig } from '../config/heron-config';
import { AccountError, readAccounts } from '../auth/local-accounts';
import { OidcRelyingParty } from '../auth/oidc-relying-party';
import type { Finding } from './doctor-checks';

const ok = (text: string): Finding => ({ severity: 'ok', text });
const warning = (text: string): Finding => ({ severity: 'warning', text });
const problem = (text: string): Finding => ({ severity: 'problem', text });

function checkAccounts(c: HeronConfig, findings: Finding[]): void {
  if (!existsSync(c.usersFile)) {
    if (!c.oidc)
      findings.push(
        warning(
          `No local accounts (${c.usersFile}) — add people with 'heron user add NAME --role reader --state-dir ${c.stateDir}'.`,
        ),
      );
    return;
  }
  if ((statSync(c.usersFile).mode & 0o077) !== 0)
    findings.push(problem(`${c.usersFile} may be read by other users of this machine — chmod 600 ${c.usersFile}.`));
  try {
    const users = readAccounts(c.usersFile);
    const count = (role: string) => users.filter((u) => u.roles.includes(role as never)).length;
    findings.push(
      ok(
        `${users.length} local account(s) in ${c.usersFile}: ${count('reader')} reader, ${count('board')} board, ${count('admin')} admin.`,
      ),
    );
  } catch (err) {
    findings.push(problem(`${err instanceof AccountError ? err.message : String(err)} — restore it from the backup.`));
  }
}

/** The logins Heron will accept, and the provider it will send people to. */
export async function checkLogins(c: HeronConfig, findings: Finding[]): Promise<void> {
  checkAccounts(c, findings);
  if (Object.keys(c.readers).length)
    findings.push(
      warning(
        `readersFile holds ${Object.keys(c.readers).length} plain-text password(s), each a reader — move each person to 'heron user add' (hashed, with a role and a name) and remove readersFile (docs/single-sign-on.md).`,
      ),
    );
  if (!c.oidc) return;
  const o = c.oidc;
  if (!o.secureCookies)
    findings.push(
      warning(
        `Single sign-on with an http publicUrl: session cookies are not marked Secure — publish Heron over https.`,
      ),
    );
  try {
    const config = await new OidcRelyingParty(o).configuration();
    const m = config.serverMetadata();
    findings.push(ok(`Sign-in provider ${m.issuer} answers; people come back to ${o.redirectUri}.`));
    if (!m.code_challenge_methods_supported?.includes('S256'))
      findings.push(
        warning(`The provider does not announce PKCE (S256); Heron sends it anyway — check the client allows it.`),
      );
    if (!m.end_session_endpoint)
      findings.push(
        warning(`The provider offers no logout endpoint: signing out of Heron leaves the provider's session open.`),
      );
    if (!o.clientSecret)
      findings.push(
        warning(
          `No client secret (oidc.clientSecretFile, HERON_OIDC_CLIENT_SECRET): Heron signs in as a public client with PKCE only.`,
        ),
      );
  } catch (err) {
    findings.push(problem(`${err instanceof Error ? err.message : String(err)}`));
  }
}
