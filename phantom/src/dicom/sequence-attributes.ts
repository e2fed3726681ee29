// Acquisition attributes a scanner writes for each sequence of a breast protocol at 3 T. Values are typical
// of the protocols in the seed studies (seed 001: DCE TR 4.62 / TE 1.75 ms / flip 10; T2 TR 5600 / TE 57;
// DWI TR 6300 / TE 68) rounded to a plausible 3 T protocol; coil and field strength are our choices.
export interface SequenceAttributes {
  ScanningSequence: string[];
  SequenceVariant: string[];
  ScanOptions: string[];
  MRAcquisitionType: '2D' | '3D';
  SequenceName: string;
  RepetitionTime: number;
  EchoTime: number;
  EchoTrainLength: number;
  FlipAngle: number;
  NumberOfAverages: number;
  PixelBandwidth: number;
  InPlanePhaseEncodingDirection: 'ROW' | 'COL';
}

export const SEQUENCE_ATTRIBUTES: Record<'dce' | 't2' | 'dwi', SequenceAttributes> = {
  dce: {
    ScanningSequence: ['GR'],
    SequenceVariant: ['SP', 'OSP'],
    ScanOptions: ['FS'],
    MRAcquisitionType: '3D',
    SequenceName: 'fl3d1_fs',
    RepetitionTime: 4.62,
    EchoTime: 1.75,
    EchoTrainLength: 1,
    FlipAngle: 10,
    NumberOfAverages: 1,
    PixelBandwidth: 320,
    InPlanePhaseEncodingDirection: 'ROW',
  },
  t2: {
    ScanningSequence: ['SE'],
    SequenceVariant: ['SK', 'SP'],
    ScanOptions: ['FS'],
    MRAcquisitionType: '2D',
    SequenceName: 'tse2d1_15',
    RepetitionTime: 5600,
    EchoTime: 72,
    EchoTrainLength: 15,
    FlipAngle: 150,
    NumberOfAverages: 1,
    PixelBandwidth: 250,
    InPlanePhaseEncodingDirection: 'ROW',
  },
  dwi: {
    ScanningSequence: ['SE', 'EP'],
    SequenceVariant: ['SK', 'SP'],
    ScanOptions: ['FS'],
    MRAcquisitionType: '2D',
    SequenceName: 'ep_b',
    RepetitionTime: 6300,
    EchoTime: 68,
    EchoTrainLength: 63,
    FlipAngle: 90,
    NumberOfAverages: 3,
    PixelBandwidth: 1700,
    InPlanePhaseEncodingDirection: 'ROW',
  },
};

export const SCANNER = {
  Manufacturer: 'Heron',
  ManufacturerModelName: 'Synthetic breast MRI phantom',
  SoftwareVersions: '0.1.0',
  StationName: 'HERON-PHANTOM',
  InstitutionName: 'Heron synthetic data',
  MagneticFieldStrength: 3,
  ImagingFrequency: 127.74,
  ImagedNucleus: '1H',
  ReceiveCoilName: 'Breast 16',
  TransmitCoilName: 'Body',
};

/** Gadolinium contrast as recorded on post-contrast images: 0.1 mmol/kg gadobutrol (604.72 mg/mL) for 70 kg. */
export const CONTRAST = {
  ContrastBolusAgent: 'Gadobutrol 1.0 mmol/mL',
  ContrastBolusRoute: 'IV',
  ContrastBolusVolume: 7,
  ContrastBolusTotalDose: 7,
  ContrastFlowRate: [2],
  ContrastBolusIngredient: 'GADOLINIUM',
  ContrastBolusIngredientConcentration: 604.72,
};
