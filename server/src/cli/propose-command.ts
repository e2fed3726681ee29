// `heron propose`: the one-click lesion proposal from a folder of DICOM files, written as an NRRD mask on the grid
// of the chosen post-contrast phase. Tests and semi-automatic outlining of training cohorts use it.
import { proposeOutline, type Vec3 } from '@heron/radiomics';
import { writeNrrdFile } from '@heron/radiomics/node';
import { FolderDicomweb } from '@heron/dicom/dicomweb';
import { studySeries } from '@heron/dicom/roles';
import { loadDcePair } from '../proposal/dce-pair';
import { type Command, parseOptions, UsageError } from './command';

/** "X,Y,Z" in patient millimetres (LPS). */
export function parsePoint(value: string, what: string): Vec3 {
  const parts = value.split(',').map((p) => p.trim());
  const numbers = parts.map(Number);
  if (parts.length !== 3 || parts.some((p) => p === '') || numbers.some((n) => !Number.isFinite(n))) {
    throw new UsageError(`${what} must be three numbers X,Y,Z in patient millimetres (LPS), got '${value}'`);
  }
  return numbers as Vec3;
}

export const proposeCommand: Command = {
  name: 'propose',
  summary: 'propose a lesion outline from one point on a DCE phase (folder of DICOM files): writes an NRRD mask',
  usage:
    'heron propose --dicom-dir DIR --point X,Y,Z [--phase N] --out mask.nrrd [--study UID]\n' +
    "  X,Y,Z in patient millimetres (LPS); N = post-contrast phase (default 1); the mask is on that phase's grid",
  async run(argv) {
    const v = parseOptions(argv, {
      'dicom-dir': { type: 'string' },
      point: { type: 'string' },
      phase: { type: 'string' },
      out: { type: 'string' },
      study: { type: 'string' },
    });
    if (!v['dicom-dir']) throw new UsageError('--dicom-dir DIR is required');
    if (!v.point) throw new UsageError('--point X,Y,Z is required');
    if (!v.out) throw new UsageError('--out mask.nrrd is required');
    const point = parsePoint(v.point, '--point');
    const phase = v.phase === undefined ? 1 : Number(v.phase);
    if (!Number.isInteger(phase) || phase < 1)
      throw new UsageError(`--phase must be a post-contrast phase number 1, 2, ..., got '${v.phase}'`);

    const client = await FolderDicomweb.open(v['dicom-dir'], { studyInstanceUID: v.study });
    const pair = await loadDcePair(
      client,
      client.studyInstanceUID,
      await studySeries(client, client.studyInstanceUID),
      phase,
    );
    const started = performance.now();
    const result = proposeOutline(pair.pre.volume, pair.post.volume, point);
    const ms = performance.now() - started;
    if (!result.ok) {
      console.error(`heron propose: ${result.message}`);
      return 1;
    }
    await writeNrrdFile(v.out, result.mask);
    console.log(
      `Proposed outline on ${pair.post.label} (${pair.phase.label}): ${result.voxelCount} voxels, ${result.volumeMl.toFixed(2)} ml, ` +
        `mean enhancement ${(100 * result.relativeEnhancement).toFixed(0)} % (${ms.toFixed(0)} ms).`,
    );
    console.log(`  written: ${v.out}`);
    console.log('  A proposal to check and edit, not a diagnosis (research use only).');
    return 0;
  },
};
