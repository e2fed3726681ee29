import express, { type Router } from 'express';
import { prefetchRequestSchema, type Prefetch } from '../../contract';
import type { ModelRegistry } from '../../analysis/model-registry';
import type { Prefetcher } from '../../analysis/prefetch';
import { validBody, validUid } from './validation';

/**
 * POST /api/studies/:study/prefetch {modelId}  reads the series the model would read into the volume cache, in the
 * background; answers 202 at once. Without a prefetcher (analyses run on `heron worker`s, whose caches this process
 * cannot fill) it starts nothing and says so.
 */
export function prefetchRoutes(deps: { models: ModelRegistry; prefetcher?: Prefetcher }): Router {
  const router = express.Router();
  router.post('/studies/:study/prefetch', express.json({ limit: '4kb' }), (req, res) => {
    const study = validUid(req.params.study, 'study UID');
    const { modelId } = validBody(prefetchRequestSchema, req.body ?? {});
    const { manifest } = deps.models.get(modelId).pkg;
    const answer: Prefetch = deps.prefetcher
      ? deps.prefetcher.start(study, manifest)
      : { started: false, reason: 'queue' };
    res.status(202).json(answer);
  });
  return router;
}
