import * as client from 'openid-client';
import { createRemoteJWKSet, errors as joseErrors, jwtVerify } from 'jose';
import { personNameFromClaims, type Identity } from './identity';
import { hasClaim, RoleClaimError, rolesFromClaims } from './role-claim';
import type { OidcSettings } from './oidc-settings';

/** Why a sign-in could not happen, for the login page and the log: no stack trace, never the provider's secrets. */
export class SignInError extends Error {
  constructor(
    message: string,
    /** 502: the provider is down or misconfigured; 403: the person has no Heron role; 400: a broken login attempt. */
    readonly status: number,
  ) {
    super(message);
  }
}

/** What Heron keeps between sending the browser to the provider and its return (in a short-lived cookie's record). */
export interface PendingLogin {
  state: string;
  nonce: string;
  codeVerifier: string;
  returnTo: string;
  createdAt: number;
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH']);

function causeCode(err: unknown): string | undefined {
  let e: unknown = err;
  for (let i = 0; i < 4 && e && typeof e === 'object'; i++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && NETWORK_CODES.has(code)) return code;
    if ((e as { name?: string }).name === 'TimeoutError' || (e as { name?: string }).name === 'AbortError')
      return 'timeout';
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

function providerFailure(issuer: string, err: unknown, doing: string): SignInError {
  const code = causeCode(err);
  if (code)
    return new SignInError(
      `The sign-in provider ${issuer} cannot be reached (${code}) while ${doing}. Try again in a minute; if it persists, tell the administrator.`,
      502,
    );
  const status = (err as { cause?: { status?: unknown } }).cause?.status;
  const detail = `${err instanceof Error ? err.message : String(err)}${typeof status === 'number' ? ` ${status}` : ''}`;
  return new SignInError(
    `The sign-in provider ${issuer} answered in a way Heron cannot use while ${doing} (${detail}). The administrator should check the oidc settings ('heron doctor').`,
    502,
  );
}

/**
 * Heron as an OpenID Connect relying party, through openid-client: the authorization code flow with PKCE, the ID
 * token checks (signature, issuer, audience, expiry, nonce) that library makes, logout at the provider, and bearer
 * tokens for programs verified against the provider's published keys with jose.
 */
export class OidcRelyingParty {
  private discovered: Promise<client.Configuration> | null = null;
  private jwks: ReturnType<typeof createRemoteJWKSet> | null = null;

  constructor(readonly settings: OidcSettings) {}

  /** The provider's configuration, discovered once; a failed discovery is retried on the next login. */
  configuration(): Promise<client.Configuration> {
    if (!this.discovered) {
      const s = this.settings;
      this.discovered = client
        .discovery(new URL(s.issuer), s.clientId, s.clientSecret, undefined, {
          timeout: 10,
          ...(s.allowHttpProvider ? { execute: [client.allowInsecureRequests] } : {}),
        })
        .catch((err: unknown) => {
          this.discovered = null;
          throw providerFailure(s.issuer, err, 'reading its discovery document');
        });
    }
    return this.discovered;
  }

  async startLogin(returnTo: string): Promise<{ url: string; pending: PendingLogin }> {
    const config = await this.configuration();
    const pending: PendingLogin = {
      state: client.randomState(),
      nonce: client.randomNonce(),
      codeVerifier: client.randomPKCECodeVerifier(),
      returnTo,
      createdAt: Date.now(),
    };
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: this.settings.redirectUri,
      scope: this.settings.scopes.join(' '),
      code_challenge: await client.calculatePKCECodeChallenge(pending.codeVerifier),
      code_challenge_method: 'S256',
      state: pending.state,
      nonce: pending.nonce,
    });
    return { url: url.href, pending };
  }

  /** The provider's answer at the callback: the code exchanged, the ID token checked, the identity built. */
  async finishLogin(callbackUrl: URL, pending: PendingLogin): Promise<{ identity: Identity; idToken?: string }> {
    const config = await this.configuration();
    let tokens;
    try {
      tokens = await client.authorizationCodeGrant(config, callbackUrl, {
        pkceCodeVerifier: pending.codeVerifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
    } catch (err) {
      if (causeCode(err)) throw providerFailure(this.settings.issuer, err, 'completing the sign-in');
      if (err instanceof client.AuthorizationResponseError)
        throw new SignInError(`The sign-in provider refused the sign-in: ${err.error_description ?? err.error}.`, 403);
      throw new SignInError(
        `The sign-in could not be completed: ${err instanceof Error ? err.message : String(err)}. Start again from the login page.`,
        400,
      );
    }
    let claims = { ...(tokens.claims() ?? {}) } as Record<string, unknown>;
    if (!hasClaim(claims, this.settings.roleClaim) && config.serverMetadata().userinfo_endpoint) {
      // Some providers (Entra ID groups overage, Authentik) put groups in userinfo only.
      try {
        const info = await client.fetchUserInfo(config, tokens.access_token, String(claims.sub));
        claims = { ...info, ...claims };
      } catch {
        // The missing claim is reported below in words the person can act on.
      }
    }
    return { identity: this.identityFromClaims(claims), idToken: tokens.id_token };
  }

  identityFromClaims(claims: Record<string, unknown>): Identity {
    const loginClaim = claims[this.settings.loginClaim];
    const login = typeof loginClaim === 'string' && loginClaim ? loginClaim : String(claims.sub ?? '');
    if (!login) throw new SignInError('The sign-in provider sent a token naming nobody (no sub claim).', 400);
    let roles;
    try {
      roles = rolesFromClaims(claims, this.settings.roleClaim, this.settings.roleMap);
    } catch (err) {
      if (err instanceof RoleClaimError) throw new SignInError(err.message, 403);
      throw err;
    }
    return { login: login.slice(0, 200), displayName: personNameFromClaims(claims, login), roles, source: 'oidc' };
  }

  /**
   * A program's `Authorization: Bearer <ID token or JWT access token>`: signature against the provider's keys (an
   * unsigned or forged token fails), issuer, audience (this client) and expiry checked by jose.
   */
  async verifyBearer(token: string): Promise<Identity> {
    const config = await this.configuration();
    const metadata = config.serverMetadata();
    if (!metadata.jwks_uri) throw new SignInError('The sign-in provider publishes no keys (jwks_uri).', 502);
    this.jwks ??= createRemoteJWKSet(new URL(metadata.jwks_uri));
    try {
      const { payload } = await jwtVerify(token, this.jwks, {
        issuer: metadata.issuer,
        audience: this.settings.clientId,
        clockTolerance: 30,
      });
      return this.identityFromClaims(payload as Record<string, unknown>);
    } catch (err) {
      if (err instanceof SignInError) throw err;
      if (err instanceof joseErrors.JWTExpired) throw new SignInError('The token has expired; sign in again.', 401);
      if (causeCode(err)) throw providerFailure(this.settings.issuer, err, 'fetching its keys');
      throw new SignInError('The token is not one this Heron accepts (signature, issuer or audience).', 401);
    }
  }

  /** Where to send the browser to end the provider's session too; null when the provider offers no logout. */
  async logoutUrl(idToken: string | undefined): Promise<string | null> {
    const config = await this.configuration();
    if (!config.serverMetadata().end_session_endpoint) return null;
    return client.buildEndSessionUrl(config, {
      post_logout_redirect_uri: this.settings.postLogoutRedirectUri,
      client_id: this.settings.clientId,
      ...(idToken ? { id_token_hint: idToken } : {}),
    }).href;
  }
}
