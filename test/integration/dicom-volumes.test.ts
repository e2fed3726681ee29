// Volumes built over DICOMweb from phantom studies stored in a real Orthanc match the phantom's own arrays and
// geometry: DCE phases as series per phase and as one series, T2 and DWI on grids that differ from DCE, ADC.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generatePhantom, type PhantomStudy, writePhantomStudy } from '@heron/phantom';
import type { Volume } from '@heron/radiomics';
import { connectDicomweb, type DicomwebClient } from '@heron/dicom/dicomweb';
import { classifyStudy, type SeriesInput, type StudyRoles } from '@heron/dicom/roles';
import { loadVolume } from '@heron/dicom/volumes';
import { orthancAuthHeader, storeFiles } from '@heron/server/testing';
import { startTestOrthanc, type TestOrthanc } from '../support/orthanc-harness';

interface Loaded {
  study: PhantomStudy;
  studyUid: string;
  series: SeriesInput[];
  roles: StudyRoles;
}

let orthanc: TestOrthanc;
let client: DicomwebClient;
const workDir = mkdtempSync(join(tmpdir(), 'heron-dicom-volumes-'));
const studies: Record<'perPhase' | 'single', Loaded> = {} as Record<'perPhase' | 'single', Loaded>;

async function storePhantom(
  key: 'perPhase' | 'single',
  seed: number,
  options: { dceLayout: 'series-per-phase' | 'single-series'; vendor: 'siemens' | 'ge' | 'philips' },
) {
  const study = generatePhantom({ seed, size: 'compact', dceLayout: options.dceLayout });
  const written = await writePhantomStudy(study, join(workDir, key), {
    vendor: options.vendor,
    patientId: `VOL-${seed}`,
  });
  await storeFiles(
    orthanc,
    written.files.filter((f) => f.endsWith('.dcm')),
  );
  const series: SeriesInput[] = [];
  for (const s of written.series) {
    const instances = await client.retrieveSeriesMetadata({
      studyInstanceUID: written.studyInstanceUID,
      seriesInstanceUID: s.seriesInstanceUID,
    });
    series.push({ seriesInstanceUID: s.seriesInstanceUID, instances });
  }
  studies[key] = { study, studyUid: written.studyInstanceUID, series, roles: classifyStudy(series) };
}

beforeAll(async () => {
  orthanc = await startTestOrthanc();
  client = connectDicomweb({ url: `${orthanc.url}/dicom-web`, authorization: orthancAuthHeader(orthanc.credentials) });
  await storePhantom('perPhase', 11, { dceLayout: 'series-per-phase', vendor: 'siemens' });
  await storePhantom('single', 12, { dceLayout: 'single-series', vendor: 'philips' });
}, 180_000);

afterAll(async () => {
  await orthanc?.dispose();
  rmSync(workDir, { recursive: true, force: true });
}, 30_000);

function expectSameVolume(actual: Volume, expected: Volume): void {
  expect(actual.size).toEqual(expected.size);
  expect(actual.data.constructor).toBe(expected.data.constructor);
  for (let i = 0; i < 3; i++) {
    // The phantom writes positions and spacings as DS with 4 decimals.
    expect(actual.spacing[i]).toBeCloseTo(expected.spacing[i], 4);
    expect(actual.origin[i]).toBeCloseTo(expected.origin[i], 4);
  }
  actual.direction.forEach((d, i) => expect(d).toBeCloseTo(expected.direction[i], 6));
  let differing = 0;
  for (let i = 0; i < expected.data.length; i++) if (actual.data[i] !== expected.data[i]) differing++;
  expect(differing).toBe(0);
}

describe('volumes from DICOMweb', () => {
  it.each(['perPhase', 'single'] as const)(
    'builds every DCE phase exactly (%s)',
    async (key) => {
      const { study, studyUid, roles } = studies[key];
      expect(roles.dcePhases).toHaveLength(study.dce.phases.length);
      for (const [p, phase] of roles.dcePhases.entries()) {
        const v = await loadVolume(client, {
          studyInstanceUID: studyUid,
          seriesInstanceUID: phase.seriesInstanceUID,
          select: { sopInstanceUIDs: phase.sopInstanceUIDs },
        });
        expectSameVolume(v.volume, study.dce.phases[p]);
        expect(v.slices).toHaveLength(study.dce.phases[p].size[2]);
      }
    },
    120_000,
  );

  it('selects one phase of a single DCE series by its temporal position', async () => {
    const { study, studyUid, roles } = studies.single;
    const v = await loadVolume(client, {
      studyInstanceUID: studyUid,
      seriesInstanceUID: roles.dcePhases[2].seriesInstanceUID,
      select: { temporalPosition: 3 },
    });
    expectSameVolume(v.volume, study.dce.phases[2]);
  });

  it.each(['perPhase', 'single'] as const)(
    'builds T2, DWI per b-value and ADC on their own grids (%s)',
    async (key) => {
      const { study, studyUid, roles } = studies[key];
      expect(study.t2.size).not.toEqual(study.dce.phases[0].size);
      const t2 = await loadVolume(client, { studyInstanceUID: studyUid, seriesInstanceUID: roles.t2[0] });
      expectSameVolume(t2.volume, study.t2);
      const adc = await loadVolume(client, { studyInstanceUID: studyUid, seriesInstanceUID: roles.adc[0] });
      expectSameVolume(adc.volume, study.adc);
      expect(roles.dwi.map((d) => d.bValue)).toEqual(study.dwi.bValues);
      for (const [i, b] of study.dwi.bValues.entries()) {
        const dwi = await loadVolume(client, {
          studyInstanceUID: studyUid,
          seriesInstanceUID: roles.dwi[i].seriesInstanceUID,
          select: { bValue: b },
        });
        expectSameVolume(dwi.volume, study.dwi.images[i]);
      }
    },
    60_000,
  );

  it('refuses a whole DWI series (two b-values share every slice position) and names it', async () => {
    const { studyUid, roles } = studies.perPhase;
    await expect(
      loadVolume(client, { studyInstanceUID: studyUid, seriesInstanceUID: roles.dwi[0].seriesInstanceUID }),
    ).rejects.toThrow(/series \d+ ".*": .* lie at the same slice position .* choose one temporal phase or b-value/);
  });

  it('names the series when it is not in the PACS', async () => {
    await expect(
      loadVolume(client, { studyInstanceUID: studies.perPhase.studyUid, seriesInstanceUID: '1.2.3.999' }),
    ).rejects.toThrow(/series 1\.2\.3\.999.*not found in the PACS/);
  });
});
