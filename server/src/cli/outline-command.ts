// `heron outline`: an outline made by another tool (an RTSTRUCT ROI, a SEG segment) as an NRRD mask on the grid
// of the series it references, for checking it and for building cohorts from existing outlines.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { writeNrrdFile } from '@heron/radiomics/node';
import { arrayBufferOf, DicomMessage, type DicomJson } from '@heron/dicom/core';
import { FolderDicomweb } from '@heron/dicom/dicomweb';
import { outlineObjectKind } from '@heron/dicom/rtstruct';
import { existingOutlineMask } from '../outline/existing-outline';
import { type Command, parseOptions, UsageError } from './command';

export const outlineCommand: Command = {
  name: 'outline',
  summary: 'convert an RTSTRUCT ROI or a SEG segment into an NRRD mask on the grid of the series it references',
  usage: 'heron outline --dicom-dir DIR --from FILE [--roi NAME | --segment N] --out mask.nrrd [--study UID]',
  async run(argv) {
    const v = parseOptions(argv, {
      'dicom-dir': { type: 'string' },
      from: { type: 'string' },
      roi: { type: 'string' },
      segment: { type: 'string' },
      out: { type: 'string' },
      study: { type: 'string' },
    });
    if (!v['dicom-dir']) throw new UsageError('--dicom-dir DIR is required');
    if (!v.from) throw new UsageError('--from FILE (an RTSTRUCT or a SEG) is required');
    if (!v.out) throw new UsageError('--out mask.nrrd is required');
    if (v.roi !== undefined && v.segment !== undefined)
      throw new UsageError('give either --roi NAME or --segment N, not both');
    const segment = v.segment === undefined ? undefined : Number(v.segment);
    if (segment !== undefined && !(Number.isInteger(segment) && segment >= 1))
      throw new UsageError(`--segment must be a segment number 1, 2, ..., got '${v.segment}'`);

    const name = basename(v.from);
    const bytes = arrayBufferOf(await readFile(v.from));
    let header: DicomJson;
    try {
      header = (DicomMessage.readFile(bytes) as { dict: DicomJson }).dict;
    } catch (err) {
      throw new Error(`${name} is not a readable DICOM file (${err instanceof Error ? err.message : String(err)}).`);
    }
    outlineObjectKind(header, name);
    const client = await FolderDicomweb.open(v['dicom-dir'], { studyInstanceUID: v.study });
    const object = client.add(bytes, name);
    const outline = await existingOutlineMask(client, client.studyInstanceUID, object, { roi: v.roi, segment }, name);
    const count = outline.mask.reduce((s, x) => s + x, 0);
    if (count === 0)
      throw new Error(
        `The ${outline.kind === 'seg' ? 'segment' : 'ROI'} "${outline.name}" of ${name} covers no voxel of its series.`,
      );
    await writeNrrdFile(v.out, { ...outline.grid, data: outline.mask });
    const [sx, sy, sz] = outline.grid.spacing;
    console.log(
      `${outline.kind === 'seg' ? 'SEG segment' : 'RTSTRUCT ROI'} "${outline.name}" on series ${outline.seriesInstanceUID}: ` +
        `${count} voxels, ${((count * sx * sy * sz) / 1000).toFixed(2)} ml.`,
    );
    console.log(`  written: ${v.out}`);
    return 0;
  },
};
