import { openApiDocument } from '../http/api/openapi';
import { allowedBy, API_CATCH_ALL, capabilities, ruleFor } from './route-roles';

const may = (roles: Parameters<typeof allowedBy>[1], method: string, path: string) =>
  allowedBy(ruleFor(method, path), roles);

describe('route roles', () => {
  it('gives every route of the API its own rule (none falls to the catch-all)', () => {
    const paths = openApiDocument('test').paths as Record<string, Record<string, unknown>>;
    for (const [template, ops] of Object.entries(paths)) {
      const path = template.replace(/\{[^}]+\}/g, '1.2.3');
      for (const method of Object.keys(ops)) {
        const rule = ruleFor(method, path);
        expect({ route: `${method} ${template}`, catchAll: rule === API_CATCH_ALL }).toEqual({
          route: `${method} ${template}`,
          catchAll: false,
        });
      }
    }
  });

  it('lets readers analyse and sign, board members read, administrators administer', () => {
    expect(may(['reader'], 'POST', '/api/analyses')).toBe(true);
    expect(may(['board'], 'POST', '/api/analyses')).toBe(false);
    expect(may(['admin'], 'POST', '/api/analyses')).toBe(false);
    for (const d of ['accept', 'reject', 'amend']) {
      expect(may(['reader'], 'POST', `/api/results/1.2/${d}`)).toBe(true);
      expect(may(['board', 'admin'], 'POST', `/api/results/1.2/${d}`)).toBe(false);
    }
    expect(may(['board'], 'GET', '/api/studies/1.2/results')).toBe(true);
    expect(may(['board'], 'GET', '/dicom-web/studies/1.2/series')).toBe(true);
    expect(may(['board'], 'POST', '/dicom-web/studies/1.2')).toBe(false);
    expect(may(['admin'], 'GET', '/dicom-web/studies')).toBe(false);
    expect(may(['admin'], 'GET', '/api/audit')).toBe(true);
    expect(may(['reader', 'board'], 'GET', '/api/audit')).toBe(false);
    expect(may(['board'], 'GET', '/board')).toBe(true);
    expect(may([], 'GET', '/api/me')).toBe(true);
  });

  it('sees paths as Express routes them: any case, a trailing slash', () => {
    expect(may(['board'], 'POST', '/API/Analyses/')).toBe(false);
    expect(may(['board'], 'GET', '/Api/analyses/abc')).toBe(false);
    expect(may(['board'], 'GET', '/API/AUDIT')).toBe(false);
    expect(may(['board'], 'PUT', '/DICOM-WEB/studies')).toBe(false);
  });

  it('says what each role may do, for the panel', () => {
    expect(capabilities(['board'])).toEqual({
      openStudies: true,
      analyse: false,
      signOff: false,
      readReports: true,
      readBoard: true,
      readAuditLog: false,
    });
    expect(capabilities(['admin'])).toMatchObject({ openStudies: false, analyse: false, readAuditLog: true });
    expect(capabilities(['reader'])).toMatchObject({ analyse: true, signOff: true, readAuditLog: false });
  });
});
