// `heron dicom-roles --dicom-dir DIR`: reads the DICOM files under a folder and prints the sequence role Heron
// gives every series (the same classification the panel shows), for PACS administrators and support.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { arrayBufferOf, readPart10 } from '@heron/dicom/core';
import { type DicomJson, text } from '@heron/dicom/core';
import { Tag } from '@heron/dicom/core';
import { classifyStudy, type SeriesInput, type StudyRoles } from '@heron/dicom/roles';
import { type Command, parseOptions, UsageError } from './command';

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

/** The header of a Part 10 file without its pixel data, or undefined for anything that is not DICOM. */
async function readHeader(file: string): Promise<DicomJson | undefined> {
  const bytes = await readFile(file);
  if (bytes.length < 132 || bytes.toString('latin1', 128, 132) !== 'DICM') return undefined;
  return readPart10(arrayBufferOf(bytes), file, { untilTag: 'x7fe00010', includeUntilTagValue: false }).dict;
}

export interface FolderStudy {
  studyInstanceUID: string;
  series: SeriesInput[];
}

/**
 * Groups the DICOM files under `dir` by study and series; counts files that are not DICOM images and lists the
 * DICOM files that cannot be read, each with its reason, without stopping at them.
 */
export async function readFolder(
  dir: string,
): Promise<{ studies: FolderStudy[]; skipped: number; unreadable: string[] }> {
  const studies = new Map<string, Map<string, DicomJson[]>>();
  let skipped = 0;
  const unreadable: string[] = [];
  for (const file of await filesUnder(dir)) {
    let ds: DicomJson | undefined;
    try {
      ds = await readHeader(file);
    } catch (err) {
      unreadable.push(err instanceof Error ? err.message : String(err));
      continue;
    }
    const study = ds && text(ds, Tag.StudyInstanceUID);
    const series = ds && text(ds, Tag.SeriesInstanceUID);
    if (!ds || !study || !series) {
      skipped++;
      continue;
    }
    const bySeries = studies.get(study) ?? new Map<string, DicomJson[]>();
    bySeries.set(series, [...(bySeries.get(series) ?? []), ds]);
    studies.set(study, bySeries);
  }
  return {
    studies: [...studies.entries()].map(([studyInstanceUID, bySeries]) => ({
      studyInstanceUID,
      series: [...bySeries.entries()].map(([seriesInstanceUID, instances]) => ({ seriesInstanceUID, instances })),
    })),
    skipped,
    unreadable,
  };
}

/** The roles of one study as the lines the command prints. */
export function formatRoles(studyInstanceUID: string, roles: StudyRoles): string[] {
  const lines = [`Study ${studyInstanceUID}`];
  for (const s of roles.series) {
    const number = s.seriesNumber !== undefined ? String(s.seriesNumber).padStart(4) : '   -';
    lines.push(
      `  ${number}  ${s.role.padEnd(5)}  ${String(s.instanceCount).padStart(4)} images  ${s.seriesDescription ?? '(no description)'}`,
    );
    lines.push(`               ${s.reason}`);
  }
  if (roles.dcePhases.length > 0) {
    lines.push('  DCE phases:');
    for (const p of roles.dcePhases) {
      const t =
        p.secondsAfterFirstPost === null
          ? 'time unknown'
          : `${p.secondsAfterFirstPost.toFixed(0)} s after the first post-contrast phase`;
      lines.push(
        `    ${p.label.padEnd(17)} ${String(p.sopInstanceUIDs.length).padStart(4)} images, ${t} (series ${p.seriesInstanceUID})`,
      );
    }
  }
  for (const d of roles.dwi)
    lines.push(`  DWI b = ${d.bValue} s/mm²: ${d.sopInstanceUIDs.length} images (series ${d.seriesInstanceUID})`);
  for (const w of roles.warnings) lines.push(`  warning: ${w}`);
  return lines;
}

export const dicomRolesCommand: Command = {
  name: 'dicom-roles',
  summary: 'print the sequence roles (DCE phases, T2, DWI b-values, ADC) Heron finds in a folder of DICOM files',
  usage: 'heron dicom-roles --dicom-dir DIR',
  async run(argv) {
    const dir = parseOptions(argv, { 'dicom-dir': { type: 'string' } })['dicom-dir'];
    if (!dir) throw new UsageError('--dicom-dir DIR is required');
    let found: Awaited<ReturnType<typeof readFolder>>;
    try {
      found = await readFolder(dir);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(`folder ${dir} does not exist`);
      throw err;
    }
    for (const reason of found.unreadable) console.error(`skipped: ${reason}`);
    if (found.studies.length === 0) {
      console.error(
        `No DICOM images with Study and Series Instance UIDs found under ${dir} (${found.skipped} other files).`,
      );
      return 1;
    }
    for (const study of found.studies)
      console.log(formatRoles(study.studyInstanceUID, classifyStudy(study.series)).join('\n'));
    if (found.skipped > 0) console.log(`(${found.skipped} files under ${dir} are not DICOM images and were skipped)`);
    return 0;
  },
};
