import { createHash } from 'node:crypto';
import express, { type Router } from 'express';
import type { z } from 'zod';
import type { DicomwebClient } from '@heron/dicom/dicomweb';
import type { JobQueue } from '../../analysis/job-queue';
import type { AnalysisInput } from '../../analysis/analysis-runner';
import type { ModelRegistry } from '../../analysis/model-registry';
import {
  acceptRequestSchema,
  amendRequestSchema,
  type AnalysisResult,
  type ProgressEvent,
  analysisRequestSchema,
  rejectRequestSchema,
  type SignoffOutcome,
} from '../../contract';
import { acceptResult, amendDecision, rejectResult, SignoffRefused } from '../../analysis/result-signoff';
import { retryStore, unstoredReport } from '../../analysis/store-retry';
import { type Decision, type DecisionSerializer, decideOnReport } from '../../analysis/decision-lock';
import type { AuditLog } from '../../audit/audit-log';
import { precheckAnalysis } from '../../analysis/analysis-precheck';
import { checkStratifiedRequest } from '../../analysis/stratified-analysis';
import type { AnalysisDeps } from '../../analysis/pipeline';
import type { StreamLimit } from './stream-limit';
import { studyResults } from '../../analysis/study-results';
import { BadRequest, validBody, validUid } from './validation';
import { identityOf } from '../../auth/require-role';
import type { Identity } from '../../auth/identity';

export interface AnalysisRouteDeps {
  /** In this process, or shared through Redis with other servers and `heron worker`s. */
  jobs: JobQueue<AnalysisInput, AnalysisResult>;
  models: ModelRegistry;
  pacs: DicomwebClient;
  /** Device and version named in the signed reports. */
  pipeline: Omit<AnalysisDeps, 'pacs' | 'models'>;
  organization: string;
  decisions: DecisionSerializer;
  audit: AuditLog;
  /** Progress streams open per reader. */
  streams: StreamLimit;
}

