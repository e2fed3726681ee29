// Assembles the viewer the server hosts: the prebuilt OHIF dist from the `@ohif/app` npm tarball
// (pinned by version and sha512; OHIF cannot be rebuilt from npm, see docs/ohif-integration.md §1-§2)
// plus our extension and mode, bundled with esbuild and loaded at run time through an import map.
// Skips the work when nothing changed since the last build.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type BuildOptions } from 'esbuild';

export const OHIF_VERSION = '3.13.2';
const OHIF_INTEGRITY =
  'sha512-WZdxmpmG7rqFgW9ZJLcbgr3XCtLi1KDNPoMaeY5PPe6j4G4fjEjjkycZM6C6Zk2F87BKxFfpq+jd5xXZB9E8EA==';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const cacheDir = join(repoRoot, '.cache');
/**
 * Two variants of one viewer: `production` (what `npm start` and a site serve) and `test`, whose extension
 * also exposes `window.__heron` for the browser tests. The hook is compiled out of the production bundle.
 */
export type ViewerVariant = 'production' | 'test';
export const viewerDirs: Record<ViewerVariant, string> = {
  production: join(repoRoot, 'build', 'viewer'),
  test: join(repoRoot, 'build', 'viewer-test'),
};

/** The bare specifiers OHIF imports; the import map points them at our bundles. */
const PLUGINS = [
  { specifier: '@heron/ohif-extension', entry: 'extension/src/index.ts', file: 'heron-extension.js' },
  { specifier: '@heron/ohif-mode', entry: 'mode/src/index.ts', file: 'heron-mode.js' },
];

function log(msg: string): void {
  console.log(`[viewer] ${msg}`);
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
  );
}

/** Downloads (once) and unpacks the OHIF dist, refusing a tarball whose hash is not the pinned one. */
function fetchOhif(): string {
  const distDir = join(cacheDir, `ohif-app-${OHIF_VERSION}`, 'dist');
  if (existsSync(join(distDir, 'index.html'))) return distDir;
  mkdirSync(cacheDir, { recursive: true });
  const tgz = join(cacheDir, `ohif-app-${OHIF_VERSION}.tgz`);
  if (!existsSync(tgz)) {
    log(`downloading @ohif/app@${OHIF_VERSION} (about 50 MB, once)`);
    execFileSync('npm', ['pack', `@ohif/app@${OHIF_VERSION}`, '--pack-destination', cacheDir, '--silent'], {
      cwd: cacheDir,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  }
  const got = 'sha512-' + createHash('sha512').update(readFileSync(tgz)).digest('base64');
  if (got !== OHIF_INTEGRITY) {
    rmSync(tgz);
    throw new Error(`@ohif/app tarball integrity mismatch (got ${got}); deleted it, run again to re-download`);
  }
  const out = dirname(distDir);
  mkdirSync(out, { recursive: true });
  execFileSync('tar', ['xzf', tgz, '-C', out, '--strip-components=1', 'package/dist']);
  return distDir;
}

/** A hash of everything the assembled viewer depends on, to skip unchanged rebuilds. */
function inputsHash(): string {
  const h = createHash('sha256')
    .update(OHIF_VERSION)
    .update(readFileSync(fileURLToPath(import.meta.url)));
  // The extension bundles the server's API contract too.
  for (const dir of ['extension/src', 'mode/src', 'server/src/contract']) {
    for (const f of walk(join(repoRoot, dir)).sort()) {
      if (f.endsWith('.test.ts') || f.endsWith('.test.tsx')) continue;
      h.update(relative(repoRoot, f)).update(readFileSync(f));
    }
  }
  for (const f of ['extension/package.json', 'mode/package.json', 'server/package.json', 'package-lock.json']) {
    h.update(readFileSync(join(repoRoot, f)));
  }
  return h.digest('hex');
}

/** Hard-links the OHIF dist into the viewer folder: instant, and no second copy of 200 MB. */
function linkDist(distDir: string, viewerDir: string): void {
  rmSync(viewerDir, { recursive: true, force: true });
  for (const src of walk(distDir)) {
    const dest = join(viewerDir, relative(distDir, src));
    mkdirSync(dirname(dest), { recursive: true });
    linkSync(src, dest);
  }
}

/** esbuild settings of one plugin bundle; `heron plugins` builds the drop-in bundles with the same ones. */
export function pluginBuildOptions(
  entry: string,
  outfile: string,
  variant: ViewerVariant,
  define: Record<string, string> = {},
): BuildOptions {
  return {
    entryPoints: [join(repoRoot, entry)],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2020',
    minify: true,
    sourcemap: true,
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"', __HERON_TEST_HOOKS__: String(variant === 'test'), ...define },
    logLevel: 'warning',
  };
}

async function bundlePlugins(viewerDir: string, variant: ViewerVariant): Promise<void> {
  const pluginDir = join(viewerDir, 'plugins');
  mkdirSync(pluginDir, { recursive: true });
  await Promise.all(PLUGINS.map((p) => build(pluginBuildOptions(p.entry, join(pluginDir, p.file), variant))));
  if (variant === 'production') {
    for (const p of PLUGINS) {
      if (readFileSync(join(pluginDir, p.file), 'utf8').includes('__heron')) {
        throw new Error(`${p.file}: the browser-test hook (window.__heron) leaked into the production bundle`);
      }
    }
  }
}

/** index.html gets the import map; written as a new file so the hard-linked original stays intact. */
function writeIndexHtml(distDir: string, viewerDir: string): void {
  const importMap = { imports: Object.fromEntries(PLUGINS.map((p) => [p.specifier, `/plugins/${p.file}`])) };
  const html = readFileSync(join(distDir, 'index.html'), 'utf8');
  if (!html.includes('<head>')) throw new Error('OHIF index.html has no <head>: cannot insert the import map');
  const target = join(viewerDir, 'index.html');
  rmSync(target, { force: true });
  writeFileSync(target, html.replace('<head>', `<head><script type="importmap">${JSON.stringify(importMap)}</script>`));
  // app-config.js is answered by the server (it depends on run-time settings), never the dist's sample.
  rmSync(join(viewerDir, 'app-config.js'), { force: true });
}

function dirSize(dir: string): number {
  return walk(dir).reduce((n, f) => n + statSync(f).size, 0);
}

/** Builds the viewer unless it is up to date. Returns its folder. */
export async function buildViewer(opts: { force?: boolean; variant?: ViewerVariant } = {}): Promise<string> {
  const variant = opts.variant ?? 'production';
  const viewerDir = viewerDirs[variant];
  const stampFile = join(viewerDir, '.heron-build.json');
  const hash = inputsHash();
  if (!opts.force && existsSync(stampFile)) {
    const stamp = JSON.parse(readFileSync(stampFile, 'utf8')) as { hash?: string };
    if (stamp.hash === hash) {
      log('up to date');
      return viewerDir;
    }
  }
  const started = Date.now();
  const distDir = fetchOhif();
  linkDist(distDir, viewerDir);
  await bundlePlugins(viewerDir, variant);
  writeIndexHtml(distDir, viewerDir);
  writeFileSync(stampFile, JSON.stringify({ hash, ohif: OHIF_VERSION, builtAt: new Date().toISOString() }));
  const mb = (dirSize(viewerDir) / 1e6).toFixed(0);
  log(
    `built in ${((Date.now() - started) / 1000).toFixed(1)} s (${mb} MB served from ${relative(repoRoot, viewerDir)})`,
  );
  return viewerDir;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildViewer({
    force: process.argv.includes('--force'),
    variant: process.argv.includes('--test') ? 'test' : 'production',
  });
}
