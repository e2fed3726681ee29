// `heron worker --config FILE`: runs the analyses Heron servers queue in Redis (queue.redisUrl / HERON_REDIS_URL)
// and the cases of `heron features --queue`.
// Any number of workers on any number of machines; each needs the same configuration as `heron serve` (Orthanc,
// models, state folder for its audit log). SIGTERM or SIGINT stops it gracefully: it takes no new job and finishes
// the ones it runs; a worker killed outright has its job found stalled by BullMQ and run by another.
import { join } from 'node:path';
import type { AnalysisInput } from '../analysis/analysis-runner';
import { ModelRegistry } from '../analysis/model-registry';
import { RedisWorker } from '../analysis/redis-worker';
import { threadedRunner } from '../analysis/threaded-runner';
import { FeatureWorker } from '../batch/feature-worker';
import { ConfigError, loadConfig } from '../config/load-config';
import type { AnalysisResult } from '../contract';
import { defaultLogger } from '../index';
import { orthancAuthHeader } from '../orthanc/orthanc-process';
import { type Command, parseOptions } from './command';
import { orthancTarget, repoRoot } from './serve-command';

export const workerCommand: Command = {
  name: 'worker',
  summary: 'run queued analyses and feature cases from Redis (queue.redisUrl), beside any number of other workers',
  usage: 'heron worker --config heron.config.yaml   (needs queue.redisUrl or HERON_REDIS_URL)',
  async run(argv) {
    const opts = parseOptions(argv, { config: { type: 'string' } });
    let config;
    try {
      config = loadConfig(opts.config, { defaultModelsDir: join(repoRoot, 'models') });
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      console.error(
        `heron worker: the configuration has ${err.problems.length} problem(s):\n${err.problems.map((p) => `  - ${p}`).join('\n')}`,
      );
      return 2;
    }
    if (!config.queue.redisUrl) {
      console.error(
        'heron worker: no queue is configured — set queue.redisUrl in the configuration or HERON_REDIS_URL (e.g. redis://127.0.0.1:6379).',
      );
      return 2;
    }
    const log = defaultLogger(config.logLevel);
    const orthanc = orthancTarget(config);
    // The models are checked here, so that a worker with a broken models folder says so at start, not per job.
    await ModelRegistry.open(config.modelsDir);
    // Each analysis runs whole on a thread of its own (threaded-runner.ts), so that this thread keeps renewing the
    // jobs' locks and publishing progress however long the CPU work takes.
    const threaded = threadedRunner(
      {
        dicomwebRoot: config.orthanc.dicomwebRoot,
        authorization: orthancAuthHeader(orthanc.credentials),
        timeoutMs: 30_000,
        modelsDir: config.modelsDir,
        auditFile: join(config.stateDir, 'audit.jsonl'),
        // Each thread keeps its own volume cache (a second analysis of a study on that thread reads no pixel again);
        // together they stay within the configured size.
        volumeCacheBytes: Math.floor((config.analysis.volumeCacheMb * 2 ** 20) / config.queue.concurrency),
      },
      config.queue.concurrency,
    );
    const runner = threaded.runner;
    const worker = new RedisWorker<AnalysisInput, AnalysisResult>(runner, {
      url: config.queue.redisUrl,
      prefix: config.queue.prefix,
      concurrency: config.queue.concurrency,
      lockDurationMs: config.queue.stallSeconds * 1000,
    });
    // The cases of `heron features --queue`, each computed on a thread of this process (cohort-threads.ts).
    const features = new FeatureWorker({
      url: config.queue.redisUrl,
      prefix: config.queue.prefix,
      concurrency: config.queue.concurrency,
      lockDurationMs: config.queue.stallSeconds * 1000,
    });
    await Promise.all([worker.ready(), features.ready()]);
    log.info(
      { prefix: config.queue.prefix, concurrency: config.queue.concurrency, pid: process.pid },
      'Heron worker is taking analyses and feature cases (research use only)',
    );
    await new Promise<void>((resolve) => {
      const stop = () => {
        log.info('stopping: finishing the analyses under way');
        void Promise.all([worker.close(), features.close()])
          .then(() => threaded.close())
          .then(() => resolve());
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    return 0;
  },
};
