// One series of the phantom as a single Enhanced MR Image instance (PS3.3 A.36.2): every slice a frame, the
// attributes a classic image carries at top level moved into functional groups (PS3.3 C.7.6.16, C.8.13.5): shared
// when all frames agree, per frame for position, time and b-value. Hospitals send this form from current Siemens
// (XA), Philips and GE scanners; Heron must read it as it reads the classic one.
import { DicomDict, DicomMetaDictionary, hashUid } from '@heron/dicom/core';
import { axisDirection, voxelToPatient } from '../volume';
import { CONTRAST, SCANNER, SEQUENCE_ATTRIBUTES } from './sequence-attributes';
import type { SeriesPlan } from './series-plan';
import { dicomTime, type StudyIdentity } from './study-identity';

export const ENHANCED_MR_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.4.1';
const EXPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2.1';
const IMPLEMENTATION_CLASS_UID = hashUid('heron-phantom', 'implementation');

const ds = (x: number): number => Number(x.toFixed(4)) + 0;

/** DICOM DT of a study date and a time of day in seconds (PS3.5 6.2). */
const dateTime = (date: string, seconds: number): string => `${date}${dicomTime(seconds)}`;

/** Breast, SNOMED CT (CID 4 Anatomic Region), as Frame Anatomy names it. */
const BREAST = { CodeValue: '76752008', CodingSchemeDesignator: 'SCT', CodeMeaning: 'Breast' };

/** Acquisition contrast (PS3.3 C.8.13.1.1.4) and the third Image Type value (image flavor) of each sequence. */
const CONTRAST_OF = { dce: 'T1', t2: 'T2', dwi: 'DIFFUSION' } as const;
const FLAVOR_OF = { dce: 'VOLUME', t2: 'T2', dwi: 'DIFFUSION' } as const;

/** Image Type of an Enhanced MR image: 4 values, the fourth the derived pixel contrast (NONE for original). */
function imageType(plan: SeriesPlan): string[] {
  if (plan.role === 'adc') return ['DERIVED', 'PRIMARY', 'DIFFUSION', 'ADC'];
  return ['ORIGINAL', 'PRIMARY', FLAVOR_OF[plan.sequence], 'NONE'];
}

/** The MR macros every frame of the series shares: timing, geometry of acquisition, echo, modifiers, coils. */
function mrGroups(plan: SeriesPlan, columns: number, rows: number, slices: number): Record<string, unknown> {
  const s = SEQUENCE_ATTRIBUTES[plan.sequence];
  const spin = s.ScanningSequence.includes('SE');
  const type = imageType(plan);
  return {
    MRImageFrameTypeSequence: [
      {
        FrameType: type,
        PixelPresentation: 'MONOCHROME',
        VolumetricProperties: 'VOLUME',
        VolumeBasedCalculationTechnique: 'NONE',
        ComplexImageComponent: 'MAGNITUDE',
        AcquisitionContrast: plan.role === 'adc' ? 'DIFFUSION' : CONTRAST_OF[plan.sequence],
      },
    ],
    MRTimingAndRelatedParametersSequence: [
      {
        RepetitionTime: s.RepetitionTime,
        FlipAngle: s.FlipAngle,
        EchoTrainLength: s.EchoTrainLength,
        RFEchoTrainLength: spin ? s.EchoTrainLength : 0,
        GradientEchoTrainLength: spin ? 0 : s.EchoTrainLength,
        // IEC 60601-2-33 normal operating mode and a whole-body SAR typical of these sequences at 3 T.
        SpecificAbsorptionRateSequence: [
          { SpecificAbsorptionRateDefinition: 'IEC_WHOLE_BODY', SpecificAbsorptionRateValue: spin ? 1.8 : 0.9 },
        ],
        GradientOutputType: 'DB_DT',
        GradientOutput: 50,
        OperatingModeSequence: ['STATIC FIELD', 'RF', 'GRADIENT'].map((t) => ({
          OperatingModeType: t,
          OperatingMode: 'IEC_NORMAL',
        })),
      },
    ],
    MRFOVGeometrySequence: [
      {
        InPlanePhaseEncodingDirection: s.InPlanePhaseEncodingDirection,
        MRAcquisitionFrequencyEncodingSteps: columns,
        MRAcquisitionPhaseEncodingStepsInPlane: rows,
        ...(s.MRAcquisitionType === '3D' ? { MRAcquisitionPhaseEncodingStepsOutOfPlane: slices } : {}),
        PercentSampling: 100,
        PercentPhaseFieldOfView: 100,
      },
    ],
    MREchoSequence: [{ EffectiveEchoTime: s.EchoTime }],
    MRModifierSequence: [
      {
        InversionRecovery: 'NO',
        FlowCompensation: 'NONE',
        // Spoiling is a gradient-echo attribute (PS3.3 C.8.13.5.6): absent on spin echo.
        Spoiling: spin ? undefined : 'RF',
        T2Preparation: 'NO',
        SpectrallySelectedExcitation: 'NONE',
        SpatialPresaturation: 'NONE',
        PartialFourier: 'NO',
        ParallelAcquisition: 'NO',
      },
    ],
    MRImagingModifierSequence: [
      {
        MagnetizationTransfer: 'NONE',
        BloodSignalNulling: 'NO',
        Tagging: 'NONE',
        TransmitterFrequency: SCANNER.ImagingFrequency,
        PixelBandwidth: s.PixelBandwidth,
      },
    ],
    MRReceiveCoilSequence: [
      {
        ReceiveCoilName: SCANNER.ReceiveCoilName,
        ReceiveCoilManufacturerName: SCANNER.Manufacturer,
        ReceiveCoilType: 'MULTICOIL',
        QuadratureReceiveCoil: 'NO',
        MultiCoilDefinitionSequence: [{ MultiCoilElementName: 'BR16', MultiCoilElementUsed: 'YES' }],
      },
    ],
    MRTransmitCoilSequence: [
      {
        TransmitCoilName: SCANNER.TransmitCoilName,
        TransmitCoilManufacturerName: SCANNER.Manufacturer,
        TransmitCoilType: 'BODY',
      },
    ],
    MRAveragesSequence: [{ NumberOfAverages: s.NumberOfAverages }],
    MRSpatialSaturationSequence: [],
  };
}

