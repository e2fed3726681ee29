import { claimAt, RoleClaimError, rolesFromClaims } from './role-claim';

describe('roles from a token claim', () => {
  it('walks a nested path, or takes a claim whose own name has dots', () => {
    expect(claimAt({ realm_access: { roles: ['a'] } }, 'realm_access.roles')).toEqual(['a']);
    expect(claimAt({ 'https://heron.example/roles': ['b'] }, 'https://heron.example/roles')).toEqual(['b']);
    expect(claimAt({ realm_access: 'x' }, 'realm_access.roles')).toBeUndefined();
  });

  it('maps provider values to Heron roles, and Heron role names to themselves', () => {
    const map = { 'heron-readers': 'reader', 'tumour-board': 'board' } as const;
    expect(rolesFromClaims({ groups: ['tumour-board', 'staff', 'heron-readers'] }, 'groups', map)).toEqual([
      'board',
      'reader',
    ]);
    expect(rolesFromClaims({ roles: 'admin other' }, 'roles', {})).toEqual(['admin']);
  });

  it('refuses a token without the claim, or with no value Heron knows, saying which claim', () => {
    expect(() => rolesFromClaims({ sub: 'x' }, 'realm_access.roles', {})).toThrow(RoleClaimError);
    expect(() => rolesFromClaims({ sub: 'x' }, 'realm_access.roles', {})).toThrow(/no 'realm_access.roles' claim/);
    expect(() => rolesFromClaims({ groups: ['staff'] }, 'groups', { 'heron-readers': 'reader' })).toThrow(
      /no Heron role/,
    );
  });
});
