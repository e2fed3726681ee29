import type { Me } from '@heron/server/contract';
import { withoutSignOff } from './AccountNote';

const me = (roles: Me['roles'], analyse: boolean, signOff: boolean): Me => ({
  login: 'x',
  displayName: 'Doe^Ann',
  roles,
  source: 'oidc',
  may: { openStudies: true, analyse, signOff, readReports: true, readBoard: true, readAuditLog: false },
});

describe('the account note', () => {
  it('says nothing to a reader, and tells a board member why the buttons are missing', () => {
    expect(withoutSignOff(me(['reader'], true, true))).toBeNull();
    expect(withoutSignOff(me(['board'], false, false))).toBe(
      'You are signed in with the board role: you can read the reports Heron stored in this study, but analysing a study and accepting or rejecting a report need the reader role.',
    );
    expect(withoutSignOff(me(['admin'], false, false))).toMatch(/^You are signed in with the admin role/);
  });
});
