// The outline endpoints against a real Orthanc: a one-click proposal on a phantom study (with the refusals), the
// SEG segments and RTSTRUCT ROIs already in a study, and one of them as a mask outline POST /api/analyses takes.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generatePhantom, writePhantomStudy, type PhantomStudy } from '@heron/phantom';
import { decodeMaskRuns } from '@heron/radiomics';
import { connectDicomweb } from '@heron/dicom/dicomweb';
import { classifyStudy, studySeries } from '@heron/dicom/roles';
import { writeSeg } from '@heron/dicom/seg';
import { loadVolume } from '@heron/dicom/volumes';
import type { RunningServer } from '@heron/server';
import { orthancAuthHeader, storeFiles } from '@heron/server/testing';
import { readerAuthHeader, startTestHeron } from '../support/heron-harness';
import { startTestOrthanc, type TestOrthanc } from '../support/orthanc-harness';
import { repoRoot } from '../support/paths';
import { centreClick, dice } from '../support/proposal-cases';

const STS_002 = join(repoRoot, '..', 'shared', 'reference', 'real-dicom', 'ibsi-sts-mr', 'STS_002');
let orthanc: TestOrthanc;
let heron: RunningServer;
let study: PhantomStudy;
let studyUid: string;
let stsUid: string;
const workDir = mkdtempSync(join(tmpdir(), 'heron-outline-api-'));
const auth = { Authorization: readerAuthHeader() };

const dicomFiles = (dir: string): string[] =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.dcm'))
    .map((f) => join(dir, f));

beforeAll(async () => {
  orthanc = await startTestOrthanc();
  study = generatePhantom({ seed: 17, size: 'compact' });
  const written = await writePhantomStudy(study, join(workDir, 'study'), { patientId: 'OUTLINE-001' });
  studyUid = written.studyInstanceUID;
  await storeFiles(
    orthanc,
    written.files.filter((f) => f.endsWith('.dcm')),
  );
  // A SEG with two segments, as a previous reader's outline.
  const client = connectDicomweb({
    url: `${orthanc.url}/dicom-web`,
    authorization: orthancAuthHeader(orthanc.credentials),
  });
  const phase = classifyStudy(await studySeries(client, studyUid)).dcePhases.find((p) => p.phaseIndex === 1)!;
  const source = await loadVolume(client, {
    studyInstanceUID: studyUid,
    seriesInstanceUID: phase.seriesInstanceUID,
    select: { sopInstanceUIDs: phase.sopInstanceUIDs },
  });
  const tumour = Uint8Array.from(study.mask.data);
  const shell = Uint8Array.from(tumour, (v, n) => (!v && (tumour[n - 1] || tumour[n + 1]) ? 1 : 0));
  const seg = writeSeg({
    source,
    segments: [
      { region: { kind: 'tumour' }, mask: tumour, algorithmType: 'MANUAL' },
      { region: { kind: 'shell', widthMm: 1 }, mask: shell, algorithmType: 'AUTOMATIC', algorithmName: 'test shell' },
    ],
    device: {
      manufacturer: 'Heron project',
      modelName: 'Heron',
      softwareVersion: '0.1.0',
      serialNumber: 'outline-api',
    },
  });
  writeFileSync(join(workDir, 'seg.dcm'), Buffer.from(seg.bytes));
  await storeFiles(orthanc, [
    join(workDir, 'seg.dcm'),
    ...dicomFiles(join(STS_002, 'image')),
    join(STS_002, 'mask', 'RS.dcm'),
  ]);
  heron = await startTestHeron(orthanc);
  const studies = (await (
    await fetch(`${orthanc.url}/dicom-web/studies?PatientID=STS_002`, {
      headers: { Authorization: orthancAuthHeader(orthanc.credentials) },
    })
  ).json()) as { '0020000D': { Value: string[] } }[];
  stsUid = studies[0]['0020000D'].Value[0];
}, 180_000);

afterAll(async () => {
  await heron?.close();
  await orthanc?.dispose();
  rmSync(workDir, { recursive: true, force: true });
}, 30_000);

