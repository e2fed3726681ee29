// A structured report from another tool (a Basic Text SR, PS3.3 A.35.1) for the tests of what Heron does with SRs
// it did not write: list them as such, never crash on them.
import { datasetToDict, type DicomJson, newUid, patientAndStudy } from '@heron/dicom/core';
import type { WrittenObject } from '@heron/dicom/seg';

const BASIC_TEXT_SR = '1.2.840.10008.5.1.4.1.1.88.11';

export function foreignSr(reference: DicomJson): WrittenObject {
  const study = patientAndStudy(reference);
  const sopInstanceUID = newUid();
  const seriesInstanceUID = newUid();
  const dataset = {
    _meta: { TransferSyntaxUID: { Value: ['1.2.840.10008.1.2.1'], vr: 'UI' } },
    SpecificCharacterSet: 'ISO_IR 192',
    SOPClassUID: BASIC_TEXT_SR,
    SOPInstanceUID: sopInstanceUID,
    ...study,
    Modality: 'SR',
    SeriesInstanceUID: seriesInstanceUID,
    SeriesNumber: 77,
    SeriesDescription: 'Dictated report',
    Manufacturer: 'Another vendor',
    InstanceNumber: 1,
    ContentDate: '20260101',
    ContentTime: '120000',
    ValueType: 'CONTAINER',
    ConceptNameCodeSequence: [{ CodeValue: '11528-7', CodingSchemeDesignator: 'LN', CodeMeaning: 'Radiology Report' }],
    ContinuityOfContent: 'SEPARATE',
    CompletionFlag: 'COMPLETE',
    VerificationFlag: 'UNVERIFIED',
    ContentTemplateSequence: [],
    ContentSequence: [
      {
        RelationshipType: 'CONTAINS',
        ValueType: 'TEXT',
        ConceptNameCodeSequence: [{ CodeValue: '121071', CodingSchemeDesignator: 'DCM', CodeMeaning: 'Finding' }],
        TextValue: 'Irregular enhancing mass, left breast.',
      },
    ],
  };
  return {
    bytes: datasetToDict(dataset).write(),
    sopClassUID: BASIC_TEXT_SR,
    sopInstanceUID,
    seriesInstanceUID,
    studyInstanceUID: String(study.StudyInstanceUID),
  };
}
