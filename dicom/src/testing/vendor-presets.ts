/**
 * Header values in the style of what Siemens (syngo MR E11), GE (SIGNA, DV/RX 2x) and Philips (Ingenia R5)
 * scanners write for breast MRI sequences: sequence names, scanning sequence/variant/options, image types,
 * timing and the vendors' private diffusion and pulse-sequence tags inside their creator blocks. Values are
 * typical, not copied from any one patient file.
 */
import type { DicomJson } from '../core/dicom-json';
import { privateElement, type TagValue } from './dicom-builder';

type Tags = Record<string, TagValue>;

export const MR_IMAGE = '1.2.840.10008.5.1.4.1.1.4';

const STUDY: Tags = {
  Modality: 'MR',
  SOPClassUID: MR_IMAGE,
  StudyInstanceUID: '1.2.826.0.1.3680043.10.1453.1.20240315',
  StudyDate: '20240315',
  PatientName: { Alphabetic: 'HERON^PHANTOM' },
  PatientID: 'HERON-0001',
};

// ---------------------------------------------------------------- Siemens

export const SIEMENS: Tags = {
  ...STUDY,
  Manufacturer: 'SIEMENS',
  ManufacturerModelName: 'MAGNETOM Skyra',
  SoftwareVersions: 'syngo MR E11',
  MagneticFieldStrength: 3,
};

/** 3D spoiled gradient echo (FLASH / VIBE), the dynamic T1. */
export const SIEMENS_DYN: Tags = {
  ...SIEMENS,
  ImageType: ['ORIGINAL', 'PRIMARY', 'M', 'ND', 'NORM'],
  SeriesDescription: 't1_fl3d_tra_dyn',
  ProtocolName: 't1_fl3d_tra_dyn',
  ScanningSequence: 'GR',
  SequenceVariant: ['SP', 'OSP'],
  ScanOptions: ['PFP', 'FS'],
  MRAcquisitionType: '3D',
  SequenceName: '*fl3d1',
  RepetitionTime: '4.53',
  EchoTime: '1.69',
  FlipAngle: '10',
  EchoTrainLength: '1',
};

/** The non-fat-saturated T1 in the same slab: a single volume, not part of the dynamic. */
export const SIEMENS_T1_NONFS: Tags = {
  ...SIEMENS_DYN,
  SeriesDescription: 't1_fl3d_tra_nonFS',
  ProtocolName: 't1_fl3d_tra_nonFS',
  ScanOptions: 'PFP',
  RepetitionTime: '5.8',
  EchoTime: '2.46',
  FlipAngle: '20',
};

export const SIEMENS_T2_TSE: Tags = {
  ...SIEMENS,
  ImageType: ['ORIGINAL', 'PRIMARY', 'M', 'ND', 'NORM'],
  SeriesDescription: 't2_tse_tra',
  ProtocolName: 't2_tse_tra',
  ScanningSequence: 'SE',
  SequenceVariant: ['SK', 'SP', 'OSP'],
  ScanOptions: ['PFP', 'SAT1'],
  MRAcquisitionType: '2D',
  SequenceName: '*tse2d1_17',
  RepetitionTime: '4800',
  EchoTime: '102',
  FlipAngle: '150',
  EchoTrainLength: '17',
};

export const SIEMENS_TIRM: Tags = {
  ...SIEMENS_T2_TSE,
  SeriesDescription: 't2_tirm_tra',
  ProtocolName: 't2_tirm_tra',
  ScanningSequence: ['SE', 'IR'],
  SequenceVariant: ['SK', 'SP', 'MP', 'OSP'],
  ScanOptions: ['IR', 'PFP'],
  SequenceName: '*tir2d1_15',
  RepetitionTime: '5000',
  EchoTime: '61',
  InversionTime: '230',
  EchoTrainLength: '15',
};

export const SIEMENS_DWI: Tags = {
  ...SIEMENS,
  SeriesDescription: 'ep2d_diff_tra_b50_800',
  ProtocolName: 'ep2d_diff_tra',
  ScanningSequence: 'EP',
  SequenceVariant: ['SK', 'SP'],
  ScanOptions: ['PFP', 'FS'],
  MRAcquisitionType: '2D',
  RepetitionTime: '5600',
  EchoTime: '58',
  FlipAngle: '90',
};

/** Per-image tags of a Siemens trace-weighted image: "*ep_b800t" names the trace, "*ep_b0" the b = 0 image. */
export function siemensDiffusionImage(b: number): Tags {
  return {
    ImageType:
      b === 0
        ? ['ORIGINAL', 'PRIMARY', 'DIFFUSION', 'NONE', 'ND', 'NORM']
        : ['DERIVED', 'PRIMARY', 'DIFFUSION', 'TRACEW', 'ND', 'NORM'],
    SequenceName: b === 0 ? '*ep_b0' : `*ep_b${b}t`,
  };
}