/** MR Pulse Sequence module (PS3.3 C.8.13.4): how the sequence was built, in the Enhanced MR terms. */
function pulseSequence(plan: SeriesPlan): Record<string, unknown> {
  const s = SEQUENCE_ATTRIBUTES[plan.sequence];
  const spin = s.ScanningSequence.includes('SE');
  const epi = s.ScanningSequence.includes('EP');
  return {
    PulseSequenceName: s.SequenceName,
    MRAcquisitionType: s.MRAcquisitionType,
    EchoPulseSequence: spin ? 'SPIN' : 'GRADIENT',
    // Multiple Spin Echo is asked only of spin-echo sequences (PS3.3 C.8.13.4).
    MultipleSpinEcho: spin ? (s.EchoTrainLength > 1 && !epi ? 'YES' : 'NO') : undefined,
    MultiPlanarExcitation: 'NO',
    PhaseContrast: 'NO',
    TimeOfFlightContrast: 'NO',
    SteadyStatePulseSequence: 'NONE',
    EchoPlanarPulseSequence: epi ? 'YES' : 'NO',
    SaturationRecovery: 'NO',
    SpectrallySelectedSuppression: s.ScanOptions.includes('FS') ? 'FAT' : 'NONE',
    OversamplingPhase: 'NONE',
    GeometryOfKSpaceTraversal: 'RECTILINEAR',
    RectilinearPhaseEncodeReordering: 'LINEAR',
    SegmentedKSpaceTraversal: epi ? 'SINGLE' : spin ? 'PARTIAL' : 'SINGLE',
    CoverageOfKSpace: s.MRAcquisitionType === '3D' ? 'FULL' : undefined,
    NumberOfKSpaceTrajectories: 1,
  };
}

/** Removes attributes left undefined by a condition, in items too (dcmjs would write them empty). */
function dropUndefined(o: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(o)) {
    if (value === undefined) delete o[key];
    else if (Array.isArray(value))
      for (const item of value)
        if (item && typeof item === 'object' && !ArrayBuffer.isView(item) && !(item instanceof ArrayBuffer))
          dropUndefined(item as Record<string, unknown>);
  }
}

/**
 * The Part 10 bytes of the series as one Enhanced MR instance. `common` holds the patient, study, frame of
 * reference and equipment attributes every instance of the study carries.
 */
