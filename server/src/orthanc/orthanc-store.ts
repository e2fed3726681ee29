import { readFile } from 'node:fs/promises';
import { orthancAuthHeader, type OrthancCredentials } from './orthanc-process';

export interface OrthancRest {
  url: string;
  credentials: OrthancCredentials;
}

async function call(o: OrthancRest, path: string, init: RequestInit = {}): Promise<Response> {
  const res = await fetch(`${o.url}${path}`, {
    ...init,
    headers: { Authorization: orthancAuthHeader(o.credentials), ...init.headers },
  });
  if (!res.ok) {
    const detail = await res.text().catch(() => '');
    throw new Error(`Orthanc ${init.method ?? 'GET'} ${path} answered ${res.status}: ${detail.slice(0, 300)}`);
  }
  return res;
}

/** How many instances Orthanc holds for a study (0 when absent). */
export async function studyInstanceCount(o: OrthancRest, studyUid: string): Promise<number> {
  const res = await call(o, '/tools/find', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ Level: 'Instance', Query: { StudyInstanceUID: studyUid } }),
  });
  return ((await res.json()) as string[]).length;
}

/**
 * Stores DICOM files through Orthanc's REST API, a few at a time. An instance Orthanc already holds is
 * answered "AlreadyStored" and left unchanged, so a repeated load creates no duplicates.
 */
export async function storeFiles(
  o: OrthancRest,
  files: string[],
  concurrency = 4,
): Promise<{ stored: number; already: number }> {
  let next = 0;
  let stored = 0;
  let already = 0;
  async function worker(): Promise<void> {
    while (next < files.length) {
      const file = files[next++];
      const body = await readFile(file);
      const res = await call(o, '/instances', {
        method: 'POST',
        body,
        headers: { 'Content-Type': 'application/dicom' },
      });
      const status = ((await res.json()) as { Status?: string }).Status;
      if (status === 'AlreadyStored') already++;
      else stored++;
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, files.length) }, worker));
  return { stored, already };
}
