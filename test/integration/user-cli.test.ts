// `heron user add|list|remove`, run as a person runs it: the real command in its own process, the password piped in.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../support/paths';
import { startTestHeron } from '../support/heron-harness';

const stateDir = mkdtempSync(join(tmpdir(), 'heron-users-cli-'));
const usersFile = join(stateDir, 'users.json');

function heron(args: string[], input = '') {
  const r = spawnSync(process.execPath, [join(repoRoot, 'server', 'bin', 'heron.mjs'), 'user', ...args], {
    input,
    encoding: 'utf8',
    env: { ...process.env, HERON_STATE_DIR: '' },
    timeout: 60_000,
  });
  return { code: r.status, out: r.stdout.trim(), err: r.stderr.trim() };
}

const at = ['--state-dir', stateDir];

describe('heron user', () => {
  it('adds accounts with roles and a DICOM name, stores only a scrypt hash, 0600', () => {
    const added = heron(
      ['add', 'dr-doe', '--role', 'reader', '--display-name', 'Doe^Ann', ...at],
      'violet tram 42 lantern\n',
    );
    expect(added).toMatchObject({ code: 0, err: '' });
    expect(added.out).toContain("Added 'dr-doe' (reader; signs as Doe^Ann)");
    expect(heron(['add', 'board-1', '--role', 'board', ...at], 'amber kite 77 harbour').code).toBe(0);
    expect(heron(['add', 'ops', '--role', 'admin', '--role', 'reader', ...at], 'quiet fjord 19 meadow').code).toBe(0);
    const text = readFileSync(usersFile, 'utf8');
    expect(text).not.toContain('violet');
    expect(text).toMatch(/"passwordHash": "scrypt\$32768\$8\$3\$/);
    expect(statSync(usersFile).mode & 0o777).toBe(0o600);
    expect(heron(['list', ...at]).out.split('\n')).toEqual([
      'dr-doe\treader\tDoe^Ann',
      'board-1\tboard\tboard-1',
      'ops\tadmin,reader\tops',
    ]);
  });

  it('refuses an empty or weak password and a duplicate name, saying why, and changes nothing', () => {
    const before = readFileSync(usersFile, 'utf8');
    expect(heron(['add', 'nobody', '--role', 'reader', ...at], '')).toMatchObject({
      code: 1,
      err: 'heron user: The password is empty. Nothing was changed.',
    });
    expect(heron(['add', 'nobody', '--role', 'reader', ...at], 'short').err).toMatch(
      /has 5 characters; use at least 12/,
    );
    expect(heron(['add', 'nobody', '--role', 'reader', ...at], 'nobody-secret-1').err).toMatch(
      /contains the account name/,
    );
    expect(heron(['add', 'dr-doe', '--role', 'board', ...at], 'another good pass 1')).toMatchObject({
      code: 1,
      err: "heron user: There is already an account 'dr-doe'; remove it first to replace it.",
    });
    expect(heron(['add', 'x', '--role', 'surgeon', ...at], 'another good pass 1')).toMatchObject({ code: 2 });
    expect(heron(['add', 'x', '--role', 'surgeon', ...at], 'p').err).toMatch(
      /unknown role surgeon: use reader, board, admin/,
    );
    expect(heron(['add', 'x', ...at], 'p').err).toMatch(/add needs --role/);
    expect(heron(['add', 'a:b', '--role', 'reader', ...at], 'another good pass 1').err).toMatch(/cannot be a login/);
    expect(readFileSync(usersFile, 'utf8')).toBe(before);
  });

  it('lets a running server sign them in with Basic, each with their role and name', async () => {
    const heronServer = await startTestHeron(
      { url: 'http://127.0.0.1:9', credentials: { user: 'x', password: 'x' } },
      undefined,
      { usersFile },
    );
    const basic = (user: string, password: string) => 'Basic ' + Buffer.from(`${user}:${password}`).toString('base64');
    try {
      const me = await fetch(`${heronServer.url}/api/me`, {
        headers: { Authorization: basic('dr-doe', 'violet tram 42 lantern') },
      });
      expect(await me.json()).toMatchObject({
        login: 'dr-doe',
        displayName: 'Doe^Ann',
        roles: ['reader'],
        source: 'local',
      });
      const board = await fetch(`${heronServer.url}/api/analyses`, {
        method: 'POST',
        headers: { Authorization: basic('board-1', 'amber kite 77 harbour'), 'Content-Type': 'application/json' },
        body: '{}',
      });
      expect(board.status).toBe(403);
      const wrong = await fetch(`${heronServer.url}/api/me`, { headers: { Authorization: basic('dr-doe', 'nope') } });
      expect(wrong.status).toBe(401);
    } finally {
      await heronServer.close();
    }
  });

  it('removes an account, and says so when there is none', () => {
    expect(heron(['remove', 'board-1', ...at])).toMatchObject({ code: 0 });
    expect(heron(['list', ...at]).out).not.toContain('board-1');
    expect(heron(['remove', 'board-1', ...at])).toMatchObject({
      code: 1,
      err: "heron user: There is no account 'board-1'.",
    });
    expect(heron(['frobnicate', ...at]).code).toBe(2);
  });
});
