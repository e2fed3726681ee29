import { proxyDecision } from './proxy-policy';

const S = '1.2.826.0.1.3680043.8.498.1';
const SE = '1.2.826.0.1.3680043.8.498.2';
const I = '1.2.826.0.1.3680043.8.498.3';

describe('proxyDecision', () => {
  it('rebuilds the reads the viewer makes, spelling out includefield lists', () => {
    expect(proxyDecision('GET', '/dicom-web/studies?limit=101&includefield=00081030%2C00080060')).toEqual({
      allowed: true,
      kind: 'read',
      path: '/dicom-web/studies?limit=101&includefield=00081030&includefield=00080060',
    });
    for (const url of [
      '/dicom-web/studies?PatientName=DOE%5EJ*&includefield=00081030',
      `/dicom-web/studies/${S}/series`,
      `/dicom-web/studies/${S}/series/${SE}/metadata`,
      `/dicom-web/studies/${S}/series/${SE}/instances/${I}/frames/1,2,3`,
      `/dicom-web/studies/${S}/series/${SE}/instances/${I}/bulk/7fe00010`,
      `/wado?requestType=WADO&studyUID=${S}&seriesUID=${SE}&objectUID=${I}`,
    ]) {
      expect(proxyDecision('GET', url)).toMatchObject({ allowed: true, kind: 'read', path: url });
    }
    expect(proxyDecision('HEAD', `/dicom-web/studies/${S}/metadata`)).toMatchObject({ allowed: true });
  });

  it('refuses every way out of /dicom-web: dot segments, encoded separators, double encoding, double slashes, case', () => {
    for (const url of [
      '/dicom-web/../system',
      '/dicom-web/./studies',
      '/dicom-web/%2e%2e/system',
      '/dicom-web/%2E%2E/system',
      '/dicom-web/..%2fsystem',
      '/dicom-web/..%5csystem',
      '/dicom-web/studies%2f..%2f..%2fsystem',
      '/dicom-web/%252e%252e/system',
      '/dicom-web//studies',
      '/wado/../system',
      '/DICOM-WEB/../system',
      '/DICOM-WEB/studies',
      '/dicom-web/studies/1.2..3',
      '/dicom-web/studies/%00',
      '/dicom-web/studies/%zz',
      '/dicom-web/instances/abc/modify',
      '/dicom-web/tools/shutdown',
      '/wado?requestType=WADO%2500',
    ]) {
      const d = proxyDecision('GET', url);
      expect({ url, allowed: d.allowed }).toEqual({ url, allowed: false });
    }
  });

  it('answers a wrong method with 405 and what is allowed', () => {
    for (const method of ['DELETE', 'PUT', 'PATCH']) {
      expect(proxyDecision(method, `/dicom-web/studies/${S}`)).toMatchObject({
        allowed: false,
        status: 405,
        allow: 'GET, HEAD, POST',
      });
    }
    expect(proxyDecision('POST', `/dicom-web/studies/${S}/series`)).toMatchObject({
      allowed: false,
      status: 405,
      allow: 'GET, HEAD',
    });
  });

  it('lets a STOW through only to /studies, to be checked object by object', () => {
    expect(proxyDecision('POST', '/dicom-web/studies')).toEqual({
      allowed: true,
      kind: 'store',
      path: '/dicom-web/studies',
    });
    expect(proxyDecision('POST', `/dicom-web/studies/${S}`)).toEqual({
      allowed: true,
      kind: 'store',
      path: `/dicom-web/studies/${S}`,
      study: S,
    });
  });

  it('refuses query strings no viewer sends', () => {
    expect(
      proxyDecision('GET', '/dicom-web/studies?' + Array.from({ length: 100 }, (_, i) => `a${i}=1`).join('&')),
    ).toMatchObject({ allowed: false, status: 400 });
    expect(proxyDecision('GET', '/dicom-web/studies?a%20b=1')).toMatchObject({ allowed: false, status: 400 });
    expect(proxyDecision('GET', '/dicom-web/studies?x=' + 'a'.repeat(9000))).toMatchObject({
      allowed: false,
      status: 414,
    });
    expect(proxyDecision('GET', '/wado?studyUID=1.2')).toMatchObject({ allowed: false, status: 400 });
  });
});
