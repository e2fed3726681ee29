import type {
  AnalysisJob,
  AnalysisRequest,
  Me,
  ModelSummary,
  Prefetch,
  ProgressEvent,
  SeriesRole,
  SignoffOutcome,
  StoredResult,
  StudyRoles,
} from '@heron/server/contract';
import { encodeMaskRuns } from '@heron/radiomics';
import type { KineticMap } from './kinetics/kinetic-map';
import type { Outline } from './outline/outline';

/** What the panel sends to start an analysis: the request, with the outline as the panel holds it (a voxel mask). */
export type AnalysisStart = Omit<AnalysisRequest, 'outline'> & { outline: Outline };

/** An API failure with the server's message, which is written for the reader. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/** The CSRF token of a single sign-on session, from GET /api/me; the server refuses a write with the cookie alone. */
let csrfToken: string | undefined;

export async function request<T>(url: string, init?: RequestInit): Promise<T> {
  let res: Response;
  const method = (init?.method ?? 'GET').toUpperCase();
  const headers = new Headers(init?.headers);
  if (!headers.has('Accept')) headers.set('Accept', 'application/json');
  if (csrfToken && method !== 'GET' && method !== 'HEAD') headers.set('X-CSRF-Token', csrfToken);
  try {
    // `include`: the reader's Heron login goes along when the API is on another origin than the viewer (CORS allow-list).
    res = await fetch(url, {
      ...init,
      credentials: 'include',
      headers,
    });
  } catch {
    throw new ApiError('The Heron server cannot be reached. Check that it is running.', 0);
  }
  const body = (await res.json().catch(() => null)) as { error?: string } | null;
  if (!res.ok) throw new ApiError(body?.error ?? `The Heron server answered ${res.status}.`, res.status);
  return body as T;
}

/** Client for the Heron server API, same origin as the viewer. */
export function createApiClient(apiBase = '/api') {
  const studyUrl = (studyUid: string) => `${apiBase}/studies/${encodeURIComponent(studyUid)}/series-roles`;
  return {
    /** Who is signed in and what the panel may offer them; keeps the session's CSRF token for later writes. */
    me: () =>
      request<Me>(`${apiBase}/me`).then((me) => {
        csrfToken = me.csrfToken;
        return me;
      }),

    /** Ends a single sign-on session; answers where to send the browser (the provider's logout). */
    logout: (path: string) => request<{ redirect: string }>(path, { method: 'POST' }),

    models: () => request<{ models: ModelSummary[] }>(`${apiBase}/models`).then((r) => r.models),

    /** Starts an analysis; the idempotency key makes a retried click run it once. */
    startAnalysis(start: AnalysisStart, idempotencyKey: string): Promise<AnalysisJob> {
      const { outline, ...rest } = start;
      // The voxels travel as run lengths: a few hundred numbers where the mask is millions of bytes.
      const body: AnalysisRequest = {
        ...rest,
        outline: {
          kind: 'mask',
          seriesInstanceUID: outline.seriesInstanceUID,
          sopInstanceUIDs: outline.sopInstanceUIDs,
          size: outline.size,
          spacing: outline.spacing,
          origin: outline.origin,
          direction: outline.direction,
          runs: encodeMaskRuns(outline.mask),
        },
      };
      return request<AnalysisJob>(`${apiBase}/analyses`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': idempotencyKey },
        body: JSON.stringify(body),
      });
    },

    /**
     * Asks the server to read the study's images for this model before Analyze is pressed. Only saves time: any
     * failure (an older server, a refusal) is ignored, and the analysis reads what is missing and reports it.
     */
    prefetch: (studyUid: string, modelId: string): Promise<void> =>
      request<Prefetch>(`${apiBase}/studies/${encodeURIComponent(studyUid)}/prefetch`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ modelId }),
      }).then(
        () => undefined,
        () => undefined,
      ),

    analysis: (id: string) => request<AnalysisJob>(`${apiBase}/analyses/${encodeURIComponent(id)}`),

    /** Stores again a result whose store failed; answers the analysis with its result's new storage state. */
    retryStore: (id: string) =>
      request<AnalysisJob>(`${apiBase}/analyses/${encodeURIComponent(id)}/store`, { method: 'POST' }),

    /** Follows an analysis' progress (server-sent events) until it ends; returns the function that stops following. */
    followAnalysis(id: string, onEvent: (e: ProgressEvent) => void): () => void {
      const source = new EventSource(`${apiBase}/analyses/${encodeURIComponent(id)}/events`, { withCredentials: true });
      source.onmessage = (m) => {
        const e = JSON.parse(m.data as string) as ProgressEvent;
        onEvent(e);
        // The result arrives before its store; the stream (and the server's) ends once the store has ended.
        if (e.state === 'failed' || (e.state === 'succeeded' && e.storage !== 'storing')) source.close();
      };
      return () => source.close();
    },

    results: (studyUid: string) =>
      request<{ results: StoredResult[] }>(`${apiBase}/studies/${encodeURIComponent(studyUid)}/results`).then(
        (r) => r.results,
      ),

    accept: (studyInstanceUID: string, sr: string) =>
      request<SignoffOutcome>(`${apiBase}/results/${encodeURIComponent(sr)}/accept`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ studyInstanceUID }),
      }),

    reject: (studyInstanceUID: string, sr: string, reason: string) =>
      request<SignoffOutcome>(`${apiBase}/results/${encodeURIComponent(sr)}/reject`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ studyInstanceUID, reason }),
      }),

    /** The study's kinetic colour map, with the same role reassignments as the panel's list. */
    async kineticMap(studyUid: string, overrides: Record<string, SeriesRole> = {}): Promise<KineticMap> {
      const url = `${apiBase}/studies/${encodeURIComponent(studyUid)}/kinetic-map`;
      const body = Object.keys(overrides).length ? { overrides } : {};
      try {
        return await request<KineticMap>(url, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(body),
        });
      } catch (e) {
        // A server from before the kinetic map has no such route: a 404 that names no study.
        if (e instanceof ApiError && e.status === 404 && !/study/i.test(e.message))
          throw new ApiError('This Heron server does not compute kinetic maps.', 404);
        throw e;
      }
    },

    seriesRoles(studyUid: string, overrides: Record<string, SeriesRole> = {}): Promise<StudyRoles> {
      if (Object.keys(overrides).length === 0) return request<StudyRoles>(studyUrl(studyUid));
      return request<StudyRoles>(studyUrl(studyUid), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ overrides }),
      });
    },
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;
