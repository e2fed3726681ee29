import type { DicomwebClient } from '@heron/dicom/dicomweb';
import type { AnalysisResult, Job, Storage } from '../contract';
import type { AuditLog } from '../audit/audit-log';
import type { AnalysisInput } from './analysis-runner';
import type { DecisionSerializer } from './decision-lock';
import type { JobQueue } from './job-queue';
import { storedUids, storeFailure, storeResultObjects } from './pipeline';
import { KEEP_OBJECTS_SECONDS } from './redis-keys';

/** A retried store the job's state does not allow; the API answers with `status`. */
export class StoreRefused extends Error {
  constructor(
    message: string,
    readonly status: 404 | 409 | 410,
  ) {
    super(message);
  }
}

const hours = (s: number) => `${Math.round(s / 3600)} hours`;

export interface StoreRetry {
  jobs: JobQueue<AnalysisInput, AnalysisResult>;
  pacs: DicomwebClient;
  /** Serialises the retry with sign-offs and other retries on the same study. */
  lock: DecisionSerializer;
  audit: AuditLog;
  who: { user: string; address: string | undefined };
}

/**
 * Stores a result whose store failed, with the very objects built for it (kept with the job, so the PACS receives the
 * same SOP instances and never a second copy). Idempotent: a result already stored is answered as it is, without a
 * request to the PACS; one being stored is refused (409). Runs under the study's decision lock, so two retries or a
 * retry and a sign-off never interleave.
 */
export async function retryStore(r: StoreRetry, id: string): Promise<Job<AnalysisResult>> {
  const first = await r.jobs.get(id);
  if (!first) throw new StoreRefused('No such analysis (finished analyses are kept for a day).', 404);
  return r.lock.run(first.studyInstanceUID, async () => {
    const job = (await r.jobs.get(id)) ?? first;
    const result = job.result;
    if (!result) {
      throw new StoreRefused(
        job.state === 'failed'
          ? 'This analysis failed before it had a result; there is nothing to store. Start it again.'
          : 'This analysis has no result yet; wait for it.',
        409,
      );
    }
    if (result.stored) return job;
    const storage = result.storage;
    if (!storage || storage.state !== 'failed')
      throw new StoreRefused('The result is being stored now; wait for it to finish.', 409);
    const kept = await r.jobs.kept(id);
    if (!kept) {
      throw new StoreRefused(
        `The SEG, SR and PDF built for this analysis are no longer kept (they are kept ${hours(KEEP_OBJECTS_SECONDS)} with Redis, and in a single server only until it restarts or needs the memory); start the analysis again.`,
        410,
      );
    }
    const set = (state: Storage['state'], message?: string) => (j: Job<AnalysisResult>) => {
      if (!j.result) return;
      j.result = {
        ...j.result,
        storage: { state, srSopInstanceUID: storage.srSopInstanceUID, ...(message ? { message } : {}) },
        ...(state === 'stored' ? { stored: storedUids(kept) } : {}),
      };
    };
    await r.jobs.amend(
      id,
      {
        state: 'succeeded',
        stage: 'store',
        fraction: 1,
        message: 'Storing the SEG, the SR and the report PDF again',
        storage: 'storing',
      },
      set('storing'),
    );
    const audit = { ...r.who, study: job.studyInstanceUID, analysis: id };
    try {
      const how = await storeResultObjects(r.pacs, kept.studyInstanceUID, kept);
      r.audit.record({
        action: 'analysis-store-retried',
        ...audit,
        outcome: how,
        sr: storedUids(kept).srSopInstanceUID,
      });
      const done = await r.jobs.amend(
        id,
        { state: 'succeeded', stage: 'store', fraction: 1, message: 'Stored with the study', storage: 'stored' },
        set('stored'),
      );
      return done ?? job;
    } catch (err) {
      const message = storeFailure(err);
      r.audit.record({ action: 'analysis-store-retried', ...audit, outcome: 'failed', message });
      const failed = await r.jobs.amend(
        id,
        { state: 'succeeded', stage: 'store', fraction: 1, message, storage: 'failed' },
        set('failed', message),
      );
      return failed ?? job;
    }
  });
}

/**
 * Why a report may not be signed yet: its analysis's store is still running or failed. Undefined when the report is
 * not an analysis this server remembers, or is stored (then the PACS decides, as for any report).
 */
export async function unstoredReport(
  jobs: JobQueue<AnalysisInput, AnalysisResult>,
  sr: string,
): Promise<string | undefined> {
  const id = await jobs.jobOfReport(sr);
  const storage = id ? (await jobs.get(id))?.result?.storage : undefined;
  if (storage?.state === 'storing')
    return `Report ${sr} is still being stored in the study; it can be signed once it is stored.`;
  if (storage?.state === 'failed')
    return `Report ${sr} could not be stored in the study; press Retry and sign it once it is stored.`;
  return undefined;
}
