// Writes a phantom study as DICOM Part 10 files (one folder per series), the ground-truth mask as NRRD and the
// parameters as JSON.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { encodeNrrd } from '../nrrd';
import type { PhantomStudy } from '../phantom';
import { axisDirection, voxelToPatient } from '../volume';
import { DicomDict, DicomMetaDictionary } from '@heron/dicom/core';
import { CONTRAST, SCANNER, SEQUENCE_ATTRIBUTES } from './sequence-attributes';
import { planSeries, seriesWindow, type InstancePlan, type SeriesPlan, type SeriesRole } from './series-plan';
import { dicomTime, studyIdentity, type StudyIdentity, type WriteOptions } from './study-identity';
import { hashUid } from '@heron/dicom/core';
import { VENDOR_STYLES } from './vendor-style';
import { enhancedSeries } from './write-enhanced';

export type { WriteOptions } from './study-identity';

export interface WrittenSeries {
  seriesInstanceUID: string;
  seriesNumber: number;
  description: string;
  role: SeriesRole;
  files: string[];
}

export interface WrittenStudy {
  studyInstanceUID: string;
  /** Every file written: DICOM instances, the mask and the parameters. */
  files: string[];
  series: WrittenSeries[];
  maskFile: string;
  paramsFile: string;
}

const MR_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.4';
const EXPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2.1';
const IMPLEMENTATION_CLASS_UID = hashUid('heron-phantom', 'implementation');

/** A DS value short enough for the 16-character limit (0.1 µm is far below any voxel size). */
function ds(x: number): number {
  return Number(x.toFixed(4)) + 0;
}

function folderName(plan: SeriesPlan): string {
  const slug = plan.description.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_|_$/g, '');
  return `${String(plan.seriesNumber).padStart(2, '0')}_${slug}`;
}

function studyAttributes(id: StudyIdentity): Record<string, unknown> {
  return {
    SpecificCharacterSet: 'ISO_IR 100',
    PatientName: id.patientName,
    PatientID: id.patientId,
    PatientBirthDate: id.birthDate,
    PatientSex: 'F',
    PatientAge: id.age,
    StudyInstanceUID: id.studyInstanceUID,
    StudyDate: id.studyDate,
    StudyTime: dicomTime(id.studyStartS),
    StudyID: id.studyId,
    AccessionNumber: id.accessionNumber,
    ReferringPhysicianName: '',
    StudyDescription: 'MRI BREAST BILATERAL W WO CONTRAST',
    FrameOfReferenceUID: id.frameOfReferenceUID,
    PositionReferenceIndicator: '',
    ...SCANNER,
  };
}

function instanceDataset(
  plan: SeriesPlan,
  instance: InstancePlan,
  instanceNumber: number,
  seriesUid: string,
  sopUid: string,
  id: StudyIdentity,
  window: { center: number; width: number },
): Record<string, unknown> {
  const v = instance.volume;
  const k = instance.slice;
  const position = voxelToPatient(v, 0, 0, k);
  const row = axisDirection(v, 0);
  const column = axisDirection(v, 1);
  const normal = axisDirection(v, 2);
  const pixels = v.size[0] * v.size[1];
  const data = v.data.slice(k * pixels, (k + 1) * pixels);
  const sequence = SEQUENCE_ATTRIBUTES[plan.sequence];
  const acquired = dicomTime(instance.acquisitionS);
  const seriesTime = dicomTime(plan.instances[0].acquisitionS);
  return {
    SOPClassUID: MR_IMAGE_STORAGE,
    SOPInstanceUID: sopUid,
    ImageType: plan.imageType,
    InstanceCreationDate: id.studyDate,
    InstanceCreationTime: acquired,
    Modality: 'MR',
    SeriesInstanceUID: seriesUid,
    SeriesNumber: plan.seriesNumber,
    SeriesDescription: plan.description,
    SeriesDate: id.studyDate,
    SeriesTime: seriesTime,
    ProtocolName: 'BREAST BILATERAL DCE',
    BodyPartExamined: 'BREAST',
    PatientPosition: 'HFP',
    AcquisitionDate: id.studyDate,
    AcquisitionTime: acquired,
    ContentDate: id.studyDate,
    ContentTime: acquired,
    InstanceNumber: instanceNumber,
    AcquisitionNumber: 1,
    ImageLaterality: 'B',
    ...sequence,
    SliceThickness: ds(v.spacing[2]),
    SpacingBetweenSlices: ds(v.spacing[2]),
    AcquisitionMatrix: [0, v.size[0], v.size[1], 0],
    ImagePositionPatient: position.map(ds),
    ImageOrientationPatient: [...row, ...column].map(ds),
    SliceLocation: ds(position[0] * normal[0] + position[1] * normal[1] + position[2] * normal[2]),
    PixelSpacing: [ds(v.spacing[1]), ds(v.spacing[0])],
    SamplesPerPixel: 1,
    PhotometricInterpretation: 'MONOCHROME2',
    Rows: v.size[1],
    Columns: v.size[0],
    BitsAllocated: 16,
    BitsStored: 12,
    HighBit: 11,
    PixelRepresentation: 0,
    WindowCenter: window.center,
    WindowWidth: window.width,
    // ContrastBolusStartTime is when the injection started (PS3.3 C.7.6.4), the same on every post-contrast
    // image: kinetic analysis measures each phase's time after injection from it.
    ...(instance.contrastBolusStartS !== null
      ? { ...CONTRAST, ContrastBolusStartTime: dicomTime(instance.contrastBolusStartS) }
      : {}),
    ...instance.attributes,
    PixelData: [data.buffer],
    _vrMap: { PixelData: 'OW' },
  };
}