const post = (path: string, body: unknown): Promise<Response> =>
  fetch(`${heron.url}/api/studies/${path}`, {
    method: 'POST',
    headers: { ...auth, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });

interface OutlineBody {
  outline: { kind: string; size: [number, number, number]; runs: number[]; sopInstanceUIDs: string[] };
  voxelCount: number;
}

describe('POST /api/studies/:study/proposals', () => {
  it('proposes an outline from one click, on the grid of the post-contrast phase', async () => {
    const res = await post(`${studyUid}/proposals`, { point: centreClick(study) });
    expect(res.status).toBe(200);
    const body = (await res.json()) as OutlineBody & { phase: string; proposalMs: number };
    expect(body.phase).toBe('post-contrast 1');
    expect(body.outline.kind).toBe('mask');
    expect(body.outline.size).toEqual(study.mask.size);
    const [nx, ny, nz] = body.outline.size;
    expect(dice(decodeMaskRuns(body.outline.runs, nx * ny * nz), study.mask.data)).toBeGreaterThan(0.85);
  });

  it('says so when the click finds no lesion, and refuses a malformed point', async () => {
    const far = await post(`${studyUid}/proposals`, { point: [0, 0, 9999] });
    expect(far.status).toBe(422);
    expect(((await far.json()) as { error: string }).error).toMatch(/outside the images/);
    const bad = await post(`${studyUid}/proposals`, { point: [1, 2] });
    expect(bad.status).toBe(400);
    const noDce = await post(`${stsUid}/proposals`, { point: [0, 0, 0] });
    expect(noDce.status).toBe(422);
    expect(((await noDce.json()) as { error: string }).error).toMatch(/no DCE series/);
  });
});

it('describes the outline endpoints in the OpenAPI document', async () => {
  const doc = (await (await fetch(`${heron.url}/api/openapi.json`, { headers: auth })).json()) as {
    paths: Record<string, unknown>;
  };
  expect(Object.keys(doc.paths)).toEqual(
    expect.arrayContaining([
      '/api/studies/{study}/proposals',
      '/api/studies/{study}/outlines',
      '/api/studies/{study}/outlines/mask',
    ]),
  );
});

describe('existing outlines', () => {
  it('lists the SEG segments and the RTSTRUCT ROIs in a study', async () => {
    const phantom = (await (
      await fetch(`${heron.url}/api/studies/${studyUid}/outlines`, { headers: auth })
    ).json()) as { outlines: { kind: string; items: { number: number; name: string }[] }[] };
    expect(phantom.outlines).toHaveLength(1);
    expect(phantom.outlines[0].kind).toBe('seg');
    expect(phantom.outlines[0].items.map((i) => i.name)).toEqual(['Tumour', expect.stringMatching(/1 mm/)]);
    const sts = (await (await fetch(`${heron.url}/api/studies/${stsUid}/outlines`, { headers: auth })).json()) as {
      outlines: { kind: string; items: { name: string }[] }[];
    };
    expect(sts.outlines).toEqual([
      expect.objectContaining({ kind: 'rtstruct', items: [{ number: 1, name: 'GTV_Mass_MR_T1' }] }),
    ]);
  });

  it('gives an RTSTRUCT ROI and a chosen SEG segment as mask outlines; a SEG with several segments needs a choice', async () => {
    const list = async (uid: string) =>
      (
        (await (await fetch(`${heron.url}/api/studies/${uid}/outlines`, { headers: auth })).json()) as {
          outlines: { seriesInstanceUID: string; sopInstanceUID: string }[];
        }
      ).outlines[0];
    const rt = await list(stsUid);
    const roi = await post(`${stsUid}/outlines/mask`, { ...rt, roi: 'GTV_Mass_MR_T1' });
    expect(roi.status).toBe(200);
    expect(((await roi.json()) as OutlineBody).voxelCount).toBe(17090);

    const seg = await list(studyUid);
    const none = await post(`${studyUid}/outlines/mask`, seg);
    expect(none.status).toBe(422);
    expect(((await none.json()) as { error: string }).error).toMatch(/2 segments .* none was chosen/);
    const first = await post(`${studyUid}/outlines/mask`, { ...seg, segment: 1 });
    expect(first.status).toBe(200);
    const body = (await first.json()) as OutlineBody;
    const [nx, ny, nz] = body.outline.size;
    expect(dice(decodeMaskRuns(body.outline.runs, nx * ny * nz), study.mask.data)).toBe(1);
  });
});
