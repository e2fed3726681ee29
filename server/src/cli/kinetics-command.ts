// `heron kinetics`: the time-intensity curve and BI-RADS kinetic classes of an outline, from a folder of DICOM
// files and an NRRD mask, as JSON: for tests and cohort studies.
import { writeFile } from 'node:fs/promises';
import { readVolumeFile } from '@heron/radiomics/node';
import { FolderDicomweb } from '@heron/dicom/dicomweb';
import { studySeries } from '@heron/dicom/roles';
import { outlineKinetics } from '../kinetics/outline-kinetics';
import { type Command, parseOptions, UsageError } from './command';

const round = (x: number, digits: number) => Number(x.toFixed(digits));

export const kineticsCommand: Command = {
  name: 'kinetics',
  summary: 'time-intensity curve and BI-RADS kinetic classes of an NRRD outline over a DCE (folder of DICOM files)',
  usage:
    'heron kinetics --dicom-dir DIR --mask mask.nrrd --out k.json [--study UID]\n' +
    '  exit code 0: curve written; 1: the study or outline gives no curve (the reason is in k.json and on stderr)',
  async run(argv) {
    const v = parseOptions(argv, {
      'dicom-dir': { type: 'string' },
      mask: { type: 'string' },
      out: { type: 'string' },
      study: { type: 'string' },
    });
    if (!v['dicom-dir']) throw new UsageError('--dicom-dir DIR is required');
    if (!v.mask) throw new UsageError('--mask mask.nrrd is required');
    if (!v.out) throw new UsageError('--out k.json is required');
    const mask = await readVolumeFile(v.mask);
    const client = await FolderDicomweb.open(v['dicom-dir'], { studyInstanceUID: v.study });
    const study = client.studyInstanceUID;
    const result = await outlineKinetics(client, study, await studySeries(client, study), mask);
    const common = { studyInstanceUID: study, researchUseOnly: true };
    if (result.status !== 'ok') {
      await writeFile(
        v.out,
        `${JSON.stringify({ ...common, status: result.status, reason: result.reason }, null, 2)}\n`,
      );
      console.error(`heron kinetics: no curve. ${result.reason}`);
      return 1;
    }
    const out = {
      ...common,
      status: 'ok',
      curveType: result.curveType,
      initialPhase: result.initialPhase,
      initialEnhancementPercent: round(result.initialEnhancementPercent, 2),
      peakEnhancementPercent: round(result.peakEnhancementPercent, 2),
      timeToPeakS: result.timeToPeakS,
      washInSlopePercentPerMin: round(result.washInSlopePercentPerMin, 2),
      ser: result.ser === null ? null : round(result.ser, 4),
      delayedChangePercent: round(result.delayedChangePercent, 2),
      measuredOn: result.measuredOn,
      meanInitialEnhancementPercent: round(result.meanInitialEnhancementPercent, 2),
      curve: {
        timeS: result.curve.timeS,
        meanSignal: result.curve.meanSignal.map((s) => round(s, 3)),
        hotspotSignal: result.curve.hotspotSignal.map((s) => round(s, 3)),
      },
      outlineVoxels: result.outlineVoxels,
      thresholds: result.thresholds,
    };
    await writeFile(v.out, `${JSON.stringify(out, null, 2)}\n`);
    console.log(
      `Kinetics of ${result.outlineVoxels} voxels: ${result.initialPhase} initial phase ` +
        `(initial enhancement ${out.initialEnhancementPercent} %), ${result.curveType} curve ` +
        `(delayed change ${out.delayedChangePercent} %), SER ${out.ser ?? 'n/a'}, peak at ${out.timeToPeakS} s.`,
    );
    console.log(`  written: ${v.out}`);
    console.log('  Research use only: a description of the images, not a diagnosis.');
    return 0;
  },
};
