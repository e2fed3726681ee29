import type { Role } from './identity';

/** How Heron signs people in through an OpenID Connect provider (configuration section `oidc`). */
export interface OidcSettings {
  /** The issuer: its discovery document is `<issuer>/.well-known/openid-configuration`. */
  issuer: string;
  clientId: string;
  /** From a file or HERON_OIDC_CLIENT_SECRET, never the configuration file; absent for a public client. */
  clientSecret?: string;
  /** Where the provider sends the browser back: `<publicUrl>/auth/callback`, registered at the provider. */
  redirectUri: string;
  /** Where the provider sends the browser after logout: `<publicUrl>/auth/signed-out`. */
  postLogoutRedirectUri: string;
  scopes: string[];
  /** The claim holding the person's roles or groups: 'realm_access.roles' (Keycloak), 'groups', 'roles'… */
  roleClaim: string;
  /** Provider value → Heron role; values named reader, board or admin map to themselves unless listed. */
  roleMap: Record<string, Role>;
  /** The claim used as login (falls back to `sub`). */
  loginClaim: string;
  sessionMaxAgeMs: number;
  sessionIdleMs: number;
  /** Cookies marked Secure (and named with the __Host- prefix): true whenever the public address is https. */
  secureCookies: boolean;
  /** Only for tests and a provider on loopback: allow http:// to the provider. */
  allowHttpProvider?: boolean;
}
