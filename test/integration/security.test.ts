// Issue 12 "Lock the doors": every attack found on a running Heron, tried again against a real Orthanc. Heron talks
// to Orthanc through a recording tap, so "refused before Orthanc" is checked on what actually reached Orthanc.
import { request as httpRequest } from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generatePhantom, writePhantomStudy } from '@heron/phantom';
import { connectDicomweb, type DicomwebClient } from '@heron/dicom/dicomweb';
import { classifyStudy, studySeries } from '@heron/dicom/roles';
import { writeSeg, type WrittenObject } from '@heron/dicom/seg';
import { verifiedSr, writeSr } from '@heron/dicom/sr';
import { storeObjects } from '@heron/dicom/dicomweb';
import type { StoredResult } from '@heron/server/contract';
import { analysisSettled } from '@heron/server/contract';
import { classifierResult, radiomicsGroups } from '@heron/dicom/testing';
import { loadVolume, type SeriesVolume } from '@heron/dicom/volumes';
import { heronDevice, type RunningServer } from '@heron/server';
import { orthancAuthHeader, storeFiles } from '@heron/server/testing';
import { encodeMaskRuns } from '@heron/radiomics';
import { readerAuthHeader, startTestHeron, TEST_READER } from '../support/heron-harness';
import { startTestOrthanc, type TestOrthanc } from '../support/orthanc-harness';
import { startOrthancTap, type OrthancTap } from '../support/orthanc-tap';

const OHIF = { manufacturer: 'OHIF', modelName: 'OHIF Viewer', softwareVersion: '3.10', serialNumber: 'ohif-1' };

let orthanc: TestOrthanc;
let tap: OrthancTap;
let heron: RunningServer;
let client: DicomwebClient;
let studyUid: string;
let dce: SeriesVolume;
let tumour: Uint8Array;
let mrInstance: { series: string; sop: string; file: string };
/** The SEG a reader saved through the proxy (finding 2), used as an outline later. */
let savedSeg: { series: string; sop: string } | undefined;
const workDir = mkdtempSync(join(tmpdir(), 'heron-security-'));
const auditFile = join(workDir, 'audit.jsonl');

beforeAll(async () => {
  orthanc = await startTestOrthanc();
  client = connectDicomweb({ url: `${orthanc.url}/dicom-web`, authorization: orthancAuthHeader(orthanc.credentials) });
  const study = generatePhantom({ seed: 12, size: 'compact', dceLayout: 'single-series' });
  tumour = Uint8Array.from(study.mask.data);
  const written = await writePhantomStudy(study, join(workDir, 'study'), { vendor: 'siemens' });
  studyUid = written.studyInstanceUID;
  const files = written.files.filter((f) => f.endsWith('.dcm'));
  await storeFiles(orthanc, files);
  const series = await studySeries(client, studyUid);
  const phase = classifyStudy(series).dcePhases[2];
  dce = await loadVolume(client, {
    studyInstanceUID: studyUid,
    seriesInstanceUID: phase.seriesInstanceUID,
    select: { sopInstanceUIDs: phase.sopInstanceUIDs },
  });
  mrInstance = { series: phase.seriesInstanceUID, sop: phase.sopInstanceUIDs[0], file: files[0] };
  tap = await startOrthancTap(orthanc.url);
  heron = await startTestHeron({ url: tap.url, credentials: orthanc.credentials }, undefined, { auditFile });
}, 180_000);

afterAll(async () => {
  await heron?.close();
  await tap?.close();
  await orthanc?.dispose();
  rmSync(workDir, { recursive: true, force: true });
}, 30_000);

interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** A request with its path sent byte for byte (fetch and URL would resolve the dot segments first, as curl --path-as-is does not). */
function raw(
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: Buffer | string,
): Promise<RawAnswer> {
  const url = new URL(heron.url);
  return new Promise((resolve, reject) => {
    const length = body === undefined ? {} : { 'Content-Length': String(Buffer.byteLength(body)) };
    const req = httpRequest(
      {
        hostname: url.hostname,
        port: url.port,
        method,
        path,
        headers: { Authorization: readerAuthHeader(), ...length, ...headers },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

function auditLines(): Array<Record<string, unknown>> {
  return readFileSync(auditFile, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

/** A STOW-RS body as OHIF's dicomweb-client sends it. */
function stowBody(objects: ArrayBuffer[]): { body: Buffer; contentType: string } {
  const boundary = 'heron-test-boundary';
  const parts = objects.flatMap((o) => [
    Buffer.from(`--${boundary}\r\nContent-Type: application/dicom\r\n\r\n`),
    Buffer.from(o),
    Buffer.from('\r\n'),
  ]);
  return {
    body: Buffer.concat([...parts, Buffer.from(`--${boundary}--`)]),
    contentType: `multipart/related; type=application/dicom; boundary=${boundary}`,
  };
}

function stow(objects: ArrayBuffer[], path = '/dicom-web/studies'): Promise<RawAnswer> {
  const { body, contentType } = stowBody(objects);
  return raw('POST', path, { 'Content-Type': contentType }, body);
}

function heronReport(device = heronDevice()): WrittenObject {
  const seg = writeSeg({
    source: dce,
    segments: [{ region: { kind: 'tumour' }, mask: tumour, algorithmType: 'MANUAL' }],
    device,
  });
  return writeSr({
    reference: dce.reference,
    evidence: dce.slices.map((s) => ({ ...s, seriesInstanceUID: dce.seriesInstanceUID })),
    seg,
    radiomics: radiomicsGroups(dce.seriesInstanceUID),
    classifier: classifierResult(dce.seriesInstanceUID),
    algorithm: { name: 'heron-radiomics', version: '0.1.0', parameters: '{}' },
    device,
    createdAt: new Date(),
  });
}

describe('finding 1: path traversal through the proxy', () => {
  it('refuses every traversal variant without reaching Orthanc, and deletes nothing', async () => {
    const instance = `/dicom-web/studies/${studyUid}/series/${mrInstance.series}/instances/${mrInstance.sop}`;
    const attempts: Array<[string, string]> = [
      ['GET', '/dicom-web/../system'],
      ['GET', '/dicom-web/%2e%2e/system'],
      ['GET', '/dicom-web/%2E%2E/system'],
      ['GET', '/dicom-web/..%2fsystem'],
      ['GET', '/dicom-web/..%2Fsystem'],
      ['GET', '/dicom-web/..%5csystem'],
      ['GET', '/dicom-web/studies/..%2f..%2fsystem'],
      ['GET', '/dicom-web/%252e%252e/system'],
      ['GET', '/dicom-web/.%2e/system'],
      ['GET', '/dicom-web/./../system'],
      ['GET', '/dicom-web//../system'],
      ['GET', '/dicom-web//studies'],
      ['GET', '/wado/../system'],
      ['GET', '/wado/../tools/find'],
      ['GET', '/DICOM-WEB/../system'],
      ['GET', '/Dicom-Web/studies'],
      ['GET', '/dicom-web\\..\\system'],
      ['GET', '/dicom-web/studies/../../patients'],
      ['POST', '/dicom-web/../tools/shutdown'],
      ['POST', '/dicom-web/../tools/reset'],
      ['POST', '/dicom-web/../tools/execute-script'],
      ['POST', '/dicom-web/../instances/x/modify'],
      ['DELETE', `/dicom-web/../instances/x`],
      ['DELETE', `${instance}/../../../../../../instances/x`],
    ];
    const before = tap.seen.length;
    for (const [method, path] of attempts) {
      const res = await raw(method, path, { 'Content-Type': 'application/json' }, method === 'GET' ? undefined : '{}');
      expect({ method, path, refused: res.status >= 400 && res.status < 500 }).toEqual({ method, path, refused: true });
      expect(res.text).not.toMatch(/DicomAet|ApiVersion/);
    }
    expect(tap.seen.slice(before)).toEqual([]);
    // The instance the attack deleted in the issue is still there.
    expect((await raw('GET', `${instance}/metadata`)).status).toBe(200);
    const refused = auditLines().filter((l) => l.action === 'proxy-refused');
    expect(refused.length).toBeGreaterThanOrEqual(attempts.length);
    expect(refused[0]).toMatchObject({ user: TEST_READER.user, address: '127.0.0.1' });
  });

  it('still forwards what the viewer reads, on a rebuilt path, with no-store', async () => {
    const before = tap.seen.length;
    const res = await raw('GET', `/dicom-web/studies?StudyInstanceUID=${studyUid}&includefield=00081030,00080060`);
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(tap.seen.slice(before)).toEqual([
      `GET /dicom-web/studies?StudyInstanceUID=${studyUid}&includefield=00081030&includefield=00080060`,
    ]);
    // The BulkDataURIs Orthanc writes into the metadata are routes the policy knows.
    const meta = JSON.parse(
      (await raw('GET', `/dicom-web/studies/${studyUid}/series/${mrInstance.series}/metadata`)).text,
    ) as Array<Record<string, { BulkDataURI?: string }>>;
    const bulk = new URL(String(meta[0]['7FE00010'].BulkDataURI));
    expect(
      (await raw('GET', bulk.pathname, { Accept: 'multipart/related; type="application/octet-stream"' })).status,
    ).toBe(200);
  });
});

describe('finding 2: only reads and a reader-made SEG or SR pass the proxy', () => {
  it('refuses DELETE, PUT, PATCH and Orthanc REST calls with 405 or 404, without reaching Orthanc', async () => {
    const before = tap.seen.length;
    const study = `/dicom-web/studies/${studyUid}`;
    for (const method of ['DELETE', 'PUT', 'PATCH']) {
      const res = await raw(method, study);
      expect(res.status).toBe(405);
      expect(res.headers.allow).toBe('GET, HEAD, POST');
    }
    for (const path of [
      '/dicom-web/instances/x/modify',
      '/dicom-web/tools/shutdown',
      '/dicom-web/system',
      '/wado/tools/reset',
    ]) {
      expect((await raw('POST', path)).status).toBe(404);
    }
    expect(tap.seen.slice(before)).toEqual([]);
  });

  it('refuses a forged Heron report (its device, a VERIFIED flag, or only its layout) and an image, and stores a plain OHIF SEG with an audit entry', async () => {
    const forged = await stow([heronReport().bytes]);
    expect(forged.status).toBe(403);
    expect(forged.text).toMatch(/names Heron as the equipment/);

    const verified = verifiedSr(heronReport(OHIF).bytes, {
      readerName: 'Mallory',
      organization: 'Evil',
      at: new Date(),
    });
    const claimed = await stow([verified.bytes]);
    expect(claimed.status).toBe(403);
    expect(claimed.text).toMatch(/claims to be verified/);

    const disguised = await stow([heronReport(OHIF).bytes]);
    expect(disguised.status).toBe(403);
    expect(disguised.text).toMatch(/laid out as a Heron report/);

    const image = await stow([new Uint8Array(readFileSync(mrInstance.file)).buffer]);
    expect(image.status).toBe(403);
    expect(image.text).toMatch(/Only segmentations and measurement reports/);

    const seg = writeSeg({
      source: dce,
      segments: [{ region: { kind: 'tumour' }, mask: tumour, algorithmType: 'MANUAL' }],
      device: OHIF,
    });
    const elsewhere = await stow([seg.bytes], '/dicom-web/studies/1.2.3.4');
    expect(elsewhere.status).toBe(409);

    const stored = await stow([seg.bytes]);
    expect(stored.status).toBe(200);
    savedSeg = { series: seg.seriesInstanceUID, sop: seg.sopInstanceUID };
    const found = await client.searchForInstances({
      studyInstanceUID: studyUid,
      seriesInstanceUID: seg.seriesInstanceUID,
    });
    expect(found).toHaveLength(1);
    expect(auditLines().filter((l) => l.action === 'proxy-stored')).toEqual([
      expect.objectContaining({
        user: TEST_READER.user,
        study: studyUid,
        sopInstanceUID: seg.sopInstanceUID,
        sopClassUID: seg.sopClassUID,
      }),
    ]);
  });

  it('refuses a SEG for a study that is not in the PACS', async () => {
    const other = {
      ...dce,
      reference: { ...dce.reference, '0020000D': { vr: 'UI', Value: ['1.2.826.0.1.3680043.8.498.999'] } },
    };
    const seg = writeSeg({
      source: other,
      segments: [{ region: { kind: 'tumour' }, mask: tumour, algorithmType: 'MANUAL' }],
      device: OHIF,
    });
    const res = await stow([seg.bytes]);
    expect(res.status).toBe(404);
    expect(res.text).toMatch(/is not in the PACS/);
  });
});

describe('finding 3: one decision per report', () => {
  it('answers four concurrent decisions on one report with one 201 and three 409s naming it, and stores exactly one', async () => {
    const report = heronReport();
    await storeObjects(client, studyUid, [report]);
    const decide = (action: 'accept' | 'reject') =>
      fetch(`${heron.url}/api/results/${report.sopInstanceUID}/${action}`, {
        method: 'POST',
        headers: { Authorization: readerAuthHeader(), 'Content-Type': 'application/json' },
        body: JSON.stringify(
          action === 'accept'
            ? { studyInstanceUID: studyUid }
            : { studyInstanceUID: studyUid, reason: 'outline too small' },
        ),
      });
    const answers = await Promise.all((['accept', 'reject', 'accept', 'reject'] as const).map(decide));
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([201, 409, 409, 409]);
    const winner = (await answers.find((a) => a.status === 201)!.json()) as { srSopInstanceUID: string; state: string };
    for (const a of answers.filter((x) => x.status === 409)) {
      expect(((await a.json()) as { error: string }).error).toContain(
        `report ${winner.srSopInstanceUID} in the study replaces it`,
      );
    }
    const results = (await (
      await fetch(`${heron.url}/api/studies/${studyUid}/results`, { headers: { Authorization: readerAuthHeader() } })
    ).json()) as { results: StoredResult[] };
    expect(
      results.results.filter((r) => r.replaces.includes(report.sopInstanceUID)).map((r) => r.srSopInstanceUID),
    ).toEqual([winner.srSopInstanceUID]);
    const audit = auditLines().filter((l) => l.report === report.sopInstanceUID);
    expect(audit.filter((l) => l.action === 'report-accepted' || l.action === 'report-rejected')).toHaveLength(1);
    expect(audit.filter((l) => l.action === 'decision-refused')).toHaveLength(3);
    expect(audit.find((l) => l.action === 'report-rejected')?.reason ?? 'outline too small').toBe('outline too small');
  }, 60_000);
});

describe('findings 6 and 8: limits checked before 202, idempotency keys bound to their request', () => {
  const outline = (extra: Record<string, unknown> = {}) => ({
    kind: 'mask',
    seriesInstanceUID: dce.seriesInstanceUID,
    sopInstanceUIDs: dce.slices.map((s) => s.sopInstanceUID),
    size: dce.volume.size,
    spacing: dce.volume.spacing,
    origin: dce.volume.origin,
    direction: dce.volume.direction,
    runs: encodeMaskRuns(tumour),
    ...extra,
  });
  const analyse = (body: Record<string, unknown>, headers: Record<string, string> = {}) =>
    fetch(`${heron.url}/api/analyses`, {
      method: 'POST',
      headers: { Authorization: readerAuthHeader(), 'Content-Type': 'application/json', ...headers },
      body: JSON.stringify({ studyInstanceUID: studyUid, modelId: 'her2-demo', ...body }),
    });

  it('answers each bad input with its status before any job starts', async () => {
    const [nx, ny, nz] = dce.volume.size;
    const cases: Array<[string, Record<string, unknown>, number, RegExp]> = [
      [
        'huge grid',
        {
          outline: outline({
            size: [4000, 4000, 20],
            sopInstanceUIDs: Array.from({ length: 20 }, () => mrInstance.sop),
            runs: [320_000_000],
          }),
        },
        400,
        /larger than any breast MRI series/,
      ],
      ['runs short of the grid', { outline: outline({ runs: [5] }) }, 400, /its runs cover 5 voxels but its grid has/],
      [
        'slices and images disagree',
        { outline: outline({ size: [nx, ny, nz + 1], runs: [nx * ny * (nz + 1)] }) },
        400,
        /slices but names/,
      ],
      [
        'grid not the series grid',
        { outline: outline({ size: [nx * 2, ny / 2, nz] }) },
        400,
        /does not match the images it names/,
      ],
      [
        'foreign study',
        { studyInstanceUID: '1.2.826.0.1.3680043.8.498.777', outline: outline() },
        404,
        /is not in the PACS/,
      ],
      [
        'series of another study',
        { outline: outline({ seriesInstanceUID: '1.2.826.0.1.3680043.8.498.778' }) },
        400,
        /which is not in this study/,
      ],
      [
        'image not in the series',
        { outline: outline({ sopInstanceUIDs: [...dce.slices.slice(1).map((s) => s.sopInstanceUID), '1.2.3'] }) },
        400,
        /names image 1.2.3/,
      ],
      [
        'SEG outline naming an MR image',
        { outline: { kind: 'seg', seriesInstanceUID: mrInstance.series, sopInstanceUID: mrInstance.sop } },
        400,
        /is not a SEG/,
      ],
    ];
    for (const [name, body, status, message] of cases) {
      const res = await analyse(body);
      const error = ((await res.json()) as { error?: string }).error ?? '';
      expect({ name, status: res.status, error }).toEqual({
        name,
        status,
        error: expect.stringMatching(message) as string,
      });
    }
    expect(auditLines().filter((l) => l.action === 'analysis-started')).toEqual([]);
    expect((await fetch(`${heron.url}/healthz`)).status).toBe(200);
  }, 60_000);

  it('refuses an Idempotency-Key reused with another body with 422', async () => {
    const key = { 'Idempotency-Key': 'security-test-1' };
    const first = await analyse({ outline: outline() }, key);
    expect(first.status).toBe(202);
    const other = await analyse({ outline: outline(), clinical: { age: 50 } }, key);
    expect(other.status).toBe(422);
    expect(((await other.json()) as { error: string }).error).toMatch(/already used for a different analysis request/);
    const job = (await first.json()) as { id: string };
    for (;;) {
      const j = (await (
        await fetch(`${heron.url}/api/analyses/${job.id}`, { headers: { Authorization: readerAuthHeader() } })
      ).json()) as { state: string; result?: { stored: { segSopInstanceUID: string; srSopInstanceUID: string } } };
      if (analysisSettled(j)) {
        const stored = auditLines().find(
          (l) => l.analysis === job.id && (l.action === 'analysis-stored' || l.action === 'analysis-failed'),
        );
        expect(stored).toMatchObject({ user: TEST_READER.user, study: studyUid });
        if (j.state === 'succeeded')
          expect(stored).toMatchObject({
            action: 'analysis-stored',
            seg: j.result?.stored.segSopInstanceUID,
            sr: j.result?.stored.srSopInstanceUID,
          });
        break;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    // A SEG that is one passes the same checks (the reader's SEG saved through the proxy above).
    const fromSeg = await analyse({
      outline: { kind: 'seg', seriesInstanceUID: savedSeg?.series, sopInstanceUID: savedSeg?.sop },
    });
    expect(fromSeg.status).toBe(202);
    const segJob = (await fromSeg.json()) as { id: string };
    for (;;) {
      const j = (await (
        await fetch(`${heron.url}/api/analyses/${segJob.id}`, { headers: { Authorization: readerAuthHeader() } })
      ).json()) as { state: string; error?: string };
      if (analysisSettled(j)) {
        expect(j).toMatchObject({ state: 'succeeded' });
        break;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }, 120_000);
});

describe('finding 4: cross-site requests', () => {
  it('refuses a write from another site, through the proxy and the API, without reaching Orthanc', async () => {
    const before = tap.seen.length;
    const evil = { Origin: 'http://evil.example', 'Content-Type': 'text/plain' };
    expect((await raw('POST', '/dicom-web/studies', evil, 'hello')).status).toBe(403);
    expect((await raw('POST', `/api/results/1.2.3/accept`, evil, '{}')).status).toBe(403);
    expect(
      (
        await raw(
          'POST',
          `/api/analyses`,
          { Referer: 'http://evil.example/page', 'Content-Type': 'application/json' },
          '{}',
        )
      ).status,
    ).toBe(403);
    expect(
      (await raw('POST', `/api/analyses`, { Origin: 'null', 'Content-Type': 'application/json' }, '{}')).status,
    ).toBe(403);
    expect(tap.seen.slice(before)).toEqual([]);
    expect(auditLines().filter((l) => l.action === 'cross-site-refused')).toHaveLength(4);
    // The viewer's own writes carry its origin and pass (this one is then refused for its body).
    const own = await raw('POST', '/api/analyses', { Origin: heron.url, 'Content-Type': 'application/json' }, '{}');
    expect(own.status).toBe(400);
  });
});

describe('finding 9: headers and errors', () => {
  it('sends a CSP the viewer works under, and the other security headers', async () => {
    const res = await raw('GET', '/');
    expect(res.status).toBe(200);
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval' 'sha256-");
    expect(csp).toContain("worker-src 'self' blob:");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/'unsafe-eval'/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['referrer-policy']).toBe('same-origin');
    expect(res.headers['cross-origin-embedder-policy']).toBe('require-corp');
  });

  it('marks patient data no-store', async () => {
    for (const path of [`/api/studies/${studyUid}/results`, `/dicom-web/studies/${studyUid}/series`]) {
      expect((await raw('GET', path)).headers['cache-control']).toBe('no-store');
    }
  });

  it('answers a wrong method with 405, an unknown path and an oversized request with JSON', async () => {
    const wrong = await raw('DELETE', '/api/analyses');
    expect(wrong.status).toBe(405);
    expect(wrong.headers.allow).toBe('POST');
    const unknown = await raw('POST', '/no/such/page', { 'Content-Type': 'application/json' }, '{}');
    expect(unknown.status).toBe(404);
    expect(unknown.headers['content-type']).toMatch(/^application\/json/);
    const huge = await raw('GET', '/dicom-web/studies?' + Array.from({ length: 5000 }, (_, i) => `p${i}=1`).join('&'));
    expect(huge.status).toBe(431);
    expect(JSON.parse(huge.text)).toEqual({ error: expect.stringContaining('too large') as string });
  });

  it("translates Orthanc's errors instead of passing them on", async () => {
    const res = await raw('GET', `/dicom-web/studies/${studyUid}/series/1.2.3.4/metadata`);
    expect(res.status).toBe(404);
    expect(JSON.parse(res.text)).toEqual({ error: 'Not found in the PACS.' });
  });
});

describe('finding 5: login brute force', () => {
  it('makes the wrong-password caller wait after a few failures, even with the right password, and logs it', async () => {
    const file = join(workDir, 'audit-login.jsonl');
    const guarded = await startTestHeron({ url: tap.url, credentials: orthanc.credentials }, undefined, {
      auditFile: file,
    });
    try {
      const wrong = readerAuthHeader({ user: TEST_READER.user, password: 'guess' });
      const statuses: number[] = [];
      for (let i = 0; i < 20; i++)
        statuses.push((await fetch(`${guarded.url}/api/models`, { headers: { Authorization: wrong } })).status);
      expect(statuses.slice(0, 6)).toEqual([401, 401, 401, 401, 401, 401]);
      expect(statuses.slice(6).every((s) => s === 429)).toBe(true);
      const right = await fetch(`${guarded.url}/api/models`, { headers: { Authorization: readerAuthHeader() } });
      expect(right.status).toBe(429);
      expect(Number(right.headers.get('retry-after'))).toBeGreaterThan(0);
      const lines = readFileSync(file, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as { action: string; user: string; address: string });
      expect(lines.filter((l) => l.action === 'login-failed')).toHaveLength(6);
      // Locked attempts are recorded once per wait, not once per attempt.
      expect(lines.filter((l) => l.action === 'login-locked')).toHaveLength(1);
      expect(lines[0]).toMatchObject({ user: TEST_READER.user, address: '127.0.0.1' });
    } finally {
      await guarded.close();
    }
    expect(auditLines().filter((l) => l.action === 'login')).toEqual([
      expect.objectContaining({ user: TEST_READER.user, address: '127.0.0.1' }),
    ]);
  });
});

describe('finding 7: a hung Orthanc', () => {
  it('ends the job with a clear message, frees the study, and answers the viewer 504', async () => {
    const impatient = await startTestHeron(orthanc, undefined, {
      auditFile: join(workDir, 'audit-hung.jsonl'),
      orthancTimeoutMs: 1500,
      analysisTimeoutMs: 4000,
    });
    const headers = { Authorization: readerAuthHeader(), 'Content-Type': 'application/json' };
    const body = JSON.stringify({
      studyInstanceUID: studyUid,
      modelId: 'her2-demo',
      outline: {
        kind: 'mask',
        seriesInstanceUID: dce.seriesInstanceUID,
        sopInstanceUIDs: dce.slices.map((s) => s.sopInstanceUID),
        size: dce.volume.size,
        spacing: dce.volume.spacing,
        origin: dce.volume.origin,
        direction: dce.volume.direction,
        runs: encodeMaskRuns(tumour),
      },
    });
    try {
      const started = await fetch(`${impatient.url}/api/analyses`, { method: 'POST', headers, body });
      expect(started.status).toBe(202);
      const { id } = (await started.json()) as { id: string };
      process.kill(orthanc.pid, 'SIGSTOP');
      let job: { state: string; error?: string };
      for (;;) {
        job = (await (await fetch(`${impatient.url}/api/analyses/${id}`, { headers })).json()) as typeof job;
        if (analysisSettled(job)) break;
        await new Promise((r) => setTimeout(r, 200));
      }
      expect(job.state).toBe('failed');
      expect(job.error).toMatch(/the PACS \(Orthanc\) cannot be reached|did not finish within/);
      const viewer = await fetch(`${impatient.url}/dicom-web/studies/${studyUid}/series`, { headers });
      expect(viewer.status).toBe(504);
      expect(((await viewer.json()) as { error: string }).error).toMatch(/did not answer within 2 s/);
      process.kill(orthanc.pid, 'SIGCONT');
      const again = await fetch(`${impatient.url}/api/analyses`, { method: 'POST', headers, body });
      expect(again.status).toBe(202);
    } finally {
      process.kill(orthanc.pid, 'SIGCONT');
      await impatient.close();
    }
  }, 60_000);
});

describe("Orthanc's own request filter (orthanc-config/request-filter.lua)", () => {
  /** A request straight to Orthanc with Heron's service account, path as is. */
  function direct(method: string, path: string, body?: string): Promise<number> {
    const url = new URL(orthanc.url);
    return new Promise((resolve, reject) => {
      const req = httpRequest(
        {
          hostname: url.hostname,
          port: url.port,
          method,
          path,
          headers: {
            Authorization: orthancAuthHeader(orthanc.credentials),
            ...(body === undefined ? {} : { 'Content-Length': String(Buffer.byteLength(body)) }),
          },
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }

  it('lets the service account do what Heron does', async () => {
    expect(await direct('GET', '/system')).toBe(200);
    expect(await direct('GET', `/dicom-web/studies?StudyInstanceUID=${studyUid}`)).toBe(200);
    expect(await direct('POST', '/tools/lookup', studyUid)).toBe(200);
  });

  it('refuses the service account everything else, even a traversal sent straight to Orthanc', async () => {
    const [study] = (await (
      await fetch(`${orthanc.url}/tools/lookup`, {
        method: 'POST',
        body: studyUid,
        headers: { Authorization: orthancAuthHeader(orthanc.credentials) },
      })
    ).json()) as Array<{ ID: string }>;
    for (const [method, path] of [
      // Orthanc resolves dot segments before its filter sees the path: it judges where the request really goes.
      ['GET', '/dicom-web/../patients'],
      ['GET', '/patients'],
      ['GET', '/app/explorer.html'],
      ['POST', `/studies/${study.ID}/modify`],
      ['POST', `/studies/${study.ID}/anonymize`],
      ['DELETE', `/studies/${study.ID}`],
      ['DELETE', `/dicom-web/../studies/${study.ID}`],
      ['PUT', '/tools/log-level'],
      ['POST', '/tools/execute-script'],
    ] as const) {
      expect({ method, path, status: await direct(method, path, method === 'GET' ? undefined : '{}') }).toEqual({
        method,
        path,
        status: 403,
      });
    }
    expect(await direct('GET', `/dicom-web/studies?StudyInstanceUID=${studyUid}`)).toBe(200);
  });
});
