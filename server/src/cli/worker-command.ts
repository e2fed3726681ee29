// `heron worker --config FILE`: runs the analyses Heron servers queue in Redis (queue.redisUrl / HERON_REDIS_URL).
// Any number of workers on any number of machines; each needs the same configuration as `heron serve` (Orthanc,
// models, state folder for its audit log). SIGTERM or SIGINT stops it gracefully: it takes no new job and finishes
// the ones it runs; a worker killed outright has its job found stalled by BullMQ and run by another.
import { join } from 'node:path';
import { FrameCache } from '@heron/dicom/volumes';
import { SeriesMetadataCache } from '@heron/dicom/roles';
import { connectDicomweb } from '@heron/dicom/dicomweb';
import { type AnalysisInput, analysisRunner } from '../analysis/analysis-runner';
import { ModelRegistry } from '../analysis/model-registry';
import { RedisWorker } from '../analysis/redis-worker';
import { AuditLog } from '../audit/audit-log';
import { ConfigError, loadConfig } from '../config/load-config';
import type { AnalysisResult } from '../contract';
import { defaultLogger } from '../index';
import { orthancAuthHeader } from '../orthanc/orthanc-process';
import { HERON_VERSION, heronDevice } from '../version';
import { type Command, parseOptions } from './command';
import { orthancTarget, repoRoot } from './serve-command';

export const workerCommand: Command = {
  name: 'worker',
  summary: 'run queued analyses from Redis (queue.redisUrl), beside any number of other workers',
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
    const pacs = connectDicomweb({
      url: config.orthanc.dicomwebRoot,
      authorization: orthancAuthHeader(orthanc.credentials),
      timeoutMs: 30_000,
    });
    const models = await ModelRegistry.open(config.modelsDir);
    const runner = analysisRunner({
      pacs,
      models,
      audit: new AuditLog(join(config.stateDir, 'audit.jsonl')),
      // Each worker keeps its own cache: a second analysis of a study on this worker reads no pixel again.
      pipeline: {
        device: heronDevice(),
        version: HERON_VERSION,
        frames: new FrameCache(config.analysis.volumeCacheMb * 2 ** 20),
        metadata: new SeriesMetadataCache(),
      },
    });
    const worker = new RedisWorker<AnalysisInput, AnalysisResult>(runner, {
      url: config.queue.redisUrl,
      prefix: config.queue.prefix,
      concurrency: config.queue.concurrency,
      lockDurationMs: config.queue.stallSeconds * 1000,
    });
    await worker.ready();
    log.info(
      { prefix: config.queue.prefix, concurrency: config.queue.concurrency, pid: process.pid },
      'Heron worker is taking analyses (research use only)',
    );
    await new Promise<void>((resolve) => {
      const stop = () => {
        log.info('stopping: finishing the analyses under way');
        void worker.close().then(resolve);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    return 0;
  },
};
