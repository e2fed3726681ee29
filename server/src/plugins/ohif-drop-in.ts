// What an administrator adds to the `app-config.js` of the OHIF they already serve to load Heron's extension and mode
// (written by `heron plugins`). Two forms: OHIF 3.13 loads any extension or mode given as a URL with a plain dynamic
// import(); OHIF 3.14 documents runtime-plugin descriptors (not released when this was written: that form follows the
// OHIF documentation and is untested, see shared/docs/ohif-integration.md §4).

export interface DropInBundle {
  packageName: '@heron/ohif-extension' | '@heron/ohif-mode';
  version: string;
  /** Path inside the output folder: `<packageName>/<version>/index.js`. */
  path: string;
  /** Subresource-integrity hash of the bundle (sha384-…). */
  integrity: string;
}

export interface DropInOptions {
  /** Where the output folder is served, as the browser sees it (same origin as OHIF), e.g. `/heron-plugins`. */
  baseUrl: string;
  /** The Heron API as the browser reaches it, e.g. `https://heron.example.org/api`. */
  apiBase: string;
  heronVersion: string;
}

function urlOf(b: DropInBundle, o: DropInOptions): string {
  return `${o.baseUrl.replace(/\/+$/, '')}/${b.path}`;
}

function header(o: DropInOptions, ohif: string): string[] {
  return [
    `// Heron ${o.heronVersion} for OHIF ${ohif} (research use only, not for diagnosis). Written by 'heron plugins'.`,
    `// Append these lines to app-config.js, after 'window.config = { … };'. Serve the plugin folder at ${o.baseUrl}/`,
    `// on OHIF's own origin, and list OHIF's origin in the Heron server's server.corsOrigins (HERON_CORS_ORIGINS).`,
  ];
}

const heronSettings = (o: DropInOptions) => `window.config.heron = { apiBase: ${JSON.stringify(o.apiBase)} };`;

/** OHIF 3.13: extensions and modes by URL (tested, test/browser/drop-in-ohif.test.ts). */
export function appConfigLines313(bundles: DropInBundle[], o: DropInOptions): string {
  const ext = bundles.filter((b) => b.packageName === '@heron/ohif-extension').map((b) => urlOf(b, o));
  const modes = bundles.filter((b) => b.packageName === '@heron/ohif-mode').map((b) => urlOf(b, o));
  return [
    ...header(o, '3.13'),
    `window.config.extensions = [...(window.config.extensions || []), ${ext.map((u) => JSON.stringify(u)).join(', ')}];`,
    `window.config.modes = [...(window.config.modes || []), ${modes.map((u) => JSON.stringify(u)).join(', ')}];`,
    heronSettings(o),
    '',
  ].join('\n');
}

/** OHIF 3.14: runtime-plugin descriptors with integrity and an origin allow-list (from OHIF's documentation; untested). */
export function appConfigLines314(bundles: DropInBundle[], o: DropInOptions): string {
  const descriptor = (b: DropInBundle) =>
    JSON.stringify({
      packageName: b.packageName,
      importPath: urlOf(b, o),
      coreVersionRange: '>=3.13.0 <4',
      integrity: b.integrity,
    });
  const of = (name: DropInBundle['packageName']) =>
    bundles
      .filter((b) => b.packageName === name)
      .map(descriptor)
      .join(', ');
  return [
    ...header(o, '3.14 (runtime-plugin descriptors; untested until OHIF 3.14 is released)'),
    `window.config.extensions = [...(window.config.extensions || []), ${of('@heron/ohif-extension')}];`,
    `window.config.modes = [...(window.config.modes || []), ${of('@heron/ohif-mode')}];`,
    // A same-origin base URL needs no entry; an absolute one must be allowed explicitly.
    ...(/^https?:\/\//.test(o.baseUrl)
      ? [
          `window.config.runtimeExtensionOrigins = [...(window.config.runtimeExtensionOrigins || []), ${JSON.stringify(new URL(o.baseUrl).origin)}];`,
        ]
      : []),
    heronSettings(o),
    '',
  ].join('\n');
}
