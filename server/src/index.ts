import type { AddressInfo } from 'node:net';
import { pino, type Logger } from 'pino';
import { type AppOptions, createApp } from './app';
import { answerClientErrors } from './http/client-errors';

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
export { DecisionLock } from './analysis/decision-lock';

export interface ServerOptions extends Omit<AppOptions, 'log'> {
  host: string;
  port: number;
  log?: Logger;
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
  const app = createApp({ ...opts, log });
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
          }),
      });
    });
  });
}
