import express, { type Router } from 'express';
import {
  breastRegion,
  encodeMaskRuns,
  kineticMap,
  KINETIC_MAP_LABELS,
  sameGrid,
  type CurveType,
} from '@heron/radiomics';
import { PacsError, type DicomwebClient } from '@heron/dicom/dicomweb';
import { studySeries } from '@heron/dicom/roles';
import { kineticMapRequestSchema, type KineticMap } from '../../contract';
import { KineticsUnavailable, loadDceSeries } from '../../kinetics/dce-series';
import { validBody, validUid } from './validation';

/** A reason the map cannot be made, for the reader: 422 with this message. */
class Unprocessable extends Error {
  readonly status = 422;
}

const CURVE_TYPES: CurveType[] = ['persistent', 'plateau', 'washout'];

/**
 * POST /api/studies/:study/kinetic-map  the BI-RADS delayed curve type of every enhancing voxel of the breasts, on
 * the first post-contrast phase's grid: one run-length mask per type (labels 1 persistent, 2 plateau, 3 wash-out).
 */
export function kineticMapRoutes(pacs: DicomwebClient): Router {
  const router = express.Router();
  router.post('/studies/:study/kinetic-map', express.json({ limit: '16kb' }), async (req, res) => {
    const studyUid = validUid(req.params.study, 'study UID');
    const { overrides, thresholds } = validBody(kineticMapRequestSchema, req.body ?? {});
    let dce;
    try {
      dce = await loadDceSeries(pacs, studyUid, await studySeries(pacs, studyUid), { overrides });
    } catch (err) {
      if (err instanceof KineticsUnavailable) throw new Unprocessable(err.message);
      if (err instanceof PacsError) throw err;
      throw new Unprocessable(err instanceof Error ? err.message : String(err));
    }
    const first = dce.phases.findIndex((p) => p.phaseIndex === 1);
    const target = dce.volumes[first];
    for (let p = 0; p < dce.volumes.length; p++) {
      if (!sameGrid(dce.volumes[p].volume, target.volume))
        throw new Unprocessable(
          `DCE ${dce.phases[p].label} is not on the grid of ${dce.phases[first].label}; the phases would need registering first.`,
        );
    }
    const baseline = dce.phases.findIndex((p) => p.phaseIndex === 0);
    const breasts = breastRegion(dce.volumes[baseline].volume);
    let map;
    try {
      map = kineticMap({
        phases: dce.volumes.map((v) => v.volume),
        timeS: dce.timeS,
        region: breasts.region,
        thresholds,
      });
    } catch (err) {
      // kineticThresholds refuses contradictory thresholds in words.
      throw new Unprocessable(err instanceof Error ? err.message : String(err));
    }
    if ('reason' in map) throw new Unprocessable(map.reason);
    const grid = target.volume;
    const labels = map.labels.data as Uint8Array;
    const answer: KineticMap = {
      seriesInstanceUID: target.seriesInstanceUID,
      labels: CURVE_TYPES.map((curveType) => {
        const label = KINETIC_MAP_LABELS[curveType];
        const mask = new Uint8Array(labels.length);
        for (let v = 0; v < labels.length; v++) mask[v] = labels[v] === label ? 1 : 0;
        return {
          label,
          curveType,
          voxelCount: map.counts[curveType],
          outline: {
            kind: 'mask' as const,
            seriesInstanceUID: target.seriesInstanceUID,
            sopInstanceUIDs: target.slices.map((s) => s.sopInstanceUID),
            size: [...grid.size] as [number, number, number],
            spacing: [...grid.spacing] as [number, number, number],
            origin: [...grid.origin] as [number, number, number],
            direction: [...grid.direction],
            runs: encodeMaskRuns(mask),
          },
        };
      }),
      thresholds: map.thresholds,
      region: breasts.method === 'cleft' ? 'breasts' : 'body',
      researchUseOnly: true,
    };
    res.json(answer);
  });
  return router;
}
