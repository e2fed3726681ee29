import type { SeriesRole, StudyRoles } from '../../server/src/dicom/series-roles';

export type { SeriesRole, StudyRoles };

/** An API failure with the server's message, which is written for the reader. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

async function request<T>(url: string, init?: RequestInit): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, { ...init, headers: { Accept: 'application/json', ...init?.headers } });
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
