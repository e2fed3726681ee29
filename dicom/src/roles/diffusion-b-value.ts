import { type DicomJson, numberOf, privateNumbers, text, texts } from '../core/dicom-json';
import { Tag } from '../core/dicom-tags';

/** Where a b-value was read from, in words a PACS administrator can look up. */
export type BValueSource =
  | 'DiffusionBValue (0018,9087)'
  | 'Siemens B_value (0019,xx0C)'
  | 'GE Slop_int_6 (0043,xx39)'
  | 'Philips DiffusionBValue (2001,xx03)'
  | 'Siemens sequence name';

export interface BValueReading {
  /** s/mm², rounded to an integer (scanners prescribe integer b-values; Philips stores them as floats). */
  bValue: number;
  source: BValueSource;
  /**
   * Whether the reading by itself proves a diffusion-weighted image. A b-value of 0 in a tag that the
   * vendor writes into every image (Philips writes (2001,xx03) = 0 into a T2 TSE) proves nothing.
   */
  definite: boolean;
}

/** Siemens "SIEMENS MR HEADER" B_value, IS (syngo MR conformance statements; dcm2niix reads the same). */
const SIEMENS = { group: '0019', creator: 'SIEMENS MR HEADER', element: '0C' };
/** GE "GEMS_PARM_01" Slop_int_6..9, IS VM 4, first value the b-value (GE MR conformance statements). */
const GE = { group: '0043', creator: 'GEMS_PARM_01', element: '39' };
/** Philips "Philips Imaging DD 001" DiffusionBValue, FL (Philips MR conformance statements). */
const PHILIPS = { group: '2001', creator: 'Philips Imaging DD 001', element: '03' };

/**
 * GE adds BIAS_FOR_BVALUE = 1,000,000,000 to the b-value in (0043,xx39) of multi-b-value and synthetic-b
 * DWI (not in (0018,9087), not in DTI), and older Signa Excite software did the same: "1000001000\8\0\0"
 * means b = 1000 (rordenlab/dcm2niix issues #149 and #602, the latter by a GE engineer who proposed
 * modulo 1e9 so that b-values >= 10,000 survive).
 */
const GE_B_VALUE_BIAS = 1_000_000_000;

/** Siemens names diffusion sequences "*ep_b800t" (trace), "ep_b0", "*ep_b1000#1" (direction 1), RESOLVE "*re_b800t". */
const SIEMENS_DIFFUSION_SEQUENCE_NAME = /^\*?(?:ep|re)_b(\d+)/;

function isEpi(ds: DicomJson): boolean {
  return texts(ds, Tag.ScanningSequence).some((s) => s.toUpperCase() === 'EP');
}

function reading(bValue: number, source: BValueSource, presenceProvesDiffusion: boolean): BValueReading {
  const b = Math.round(bValue);
  return { bValue: b, source, definite: presenceProvesDiffusion || b > 0 };
}

/**
 * The b-value of one image: the standard DiffusionBValue first, then the vendors' private tags (found
 * through their private creator blocks, not fixed tags), then the Siemens sequence name, which survives
 * anonymisers that strip private groups. Undefined when no source has one.
 */
export function readBValue(ds: DicomJson): BValueReading | undefined {
  const standard = numberOf(ds, Tag.DiffusionBValue);
  if (standard !== undefined && standard >= 0) return reading(standard, 'DiffusionBValue (0018,9087)', false);

  // Siemens writes B_value only into diffusion images, so its presence alone (even b = 0) proves diffusion.
  const siemens = privateNumbers(ds, SIEMENS, 'text')[0];
  if (siemens !== undefined && siemens >= 0) return reading(siemens, 'Siemens B_value (0019,xx0C)', true);

  // GE fills Slop_int_6..9 for every pulse sequence with sequence-specific integers (a T2 FSE may carry
  // "0\2097184\0\0"); only in echo-planar diffusion images is the first value a b-value.
  const ge = privateNumbers(ds, GE, 'text')[0];
  if (ge !== undefined && ge >= 0 && isEpi(ds))
    return reading(ge % GE_B_VALUE_BIAS, 'GE Slop_int_6 (0043,xx39)', false);

  const philips = privateNumbers(ds, PHILIPS, 'float32')[0];
  if (philips !== undefined && philips >= 0) return reading(philips, 'Philips DiffusionBValue (2001,xx03)', false);

  const name = SIEMENS_DIFFUSION_SEQUENCE_NAME.exec(text(ds, Tag.SequenceName) ?? '');
  if (name) return reading(Number(name[1]), 'Siemens sequence name', true);
  return undefined;
}

export interface BValueGroup {
  bValue: number;
  instances: DicomJson[];
}

/**
 * Splits the images of one diffusion series by b-value, ascending. A series holding b = 0, 50 and 800 yields
 * three groups; viewers that take only the first group silently drop the others (OHIF #5876).
 */
export function groupByBValue(instances: DicomJson[]): { groups: BValueGroup[]; withoutBValue: DicomJson[] } {
  const byB = new Map<number, DicomJson[]>();
  const withoutBValue: DicomJson[] = [];
  for (const ds of instances) {
    const r = readBValue(ds);
    if (!r) {
      withoutBValue.push(ds);
      continue;
    }
    const list = byB.get(r.bValue) ?? [];
    list.push(ds);
    byB.set(r.bValue, list);
  }
  const groups = [...byB.entries()].sort((a, b) => a[0] - b[0]).map(([bValue, list]) => ({ bValue, instances: list }));
  return { groups, withoutBValue };
}
