import type { AddressInfo } from 'node:net';
import { pino, type Logger } from 'pino';
import { type AppOptions, createApp } from './app';
import { answerClientErrors } from './http/client-errors';
import type { AnalysisInput } from './analysis/analysis-runner';
import { RedisDecisionLock } from './analysis/redis-decision-lock';
import { RedisQueue, redisConnection } from './analysis/redis-queue';
import type { AnalysisResult } from './contract';

export { createApp } from './app';
export type { AppOptions } from './app';
export { ModelRegistry } from './analysis/model-registry';
export { AuditLog } from './audit/audit-log';
export type { OidcSettings } from './auth/oidc-settings';
export type { Identity, Role } from './auth/identity';
export { HERON_VERSION, heronDevice } from './version';
export type { JobQueue, JobRunner } from './analysis/job-queue';
export { InProcessQueue } from './analysis/in-process-queue';
export { RedisQueue, redisConnection } from './analysis/redis-queue';
export { RedisWorker } from './analysis/redis-worker';
export { RedisDecisionLock } from './analysis/redis-decision-lock';
export { analysisRunner, type AnalysisInput } from './analysis/analysis-runner';
export { threadedRunner, type ThreadedRunner } from './analysis/threaded-runner';
export type { AnalysisThreadSetup } from './analysis/analysis-thread';
export { DecisionLock } from './analysis/decision-lock';

export interface ServerOptions extends Omit<AppOptions, 'log' | 'shared'> {
  host: string;
  port: number;
  log?: Logger;
  /** Redis behind the shared queue: analyses are queued for `heron worker`s instead of run here. */
  queue?: { redisUrl: string; prefix?: string };
}

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

export function defaultLogger(level = process.env.HERON_LOG_LEVEL ?? 'info'): Logger {
  return pino({ level, base: { service: 'heron' } });
}

/** Starts the Heron HTTP service and resolves once it listens. */
export function startServer(opts: ServerOptions): Promise<RunningServer> {
  const log = opts.log ?? defaultLogger();
  const prefix = opts.queue?.prefix ?? 'heron';
  const lockConnection = opts.queue ? redisConnection(opts.queue.redisUrl) : undefined;
  const shared =
    opts.queue && lockConnection
      ? {
          jobs: new RedisQueue<AnalysisInput, AnalysisResult>({
            url: opts.queue.redisUrl,
            prefix,
            ...(opts.analysisTimeoutMs !== undefined ? { maxRunMs: opts.analysisTimeoutMs } : {}),
          }),
          decisions: new RedisDecisionLock(lockConnection, prefix),
        }
      : undefined;
  const app = createApp({ ...opts, log, ...(shared ? { shared } : {}) });
  return new Promise((resolve, reject) => {
    const server = app.listen(opts.port, opts.host);
    answerClientErrors(server);
    server.once('error', reject);
    server.once('listening', () => {
      const { port } = server.address() as AddressInfo;
      const host = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
      resolve({
        url: `http://${host}:${port}`,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }).then(async () => {
            await shared?.jobs.close();
            lockConnection?.disconnect();
          }),
      });
    });
  });
}
