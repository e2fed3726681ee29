// Feature extraction on several cores: the extraction is cut into parts (extraction-parts.ts), the parts go to worker
// threads, dearest first, and the parts' features are joined in order, so the result is the one extractFeatures gives
// (same names, order and values). The workers start on first use, stay for later extractions (a server extracts
// many), and do not keep the process alive while idle.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { extractFeatures, type ExtractOptions, type FeatureMap, type TimingStep } from '../extractor';
import { joinParts, splitExtraction, type ExtractionUnit } from '../extraction-parts';
import type { ExtractionParams } from '../params';
import type { Volume } from '../volume';
import { shareVolume, type SharedVolume } from './shared-volume';

/** One part for a worker; each worker has one part at a time, so replies need no id. */
export interface PartRequest {
  image: SharedVolume;
  mask: SharedVolume;
  unit: ExtractionUnit;
  label?: number;
  timing: boolean;
}

export type PartReply = { features: FeatureMap; steps: TimingStep[] } | { error: string };

interface Job {
  request: PartRequest;
  resolve: (reply: PartReply) => void;
}

const WORKER_ENTRY = new URL('./worker-entry.mjs', import.meta.url);

export class ExtractionPool {
  readonly threads: number;
  private readonly idle: Worker[] = [];
  private readonly busy = new Map<Worker, Job>();
  private readonly queue: Job[] = [];
  private closed = false;

  /** `threads` workers (default: the cores Node may use); 1 extracts on the calling thread. */
  constructor(threads = availableParallelism()) {
    if (!Number.isInteger(threads) || threads < 1)
      throw new Error(`threads must be a positive integer, got ${threads}`);
    this.threads = threads;
  }

  /** extractFeatures(image, mask, params, options), its parts computed in parallel. */
  async extract(
    image: Volume,
    mask: Volume,
    params: ExtractionParams,
    options: Omit<ExtractOptions, 'part'> = {},
  ): Promise<FeatureMap> {
    if (this.closed) throw new Error('the extraction pool is closed');
    const units = splitExtraction(params, this.threads);
    if (this.threads === 1 || units.length === 1) return extractFeatures(image, mask, params, options);
    const [sharedImage, sharedMask] = [shareVolume(image), shareVolume(mask)];
    const replies = units.map(
      (unit) =>
        new Promise<PartReply>((resolve) => {
          const request: PartRequest = {
            image: sharedImage,
            mask: sharedMask,
            unit,
            label: options.label,
            timing: !!options.onTiming,
          };
          this.queue.push({ request, resolve });
        }),
    );
    // Dearest parts first (a stable sort keeps equal costs in order), so the last ones to finish are short.
    this.queue.sort((a, b) => b.request.unit.cost - a.request.unit.cost);
    this.dispatch();
    const parts: FeatureMap[] = [];
    for (const reply of await Promise.all(replies)) {
      if ('error' in reply) throw new Error(reply.error);
      reply.steps.forEach((step) => options.onTiming?.(step));
      parts.push(reply.features);
    }
    return joinParts(parts);
  }

  /** Stops the workers; extractions still running fail. */
  async close(): Promise<void> {
    this.closed = true;
    const workers = [...this.idle, ...this.busy.keys()];
    this.idle.length = 0;
    await Promise.all(workers.map((worker) => worker.terminate()));
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      const worker = this.idle.pop() ?? (this.busy.size < this.threads ? this.startWorker() : undefined);
      if (!worker) return;
      const job = this.queue.shift()!;
      this.busy.set(worker, job);
      worker.ref();
      worker.postMessage(job.request);
    }
  }

  private startWorker(): Worker {
    const worker = new Worker(WORKER_ENTRY);
    worker.on('message', (reply: PartReply) => {
      const job = this.busy.get(worker);
      this.busy.delete(worker);
      worker.unref();
      if (!this.closed) this.idle.push(worker);
      job?.resolve(reply);
      this.dispatch();
    });
    const fail = (message: string) => {
      const job = this.busy.get(worker);
      this.busy.delete(worker);
      const at = this.idle.indexOf(worker);
      if (at >= 0) this.idle.splice(at, 1);
      job?.resolve({ error: `an extraction worker stopped: ${message}` });
      if (!this.closed) this.dispatch();
    };
    worker.on('error', (error) => fail(error.message));
    worker.on('exit', (code) => fail(`exit code ${code}`));
    return worker;
  }
}
