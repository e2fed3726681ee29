import express, { type Router } from 'express';
import type { DicomwebClient } from '@heron/dicom/dicomweb';
import { classifyStudy, studySeries } from '@heron/dicom/roles';
import { type RoleOverrides, seriesRolesRequestSchema } from '../../contract';
import { validBody, validUid } from './validation';

/**
 * GET  /api/studies/:study/series-roles  the study's series sorted into roles
 * POST /api/studies/:study/series-roles  the same with the reader's reassignments `{ overrides: { uid: role } }`
 */
export function seriesRolesRoutes(pacs: DicomwebClient): Router {
  const router = express.Router();

  async function roles(studyUid: string, overrides: RoleOverrides) {
    const series = await studySeries(pacs, studyUid);
    const unknown = Object.keys(overrides).filter((uid) => !series.some((s) => s.seriesInstanceUID === uid));
    if (unknown.length) {
      return { status: 400, body: { error: `These series are not in study ${studyUid}: ${unknown.join(', ')}` } };
    }
    return { status: 200, body: classifyStudy(series, overrides) };
  }

  router.get('/studies/:study/series-roles', async (req, res) => {
    const studyUid = validUid(req.params.study, 'study UID');
    const r = await roles(studyUid, {});
    res.status(r.status).json(r.body);
  });

  router.post('/studies/:study/series-roles', express.json({ limit: '64kb' }), async (req, res) => {
    const studyUid = validUid(req.params.study, 'study UID');
    const { overrides } = validBody(seriesRolesRequestSchema, req.body);
    const r = await roles(studyUid, overrides);
    res.status(r.status).json(r.body);
  });

  return router;
}
