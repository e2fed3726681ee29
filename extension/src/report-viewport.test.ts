import { isHeronReport, reportDisplaySets, reportPageUrl, type SrInstance } from './report-viewport';

const heron: SrInstance = {
  SOPInstanceUID: '1.2.3.4',
  SOPClassUID: '1.2.840.10008.5.1.4.1.1.88.34',
  SeriesInstanceUID: '1.2.3',
  StudyInstanceUID: '1.2',
  Modality: 'SR',
  SeriesDescription: 'Heron report',
  Manufacturer: 'Heron project',
  ConceptNameCodeSequence: [{ CodeValue: '126000', CodingSchemeDesignator: 'DCM' }],
};

describe('the Heron SR handler', () => {
  it('takes Heron’s TID 1500 reports and leaves every other SR to OHIF', () => {
    expect(isHeronReport(heron)).toBe(true);
    // OHIF naturalizes a one-item sequence either as an array or as the item itself.
    expect(isHeronReport({ ...heron, ConceptNameCodeSequence: { CodeValue: '126000' } })).toBe(true);
    expect(isHeronReport({ ...heron, Manufacturer: 'Another vendor' })).toBe(false);
    expect(isHeronReport({ ...heron, ConceptNameCodeSequence: [{ CodeValue: '11528-7' }] })).toBe(false);
    expect(reportDisplaySets([{ ...heron, Manufacturer: 'Other' }], 'h', '/board')).toEqual([]);
  });

  it('makes one display set per report, pointing at the embedded board page', () => {
    const [ds] = reportDisplaySets([heron], 'handler-id', '/board/');
    expect(ds).toMatchObject({
      SOPClassHandlerId: 'handler-id',
      SOPInstanceUID: '1.2.3.4',
      StudyInstanceUID: '1.2',
      isDerivedDisplaySet: true,
      reportUrl: '/board/reports/1.2/1.2.3.4?embed=1',
    });
    expect(ds.displaySetInstanceUID).not.toBe(reportDisplaySets([heron], 'h', '/board')[0].displaySetInstanceUID);
    expect(reportPageUrl('/x', '1', '2')).toBe('/x/reports/1/2?embed=1');
  });
});
