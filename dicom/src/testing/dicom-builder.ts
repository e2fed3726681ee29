/**
 * Builds DICOM JSON test data compactly: attributes by PS3.6 keyword, private elements inside their creator
 * block, and whole MR series (slices x repeats) with real geometry. Test support only.
 */
import type { DicomJson } from '../core/dicom-json';
import type { SeriesInput } from '../roles/study-roles';

export type TagValue = string | number | (string | number)[] | { Alphabetic: string } | null;

const DICTIONARY: Record<string, [string, string]> = {
  ImageType: ['00080008', 'CS'],
  SOPClassUID: ['00080016', 'UI'],
  SOPInstanceUID: ['00080018', 'UI'],
  StudyDate: ['00080020', 'DA'],
  SeriesDate: ['00080021', 'DA'],
  AcquisitionDate: ['00080022', 'DA'],
  ContentDate: ['00080023', 'DA'],
  AcquisitionDateTime: ['0008002A', 'DT'],
  SeriesTime: ['00080031', 'TM'],
  AcquisitionTime: ['00080032', 'TM'],
  ContentTime: ['00080033', 'TM'],
  Modality: ['00080060', 'CS'],
  Manufacturer: ['00080070', 'LO'],
  SeriesDescription: ['0008103E', 'LO'],
  ManufacturerModelName: ['00081090', 'LO'],
  PatientName: ['00100010', 'PN'],
  PatientID: ['00100020', 'LO'],
  ContrastBolusAgent: ['00180010', 'LO'],
  ScanningSequence: ['00180020', 'CS'],
  SequenceVariant: ['00180021', 'CS'],
  ScanOptions: ['00180022', 'CS'],
  MRAcquisitionType: ['00180023', 'CS'],
  SequenceName: ['00180024', 'SH'],
  SliceThickness: ['00180050', 'DS'],
  RepetitionTime: ['00180080', 'DS'],
  EchoTime: ['00180081', 'DS'],
  InversionTime: ['00180082', 'DS'],
  MagneticFieldStrength: ['00180087', 'DS'],
  EchoTrainLength: ['00180091', 'IS'],
  SoftwareVersions: ['00181020', 'LO'],
  ProtocolName: ['00181030', 'LO'],
  TriggerTime: ['00181060', 'DS'],
  FlipAngle: ['00181314', 'DS'],
  PulseSequenceName: ['00189005', 'SH'],
  DiffusionBValue: ['00189087', 'FD'],
  StudyInstanceUID: ['0020000D', 'UI'],
  SeriesInstanceUID: ['0020000E', 'UI'],
  SeriesNumber: ['00200011', 'IS'],
  AcquisitionNumber: ['00200012', 'IS'],
  InstanceNumber: ['00200013', 'IS'],
  ImagePositionPatient: ['00200032', 'DS'],
  ImageOrientationPatient: ['00200037', 'DS'],
  TemporalPositionIdentifier: ['00200100', 'IS'],
  NumberOfTemporalPositions: ['00200105', 'IS'],
  SliceLocation: ['00201041', 'DS'],
  NumberOfFrames: ['00280008', 'IS'],
  Rows: ['00280010', 'US'],
  Columns: ['00280011', 'US'],
  PixelSpacing: ['00280030', 'DS'],
};

/** A data set from keyword -> value (null = present but empty, as DICOM JSON writes it: no Value key). */
export function dataset(tags: Record<string, TagValue>, ...fragments: DicomJson[]): DicomJson {
  const ds: DicomJson = {};
  for (const [keyword, value] of Object.entries(tags)) {
    const entry = DICTIONARY[keyword];
    if (!entry) throw new Error(`dicom-builder: no dictionary entry for '${keyword}'`);
    const [tag, vr] = entry;
    ds[tag] = value === null ? { vr } : { vr, Value: Array.isArray(value) ? value : [value] };
  }
  return Object.assign(ds, ...fragments);
}

function blockKeys(group: string, block: number, element: string): [string, string] {
  const xx = block.toString(16).toUpperCase().padStart(2, '0');
  return [`${group}00${xx}`, `${group}${xx}${element.toUpperCase()}`];
}

/** A private element with its creator element, in block `block` (0x10 unless the test moves it). */
export function privateElement(
  group: string,
  creator: string,
  element: string,
  vr: string,
  value: TagValue,
  block = 0x10,
): DicomJson {
  const [creatorKey, key] = blockKeys(group, block, element);
  return {
    [creatorKey]: { vr: 'LO', Value: [creator] },
    [key]: value === null ? { vr } : { vr, Value: Array.isArray(value) ? value : [value] },
  };
}

