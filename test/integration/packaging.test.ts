// The bare-metal service files, checked by systemd's own parser (systemd-analyze verify needs no running systemd):
// Heron's unit, and Debian's orthanc.service with Heron's drop-in (which must replace ExecStart, not add a second one).
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../support/paths';

const dir = mkdtempSync(join(tmpdir(), 'heron-units-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What systemd-analyze says about a unit found on `unitPath` (empty when systemd has nothing to object to). */
function verify(unit: string): string {
  const r = spawnSync('systemd-analyze', ['verify', unit], {
    env: { ...process.env, SYSTEMD_UNIT_PATH: `${dir}:` },
    encoding: 'utf8',
  });
  return `${r.stdout}${r.stderr}`.trim() + (r.status === 0 ? '' : `\n(exit ${r.status})`);
}

it('heron.service passes systemd-analyze verify', () => {
  // The unit names /usr/bin/node, Debian's; on a machine with Node elsewhere the path is swapped for this test only.
  const unit = readFileSync(join(repoRoot, 'packaging', 'systemd', 'heron.service'), 'utf8').replace(
    '/usr/bin/node',
    process.execPath,
  );
  writeFileSync(join(dir, 'heron.service'), unit);
  expect(verify('heron.service')).toBe('');
});

it("Debian's orthanc.service with Heron's drop-in passes systemd-analyze verify", () => {
  mkdirSync(join(dir, 'orthanc.service.d'), { recursive: true });
  copyFileSync('/lib/systemd/system/orthanc.service', join(dir, 'orthanc.service'));
  copyFileSync(join(repoRoot, 'orthanc-config', 'orthanc-heron.conf'), join(dir, 'orthanc.service.d', 'heron.conf'));
  expect(verify('orthanc.service')).toBe('');
});
