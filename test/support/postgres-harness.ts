import { execFileSync, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { freePort } from '@heron/server/testing';

export const PG_BIN = '/usr/lib/postgresql/15/bin';

export interface TestPostgres {
  host: string;
  port: number;
  database: string;
  user: string;
  password: string;
  /** The libpq URI Orthanc's PostgreSQL plugin takes (orthanc-config/postgresql.json reads it as ORTHANC_PG_URI). */
  uri: string;
  /** Runs one SQL statement in the Orthanc database; returns psql's unaligned output. */
  sql(statement: string): string;
  stop(): Promise<void>;
}

/** initdb refuses root: as root the cluster belongs to the Debian `postgres` user (runuser), otherwise to us. */
function asClusterOwner(cmd: string, args: string[]): [string, string[]] {
  return process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createConnection({ host: '127.0.0.1', port }, () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

/**
 * A private PostgreSQL 15 cluster (Debian `postgresql`) in a temporary folder on a free loopback port, with one
 * database and a password-authenticated owner, as a site would give Orthanc. Stopped and deleted by `stop()`.
 */
export async function startTestPostgres(): Promise<TestPostgres> {
  if (!existsSync(join(PG_BIN, 'initdb')))
    throw new Error('PostgreSQL 15 is not installed: apt-get install postgresql');
  const dir = mkdtempSync(join(tmpdir(), 'heron-pg-'));
  const data = join(dir, 'data');
  const pwfile = join(dir, 'pw');
  const password = randomBytes(12).toString('hex');
  writeFileSync(pwfile, password, { mode: 0o600 });
  if (process.getuid?.() === 0) {
    const pg = Number(execFileSync('id', ['-u', 'postgres']).toString());
    const pgGid = Number(execFileSync('id', ['-g', 'postgres']).toString());
    chownSync(dir, pg, pgGid);
    chownSync(pwfile, pg, pgGid);
  }
  const [initCmd, initArgs] = asClusterOwner(join(PG_BIN, 'initdb'), [
    '-D',
    data,
    '-U',
    'orthanc',
    '--pwfile',
    pwfile,
    '-A',
    'scram-sha-256',
    '-E',
    'UTF8',
    '--no-sync',
  ]);
  execFileSync(initCmd, initArgs, { stdio: 'ignore' });
  const port = await freePort();
  const [cmd, args] = asClusterOwner(join(PG_BIN, 'postgres'), [
    '-D',
    data,
    '-p',
    String(port),
    '-k',
    dir,
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    'fsync=off',
  ]);
  const child = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  while (!(await portOpen(port))) {
    if (child.exitCode !== null) throw new Error(`PostgreSQL did not start: ${stderr.slice(-500)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const [psqlCmd, psqlArgs] = asClusterOwner(join(PG_BIN, 'psql'), [
    '-h',
    dir,
    '-p',
    String(port),
    '-U',
    'orthanc',
    '-d',
    'postgres',
    '-c',
    'CREATE DATABASE orthanc',
  ]);
  execFileSync(psqlCmd, psqlArgs, { stdio: 'ignore', env: { ...process.env, PGPASSWORD: password } });
  return {
    host: '127.0.0.1',
    port,
    database: 'orthanc',
    user: 'orthanc',
    password,
    uri: `postgresql://orthanc:${password}@127.0.0.1:${port}/orthanc`,
    sql(statement) {
      const [c, a] = asClusterOwner(join(PG_BIN, 'psql'), [
        '-h',
        dir,
        '-p',
        String(port),
        '-U',
        'orthanc',
        '-d',
        'orthanc',
        '-At',
        '-c',
        statement,
      ]);
      return execFileSync(c, a, { env: { ...process.env, PGPASSWORD: password } })
        .toString()
        .trim();
    },
    async stop() {
      if (child.exitCode === null) {
        // A "fast" shutdown (end sessions, checkpoint, exit) through pg_ctl, which signals the postmaster itself:
        // a signal to runuser would not reach it.
        const [stopCmd, stopArgs] = asClusterOwner(join(PG_BIN, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop']);
        try {
          execFileSync(stopCmd, stopArgs, { stdio: 'ignore' });
        } catch {
          child.kill('SIGKILL');
        }
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