/** A private element as Orthanc sends it without a private dictionary: UN with the raw bytes in base64. */
export function unknownPrivateElement(
  group: string,
  creator: string,
  element: string,
  bytes: Uint8Array,
  block = 0x10,
): DicomJson {
  const [creatorKey, key] = blockKeys(group, block, element);
  return {
    [creatorKey]: { vr: 'LO', Value: [creator] },
    [key]: { vr: 'UN', InlineBinary: btoa(String.fromCharCode(...bytes)) },
  };
}

/** "HHMMSS.FFFFFF" from hours, minutes and (fractional) seconds. */
export function tm(h: number, m: number, s: number): string {
  const whole = Math.floor(s);
  const frac = Math.round((s - whole) * 1e6);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(h)}${pad(m)}${pad(whole)}.${pad(frac, 6)}`;
}

/** "HHMMSS.FFFFFF" a number of seconds after h:m:s, wrapping at midnight as a scanner clock does. */
export function tmAfter(h: number, m: number, s: number, seconds: number): string {
  const t = (((h * 3600 + m * 60 + s + seconds) % 86400) + 86400) % 86400;
  return tm(Math.floor(t / 3600), Math.floor((t % 3600) / 60), t % 60);
}

export type Orientation = 'axial' | 'sagittal' | 'oblique';

/** Row and column direction cosines (ImageOrientationPatient, LPS). */
const ORIENTATIONS: Record<Orientation, number[]> = {
  axial: [1, 0, 0, 0, 1, 0],
  sagittal: [0, 1, 0, 0, 0, -1],
  // 20 degrees about the patient's left-right axis, as a tilted axial breast slab.
  oblique: [1, 0, 0, 0, Math.cos(Math.PI / 9), -Math.sin(Math.PI / 9)],
};

export interface ImageExtras {
  tags?: Record<string, TagValue>;
  extra?: DicomJson;
}

export interface SeriesSpec {
  uid: string;
  tags: Record<string, TagValue>;
  extra?: DicomJson;
  slices: number;
  /** Images per slice position: phases of a dynamic series, b-values of a diffusion series. */
  repeats?: number;
  orientation?: Orientation;
  spacing?: number;
  /** Per-image attributes: slice is the spatial index (0 = lowest along the normal), repeat the time/b index. */
  image?: (slice: number, repeat: number) => ImageExtras;
}

function normal(iop: number[]): number[] {
  const [rx, ry, rz, cx, cy, cz] = iop;
  return [ry * cz - rz * cy, rz * cx - rx * cz, rx * cy - ry * cx];
}

/**
 * An MR series with realistic geometry. Slices are acquired interleaved (odd then even) and the returned
 * instance list is in neither spatial nor InstanceNumber order, as WADO-RS returns them, so every test
 * exercises the slice sorting.
 */
export function mrSeries(spec: SeriesSpec): SeriesInput {
  const iop = ORIENTATIONS[spec.orientation ?? 'axial'];
  const n = normal(iop);
  const spacing = spec.spacing ?? 3;
  const origin = [-170.5, -120.25, -40];
  const acquisitionOrder = [...Array(spec.slices).keys()].sort((a, b) => (a % 2) - (b % 2) || a - b).reverse();
  const instances: DicomJson[] = [];
  for (let r = 0; r < (spec.repeats ?? 1); r++) {
    acquisitionOrder.forEach((s, k) => {
      const ipp = origin.map((o, i) => Number((o + n[i] * s * spacing).toFixed(4)));
      const number = r * spec.slices + k + 1;
      const extras = spec.image?.(s, r) ?? {};
      instances.push(
        dataset(
          {
            SOPInstanceUID: `${spec.uid}.${r + 1}.${s + 1}`,
            SeriesInstanceUID: spec.uid,
            InstanceNumber: number,
            ImagePositionPatient: ipp,
            ImageOrientationPatient: iop,
            SliceLocation: Number((ipp[0] * n[0] + ipp[1] * n[1] + ipp[2] * n[2]).toFixed(4)),
            Rows: 320,
            Columns: 320,
            PixelSpacing: [1.1, 1.1],
            SliceThickness: spacing,
            ...spec.tags,
            ...extras.tags,
          },
          spec.extra ?? {},
          extras.extra ?? {},
        ),
      );
    });
  }
  // A fixed shuffle: every third image to the front, then the rest reversed.
  const shuffled = [...instances.filter((_, i) => i % 3 === 0), ...instances.filter((_, i) => i % 3 !== 0).reverse()];
  return { seriesInstanceUID: spec.uid, instances: shuffled };
}

/** The SOP Instance UIDs mrSeries gives one repeat, in spatial order (lowest along the slice normal first). */
export function expectedUids(uid: string, repeat: number, slices: number): string[] {
  return [...Array(slices).keys()].map((s) => `${uid}.${repeat + 1}.${s + 1}`);
}
