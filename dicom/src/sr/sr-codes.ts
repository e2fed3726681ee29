/**
 * Concept codes of Heron's TID 1500 report (PS3.16 DCM and SCT codes; 99HER2AI where no standard code exists). The
 * classifier's own concepts (what its probability is of, its classes) come from the model's manifest.
 */
import { code, HERON_SCHEME } from '../core/codes';

const H = HERON_SCHEME.CodingSchemeDesignator;

export const SR = {
  report: code('126000', 'DCM', 'Imaging Measurement Report'),
  language: code('121049', 'DCM', 'Language of Content Item and Descendants'),
  englishUS: code('en-US', 'RFC5646', 'English (United States)'),
  observerType: code('121005', 'DCM', 'Observer Type'),
  device: code('121007', 'DCM', 'Device'),
  person: code('121006', 'DCM', 'Person'),
  personName: code('121008', 'DCM', 'Person Observer Name'),
  personLoginName: code('128774', 'DCM', "Person Observer's Login Name"),
  deviceUid: code('121012', 'DCM', 'Device Observer UID'),
  deviceName: code('121013', 'DCM', 'Device Observer Name'),
  deviceManufacturer: code('121014', 'DCM', 'Device Observer Manufacturer'),
  deviceModel: code('121015', 'DCM', 'Device Observer Model Name'),
  procedureReported: code('121058', 'DCM', 'Procedure reported'),
  // TID 1500 takes the procedure from CID 100, which has no breast MRI code; its MRI code is always true of the
  // studies Heron reads (the measurement groups' finding site says breast). A LOINC breast MRI code outside CID 100
  // is what PixelMed's DicomSRValidator refused.
  mri: code('25056-3', 'LN', 'MRI unspecified body region'),
  imageLibrary: code('111028', 'DCM', 'Image Library'),
  imagingMeasurements: code('126010', 'DCM', 'Imaging Measurements'),
  measurementGroup: code('125007', 'DCM', 'Measurement Group'),
  trackingId: code('112039', 'DCM', 'Tracking Identifier'),
  trackingUid: code('112040', 'DCM', 'Tracking Unique Identifier'),
  finding: code('121071', 'DCM', 'Finding'),
  findingSite: code('363698007', 'SCT', 'Finding Site'),
  laterality: code('272741003', 'SCT', 'Laterality'),
  referencedSegment: code('121191', 'DCM', 'Referenced Segment'),
  sourceSeries: code('121232', 'DCM', 'Source series for segmentation'),
  algorithmName: code('111001', 'DCM', 'Algorithm Name'),
  algorithmVersion: code('111003', 'DCM', 'Algorithm Version'),
  algorithmParameters: code('111002', 'DCM', 'Algorithm Parameters'),
  derivation: code('121401', 'DCM', 'Derivation'),
  question: code('QUESTION', H, 'Question answered'),
  condition: code('CONDITION', H, 'Asked on condition'),
  shapBase: code('SHAPBASE', H, 'SHAP base value'),
  shap: code('SHAP', H, 'SHAP value'),
  sourceSequence: code('SRCSEQ', H, 'Source sequence'),
  sourceRegion: code('SRCREGION', H, 'Source region'),
  imageTransformation: code('IMGTRANS', H, 'Image transformation'),
  clinicalInput: code('CLINICAL', H, 'Clinical input'),
};

/** A private code naming a sequence or region of a model input ('DCE2', 'peri3mm'), upper case as CS-like codes are. */
export function labelCode(label: string) {
  if (!/^[A-Za-z0-9_-]{1,16}$/.test(label))
    throw new Error(`'${label}' cannot be a code value (1-16 letters, digits, '-' or '_')`);
  return code(label.toUpperCase(), H, label);
}