export function enhancedSeries(
  plan: SeriesPlan,
  seriesUid: string,
  sopUid: string,
  id: StudyIdentity,
  common: Record<string, unknown>,
  window: { center: number; width: number },
): Buffer {
  const first = plan.instances[0];
  const v = first.volume;
  const [columns, rows, slices] = v.size;
  const pixels = columns * rows;
  const data = new Uint16Array(pixels * plan.instances.length);
  plan.instances.forEach((f, n) =>
    data.set(f.volume.data.subarray(f.slice * pixels, (f.slice + 1) * pixels) as ArrayLike<number>, n * pixels),
  );
  const row = axisDirection(v, 0);
  const column = axisDirection(v, 1);
  const starts = plan.instances.map((f) => f.acquisitionS);
  const started = Math.min(...starts);
  const contrast = plan.instances.some((f) => f.contrastBolusStartS !== null);
  const bolusStart = plan.instances.find((f) => f.contrastBolusStartS !== null)?.contrastBolusStartS ?? null;
  const bValues = [...new Set(plan.instances.map((f) => f.attributes.DiffusionBValue as number | undefined))].filter(
    (b): b is number => b !== undefined,
  );
  const temporal = plan.instances.some((f) => f.attributes.TemporalPositionIdentifier !== undefined);
  const organization = hashUid(seriesUid, 'dimension-organization');
  const dimension = (pointer: string, group: string, label: string) => ({
    DimensionOrganizationUID: organization,
    DimensionIndexPointer: pointer,
    FunctionalGroupPointer: group,
    DimensionDescriptionLabel: label,
  });
  // Frames are indexed by stack position, then b-value or temporal position when the series has several.
  const dimensions = [
    dimension('00209056', '00209111', 'Stack ID'),
    dimension('00209057', '00209111', 'In-Stack Position Number'),
    ...(bValues.length > 1 ? [dimension('00189087', '00189117', 'Diffusion b-value')] : []),
    ...(temporal ? [dimension('00209128', '00209111', 'Temporal Position Index')] : []),
  ];
  const agentNumber = 1;

  const dataset: Record<string, unknown> = {
    ...common,
    SOPClassUID: ENHANCED_MR_IMAGE_STORAGE,
    SOPInstanceUID: sopUid,
    InstanceCreationDate: id.studyDate,
    InstanceCreationTime: dicomTime(started),
    ImageType: imageType(plan),
    Modality: 'MR',
    SeriesInstanceUID: seriesUid,
    SeriesNumber: plan.seriesNumber,
    SeriesDescription: plan.description,
    SeriesDate: id.studyDate,
    SeriesTime: dicomTime(started),
    ProtocolName: 'BREAST BILATERAL DCE',
    BodyPartExamined: 'BREAST',
    PatientPosition: 'HFP',
    DeviceSerialNumber: 'HERON-PHANTOM-1',
    InstanceNumber: 1,
    ContentDate: id.studyDate,
    ContentTime: dicomTime(started),
    AcquisitionNumber: 1,
    AcquisitionDateTime: dateTime(id.studyDate, started),
    AcquisitionDuration: Math.max(...starts) - started + 60,
    ContentQualification: 'RESEARCH',
    ResonantNucleus: SCANNER.ImagedNucleus,
    KSpaceFiltering: 'NONE',
    MagneticFieldStrength: SCANNER.MagneticFieldStrength,
    ApplicableSafetyStandardAgency: 'IEC',
    PixelPresentation: 'MONOCHROME',
    VolumetricProperties: 'VOLUME',
    VolumeBasedCalculationTechnique: 'NONE',
    ComplexImageComponent: 'MAGNITUDE',
    AcquisitionContrast: plan.role === 'adc' ? 'DIFFUSION' : CONTRAST_OF[plan.sequence],
    BurnedInAnnotation: 'NO',
    LossyImageCompression: '00',
    PresentationLUTShape: 'IDENTITY',
    ...(plan.role === 'adc' ? {} : pulseSequence(plan)),
    AcquisitionContextSequence: [],
    ...(contrast
      ? {
          // Enhanced Contrast/Bolus (PS3.3 C.7.6.4b): the agent as a code, with its route, ingredient and profile.
          ContrastBolusAgentSequence: [
            {
              CodeValue: '418351005',
              CodingSchemeDesignator: 'SCT',
              CodeMeaning: 'Gadobutrol',
              ContrastBolusAgentNumber: agentNumber,
              ContrastBolusAdministrationRouteSequence: [
                { CodeValue: '47625008', CodingSchemeDesignator: 'SCT', CodeMeaning: 'Intravenous route' },
              ],
              ContrastBolusIngredientCodeSequence: [
                { CodeValue: '36018005', CodingSchemeDesignator: 'SCT', CodeMeaning: 'Gadolinium' },
              ],
              ContrastBolusVolume: CONTRAST.ContrastBolusVolume,
              ContrastBolusIngredientConcentration: CONTRAST.ContrastBolusIngredientConcentration,
              ContrastAdministrationProfileSequence: [
                {
                  ContrastBolusVolume: CONTRAST.ContrastBolusVolume,
                  ContrastBolusStartTime: dicomTime(bolusStart as number),
                  ContrastFlowRate: CONTRAST.ContrastFlowRate[0],
                },
              ],
            },
          ],
        }
      : {}),
    SamplesPerPixel: 1,
    PhotometricInterpretation: 'MONOCHROME2',
    Rows: rows,
    Columns: columns,
    BitsAllocated: 16,
    BitsStored: 12,
    HighBit: 11,
    PixelRepresentation: 0,
    NumberOfFrames: plan.instances.length,
    DimensionOrganizationSequence: [{ DimensionOrganizationUID: organization }],
    DimensionOrganizationType: temporal ? '3D_TEMPORAL' : '3D',
    DimensionIndexSequence: dimensions,
    SharedFunctionalGroupsSequence: [
      {
        PixelMeasuresSequence: [
          {
            PixelSpacing: [ds(v.spacing[1]), ds(v.spacing[0])],
            SliceThickness: ds(v.spacing[2]),
            SpacingBetweenSlices: ds(v.spacing[2]),
          },
        ],
        PlaneOrientationSequence: [{ ImageOrientationPatient: [...row, ...column].map(ds) }],
        FrameAnatomySequence: [{ AnatomicRegionSequence: [BREAST], FrameLaterality: 'B' }],
        PixelValueTransformationSequence: [{ RescaleIntercept: 0, RescaleSlope: 1, RescaleType: 'US' }],
        FrameVOILUTSequence: [{ WindowCenter: window.center, WindowWidth: window.width }],
        ...mrGroups(plan, columns, rows, slices),
        ...(plan.role === 'adc' || bValues.length > 1
          ? {}
          : plan.sequence === 'dwi'
            ? { MRDiffusionSequence: [{ DiffusionBValue: bValues[0] ?? 0, DiffusionDirectionality: 'ISOTROPIC' }] }
            : {}),
      },
    ],
    PerFrameFunctionalGroupsSequence: plan.instances.map((f) => {
      const b = f.attributes.DiffusionBValue as number | undefined;
      const t = f.attributes.TemporalPositionIdentifier as number | undefined;
      const indices = [
        1,
        f.slice + 1,
        ...(bValues.length > 1 && b !== undefined ? [bValues.indexOf(b) + 1] : []),
        ...(t !== undefined ? [t] : []),
      ];
      return {
        FrameContentSequence: [
          {
            FrameAcquisitionNumber: 1,
            FrameReferenceDateTime: dateTime(id.studyDate, f.acquisitionS),
            FrameAcquisitionDateTime: dateTime(id.studyDate, f.acquisitionS),
            FrameAcquisitionDuration: 60000,
            StackID: '1',
            InStackPositionNumber: f.slice + 1,
            ...(t !== undefined ? { TemporalPositionIndex: t } : {}),
            DimensionIndexValues: indices,
          },
        ],
        PlanePositionSequence: [{ ImagePositionPatient: voxelToPatient(f.volume, 0, 0, f.slice).map(ds) }],
        // Per frame: a single dynamic series holds frames from before and after the injection.
        ...(contrast
          ? {
              ContrastBolusUsageSequence: [
                {
                  ContrastBolusAgentNumber: agentNumber,
                  ContrastBolusAgentAdministered: f.contrastBolusStartS !== null ? 'YES' : 'NO',
                  ContrastBolusAgentDetected: f.contrastBolusStartS !== null ? 'YES' : 'NO',
                },
              ],
            }
          : {}),
        ...(bValues.length > 1 && b !== undefined
          ? { MRDiffusionSequence: [{ DiffusionBValue: b, DiffusionDirectionality: b === 0 ? 'NONE' : 'ISOTROPIC' }] }
          : {}),
      };
    }),
    PixelData: [data.buffer],
    _vrMap: { PixelData: 'OW' },
  };
  // The classic image's top-level coil and nucleus attributes live in the functional groups here.
  for (const key of ['ImagedNucleus', 'ImagingFrequency', 'ReceiveCoilName', 'TransmitCoilName']) delete dataset[key];
  dropUndefined(dataset);
  const meta = DicomMetaDictionary.denaturalizeDataset({
    FileMetaInformationVersion: new Uint8Array([0, 1]).buffer,
    MediaStorageSOPClassUID: ENHANCED_MR_IMAGE_STORAGE,
    MediaStorageSOPInstanceUID: sopUid,
    TransferSyntaxUID: EXPLICIT_VR_LITTLE_ENDIAN,
    ImplementationClassUID: IMPLEMENTATION_CLASS_UID,
    ImplementationVersionName: 'HERON_PHANTOM_1',
  });
  const dict = new DicomDict(meta);
  dict.dict = DicomMetaDictionary.denaturalizeDataset(dataset);
  return Buffer.from(dict.write());
}
