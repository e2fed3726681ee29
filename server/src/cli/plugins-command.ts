// `heron plugins --out DIR`: Heron's OHIF extension and mode as versioned ES-module bundles for a site's own OHIF,
// with the lines to add to its app-config.js. Heron's own viewer (the demo) keeps loading the same sources through its
// import map (scripts/build-viewer.ts).
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BuildOptions } from 'esbuild';
import { HERON_VERSION } from '../version';
import { appConfigLines313, appConfigLines314, type DropInBundle, type DropInOptions } from '../plugins/ohif-drop-in';
import { type Command, parseOptions, UsageError } from './command';
import { repoRoot } from './serve-command';

interface ViewerBuild {
  pluginBuildOptions(
    entry: string,
    outfile: string,
    variant: 'production',
    define?: Record<string, string>,
  ): BuildOptions;
  OHIF_VERSION: string;
}

/** The version of one of our workspaces (`extension`, `mode`): the folder name in the drop-in paths. */
export const packageVersion = (dir: string) =>
  (JSON.parse(readFileSync(join(repoRoot, dir, 'package.json'), 'utf8')) as { version: string }).version;

/** Builds both bundles into `outDir` and writes the app-config lines; returns what it wrote. */
export async function writeDropIn(
  outDir: string,
  o: Omit<DropInOptions, 'heronVersion'>,
): Promise<{ bundles: DropInBundle[]; files: string[] }> {
  const { build } = await import('esbuild');
  const viewer = (await import(join(repoRoot, 'scripts', 'build-viewer.ts'))) as ViewerBuild;
  const extVersion = packageVersion('extension');
  const modeVersion = packageVersion('mode');
  const specs = [
    {
      packageName: '@heron/ohif-extension' as const,
      version: extVersion,
      entry: 'extension/src/index.ts',
      define: {} as Record<string, string>,
    },
    {
      packageName: '@heron/ohif-mode' as const,
      version: modeVersion,
      entry: 'mode/src/index.ts',
      // The mode names the extension by its URL, resolved from the mode bundle's own (the two lie side by side).
      define: { __HERON_EXTENSION_PATH__: JSON.stringify(`../../ohif-extension/${extVersion}/index.js`) },
    },
  ];
  const bundles: DropInBundle[] = [];
  for (const s of specs) {
    const path = `${s.packageName}/${s.version}/index.js`;
    const file = join(outDir, path);
    rmSync(join(outDir, s.packageName, s.version), { recursive: true, force: true });
    mkdirSync(join(outDir, s.packageName, s.version), { recursive: true });
    await build(viewer.pluginBuildOptions(s.entry, file, 'production', s.define));
    const bytes = readFileSync(file);
    if (bytes.includes('__heron')) throw new Error(`${path}: the browser-test hook leaked into the drop-in bundle`);
    bundles.push({
      packageName: s.packageName,
      version: s.version,
      path,
      integrity: `sha384-${createHash('sha384').update(bytes).digest('base64')}`,
    });
  }
  const opts: DropInOptions = { ...o, heronVersion: HERON_VERSION };
  const files = bundles.map((b) => join(outDir, b.path));
  const write = (name: string, text: string) => {
    writeFileSync(join(outDir, name), text);
    files.push(join(outDir, name));
  };
  write('app-config-ohif-3.13.js', appConfigLines313(bundles, opts));
  write('app-config-ohif-3.14.js', appConfigLines314(bundles, opts));
  write(
    'heron-plugins.json',
    JSON.stringify(
      { heron: HERON_VERSION, testedWithOhif: viewer.OHIF_VERSION, baseUrl: o.baseUrl, apiBase: o.apiBase, bundles },
      null,
      2,
    ) + '\n',
  );
  return { bundles, files };
}

export const pluginsCommand: Command = {
  name: 'plugins',
  summary:
    "write Heron's OHIF extension and mode as drop-in bundles for a site's own OHIF, with the app-config.js lines",
  usage: 'heron plugins --out DIR [--api-url https://heron.example.org/api] [--base-url /heron-plugins]',
  async run(argv) {
    const opts = parseOptions(argv, {
      out: { type: 'string' },
      'api-url': { type: 'string' },
      'base-url': { type: 'string' },
    });
    if (!opts.out) throw new UsageError('--out DIR is required (the folder to serve next to OHIF)');
    const apiBase = opts['api-url'] ?? 'https://heron.example.org/api';
    if (!/^(https?:\/\/[^/]+)?\/.*$/.test(apiBase))
      throw new UsageError(
        `--api-url ${apiBase}: give an absolute URL (https://heron.example.org/api) or a path on OHIF's origin`,
      );
    const { files } = await writeDropIn(opts.out, { baseUrl: opts['base-url'] ?? '/heron-plugins', apiBase });
    console.log(`Wrote ${files.length} files to ${opts.out}:\n${files.map((f) => `  ${f}`).join('\n')}\n`);
    console.log(readFileSync(join(opts.out, 'app-config-ohif-3.13.js'), 'utf8'));
    if (!opts['api-url'])
      console.log('(--api-url not given: replace https://heron.example.org/api with your Heron server address.)');
    return 0;
  },
};
