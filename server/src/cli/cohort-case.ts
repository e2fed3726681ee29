// One row of a `heron features` cohort: its images (files per sequence plus a mask, or a phantom seed; a `point`
// column instead of a mask outlines the case by the one-click proposal, cohort-point.ts) and the features
// caseFeatures gives, plus the DCE kinetics when the row has a `kinetics` column (cohort-kinetics.ts). Used in the command's own thread and in its worker threads (`--jobs`).
import { dirname, resolve } from 'node:path';
import { caseFeatures, type ExtractionSettings } from '@heron/models';
import { generatePhantom } from '@heron/phantom';
import { readVolumeFile } from '@heron/radiomics/node';
import type { Volume } from '@heron/radiomics';
import { fileKinetics, phantomKinetics } from './cohort-kinetics';
import { proposedMask } from './cohort-point';

export interface CaseResult {
  id: string;
  label?: number;
  values: Map<string, number>;
}

/** Images of a phantom case in the demo's sequence names. */
export function phantomImages(
  seed: number,
  her2?: 'positive' | 'negative',
): {
  images: Record<string, Volume>;
  mask: Volume;
  her2: string;
  dce: [Volume, Volume];
  phases: Volume[];
  timeS: number[];
} {
  const study = generatePhantom({ seed, her2, crop: { marginMm: 10 } });
  return {
    images: { DCE2: study.dce.phases[2], T2: study.t2, DWI: study.dwi.images[1], ADC: study.adc },
    mask: study.mask,
    her2: study.tumour.her2,
    dce: [study.dce.phases[0], study.dce.phases[1]],
    phases: study.dce.phases,
    // What AcquisitionTime - ContrastBolusStartTime gives in the written study.
    timeS: study.dce.timing.phaseStartS,
  };
}

/** The features of one cohort row; file paths are relative to the cohort file `cohortPath`. */
export async function cohortCase(
  row: Record<string, string>,
  cohortPath: string,
  settings: ExtractionSettings,
): Promise<CaseResult> {
  let label = row.label === undefined || row.label === '' ? undefined : Number(row.label);
  if (label !== undefined && label !== 0 && label !== 1) throw new Error(`label must be 0 or 1, got '${row.label}'`);
  let images: Record<string, Volume>;
  let mask: Volume;
  let kinetics = new Map<string, number>();
  if (row.phantom_seed !== undefined) {
    const seed = Number(row.phantom_seed);
    if (!Number.isSafeInteger(seed) || seed < 0)
      throw new Error(`phantom_seed must be a non-negative integer, got '${row.phantom_seed}'`);
    const phantom = phantomImages(seed, label === undefined ? undefined : label === 1 ? 'positive' : 'negative');
    ({ images, mask } = phantom);
    if (row.point) mask = proposedMask(phantom.dce[0], phantom.dce[1], row.point);
    // Without a label the phantom draws the status itself (30 % positive); its ground truth is the label.
    label ??= phantom.her2 === 'positive' ? 1 : 0;
    if (row.kinetics) kinetics = phantomKinetics(row.kinetics, phantom.phases, phantom.timeS, mask);
  } else {
    const base = dirname(resolve(cohortPath));
    if (row.point) {
      if (!row.dce_pre || !row.dce_post)
        throw new Error('a point needs the dce_pre and dce_post images it is proposed on');
      mask = proposedMask(
        await readVolumeFile(resolve(base, row.dce_pre)),
        await readVolumeFile(resolve(base, row.dce_post)),
        row.point,
      );
    } else {
      if (!row.mask) throw new Error('no mask column (or point column)');
      mask = await readVolumeFile(resolve(base, row.mask));
    }
    images = {};
    for (const sequence of Object.keys(settings.sequences)) {
      if (!row[sequence]) throw new Error(`no image for sequence ${sequence}`);
      images[sequence] = await readVolumeFile(resolve(base, row[sequence]));
    }
    if (row.kinetics) kinetics = await fileKinetics(resolve(base, row.kinetics));
  }
  return { id: row.case_id, label, values: new Map([...caseFeatures(images, mask, settings), ...kinetics]) };
}
