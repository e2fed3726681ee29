// Brings a fresh Debian/Ubuntu machine to the point where `npm start` and `npm test` can run:
// the Debian packages we drive (Orthanc, its DICOMweb plugin, validators, Chromium) and the npm
// dependencies. Uses only Node built-ins because it runs before node_modules exists.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Debian packages per purpose, with a file that proves each one is installed. */
const PACKAGES = {
  start: [
    { pkg: 'orthanc', proof: '/usr/sbin/Orthanc' },
    { pkg: 'orthanc-dicomweb', proof: '/usr/share/orthanc/plugins/libOrthancDicomWeb.so' },
    { pkg: 'orthanc-gdcm', proof: '/usr/share/orthanc/plugins/libOrthancGdcm.so' },
    // The tumour-board report PDF embeds DejaVu Sans (server/src/report/report-pdf.ts).
    { pkg: 'fonts-dejavu-core', proof: '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf' },
  ],
  test: [
    { pkg: 'chromium', proof: '/usr/bin/chromium' },
    { pkg: 'dicom3tools', proof: '/usr/bin/dciodvfy' },
    { pkg: 'dcmtk', proof: '/usr/bin/dsrdump' },
    { pkg: 'python3-pydicom', proof: '/usr/lib/python3/dist-packages/pydicom' },
    // pdftotext and pdftoppm: the report PDF's text and its pages as images (test/support/report-pdf.ts).
    { pkg: 'poppler-utils', proof: '/usr/bin/pdftotext' },
    // gdcmconv writes the JPEG 2000, JPEG-LS near-lossless and second RLE fixtures of the codec tests.
    { pkg: 'libgdcm-tools', proof: '/usr/bin/gdcmconv' },
    // PixelMed's DicomInstanceValidator and DicomSRValidator (in /usr/share/java/pixelmed.jar, run with java).
    { pkg: 'pixelmed-apps', proof: '/usr/share/java/pixelmed.jar' },
    // The site-deployment test: Orthanc with its index and storage in a private PostgreSQL cluster.
    { pkg: 'postgresql', proof: '/usr/lib/postgresql/15/bin/initdb' },
    { pkg: 'orthanc-postgresql', proof: '/usr/share/orthanc/plugins/libOrthancPostgreSQLIndex.so' },
    // The job-queue tests: a private redis-server behind BullMQ (test/support/redis-harness.ts).
    { pkg: 'redis-server', proof: '/usr/bin/redis-server' },
  ],
};

function log(msg) {
  console.log(`[setup] ${msg}`);
}

function fail(msg) {
  console.error(`\n[setup] ${msg}\n`);
  process.exit(1);
}

function checkNode() {
  const major = Number(process.versions.node.split('.')[0]);
  if (major < 20) fail(`Heron needs Node.js 20 or newer; this is ${process.version}.`);
}

function hasCommand(name) {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

function ensureDebianPackages(purposes) {
  const wanted = purposes.flatMap((p) => PACKAGES[p]);
  const missing = wanted.filter((p) => !existsSync(p.proof)).map((p) => p.pkg);
  if (missing.length === 0) return;
  if (!hasCommand('apt-get')) {
    fail(
      `These packages are missing and this machine has no apt-get: ${missing.join(', ')}.\n` +
        `Install them with your system's package manager (Debian/Ubuntu names:\n` +
        `  ${missing.join(' ')}), then run the command again.`,
    );
  }
  const isRoot = process.getuid?.() === 0;
  if (!isRoot && !hasCommand('sudo')) {
    fail(`Missing packages: ${missing.join(', ')}. Run as root: apt-get install -y ${missing.join(' ')}`);
  }
  const asRoot = (args) => (isRoot ? ['apt-get', args] : ['sudo', ['apt-get', ...args]]);
  log(`installing Debian packages: ${missing.join(', ')}${isRoot ? '' : ' (with sudo)'}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [
    ['update', '-qq'],
    ['install', '-y', '-qq', '--no-install-recommends', ...missing],
  ]) {
    const [cmd, cmdArgs] = asRoot(args);
    const r = spawnSync(cmd, cmdArgs, { stdio: 'inherit', env });
    if (r.status !== 0)
      fail(`'${cmd} ${cmdArgs.join(' ')}' failed (exit ${r.status}). Install by hand: ${missing.join(' ')}`);
  }
  const still = wanted.filter((p) => !existsSync(p.proof)).map((p) => p.pkg);
  if (still.length) fail(`Installed, but still not found: ${still.join(', ')}.`);
}

function ensureNodeModules() {
  const lock = join(repoRoot, 'package-lock.json');
  const installed = join(repoRoot, 'node_modules', '.package-lock.json');
  const fresh = existsSync(installed) && statSync(installed).mtimeMs >= statSync(lock).mtimeMs;
  if (fresh) return;
  log('installing npm dependencies (npm ci)');
  execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: repoRoot, stdio: 'inherit' });
}

/** `purposes`: which tools are needed ('start' for the demo, 'test' adds browsers and validators). */
export function setup(purposes) {
  checkNode();
  ensureDebianPackages(purposes);
  ensureNodeModules();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  setup(['start', 'test']);
  log('ready');
}
