// What differs between scanner families in the files they write: series descriptions and the private elements
// that carry the diffusion b-value. The Manufacturer element always says "Heron": we imitate conventions,
// never a vendor's identity.
import type { DicomJson } from '@heron/dicom/core';

export type VendorStyle = 'siemens' | 'ge' | 'philips';
export const VENDOR_STYLES: VendorStyle[] = ['siemens', 'ge', 'philips'];

export interface SeriesDescriptions {
  t2: string;
  dwi: string;
  adc: string;
  /** Description of the single dynamic series. */
  dynamic: string;
  /** Description of one phase when each phase is its own series (0 = pre-contrast). */
  phase(index: number): string;
}

export const SERIES_DESCRIPTIONS: Record<VendorStyle, SeriesDescriptions> = {
  siemens: {
    t2: 't2_tse_fs_tra',
    dwi: 'ep2d_diff_b0_800_tra',
    adc: 'ep2d_diff_b0_800_tra_ADC',
    dynamic: 't1_fl3d_fs_dyn_tra',
    phase: (i) => `t1_fl3d_fs_dyn_tra_${i === 0 ? 'pre' : `post${i}`}`,
  },
  ge: {
    t2: 'Ax T2 FSE FS',
    dwi: 'Ax DWI b0 800',
    adc: 'Apparent Diffusion Coefficient (mm2/s)',
    dynamic: 'Ax 3D T1 FS DYN MPh',
    phase: (i) => `Ax 3D T1 FS DYN ${i === 0 ? 'pre' : `ph${i}`}`,
  },
  philips: {
    t2: 'T2W_TSE_SPAIR',
    dwi: 'DWI_b0_800',
    adc: 'dADC_DWI_b0_800',
    dynamic: 'T1_FFE_FS_dyn',
    phase: (i) => `T1_FFE_FS_dyn_${i === 0 ? 'pre' : `ph${i}`}`,
  },
};

/**
 * The vendor-style private element holding the b-value, with its private creator:
 * - Siemens: (0019,100C) IS in block "SIEMENS MR HEADER";
 * - GE: (0043,1039) IS, four values, the first b + 10^9 (the 10^9 flags a b-value in GE's slop integers);
 * - Philips: (2001,1003) FL in block "Philips Imaging DD 001".
 */
export function privateBValue(style: VendorStyle, b: number): DicomJson {
  switch (style) {
    case 'siemens':
      return { '00190010': { vr: 'LO', Value: ['SIEMENS MR HEADER'] }, '0019100C': { vr: 'IS', Value: [b] } };
    case 'ge':
      return { '00430010': { vr: 'LO', Value: ['GEMS_PARM_01'] }, '00431039': { vr: 'IS', Value: [1e9 + b, 0, 0, 0] } };
    case 'philips':
      return { '20010010': { vr: 'LO', Value: ['Philips Imaging DD 001'] }, '20011003': { vr: 'FL', Value: [b] } };
  }
}
