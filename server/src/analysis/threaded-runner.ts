import { MessageChannel } from 'node:worker_threads';
import { Piscina } from 'piscina';
import { PacsError } from '@heron/dicom/dicomweb';
import type { AnalysisResult, Stage } from '../contract';
import type { AnalysisTask, AnalysisTaskOutcome, AnalysisThreadSetup } from './analysis-thread';
import type { AnalysisInput } from './analysis-runner';
import type { JobResults, JobRunner, KeptObjects } from './job-queue';

/** What the thread sends: progress, or a call of the job's results (see analysis-thread.ts). */
type ThreadMessage =
  | { seq: number; stage: Stage; message: string }
  | {
      seq: number;
      results: {
        publish?: { result: AnalysisResult; event: Parameters<JobResults<AnalysisResult>['publish']>[1] };
        keep?: KeptObjects;
      };
    };

export interface ThreadedRunner {
  runner: JobRunner<AnalysisInput, AnalysisResult>;
  close(): Promise<void>;
}

/**
 * The analysis runner on worker threads: the whole analysis (reading and decoding the series, mapping, extraction,
 * inference, SHAP, storing) runs on one of `threads` threads, so that the thread that took the job keeps renewing its
 * BullMQ lock, watching who owns the job and publishing progress while the CPU work goes on. Same runner, same result
 * as in one thread; progress is relayed stage by stage, and a progress callback that refuses (job taken over, or past
 * its time) stops the analysis before that stage as it would in one thread: the thread waits for each stage's answer.
 */
export function threadedRunner(setup: AnalysisThreadSetup, threads: number): ThreadedRunner {
  const pool = new Piscina<AnalysisTask, AnalysisTaskOutcome>({
    filename: new URL('./analysis-thread-entry.mjs', import.meta.url).href,
    minThreads: threads,
    maxThreads: threads,
    concurrentTasksPerWorker: 1,
    idleTimeout: Number.POSITIVE_INFINITY,
    workerData: setup,
  });
  const runner: JobRunner<AnalysisInput, AnalysisResult> = async (input, progress, jobId, results) => {
    const { port1, port2 } = new MessageChannel();
    const stop = new SharedArrayBuffer(8);
    const flags = new Int32Array(stop);
    let refusal: unknown;
    const answer = (seq: number, err?: unknown) => {
      if (err !== undefined) {
        refusal ??= err;
        Atomics.store(flags, 0, 1);
      }
      Atomics.store(flags, 1, seq);
      Atomics.notify(flags, 1);
    };
    port1.on('message', (m: ThreadMessage) => {
      if ('stage' in m) {
        try {
          progress(m.stage, m.message);
          answer(m.seq);
        } catch (err) {
          answer(m.seq, err);
        }
        return;
      }
      // A result published before its store, or the objects kept after a failed one: the queue's own calls.
      const call = m.results.publish
        ? results?.publish(m.results.publish.result, m.results.publish.event)
        : m.results.keep && results?.keep(m.results.keep);
      Promise.resolve(call).then(
        () => answer(m.seq),
        (err: unknown) => answer(m.seq, err),
      );
    });
    try {
      let outcome: AnalysisTaskOutcome;
      try {
        outcome = await pool.run(
          { input, jobId, port: port2, stop, relayResults: results !== undefined },
          { transferList: [port2] },
        );
      } catch (err) {
        // The thread itself ended (out of memory, say), not the analysis: say so in words a reader can pass on.
        throw new Error(
          `The analysis stopped because the worker thread running it ended (${err instanceof Error ? err.message : String(err)}). Start it again; if it happens again, ask your administrator to check the Heron workers' memory.`,
        );
      }
      if (refusal) throw refusal;
      if ('result' in outcome) return outcome.result;
      if (outcome.pacs) throw new PacsError(outcome.pacs.summary, outcome.pacs.status, outcome.pacs.detail);
      throw new Error(outcome.error);
    } finally {
      port1.close();
    }
  };
  return { runner, close: () => pool.destroy() };
}
