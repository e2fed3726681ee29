import type { Request, Response } from 'express';
import type { ModelRegistry } from '../analysis/model-registry';
import { orthancAuthHeader, type OrthancCredentials } from '../orthanc/orthanc-process';

export interface ReadinessCheck {
  ok: boolean;
  detail: string;
}

/** Orthanc answers with our service account and has its DICOMweb plugin loaded. */
export async function orthancReadiness(orthanc: {
  url: string;
  credentials: OrthancCredentials;
}): Promise<ReadinessCheck> {
  const headers = { Authorization: orthancAuthHeader(orthanc.credentials) };
  try {
    const system = await fetch(`${orthanc.url}/system`, { headers, signal: AbortSignal.timeout(3000) });
    if (system.status === 401 || system.status === 403)
      return { ok: false, detail: `Orthanc refused Heron's service account (HTTP ${system.status})` };
    if (!system.ok) return { ok: false, detail: `Orthanc answered HTTP ${system.status}` };
    await system.body?.cancel();
    const listed = await fetch(`${orthanc.url}/plugins`, { headers, signal: AbortSignal.timeout(3000) });
    if (!listed.ok) return { ok: false, detail: `Orthanc refused to list its plugins (HTTP ${listed.status})` };
    const plugins: unknown = await listed.json();
    // No version numbers: /readyz is open to anyone who can reach the port (heron doctor names them).
    if (!Array.isArray(plugins) || !plugins.includes('dicom-web'))
      return { ok: false, detail: 'Orthanc has no DICOMweb plugin' };
    return { ok: true, detail: 'Orthanc answers, DICOMweb on' };
  } catch (err) {
    // The URL stays out of the answer for the same reason.
    const cause =
      (err as { cause?: { code?: string } }).cause?.code ?? (err instanceof Error ? err.message : String(err));
    return { ok: false, detail: `Orthanc cannot be reached (${cause})` };
  }
}

export function modelsReadiness(models: ModelRegistry): ReadinessCheck {
  const ids = models.list().map((m) => m.id);
  // Every package in the registry was verified (sha256, inputs, engine) when the server opened it.
  return ids.length
    ? { ok: true, detail: `verified: ${ids.join(', ')}` }
    : { ok: false, detail: 'no model package installed' };
}

/**
 * `/readyz`: whether this server can do its work now (Orthanc reachable with our account and DICOMweb on, at least
 * one verified model). 503 otherwise, so a load balancer or compose healthcheck holds traffic back. `/healthz`
 * stays plain liveness: a PACS outage must not get Heron restarted.
 */
export function readinessRoute(opts: {
  orthanc: { url: string; credentials: OrthancCredentials };
  models: ModelRegistry;
}) {
  return async (_req: Request, res: Response): Promise<void> => {
    const checks = { orthanc: await orthancReadiness(opts.orthanc), models: modelsReadiness(opts.models) };
    const ready = Object.values(checks).every((c) => c.ok);
    res
      .status(ready ? 200 : 503)
      .setHeader('Cache-Control', 'no-store')
      .json({ status: ready ? 'ready' : 'not ready', checks });
  };
}