/** (0019,xx0C) B_value in the "SIEMENS MR HEADER" block. */
export function siemensBValue(b: number | string, block = 0x10): DicomJson {
  return privateElement('0019', 'SIEMENS MR HEADER', '0C', 'IS', b, block);
}

export const SIEMENS_ADC: Tags = {
  ...SIEMENS_DWI,
  ImageType: ['DERIVED', 'PRIMARY', 'DIFFUSION', 'ADC', 'ND', 'NORM'],
  SeriesDescription: 'ep2d_diff_tra_b50_800_ADC',
  SequenceName: '*ep_b50_800',
};

export const SIEMENS_SUB: Tags = {
  ...SIEMENS_DYN,
  ImageType: ['DERIVED', 'PRIMARY', 'M', 'ND', 'NORM', 'SUB'],
  SeriesDescription: 't1_fl3d_tra_dyn_SUB',
};

export const SIEMENS_MIP: Tags = {
  ...SIEMENS_DYN,
  ImageType: ['DERIVED', 'PRIMARY', 'MIP_TRA', 'ND', 'NORM', 'SUB'],
  SeriesDescription: 't1_fl3d_tra_dyn_SUB_MIP_TRA',
};

export const SIEMENS_MPR: Tags = {
  ...SIEMENS_DYN,
  ImageType: ['DERIVED', 'PRIMARY', 'MPR', 'ND', 'NORM'],
  SeriesDescription: 't1_fl3d_tra_dyn_MPR_SAG',
};

// ---------------------------------------------------------------- GE

export const GE: Tags = {
  ...STUDY,
  Manufacturer: 'GE MEDICAL SYSTEMS',
  ManufacturerModelName: 'SIGNA Architect',
  SoftwareVersions: ['27', 'LX', 'MR Software release:RX27.0_R02_1831.a'],
  MagneticFieldStrength: 3,
};

/** (0019,xx9C) PulseSeqName and (0019,xx9E) InternalPulseSequenceName in the "GEMS_ACQU_01" block. */
export function gePulseSequence(name: string, block = 0x10): DicomJson {
  return {
    ...privateElement('0019', 'GEMS_ACQU_01', '9C', 'LO', name, block),
    ...privateElement('0019', 'GEMS_ACQU_01', '9E', 'LO', name.toUpperCase(), block),
  };
}

/** (0043,xx39) Slop_int_6..9 in the "GEMS_PARM_01" block; GE writes it into every image, not only DWI. */
export function geSlopInt(values: (number | string)[], block = 0x10): DicomJson {
  return privateElement('0043', 'GEMS_PARM_01', '39', 'IS', values, block);
}

/** VIBRANT: GE's fat-suppressed 3D fast spoiled gradient echo for breast DCE. */
export const GE_VIBRANT: Tags = {
  ...GE,
  ImageType: ['ORIGINAL', 'PRIMARY', 'OTHER'],
  SeriesDescription: 'Ax Vibrant MultiPhase',
  ProtocolName: 'BREAST DCE',
  ScanningSequence: 'GR',
  SequenceVariant: ['SS', 'SK'],
  ScanOptions: ['FAST_GEMS', 'ACC_GEMS', 'MP_GEMS', 'FS'],
  MRAcquisitionType: '3D',
  SequenceName: 'efgre3d',
  RepetitionTime: 4.944,
  EchoTime: 2.116,
  FlipAngle: 12,
};

export const GE_T2_FSE: Tags = {
  ...GE,
  ImageType: ['ORIGINAL', 'PRIMARY', 'OTHER'],
  SeriesDescription: 'Ax T2 FRFSE',
  ProtocolName: 'BREAST DCE',
  ScanningSequence: 'SE',
  SequenceVariant: ['SK', 'OSP'],
  ScanOptions: ['FAST_GEMS', 'EDR_GEMS', 'FILTERED_GEMS', 'FS'],
  MRAcquisitionType: '2D',
  RepetitionTime: 6859,
  EchoTime: 120.7,
  FlipAngle: 111,
  EchoTrainLength: 18,
};

export const GE_STIR: Tags = {
  ...GE_T2_FSE,
  SeriesDescription: 'Ax STIR',
  ScanningSequence: ['SE', 'IR'],
  ScanOptions: ['FAST_GEMS', 'IR_GEMS', 'FILTERED_GEMS'],
  RepetitionTime: 5400,
  EchoTime: 42.5,
  InversionTime: 170,
};

export const GE_DWI: Tags = {
  ...GE,
  ImageType: ['ORIGINAL', 'PRIMARY', 'OTHER'],
  SeriesDescription: 'Ax DWI 50,800',
  ProtocolName: 'BREAST DCE',
  ScanningSequence: ['EP', 'SE'],
  SequenceVariant: 'NONE',
  ScanOptions: ['SAT_GEMS', 'EPI_GEMS', 'FILTERED_GEMS', 'FS'],
  MRAcquisitionType: '2D',
  RepetitionTime: 4500,
  EchoTime: 72.4,
  FlipAngle: 90,
};

