// Classifies studies written by the synthetic breast-MRI phantom, read back from Part 10 files with dcmjs.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generatePhantom, type PhantomStudy, writePhantomStudy } from '@heron/phantom';
import type { DicomJson } from '../core/dicom-json';
import { classifyStudy, type SeriesInput, type StudyRoles } from './series-roles';

// dcmjs ships no type declarations; this is the one call the test makes. readFile's `dict` is already the
// DICOM JSON model (upper-case tag keys, PN as { Alphabetic }, IS/DS as numbers). A naturalize/denaturalize
// round trip is not used on purpose: in dcmjs 0.52 it drops every private element, b-value tags included.
interface Dcmjs {
  data: { DicomMessage: { readFile(buffer: ArrayBuffer): { dict: DicomJson } } };
}
const dcmjs = createRequire(import.meta.url)('dcmjs') as Dcmjs;

type Written = Awaited<ReturnType<typeof writePhantomStudy>>;

async function readStudy(written: Written): Promise<{ input: SeriesInput[]; sopUids: Map<string, string[]> }> {
  const sopUids = new Map<string, string[]>();
  const input: SeriesInput[] = [];
  for (const s of written.series) {
    const instances: DicomJson[] = [];
    for (const file of s.files) {
      const bytes = await readFile(file);
      instances.push(
        dcmjs.data.DicomMessage.readFile(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength))
          .dict,
      );
    }
    sopUids.set(
      s.seriesInstanceUID,
      instances.map((ds) => ds['00080018'].Value?.[0] as string),
    );
    // Reversed, so the classifier cannot lean on file order.
    input.push({ seriesInstanceUID: s.seriesInstanceUID, instances: [...instances].reverse() });
  }
  return { input, sopUids };
}

// Generation takes ~0.3 s under tsx but several seconds inside jest's module sandbox on a shared machine.
const GENERATION_LIMIT_MS = 60_000;

describe('phantom studies', () => {
  let study: PhantomStudy;
  let dir: string;

  beforeAll(async () => {
    // Cropped to the box around the tumour: every series is there, with few slices, so the test stays quick.
    study = generatePhantom({ seed: 7, crop: { marginMm: 3 } });
    dir = await mkdtemp(join(tmpdir(), 'heron-series-roles-'));
  }, GENERATION_LIMIT_MS);

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  function expectPhantomRoles(result: StudyRoles, written: Written) {
    const uid = (role: string) => written.series.filter((s) => s.role === role).map((s) => s.seriesInstanceUID);
    const start = study.dce.timing.phaseStartS;
    expect(result.dcePhases.map((p) => [p.label, p.phaseIndex, p.secondsAfterFirstPost])).toEqual([
      ['pre-contrast', 0, start[0] - start[1]],
      ...[1, 2, 3, 4, 5].map((k) => [`post-contrast ${k}`, k, start[k] - start[1]]),
    ]);
    expect(result.t2).toEqual(uid('t2'));
    expect(result.dwi.map((d) => [d.seriesInstanceUID, d.bValue])).toEqual([
      [uid('dwi')[0], 0],
      [uid('dwi')[0], 800],
    ]);
    expect(result.adc).toEqual(uid('adc'));
    expect(result.other).toEqual([]);
    expect(result.warnings).toEqual([]);
  }

  it(
    'classifies a Siemens-style study with one series per DCE phase',
    async () => {
      const written = await writePhantomStudy(study, join(dir, 'per-phase'), { vendor: 'siemens' });
      const { input, sopUids } = await readStudy(written);
      const result = classifyStudy(input);
      expectPhantomRoles(result, written);
      const dceSeries = written.series.filter((s) => s.role === 'dce').map((s) => s.seriesInstanceUID);
      expect(result.dcePhases.map((p) => p.seriesInstanceUID)).toEqual(dceSeries);
      // The phantom writes slices from the lowest position up, so file order is the spatial order.
      result.dcePhases.forEach((p) => expect(p.sopInstanceUIDs).toEqual(sopUids.get(p.seriesInstanceUID)));
    },
    GENERATION_LIMIT_MS,
  );

  it(
    'classifies a GE-style study with all DCE phases in one series',
    async () => {
      const written = await writePhantomStudy({ ...study, dceLayout: 'single-series' }, join(dir, 'single-series'), {
        vendor: 'ge',
      });
      const { input, sopUids } = await readStudy(written);
      const result = classifyStudy(input);
      expectPhantomRoles(result, written);
      expect(result.dcePhases.map((p) => p.temporalPositionIdentifier)).toEqual([1, 2, 3, 4, 5, 6]);
      const dce = written.series.find((s) => s.role === 'dce');
      const files = sopUids.get(dce?.seriesInstanceUID ?? '') ?? [];
      const perPhase = files.length / 6;
      result.dcePhases.forEach((p, k) =>
        expect(p.sopInstanceUIDs).toEqual(files.slice(k * perPhase, (k + 1) * perPhase)),
      );
    },
    GENERATION_LIMIT_MS,
  );
});
