import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generatePhantom, writePhantomStudy } from '@heron/phantom';
import { type OrthancRest, storeFiles, studyInstanceCount } from '../orthanc/orthanc-store';

/** The synthetic studies `npm start` puts in the demo PACS: both HER2 phenotypes, both DCE layouts. */
export const DEMO_CASES = [
  {
    patientId: 'HERON-DEMO-001',
    patientName: 'DEMO^HER2 POSITIVE',
    seed: 101,
    her2: 'positive',
    dceLayout: 'series-per-phase',
    vendor: 'siemens',
  },
  {
    patientId: 'HERON-DEMO-002',
    patientName: 'DEMO^HER2 NEGATIVE',
    seed: 202,
    her2: 'negative',
    dceLayout: 'series-per-phase',
    vendor: 'ge',
  },
  {
    patientId: 'HERON-DEMO-003',
    patientName: 'DEMO^HER2 POSITIVE ONE DCE SERIES',
    seed: 303,
    her2: 'positive',
    dceLayout: 'single-series',
    vendor: 'philips',
  },
] as const;

interface WrittenCase {
  studyInstanceUID: string;
  files: string[];
}

/** Generates a demo case once; later starts reuse the files (the phantom is deterministic anyway). */
async function writtenCase(cacheDir: string, c: (typeof DEMO_CASES)[number]): Promise<WrittenCase> {
  const dir = join(cacheDir, c.patientId);
  const manifest = join(dir, 'heron-demo.json');
  if (existsSync(manifest)) {
    const m = JSON.parse(readFileSync(manifest, 'utf8')) as WrittenCase;
    if (m.files.every((f) => existsSync(f))) return m;
  }
  rmSync(dir, { recursive: true, force: true });
  const study = generatePhantom({ seed: c.seed, her2: c.her2, dceLayout: c.dceLayout, size: 'standard' });
  const out = await writePhantomStudy(study, dir, {
    patientId: c.patientId,
    patientName: c.patientName,
    vendor: c.vendor,
  });
  const m: WrittenCase = { studyInstanceUID: out.studyInstanceUID, files: out.files.filter((f) => f.endsWith('.dcm')) };
  writeFileSync(manifest, JSON.stringify(m));
  return m;
}

export interface DemoLoadReport {
  patientId: string;
  studyInstanceUID: string;
  instances: number;
  action: 'present' | 'stored';
}

/** Makes sure every demo study is complete in Orthanc, storing only what is missing. */
export async function loadDemoStudies(
  orthanc: OrthancRest,
  cacheDir: string,
  log: (msg: string) => void,
): Promise<DemoLoadReport[]> {
  const reports: DemoLoadReport[] = [];
  for (const c of DEMO_CASES) {
    const w = await writtenCase(cacheDir, c);
    const have = await studyInstanceCount(orthanc, w.studyInstanceUID);
    if (have >= w.files.length) {
      reports.push({
        patientId: c.patientId,
        studyInstanceUID: w.studyInstanceUID,
        instances: have,
        action: 'present',
      });
      continue;
    }
    log(`storing demo study ${c.patientId} (${w.files.length} instances)`);
    await storeFiles(orthanc, w.files);
    reports.push({
      patientId: c.patientId,
      studyInstanceUID: w.studyInstanceUID,
      instances: w.files.length,
      action: 'stored',
    });
  }
  return reports;
}
