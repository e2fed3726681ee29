// The thread side of threaded-runner.ts: one analysis, run by the same runner the server and a single-threaded worker
// use, with its own DICOMweb client, model registry and audit log built once per thread from the setup it is given.
import type { MessagePort } from 'node:worker_threads';
import { workerData } from 'node:worker_threads';
import { connectDicomweb, PacsError } from '@heron/dicom/dicomweb';
import { SeriesMetadataCache } from '@heron/dicom/roles';
import { FrameCache } from '@heron/dicom/volumes';
import { AuditLog } from '../audit/audit-log';
import type { AnalysisResult, Stage } from '../contract';
import { HERON_VERSION, heronDevice } from '../version';
import { type AnalysisInput, analysisRunner } from './analysis-runner';
import type { JobResults, JobRunner, KeptObjects } from './job-queue';
import { ModelRegistry } from './model-registry';

/** What a thread needs to build its own connections: plain data, since it crosses into the thread. */
export interface AnalysisThreadSetup {
  dicomwebRoot: string;
  authorization: string;
  timeoutMs: number;
  modelsDir: string;
  auditFile: string;
  /** The size of this thread's volume cache (decoded frames), in bytes; 0 keeps none. */
  volumeCacheBytes: number;
}

export interface AnalysisTask {
  input: AnalysisInput;
  jobId: string;
  /** Progress goes out on this port as { seq, stage, message }; a published or kept result as { seq, results }. */
  port: MessagePort;
  /**
   * Two Int32s shared with the main thread: [0] is set to 1 when the job must stop (taken over, or past its time);
   * [1] is the number of the last progress message the main thread has handled.
   */
  stop: SharedArrayBuffer;
  /** Whether the job takes results before its store (the queue passed `results` to the runner). */
  relayResults: boolean;
}

/** A failure as plain data; a PACS error keeps its status, which decides whether the job is tried again. */
export type AnalysisTaskOutcome =
  { result: AnalysisResult } | { error: string; pacs?: { summary: string; status: number; detail: string } };

let runner: Promise<JobRunner<AnalysisInput, AnalysisResult>> | undefined;

function threadRunner(): Promise<JobRunner<AnalysisInput, AnalysisResult>> {
  const setup = workerData as AnalysisThreadSetup;
  runner ??= ModelRegistry.open(setup.modelsDir).then((models) =>
    analysisRunner({
      pacs: connectDicomweb({
        url: setup.dicomwebRoot,
        authorization: setup.authorization,
        timeoutMs: setup.timeoutMs,
      }),
      models,
      audit: new AuditLog(setup.auditFile),
      pipeline: {
        device: heronDevice(),
        version: HERON_VERSION,
        frames: new FrameCache(setup.volumeCacheBytes),
        metadata: new SeriesMetadataCache(),
      },
    }),
  );
  return runner;
}

export default async function analysisTask(task: AnalysisTask): Promise<AnalysisTaskOutcome> {
  const flags = new Int32Array(task.stop);
  let sent = 0;
  // Each stage waits until the main thread has handled its progress message, as a call in one thread would: a job
  // taken over at 'store' must not store. The wait is a message's round trip; a minute bounds it should the main
  // thread be gone.
  const send = (message: object) => {
    sent++;
    task.port.postMessage({ seq: sent, ...message });
    Atomics.wait(flags, 1, sent - 1, 60_000);
    if (Atomics.load(flags, 0) === 1) throw new Error('stopped by the worker');
  };
  const progress = (stage: Stage, message: string) => send({ stage, message });
  // The result published before its store, and the objects kept after a failed store, go to the job through the main
  // thread, which owns the queue's connection; each waits for the main thread's answer as progress does.
  const results: JobResults<AnalysisResult> = {
    publish: async (result, event) => send({ results: { publish: { result, event } } }),
    keep: async (objects: KeptObjects) => send({ results: { keep: objects } }),
  };
  try {
    return {
      result: await (await threadRunner())(task.input, progress, task.jobId, task.relayResults ? results : undefined),
    };
  } catch (err) {
    if (err instanceof PacsError)
      return { error: err.message, pacs: { summary: err.summary, status: err.status, detail: err.detail } };
    return { error: err instanceof Error ? err.message : String(err) };
  } finally {
    task.port.close();
  }
}
