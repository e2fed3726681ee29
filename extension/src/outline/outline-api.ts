// The outline endpoints of the Heron API (server/src/http/api/outline-routes.ts): a proposal from one click, the
// outlines already in the study, and one of them as a mask.
import type { ExistingOutline, MaskOutline, OutlineMask, Proposal } from '@heron/server/contract';
import { request } from '../api-client';

export type { ExistingOutline, Proposal };

/** A mask outline as the server sends it: the grid of the series it lies on and the voxels as run lengths. */
export type ServerMaskOutline = MaskOutline;

export function createOutlineApi(apiBase = '/api') {
  const study = (uid: string) => `${apiBase}/studies/${encodeURIComponent(uid)}`;
  const json = (body: unknown): RequestInit => ({
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return {
    /** Rejects with ApiError (status 422, the reason in words) when the click finds no lesion. */
    propose: (studyUid: string, point: [number, number, number], phase?: number) =>
      request<Proposal>(`${study(studyUid)}/proposals`, json(phase === undefined ? { point } : { point, phase })),
    list: (studyUid: string) =>
      request<{ outlines: ExistingOutline[] }>(`${study(studyUid)}/outlines`).then((r) => r.outlines),
    mask: (studyUid: string, from: ExistingOutline, item: { number: number; name: string }) =>
      request<OutlineMask>(
        `${study(studyUid)}/outlines/mask`,
        json({
          seriesInstanceUID: from.seriesInstanceUID,
          sopInstanceUID: from.sopInstanceUID,
          ...(from.kind === 'seg' ? { segment: item.number } : { roi: item.name }),
        }),
      ),
  };
}

export type OutlineApi = ReturnType<typeof createOutlineApi>;
