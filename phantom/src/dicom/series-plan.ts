// Which series a phantom study becomes, and which slice of which volume each instance holds.
import type { PhantomStudy } from '../phantom';
import { POST_CONTRAST_PHASES } from '../protocol';
import type { Volume } from '../volume';
import type { DicomJson } from '@heron/dicom/core';
import { SERIES_DESCRIPTIONS, privateBValue, type VendorStyle } from './vendor-style';

export type SeriesRole = 'dce' | 't2' | 'dwi' | 'adc';

export interface InstancePlan {
  volume: Volume;
  slice: number;
  /** Seconds after midnight when this image was acquired. */
  acquisitionS: number;
  /** Attributes specific to this instance (temporal position, b-value, contrast...). */
  attributes: Record<string, unknown>;
  privateElements: DicomJson;
  /** Seconds after midnight when the contrast injection started; only on post-contrast images. */
  contrastBolusStartS: number | null;
}

export interface SeriesPlan {
  role: SeriesRole;
  seriesNumber: number;
  description: string;
  sequence: 'dce' | 't2' | 'dwi';
  imageType: string[];
  instances: InstancePlan[];
}

/** Clock of the examination (seconds after the study start): T2, then DWI, then the dynamic series. */
const T2_AT_S = 180;
const DWI_AT_S = 480;
const DWI_DURATION_S = 240;
const DCE_PRE_AT_S = 780;

function slices(volume: Volume, acquisitionS: number, extra: Partial<InstancePlan> = {}): InstancePlan[] {
  return Array.from({ length: volume.size[2] }, (_, k) => ({
    volume,
    slice: k,
    acquisitionS,
    attributes: {},
    privateElements: {},
    contrastBolusStartS: null,
    ...extra,
  }));
}

/**
 * `triggerTime`: also write TriggerTime (ms since the first phase) in the single dynamic series, as some
 * scanners do. The MR Image IOD allows TriggerTime only for cardiac or pulse-gated scans, so dciodvfy reports
 * it as an error on an ungated DCE; it is therefore off unless asked for.
 */
export function planSeries(
  study: PhantomStudy,
  vendor: VendorStyle,
  studyStartS: number,
  triggerTime = false,
): SeriesPlan[] {
  const names = SERIES_DESCRIPTIONS[vendor];
  const plans: SeriesPlan[] = [
    {
      role: 't2',
      seriesNumber: 2,
      description: names.t2,
      sequence: 't2',
      imageType: ['ORIGINAL', 'PRIMARY', 'OTHER'],
      instances: slices(study.t2, studyStartS + T2_AT_S),
    },
    {
      role: 'dwi',
      seriesNumber: 3,
      description: names.dwi,
      sequence: 'dwi',
      imageType: ['ORIGINAL', 'PRIMARY', 'DIFFUSION', 'NONE'],
      instances: study.dwi.images.flatMap((volume, n) =>
        slices(volume, studyStartS + DWI_AT_S, {
          attributes: { DiffusionBValue: study.dwi.bValues[n], SequenceName: `*ep_b${study.dwi.bValues[n]}` },
          privateElements: privateBValue(vendor, study.dwi.bValues[n]),
        }),
      ),
    },
    {
      role: 'adc',
      seriesNumber: 4,
      description: names.adc,
      sequence: 'dwi',
      imageType: ['DERIVED', 'PRIMARY', 'DIFFUSION', 'ADC'],
      instances: slices(study.adc, studyStartS + DWI_AT_S + DWI_DURATION_S, {
        attributes: {
          DerivationDescription: `ADC = ln(S(b=0) / S(b=${study.dwi.bValues[1]})) / ${study.dwi.bValues[1]}, in 10^-6 mm2/s`,
          SequenceName: `*ep_b0_${study.dwi.bValues[1]}`,
        },
      }),
    },
  ];

  const timing = study.dce.timing;
  const injectionS = studyStartS + DCE_PRE_AT_S - timing.phaseStartS[0];
  const phaseCount = study.dce.phases.length;
  const phaseInstances = (p: number, attributes: Record<string, unknown>): InstancePlan[] =>
    slices(study.dce.phases[p], injectionS + timing.phaseStartS[p], {
      attributes,
      contrastBolusStartS: p > 0 ? injectionS : null,
    });
  const dceImageType = ['ORIGINAL', 'PRIMARY', 'OTHER'];
  if (study.dceLayout === 'single-series') {
    plans.push({
      role: 'dce',
      seriesNumber: 5,
      description: names.dynamic,
      sequence: 'dce',
      imageType: dceImageType,
      instances: study.dce.phases.flatMap((_, p) =>
        phaseInstances(p, {
          TemporalPositionIdentifier: p + 1,
          NumberOfTemporalPositions: phaseCount,
          ...(triggerTime ? { TriggerTime: Math.round((timing.phaseStartS[p] - timing.phaseStartS[0]) * 1000) } : {}),
          AcquisitionNumber: p + 1,
        }),
      ),
    });
  } else {
    for (let p = 0; p < phaseCount; p++) {
      plans.push({
        role: 'dce',
        seriesNumber: 5 + p,
        description: names.phase(p),
        sequence: 'dce',
        imageType: dceImageType,
        instances: phaseInstances(p, { AcquisitionNumber: 1 }),
      });
    }
  }
  if (phaseCount !== POST_CONTRAST_PHASES + 1)
    throw new Error(`expected ${POST_CONTRAST_PHASES + 1} DCE phases, got ${phaseCount}`);
  return plans;
}

/** Display window a scanner would store: from the 1st to the 99.5th percentile of the series' voxels. */
export function seriesWindow(volumes: Volume[]): { center: number; width: number } {
  const histogram = new Float64Array(65536);
  let total = 0;
  for (const v of volumes) {
    for (let i = 0; i < v.data.length; i++) histogram[v.data[i]]++;
    total += v.data.length;
  }
  const percentile = (q: number): number => {
    let seen = 0;
    for (let value = 0; value < histogram.length; value++) {
      seen += histogram[value];
      if (seen >= q * total) return value;
    }
    return histogram.length - 1;
  };
  const low = percentile(0.01);
  const high = Math.max(low + 1, percentile(0.995));
  return { center: Math.round((low + high) / 2), width: high - low };
}
