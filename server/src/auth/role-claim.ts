import { isRole, type Role } from './identity';

/** What the provider sends that does not make a Heron identity, worded for the login page and the log. */
export class RoleClaimError extends Error {}

/**
 * The value at a claim path: 'realm_access.roles' walks nested objects (Keycloak); a claim whose own name contains
 * dots (Entra ID's and Auth0's URL-named claims) is found by its whole name first.
 */
export function claimAt(claims: Record<string, unknown>, path: string): unknown {
  if (Object.prototype.hasOwnProperty.call(claims, path)) return claims[path];
  let value: unknown = claims;
  for (const key of path.split('.')) {
    if (value === null || typeof value !== 'object' || !Object.prototype.hasOwnProperty.call(value, key))
      return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** Whether the claims carry the role claim at all (so userinfo may be asked when the ID token lacks it). */
export function hasClaim(claims: Record<string, unknown>, path: string): boolean {
  return claimAt(claims, path) !== undefined;
}

/**
 * The Heron roles a person has: the provider's values at `path` (a list, or one space-separated string as some
 * providers send) mapped through `roleMap` (provider value → Heron role); a value already named reader, board or
 * admin maps to itself unless the map says otherwise. Throws RoleClaimError when the claim is absent or maps to none.
 */
export function rolesFromClaims(
  claims: Record<string, unknown>,
  path: string,
  roleMap: Readonly<Record<string, Role>>,
): Role[] {
  const raw = claimAt(claims, path);
  if (raw === undefined)
    throw new RoleClaimError(
      `The sign-in provider sent no '${path}' claim, so Heron cannot tell your role. Ask the administrator to add it to the ID token (see docs/single-sign-on.md).`,
    );
  const values = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(/\s+/) : [];
  const roles = new Set<Role>();
  for (const v of values) {
    if (typeof v !== 'string') continue;
    const mapped = Object.prototype.hasOwnProperty.call(roleMap, v) ? roleMap[v] : isRole(v) ? v : undefined;
    if (mapped) roles.add(mapped);
  }
  if (roles.size === 0)
    throw new RoleClaimError(
      `Your account has no Heron role: none of the values of '${path}' is one Heron knows (${Object.keys(roleMap).join(', ') || 'reader, board, admin'}). Ask the administrator for a role.`,
    );
  return [...roles].sort();
}
