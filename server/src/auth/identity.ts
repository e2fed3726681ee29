/** What a signed-in person may be at Heron. Which routes each role opens is listed in route-roles.ts. */
export const ROLES = ['reader', 'board', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Who made a request, as authentication established it; put on `res.locals.identity` for every route. */
export interface Identity {
  /** The login: the local account name, or the provider's `preferred_username` (else `sub`). Recorded in the audit log. */
  login: string;
  /** The person's name in DICOM PN form ('Family^Given'), written as the Verifying Observer of a sign-off. */
  displayName: string;
  roles: Role[];
  source: 'local' | 'oidc';
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/**
 * A name as a DICOM PN value: at most five '^'-separated components (PS3.5 6.2), no backslash (the value separator)
 * or control characters, each component at most 64 characters. A plain login with no '^' becomes the family name.
 */
export function personName(name: string): string {
  const cleaned = name
    .replace(/[\\\u0000-\u001f\u007f]/g, ' ')
    .replace(/=/g, ' ')
    .trim();
  const parts = cleaned.split('^').map((p) => p.trim().slice(0, 64));
  while (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
  return parts.slice(0, 5).join('^') || 'Unknown';
}

/** A PN value from a provider's claims: family and given names when it gives them, else its display name. */
export function personNameFromClaims(claims: Record<string, unknown>, login: string): string {
  const family = typeof claims.family_name === 'string' ? claims.family_name : '';
  const given = typeof claims.given_name === 'string' ? claims.given_name : '';
  if (family || given) return personName(`${family.replace(/\^/g, ' ')}^${given.replace(/\^/g, ' ')}`);
  const name = typeof claims.name === 'string' ? claims.name.replace(/\^/g, ' ') : '';
  return personName(name || login);
}