/**
 * GET  /api/models                      models available, with their question and intended use
 * POST /api/analyses                    start an analysis (202 with its id; Idempotency-Key honoured); with
 *                                       flow 'her2-stratified', seed 002's two-step HER2 reading as one
 * GET  /api/analyses/:id                its state, progress and result
 * GET  /api/analyses/:id/events         its progress as server-sent events, until its result is stored or fails to be
 * POST /api/analyses/:id/store          store again a result whose store failed (the same objects; idempotent)
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
    deps.models.check(body.modelId);
    if (body.flow === 'her2-stratified') {
      try {
        checkStratifiedRequest(deps, body);
      } catch (err) {
        throw new BadRequest((err as Error).message);
      }
    }
    const key = req.get('Idempotency-Key') ?? undefined;
    if (key !== undefined && !/^[\x21-\x7e]{1,128}$/.test(key))
      throw new BadRequest('Idempotency-Key must be 1-128 visible ASCII characters.');
    const user = String(res.locals.reader);
    // A key is the reader's own: another reader's key never answers with their analysis.
    const idempotency =
      key === undefined
        ? undefined
        : { key: `${user}\u0000${key}`, request: createHash('sha256').update(JSON.stringify(body)).digest('hex') };
    if (!(await deps.jobs.earlierOrRefusal(body.studyInstanceUID, idempotency)))
      await precheckAnalysis(deps.pacs, body, deps.pipeline.metadata);
    const who = { user, address: req.socket.remoteAddress, study: body.studyInstanceUID, model: body.modelId };
    const { job, repeated } = await deps.jobs.start(body.studyInstanceUID, idempotency, { request: body, who });
    res
      .status(repeated ? 200 : 202)
      .location(`/api/analyses/${job.id}`)
      .json(job);
  });

  router.get('/analyses/:id', async (req, res) => {
    const job = await deps.jobs.get(req.params.id);
    if (!job) {
      res.status(404).json({ error: 'No such analysis (finished analyses are kept for a day).' });
      return;
    }
    res.json(job);
  });

  router.get('/analyses/:id/events', async (req, res) => {
    // Listening starts before the job is read: with Redis, an event published between the two would otherwise be
    // lost. An event already in the job's record is not sent twice.
    const early: ProgressEvent[] = [];
    let onEvent = (e: ProgressEvent) => void early.push(e);
    const stop = await deps.jobs.subscribe(req.params.id, (e) => onEvent(e));
    const job = await deps.jobs.get(req.params.id);
    if (!job) {
      stop();
      res.status(404).json({ error: 'No such analysis.' });
      return;
    }
    const release = deps.streams.acquire(String(res.locals.reader));
    if (!release) {
      stop();
      res
        .status(429)
        .json({ error: 'Too many progress streams are open for your login; close other Heron tabs and try again.' });
      return;
    }
    res.on('close', release);
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
    const send = (e: unknown) => res.write(`data: ${JSON.stringify(e)}\n\n`);
    const sent = new Set(job.events.map((e) => JSON.stringify(e)));
    job.events.forEach(send);
    // The result arrives before its store: the stream goes on until the store has ended one way or the other.
    const last = (e: ProgressEvent) => e.state === 'failed' || (e.state === 'succeeded' && e.storage !== 'storing');
    const end = () => {
      stop();
      res.end();
    };
    if (job.state === 'failed' || (job.state === 'succeeded' && job.result?.storage?.state !== 'storing')) {
      end();
      return;
    }
    req.on('close', stop);
    onEvent = (e) => {
      if (sent.has(JSON.stringify(e))) return;
      send(e);
      if (last(e)) end();
    };
    for (const e of early) onEvent(e);
  });

  router.post('/analyses/:id/store', async (req, res) => {
    const job = await retryStore(
      {
        jobs: deps.jobs,
        pacs: deps.pacs,
        lock: deps.decisions,
        audit: deps.audit,
        who: { user: String(res.locals.reader), address: req.socket.remoteAddress },
      },
      req.params.id,
    );
    res.json(job);
  });

  router.get('/studies/:study/results', async (req, res) => {
    const study = validUid(req.params.study, 'study UID');
    res.json({ results: await studyResults(deps.pacs, study) });
  });

  /**
   * A reader's decision on a report: the body checked, the decision serialised with any other on the same report and
   * recorded in the audit log, the signed copy stored and answered with 201.
   */
  function decisionRoute<S extends z.ZodType<{ studyInstanceUID: string; reason?: string }>>(
    path: string,
    uidName: string,
    schema: S,
    action: Decision['action'],
    sign: (body: z.infer<S>, sr: string, reader: Identity) => Promise<SignoffOutcome>,
  ): void {
    router.post(path, express.json({ limit: '16kb' }), async (req, res) => {
      const sr = validUid(req.params.sr, uidName);
      const body = validBody(schema, req.body);
      // The signed-in person, never a name the request carries: the name and login recorded are the identity's.
      const reader = identityOf(res);
      const decision: Decision = {
        action,
        user: reader.login,
        address: req.socket.remoteAddress,
        study: body.studyInstanceUID,
        report: sr,
        ...(body.reason !== undefined ? { reason: body.reason } : {}),
      };
      res.status(201).json(
        await decideOnReport(deps.decisions, deps.audit, decision, async () => {
          // Nothing is signed before it is stored: the report of a result still storing (or failed to) is refused.
          const unstored = await unstoredReport(deps.jobs, sr);
          if (unstored) throw new SignoffRefused(unstored, 409);
          return sign(body, sr, reader);
        }),
      );
    });
  }
  const signer = (studyInstanceUID: string, sr: string, reader: Identity) => ({
    studyInstanceUID,
    sr,
    reader: reader.displayName,
    readerLogin: reader.login,
    organization: deps.organization,
    report: {
      manifests: deps.models.manifests(),
      survivalManifests: deps.models.survivalManifests(),
      device: deps.pipeline.device,
      version: deps.pipeline.version,
    },
  });

  decisionRoute('/results/:sr/accept', 'report UID', acceptRequestSchema, 'report-accepted', (b, sr, reader) =>
    acceptResult(deps.pacs, signer(b.studyInstanceUID, sr, reader)),
  );
  decisionRoute('/results/:sr/reject', 'report UID', rejectRequestSchema, 'report-rejected', (b, sr, reader) =>
    rejectResult(deps.pacs, { ...signer(b.studyInstanceUID, sr, reader), reason: b.reason }),
  );
  decisionRoute('/results/:sr/amend', 'decision UID', amendRequestSchema, 'decision-amended', (b, sr, reader) =>
    amendDecision(deps.pacs, { ...signer(b.studyInstanceUID, sr, reader), decision: b.decision, reason: b.reason }),
  );

  return router;
}
