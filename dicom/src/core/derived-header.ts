/**
 * The attributes every object Heron derives from a study copies from the source images: Patient and General
 * Study modules (PS3.3 C.7.1.1, C.7.2.1), so the SEG, SR and PDF file into the same patient and study.
 */
import { type DicomJson, text } from './dicom-json';
import { DicomMetaDictionary } from './dcmjs';

const PATIENT_AND_STUDY = [
  'PatientName',
  'PatientID',
  'PatientBirthDate',
  'PatientSex',
  'StudyInstanceUID',
  'StudyDate',
  'StudyTime',
  'ReferringPhysicianName',
  'StudyID',
  'AccessionNumber',
  'StudyDescription',
] as const;

/** Type 2 attributes are written empty when the source lacks them (PS3.5 7.4.6). */
export function patientAndStudy(source: DicomJson): Record<string, unknown> {
  const natural = DicomMetaDictionary.naturalizeDataset(source) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of PATIENT_AND_STUDY) {
    const v = natural[key];
    if (v !== undefined && v !== null && v !== '') out[key] = v;
    else if (key !== 'StudyDescription') out[key] = '';
  }
  if (!text(source, '0020000D')) throw new Error('The source images have no StudyInstanceUID (0020,000D)');
  return out;
}

/** The device that wrote an object: General and Enhanced General Equipment modules (PS3.3 C.7.5.1, C.7.5.2). */
export interface DeviceIdentity {
  manufacturer: string;
  modelName: string;
  softwareVersion: string;
  serialNumber: string;
}

export function equipment(device: DeviceIdentity): Record<string, unknown> {
  for (const [k, v] of Object.entries(device))
    if (!v || !String(v).trim()) throw new Error(`device.${k} must not be empty`);
  return {
    Manufacturer: device.manufacturer,
    ManufacturerModelName: device.modelName,
    SoftwareVersions: device.softwareVersion,
    DeviceSerialNumber: device.serialNumber,
  };
}
