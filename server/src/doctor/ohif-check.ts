// `heron doctor --ohif URL`: the site's own OHIF loads the Heron plugins of this Heron version, serves them, and may
// call the Heron API (its origin is in server.corsOrigins).
import type { HeronConfig } from '../config/heron-config';
import type { Finding } from './doctor-checks';

export interface PluginVersions {
  '@heron/ohif-extension': string;
  '@heron/ohif-mode': string;
}

const problem = (text: string): Finding => ({ severity: 'problem', text });
const ok = (text: string): Finding => ({ severity: 'ok', text });

export async function checkSiteOhif(
  c: HeronConfig,
  ohifUrl: string,
  expected: PluginVersions,
  findings: Finding[],
): Promise<void> {
  const origin = new URL(ohifUrl).origin;
  const configUrl = new URL('/app-config.js', ohifUrl).href;
  const res = await fetch(configUrl, { signal: AbortSignal.timeout(5000) }).catch(() => null);
  if (!res?.ok) {
    findings.push(
      problem(
        `Cannot load ${configUrl} (${res ? `HTTP ${res.status}` : 'no answer'}) — check the OHIF address given to --ohif.`,
      ),
    );
    return;
  }
  const text = await res.text();
  for (const [pkg, version] of Object.entries(expected) as Array<[keyof PluginVersions, string]>) {
    const m = new RegExp(`["']([^"']*${pkg.replace('/', '\\/')}/([^/"']+)/[^"']*\\.js)["']`).exec(text);
    if (!m) {
      findings.push(
        problem(
          `${configUrl} does not load ${pkg} — append the lines of app-config-ohif-3.13.js written by 'heron plugins --out DIR'.`,
        ),
      );
      continue;
    }
    const [, path, loaded] = m;
    if (loaded !== version) {
      findings.push(
        problem(
          `${configUrl} loads ${pkg} ${loaded}, this Heron has ${version} — run 'heron plugins' again, serve its output and replace the lines in app-config.js.`,
        ),
      );
      continue;
    }
    const bundleUrl = new URL(path, ohifUrl).href;
    const bundle = await fetch(bundleUrl, { signal: AbortSignal.timeout(5000) }).catch(() => null);
    const type = bundle?.headers.get('content-type') ?? '';
    await bundle?.body?.cancel();
    if (!bundle?.ok || !/javascript/.test(type)) {
      findings.push(
        problem(
          `${bundleUrl} is not served as JavaScript (${bundle ? `HTTP ${bundle.status} ${type}` : 'no answer'}) — copy the output folder of 'heron plugins' to where that URL points.`,
        ),
      );
      continue;
    }
    findings.push(ok(`The OHIF at ${origin} loads ${pkg} ${version} from ${bundleUrl}.`));
  }
  const sameOrigin = c.server.publicUrl !== undefined && new URL(c.server.publicUrl).origin === origin;
  if (!sameOrigin && !c.server.corsOrigins.includes(origin)) {
    findings.push(
      problem(
        `The OHIF at ${origin} may not call Heron's API — add '${origin}' to server.corsOrigins (HERON_CORS_ORIGINS).`,
      ),
    );
  }
}