function part10(
  dataset: Record<string, unknown>,
  sopUid: string,
  privateElements: InstancePlan['privateElements'],
): Buffer {
  const meta = DicomMetaDictionary.denaturalizeDataset({
    FileMetaInformationVersion: new Uint8Array([0, 1]).buffer,
    MediaStorageSOPClassUID: MR_IMAGE_STORAGE,
    MediaStorageSOPInstanceUID: sopUid,
    TransferSyntaxUID: EXPLICIT_VR_LITTLE_ENDIAN,
    ImplementationClassUID: IMPLEMENTATION_CLASS_UID,
    ImplementationVersionName: 'HERON_PHANTOM_1',
  });
  const dict = new DicomDict(meta);
  dict.dict = { ...DicomMetaDictionary.denaturalizeDataset(dataset), ...privateElements };
  return Buffer.from(dict.write());
}

/** Writes the study under outDir; returns its UIDs and every file written. */
export async function writePhantomStudy(
  study: PhantomStudy,
  outDir: string,
  options: WriteOptions = {},
): Promise<WrittenStudy> {
  const vendor = options.vendor ?? 'siemens';
  if (!VENDOR_STYLES.includes(vendor))
    throw new Error(`vendor must be one of ${VENDOR_STYLES.join(', ')}, got '${vendor}'`);
  const id = studyIdentity(study, options);
  const common = studyAttributes(id);
  const plans = planSeries(study, vendor, id.studyStartS, options.triggerTime ?? false);
  const series: WrittenSeries[] = [];
  await mkdir(outDir, { recursive: true });

  for (const plan of plans) {
    const seriesUid = hashUid(id.uidKey, 'series', plan.seriesNumber, plan.description);
    const folder = join(outDir, folderName(plan));
    await mkdir(folder, { recursive: true });
    const window = seriesWindow([...new Set(plan.instances.map((i) => i.volume))]);
    const files: string[] = [];
    if (options.enhanced) {
      const sopUid = hashUid(id.uidKey, 'enhanced', plan.seriesNumber, plan.description);
      const file = join(folder, 'IM0001.dcm');
      await writeFile(file, enhancedSeries(plan, seriesUid, sopUid, id, common, window));
      files.push(file);
    }
    for (let n = 0; n < (options.enhanced ? 0 : plan.instances.length); n++) {
      const instance = plan.instances[n];
      const sopUid = hashUid(id.uidKey, 'instance', plan.seriesNumber, plan.description, n + 1);
      const dataset = { ...common, ...instanceDataset(plan, instance, n + 1, seriesUid, sopUid, id, window) };
      const file = join(folder, `IM${String(n + 1).padStart(4, '0')}.dcm`);
      await writeFile(file, part10(dataset, sopUid, instance.privateElements));
      files.push(file);
    }
    series.push({
      seriesInstanceUID: seriesUid,
      seriesNumber: plan.seriesNumber,
      description: plan.description,
      role: plan.role,
      files,
    });
  }

  const maskFile = join(outDir, 'mask.nrrd');
  await writeFile(maskFile, encodeNrrd(study.mask));
  const paramsFile = join(outDir, 'params.json');
  await writeFile(paramsFile, `${JSON.stringify(studyParameters(study, id, series), null, 2)}\n`);
  return {
    studyInstanceUID: id.studyInstanceUID,
    files: [...series.flatMap((s) => s.files), maskFile, paramsFile],
    series,
    maskFile,
    paramsFile,
  };
}

function studyParameters(study: PhantomStudy, id: StudyIdentity, series: WrittenSeries[]): Record<string, unknown> {
  let maskVoxels = 0;
  for (let i = 0; i < study.mask.data.length; i++) maskVoxels += study.mask.data[i];
  const voxelMl = (study.mask.spacing[0] * study.mask.spacing[1] * study.mask.spacing[2]) / 1000;
  return {
    generator: '@heron/phantom',
    seed: study.seed,
    her2: study.tumour.her2,
    size: study.size,
    cropMarginMm: study.cropMarginMm,
    dceLayout: study.dceLayout,
    patientId: id.patientId,
    studyInstanceUID: id.studyInstanceUID,
    // The drawn kinetics (curveType...) with the noise-free curve of the mask as written (see DesignedKinetics).
    tumour: { ...study.tumour, kinetics: { ...study.tumour.kinetics, designed: study.dce.designed } },
    tumourCentreLps: study.tumourCentre.map((c) => Number(c.toFixed(3))),
    maskVoxels,
    maskVolumeMl: Number((maskVoxels * voxelMl).toFixed(3)),
    anatomy: study.anatomy,
    dceTiming: study.dce.timing,
    series: series.map((s) => ({
      seriesNumber: s.seriesNumber,
      seriesInstanceUID: s.seriesInstanceUID,
      description: s.description,
      role: s.role,
      instances: s.files.length,
    })),
  };
}
