/**
 * A phantom study written to files and read back as DICOM JSON, with one series' grid and slice sources as
 * volume-from-dicomweb would give them (without the pixel data). Test support only.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generatePhantom, type PhantomStudy, writePhantomStudy } from '@heron/phantom';
import { arrayBufferOf, DicomMessage } from '../core/dcmjs';
import type { DicomJson } from '../core/dicom-json';
import { Tag } from '../core/dicom-tags';
import { text } from '../core/dicom-json';
import { imageFrames } from '../volumes/image-frames';
import type { SegSource } from '../seg/seg-writer';
import { buildStack } from '../volumes/stack-geometry';

export interface PhantomFiles {
  study: PhantomStudy;
  studyInstanceUID: string;
  /** Series by phantom role; for DCE the first (pre-contrast) series. */
  series: Map<string, { seriesInstanceUID: string; files: string[]; instances: DicomJson[] }>;
}

export async function phantomFiles(dir: string, seed: number): Promise<PhantomFiles> {
  const study = generatePhantom({ seed, crop: { marginMm: 4 } });
  const written = await writePhantomStudy(study, join(dir, `phantom-${seed}`), { vendor: 'siemens' });
  const series = new Map<string, { seriesInstanceUID: string; files: string[]; instances: DicomJson[] }>();
  for (const s of written.series) {
    if (series.has(s.role)) continue;
    const instances: DicomJson[] = [];
    for (const f of s.files)
      instances.push(
        DicomMessage.readFile(arrayBufferOf(await readFile(f)), { untilTag: 'x7fe00010', includeUntilTagValue: false })
          .dict,
      );
    series.set(s.role, { seriesInstanceUID: s.seriesInstanceUID, files: s.files, instances });
  }
  return { study, studyInstanceUID: written.studyInstanceUID, series };
}

/** The grid and slice sources of a single-stack series. */
export function sourceOf(seriesInstanceUID: string, instances: DicomJson[]): SegSource {
  const stack = buildStack(imageFrames(instances), seriesInstanceUID);
  return {
    seriesInstanceUID,
    frameOfReferenceUID: text(instances[0], Tag.FrameOfReferenceUID),
    volume: stack.grid,
    slices: stack.frames.map((f) => ({
      sopClassUID: text(f.instance, Tag.SOPClassUID) as string,
      sopInstanceUID: f.sopInstanceUID,
      frameNumber: 1,
      multiFrame: false,
    })),
    reference: instances[0],
  };
}
