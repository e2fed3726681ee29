import { createHash } from 'node:crypto';
import express, { type Router } from 'express';
import type { DicomwebClient } from '@heron/dicom/dicomweb';
import type { AnalysisJobs } from '../../analysis/analysis-jobs';
import type { ModelRegistry } from '../../analysis/model-registry';
import {
  acceptRequestSchema,
  amendRequestSchema,
  type AnalysisResult,
  analysisRequestSchema,
  rejectRequestSchema,
} from '../../contract';
import { analyseStudy, type AnalysisDeps } from '../../analysis/pipeline';
import { acceptResult, amendDecision, rejectResult } from '../../analysis/result-signoff';
import { type DecisionLock, decideOnReport } from '../../analysis/decision-lock';
import type { AuditLog } from '../../audit/audit-log';
import { auditedAnalysis } from '../../audit/audited-analysis';
import { precheckAnalysis } from '../../analysis/analysis-precheck';
import type { StreamLimit } from './stream-limit';
import { studyResults } from '../../analysis/study-results';
import { BadRequest, validBody, validUid } from './validation';

export interface AnalysisRouteDeps {
  jobs: AnalysisJobs<AnalysisResult>;
  models: ModelRegistry;
  pacs: DicomwebClient;
  pipeline: Omit<AnalysisDeps, 'pacs' | 'models'>;
  organization: string;
  decisions: DecisionLock;
  audit: AuditLog;
  /** Progress streams open per reader. */
  streams: StreamLimit;
}

/** The reader's name as DICOM writes it ('Family^Given'); a login name becomes the family name. */
const personName = (login: string) => login.replace(/\^/g, ' ').trim();

/**
 * GET  /api/models                      models available, with their question and intended use
 * POST /api/analyses                    start an analysis (202 with its id; Idempotency-Key honoured)
 * GET  /api/analyses/:id                its state, progress and result
 * GET  /api/analyses/:id/events         its progress as server-sent events
 * GET  /api/studies/:study/results      the Heron reports already in a study
 * POST /api/results/:sr/accept          the reader accepts a report: a VERIFIED copy naming them is stored
 * POST /api/results/:sr/reject          the reader rejects a report: a copy with their reason is stored
 * POST /api/results/:sr/amend           the reader changes a decision: a new signed copy replaces report and decision
 */
export function analysisRoutes(deps: AnalysisRouteDeps): Router {
  const router = express.Router();

  router.get('/models', (_req, res) => {
    res.json({ models: deps.models.list() });
  });

  router.post('/analyses', express.json({ limit: '8mb' }), async (req, res) => {
    const body = validBody(analysisRequestSchema, req.body);
    deps.models.get(body.modelId);
    const key = req.get('Idempotency-Key') ?? undefined;
    if (key !== undefined && !/^[\x21-\x7e]{1,128}$/.test(key))
      throw new BadRequest('Idempotency-Key must be 1-128 visible ASCII characters.');
    const user = String(res.locals.reader);
    // A key is the reader's own: another reader's key never answers with their analysis.
    const idempotency =
      key === undefined
        ? undefined
        : { key: `${user}\u0000${key}`, request: createHash('sha256').update(JSON.stringify(body)).digest('hex') };
    if (!deps.jobs.earlierOrRefusal(body.studyInstanceUID, idempotency)) await precheckAnalysis(deps.pacs, body);
    const who = { user, address: req.socket.remoteAddress, study: body.studyInstanceUID, model: body.modelId };
    const { job, repeated } = deps.jobs.start(body.studyInstanceUID, idempotency, (progress, jobId) =>
      auditedAnalysis(deps.audit, who, jobId, () =>
        analyseStudy({ ...deps.pipeline, pacs: deps.pacs, models: deps.models }, body, jobId, progress),
      ),
    );
    res
      .status(repeated ? 200 : 202)
      .location(`/api/analyses/${job.id}`)
      .json(job);
  });

  router.get('/analyses/:id', (req, res) => {
    const job = deps.jobs.get(req.params.id);
    if (!job) {
      res.status(404).json({ error: 'No such analysis (finished analyses are kept for a day).' });
      return;
    }
    res.json(job);
  });

  router.get('/analyses/:id/events', (req, res) => {
    const job = deps.jobs.get(req.params.id);
    if (!job) {
      res.status(404).json({ error: 'No such analysis.' });
      return;
    }
    const release = deps.streams.acquire(String(res.locals.reader));
    if (!release) {
      res
        .status(429)
        .json({ error: 'Too many progress streams are open for your login; close other Heron tabs and try again.' });
      return;
    }
    res.on('close', release);
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
    const send = (e: unknown) => res.write(`data: ${JSON.stringify(e)}\n\n`);
    const finished = () => job.state === 'succeeded' || job.state === 'failed';
    job.events.forEach(send);
    if (finished()) {
      res.end();
      return;
    }
    const stop = deps.jobs.subscribe(job.id, (e) => {
      send(e);
      if (e.state === 'succeeded' || e.state === 'failed') {
        stop();
        res.end();
      }
    });
    req.on('close', stop);
  });

  router.get('/studies/:study/results', async (req, res) => {
    const study = validUid(req.params.study, 'study UID');
    res.json({ results: await studyResults(deps.pacs, study) });
  });

  router.post('/results/:sr/accept', express.json({ limit: '16kb' }), async (req, res) => {
    const sr = validUid(req.params.sr, 'report UID');
    const { studyInstanceUID } = validBody(acceptRequestSchema, req.body);
    const reader = personName(String(res.locals.reader ?? ''));
    const decision = {
      action: 'report-accepted',
      user: String(res.locals.reader),
      address: req.socket.remoteAddress,
      study: studyInstanceUID,
      report: sr,
    } as const;
    res
      .status(201)
      .json(
        await decideOnReport(deps.decisions, deps.audit, decision, () =>
          acceptResult(deps.pacs, { studyInstanceUID, sr, reader, organization: deps.organization }),
        ),
      );
  });

  router.post('/results/:sr/reject', express.json({ limit: '16kb' }), async (req, res) => {
    const sr = validUid(req.params.sr, 'report UID');
    const { studyInstanceUID, reason } = validBody(rejectRequestSchema, req.body);
    const reader = personName(String(res.locals.reader ?? ''));
    const decision = {
      action: 'report-rejected',
      user: String(res.locals.reader),
      address: req.socket.remoteAddress,
      study: studyInstanceUID,
      report: sr,
      reason,
    } as const;
    res
      .status(201)
      .json(
        await decideOnReport(deps.decisions, deps.audit, decision, () =>
          rejectResult(deps.pacs, { studyInstanceUID, sr, reader, organization: deps.organization, reason }),
        ),
      );
  });

  router.post('/results/:sr/amend', express.json({ limit: '16kb' }), async (req, res) => {
    const sr = validUid(req.params.sr, 'decision UID');
    const { studyInstanceUID, decision: change, reason } = validBody(amendRequestSchema, req.body);
    const reader = personName(String(res.locals.reader ?? ''));
    const decision = {
      action: 'decision-amended',
      user: String(res.locals.reader),
      address: req.socket.remoteAddress,
      study: studyInstanceUID,
      report: sr,
      reason,
    } as const;
    res.status(201).json(
      await decideOnReport(deps.decisions, deps.audit, decision, () =>
        amendDecision(deps.pacs, {
          studyInstanceUID,
          sr,
          reader,
          organization: deps.organization,
          decision: change,
          reason,
        }),
      ),
    );
  });

  return router;
}
