import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@heron/server/testing';

export interface TestRedis {
  url: string;
  port: number;
  /** The redis-server process, for tests that freeze it (SIGSTOP) to stop every write to the queue's state. */
  pid: number;
  stop(): Promise<void>;
}

const REDIS = '/usr/bin/redis-server';

function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createConnection({ host: '127.0.0.1', port }, () => s.write('PING\r\n'));
    s.once('data', (d) => {
      s.destroy();
      resolve(d.toString().startsWith('+PONG'));
    });
    s.once('error', () => resolve(false));
  });
}

/**
 * A private redis-server (Debian `redis-server`) on a free loopback port, working in a temporary folder, with no
 * snapshots and no append-only file: a test's queue starts empty and leaves nothing behind. Stopped by `stop()`.
 */
export async function startTestRedis(): Promise<TestRedis> {
  if (!existsSync(REDIS)) throw new Error('redis-server is not installed: apt-get install redis-server');
  const dir = mkdtempSync(join(tmpdir(), 'heron-redis-'));
  const port = await freePort();
  const child = spawn(
    REDIS,
    ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no'],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 10_000;
  while (!(await answersPing(port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`redis-server did not start on port ${port}: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    pid: child.pid as number,
    async stop() {
      if (child.exitCode === null) {
        // A frozen server does not act on SIGTERM until it runs again.
        child.kill('SIGCONT');
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
