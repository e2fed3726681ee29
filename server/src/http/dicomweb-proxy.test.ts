import { upstreamPath } from './dicomweb-proxy';

describe('upstreamPath', () => {
  it('spells out comma-separated includefield lists as repeated parameters', () => {
    expect(upstreamPath('/dicom-web/studies?limit=101&includefield=00081030%2C00080060')).toBe(
      '/dicom-web/studies?limit=101&includefield=00081030&includefield=00080060',
    );
    expect(upstreamPath('/dicom-web/studies?includefield=00081030,00080060&PatientID=X')).toBe(
      '/dicom-web/studies?includefield=00081030&includefield=00080060&PatientID=X',
    );
  });

  it('leaves every other request untouched, byte for byte', () => {
    for (const url of ['/dicom-web/studies', '/dicom-web/studies?PatientName=DOE%5EJ*&includefield=00081030', '/wado?requestType=WADO&studyUID=1.2']) {
      expect(upstreamPath(url)).toBe(url);
    }
  });
});
