// Role assignment on Enhanced MR: a single dynamic series written as one multi-frame instance is split into its
// phases by the frames' temporal positions, and a diffusion instance into its b-values, as the classic study is.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generatePhantom, writePhantomStudy } from '@heron/phantom';
import { FolderDicomweb } from '../dicomweb/folder-dicomweb';
import { classifyStudy } from './series-roles';
import { studySeries } from './study-series';
import type { StudyRoles } from './study-roles';

const dir = mkdtempSync(join(tmpdir(), 'heron-frame-views-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function roles(folder: string): Promise<StudyRoles> {
  const client = await FolderDicomweb.open(folder);
  return classifyStudy(await studySeries(client, client.studyInstanceUID));
}

test('a single dynamic series in one instance: six phases by temporal position, timed as the classic ones', async () => {
  const study = generatePhantom({ seed: 8, size: 'compact', dceLayout: 'single-series' });
  await writePhantomStudy(study, join(dir, 'classic'));
  await writePhantomStudy(study, join(dir, 'enhanced'), { enhanced: true });
  const [c, e] = [await roles(join(dir, 'classic')), await roles(join(dir, 'enhanced'))];
  const phases = (r: StudyRoles) =>
    r.dcePhases.map((p) => [p.label, p.temporalPositionIdentifier, p.secondsAfterFirstPost]);
  expect(phases(e)).toEqual(phases(c));
  expect(e.dcePhases).toHaveLength(6);
  // Every phase names the one instance; its frames are chosen by temporal position.
  expect(new Set(e.dcePhases.flatMap((p) => p.sopInstanceUIDs)).size).toBe(1);
  expect(e.dwi.map((d) => [d.bValue, d.sopInstanceUIDs.length])).toEqual([
    [0, 1],
    [800, 1],
  ]);
  expect(e.series.map((s) => [s.role, s.instanceCount])).toEqual(c.series.map((s) => [s.role, s.instanceCount]));
  expect(e.warnings).toEqual(c.warnings);
}, 60_000);