export const GE_ADC: Tags = {
  ...GE_DWI,
  SeriesDescription: 'ADC (10^-6 mm²/s):Mar 15 2024 10:41:07 CET',
};

export const GE_EADC: Tags = {
  ...GE_DWI,
  ImageType: ['DERIVED', 'PRIMARY', 'DIFFUSION', 'EADC'],
  SeriesDescription: 'eADC:Mar 15 2024 10:41:09 CET',
};

// ---------------------------------------------------------------- Philips

export const PHILIPS: Tags = {
  ...STUDY,
  Manufacturer: 'Philips Medical Systems',
  ManufacturerModelName: 'Ingenia',
  SoftwareVersions: ['5.4.1', '5.4.1.0'],
  MagneticFieldStrength: 1.5,
};

/** (2001,xx20) ScanningTechnique in the "Philips Imaging DD 001" block: "T1FFE", "TSE", "DwiSE"... */
export function philipsTechnique(name: string, block = 0x10): DicomJson {
  return privateElement('2001', 'Philips Imaging DD 001', '20', 'LO', name, block);
}

/** (2001,xx03) DiffusionBValue (FL); Philips writes it, as 0, into non-diffusion images too. */
export function philipsBValue(b: number, block = 0x10): DicomJson {
  return privateElement('2001', 'Philips Imaging DD 001', '03', 'FL', b, block);
}

/** Dynamic eTHRIVE: Philips' fat-suppressed 3D T1 turbo field echo for breast DCE. */
export const PHILIPS_DYN: Tags = {
  ...PHILIPS,
  ImageType: ['ORIGINAL', 'PRIMARY', 'M_FFE', 'M', 'FFE'],
  SeriesDescription: 'Dyn_eTHRIVE',
  ProtocolName: 'Dyn_eTHRIVE SENSE',
  ScanningSequence: 'GR',
  SequenceVariant: 'SK',
  ScanOptions: 'FS',
  MRAcquisitionType: '3D',
  RepetitionTime: 4.4,
  EchoTime: 2.0,
  FlipAngle: 10,
};

export const PHILIPS_T2: Tags = {
  ...PHILIPS,
  ImageType: ['ORIGINAL', 'PRIMARY', 'M_SE', 'M', 'SE'],
  SeriesDescription: 'T2W_TSE',
  ProtocolName: 'T2W_TSE SENSE',
  ScanningSequence: 'SE',
  SequenceVariant: 'SK',
  MRAcquisitionType: '2D',
  RepetitionTime: 4500,
  EchoTime: 120,
  FlipAngle: 90,
  EchoTrainLength: 23,
};

export const PHILIPS_STIR: Tags = {
  ...PHILIPS_T2,
  ImageType: ['ORIGINAL', 'PRIMARY', 'M_IR', 'M', 'IR'],
  SeriesDescription: 'STIR_TSE',
  ProtocolName: 'STIR_TSE SENSE',
  ScanningSequence: ['SE', 'IR'],
  RepetitionTime: 5000,
  EchoTime: 70,
  InversionTime: 180,
};

/** Philips DWI: ScanningSequence SE, so only the b-value tells it from a T2 spin echo. */
export const PHILIPS_DWI: Tags = {
  ...PHILIPS,
  ImageType: ['ORIGINAL', 'PRIMARY', 'M_SE', 'M', 'SE'],
  SeriesDescription: 'DWI_SENSE',
  ProtocolName: 'DWI_SENSE',
  ScanningSequence: 'SE',
  SequenceVariant: 'SK',
  MRAcquisitionType: '2D',
  RepetitionTime: 4000,
  EchoTime: 68,
  FlipAngle: 90,
};

export const PHILIPS_ADC: Tags = {
  ...PHILIPS_DWI,
  ImageType: ['DERIVED', 'PRIMARY', 'ADC_SE', 'ADC', 'SE'],
  SeriesDescription: 'dADC',
};

export const PHILIPS_SUB: Tags = {
  ...PHILIPS_DYN,
  ImageType: ['DERIVED', 'PRIMARY', 'SUBTRACTION', 'M', 'FFE'],
  SeriesDescription: 'Dyn_eTHRIVE SUB',
};

// ---------------------------------------------------------------- not images

export const STRUCTURED_REPORT: Tags = {
  ...STUDY,
  Modality: 'SR',
  SOPClassUID: '1.2.840.10008.5.1.4.1.1.88.33',
  SeriesDescription: 'Heron radiomics report',
};

export const SEGMENTATION: Tags = {
  ...STUDY,
  Modality: 'SEG',
  SOPClassUID: '1.2.840.10008.5.1.4.1.1.66.4',
  SeriesDescription: 'Tumour outline',
};

export const SECONDARY_CAPTURE: Tags = {
  ...STUDY,
  Modality: 'MR',
  SOPClassUID: '1.2.840.10008.5.1.4.1.1.7',
  SeriesDescription: 'Kinetic curve screenshot',
};
