// Benchmark: loading every series of a phantom study (6 DCE phases, T2, DWI per b-value, ADC) from a real
// Orthanc into volumes, against the raw WADO-RS download of the same frames with fetch. Prints seconds and
// MB/s; the target is at least 70 % of the raw speed.
// Run: NODE_OPTIONS='--import tsx' node server/bench/dicom-volumes.ts [compact|standard]
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generatePhantom, writePhantomStudy } from '@heron/phantom';
import { connectDicomweb } from '@heron/dicom/dicomweb';
import { classifyStudy, type SeriesInput } from '@heron/dicom/roles';
import { loadVolume, type VolumeRequest } from '@heron/dicom/volumes';
import { freePort } from '../src/net/ports';
import { orthancAuthHeader, startOrthanc } from '../src/orthanc/orthanc-process';
import { storeFiles } from '../src/orthanc/orthanc-store';

const size = process.argv[2] === 'standard' ? 'standard' : 'compact';
const dir = mkdtempSync(join(tmpdir(), 'heron-bench-volumes-'));
const orthanc = await startOrthanc({
  stateDir: dir,
  port: await freePort(),
  credentials: { user: 'bench', password: randomBytes(12).toString('hex') },
  templatePath: join(import.meta.dirname, '..', '..', 'orthanc-config', 'orthanc.json'),
});
try {
  const study = generatePhantom({ seed: 3, size });
  const written = await writePhantomStudy(study, join(dir, 'study'), { vendor: 'siemens' });
  await storeFiles(
    orthanc,
    written.files.filter((f) => f.endsWith('.dcm')),
  );
  const authorization = orthancAuthHeader(orthanc.credentials);
  const root = `${orthanc.url}/dicom-web`;
  const client = connectDicomweb({ url: root, authorization });
  const studyInstanceUID = written.studyInstanceUID;
  const series: SeriesInput[] = [];
  for (const s of written.series) {
    series.push({
      seriesInstanceUID: s.seriesInstanceUID,
      instances: await client.retrieveSeriesMetadata({ studyInstanceUID, seriesInstanceUID: s.seriesInstanceUID }),
    });
  }
  const roles = classifyStudy(series);
  const metadata = new Map(series.map((s) => [s.seriesInstanceUID, s.instances]));
  const requests: VolumeRequest[] = [
    ...roles.dcePhases.map((p) => ({
      seriesInstanceUID: p.seriesInstanceUID,
      select: { sopInstanceUIDs: p.sopInstanceUIDs },
    })),
    ...roles.t2.map((uid) => ({ seriesInstanceUID: uid })),
    ...roles.dwi.map((d) => ({ seriesInstanceUID: d.seriesInstanceUID, select: { bValue: d.bValue } })),
    ...roles.adc.map((uid) => ({ seriesInstanceUID: uid })),
  ].map((r) => ({ ...r, studyInstanceUID, metadata: metadata.get(r.seriesInstanceUID) }));

  // Raw: the same frames, six requests in flight, bytes only.
  const frameUrls = series.flatMap((s) =>
    s.instances.map(
      (ds) =>
        `${root}/studies/${studyInstanceUID}/series/${s.seriesInstanceUID}/instances/${ds['00080018'].Value?.[0]}/frames/1`,
    ),
  );
  const raw = async (): Promise<number> => {
    let next = 0;
    let bytes = 0;
    const worker = async () => {
      while (next < frameUrls.length) {
        const res = await fetch(frameUrls[next++], {
          headers: {
            Authorization: authorization,
            Accept: 'multipart/related; type="application/octet-stream"; transfer-syntax=1.2.840.10008.1.2.1',
          },
        });
        if (!res.ok) throw new Error(`raw frame request answered ${res.status}`);
        // Read first, then add: `bytes += await ...` would read `bytes` before the await and lose updates.
        const n = (await res.arrayBuffer()).byteLength;
        bytes += n;
      }
    };
    await Promise.all(Array.from({ length: 6 }, worker));
    return bytes;
  };
  const volumes = async (): Promise<number> => {
    let bytes = 0;
    for (const r of requests) bytes += (await loadVolume(client, r)).volume.data.byteLength;
    return bytes;
  };
  await raw();
  await volumes();
  const time = async (f: () => Promise<number>) => {
    const t0 = performance.now();
    const bytes = await f();
    return { s: (performance.now() - t0) / 1000, mb: bytes / 1e6 };
  };
  const r = await time(raw);
  const v = await time(volumes);
  console.log(`phantom ${size}: ${requests.length} volumes from ${frameUrls.length} frames`);
  console.log(
    `raw WADO-RS frames (fetch):   ${r.s.toFixed(2)} s, ${r.mb.toFixed(1)} MB multipart, ${(r.mb / r.s).toFixed(1)} MB/s`,
  );
  console.log(
    `volumes (dicomweb-client):    ${v.s.toFixed(2)} s, ${v.mb.toFixed(1)} MB voxels, ${(v.mb / v.s).toFixed(1)} MB/s`,
  );
  console.log(`volume speed / raw speed:     ${((100 * (v.mb / v.s)) / (r.mb / r.s)).toFixed(0)} % (target >= 70 %)`);
} finally {
  await orthanc.stop();
  rmSync(dir, { recursive: true, force: true });
}
