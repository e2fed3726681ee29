import express, { type Router } from 'express';
import { encodeMaskRuns, proposeOutline, type Grid } from '@heron/radiomics';
import { DicomMessage, type DicomJson, text, Tag } from '@heron/dicom/core';
import { type DicomwebClient, dicomwebFailure, PacsError } from '@heron/dicom/dicomweb';
import { type MaskOutline, outlineMaskRequestSchema, proposalRequestSchema } from '../../contract';
import { existingOutlineMask } from '../../outline/existing-outline';
import { listExistingOutlines } from '../../outline/existing-outlines-list';
import { DcePairCache } from '../../proposal/dce-pair-cache';
import { validBody, validUid } from './validation';

/** A reason the outline cannot be made, for the reader: 422 with this message. */
class Unprocessable extends Error {
  readonly status = 422;
}

function maskOutline(seriesInstanceUID: string, sopInstanceUIDs: string[], grid: Grid, mask: Uint8Array): MaskOutline {
  return {
    kind: 'mask',
    seriesInstanceUID,
    sopInstanceUIDs,
    size: [...grid.size],
    spacing: [...grid.spacing],
    origin: [...grid.origin],
    direction: [...grid.direction],
    runs: encodeMaskRuns(mask),
  };
}

/**
 * POST /api/studies/:study/proposals      one click → a proposed outline on that post-contrast phase's grid
 * GET  /api/studies/:study/outlines       the SEG segments and RTSTRUCT ROIs already in the study
 * POST /api/studies/:study/outlines/mask  one of them as a mask outline on the series it references
 * The outlines come back in the form POST /api/analyses takes (`kind: 'mask'`, run lengths).
 */
export function outlineRoutes(pacs: DicomwebClient): Router {
  const router = express.Router();
  const pairs = new DcePairCache(pacs);

  router.post('/studies/:study/proposals', express.json({ limit: '4kb' }), async (req, res) => {
    const studyUid = validUid(req.params.study, 'study UID');
    const { point, phase = 1 } = validBody(proposalRequestSchema, req.body);
    let pair;
    try {
      pair = await pairs.get(studyUid, phase);
    } catch (err) {
      if (err instanceof PacsError) throw err;
      throw new Unprocessable(err instanceof Error ? err.message : String(err));
    }
    const started = performance.now();
    const result = proposeOutline(pair.pre.volume, pair.post.volume, point);
    const proposalMs = Math.round(performance.now() - started);
    if (!result.ok) {
      res.status(422).json({ error: result.message, reason: result.reason });
      return;
    }
    res.json({
      outline: maskOutline(
        pair.post.seriesInstanceUID,
        pair.post.slices.map((s) => s.sopInstanceUID),
        pair.post.volume,
        result.mask.data as Uint8Array,
      ),
      phase: pair.phase.label,
      voxelCount: result.voxelCount,
      volumeMl: result.volumeMl,
      proposalMs,
    });
  });

  router.get('/studies/:study/outlines', async (req, res) => {
    const studyUid = validUid(req.params.study, 'study UID');
    res.json({ outlines: await listExistingOutlines(pacs, studyUid) });
  });

  router.post('/studies/:study/outlines/mask', express.json({ limit: '4kb' }), async (req, res) => {
    const studyUid = validUid(req.params.study, 'study UID');
    const choice = validBody(outlineMaskRequestSchema, req.body);
    const at = {
      studyInstanceUID: studyUid,
      seriesInstanceUID: choice.seriesInstanceUID,
      sopInstanceUID: choice.sopInstanceUID,
    };
    let bytes: ArrayBuffer;
    try {
      // The whole object: an RTSTRUCT's contour data may be left out of (or sent as bulk data in) WADO-RS metadata.
      bytes = await pacs.retrieveInstance(at);
    } catch (err) {
      throw dicomwebFailure(err, `Reading object ${choice.sopInstanceUID}`);
    }
    const name = `Object ${choice.sopInstanceUID}`;
    let object: DicomJson;
    try {
      object = (DicomMessage.readFile(bytes) as { dict: DicomJson }).dict;
    } catch {
      throw new Unprocessable(`${name} is not a readable DICOM object.`);
    }
    if (text(object, Tag.StudyInstanceUID) !== studyUid)
      throw new Unprocessable(`${name} is not in study ${studyUid}.`);
    let outline;
    try {
      outline = await existingOutlineMask(pacs, studyUid, object, { roi: choice.roi, segment: choice.segment }, name);
    } catch (err) {
      if (err instanceof PacsError) throw err;
      throw new Unprocessable(err instanceof Error ? err.message : String(err));
    }
    const voxelCount = outline.mask.reduce((s, v) => s + v, 0);
    if (voxelCount === 0) throw new Unprocessable(`The outline "${outline.name}" covers no voxel of its series.`);
    res.json({
      outline: maskOutline(outline.seriesInstanceUID, outline.sopInstanceUIDs, outline.grid, outline.mask),
      kind: outline.kind,
      name: outline.name,
      voxelCount,
    });
  });

  return router;
}
