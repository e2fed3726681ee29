// The checks of `heron doctor`: each looks at one thing a site deployment needs and, when it is wrong, says in one
// line what is wrong and how to fix it. Nothing here writes to the PACS (the STOW check sends an empty request).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { survivalPackage } from '@heron/models';
import { readModelPackage } from '@heron/models/node';
import { readSurvivalPackage } from '../analysis/model-registry';
import type { HeronConfig } from '../config/heron-config';
import { orthancAuthHeader } from '../orthanc/orthanc-process';
import { REPORT_FONTS } from '../report/report-pdf';

export type Severity = 'ok' | 'warning' | 'problem';

export interface Finding {
  severity: Severity;
  /** One line: what was found; for a problem, what is wrong and its fix after " — ". */
  text: string;
}
const ok = (text: string): Finding => ({ severity: 'ok', text });
const warning = (text: string): Finding => ({ severity: 'warning', text });
const problem = (text: string): Finding => ({ severity: 'problem', text });

function causeOf(err: unknown): string {
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (err instanceof Error ? err.message : String(err));
}

interface OrthancFacts {
  reachable: boolean;
  authenticated: boolean;
  plugins: string[];
}

/** Orthanc reachable, the service account accepted, the plugins it runs. */
export async function checkOrthanc(c: HeronConfig, findings: Finding[]): Promise<OrthancFacts> {
  const facts: OrthancFacts = { reachable: false, authenticated: false, plugins: [] };
  const url = c.orthanc.restUrl;
  const headers = { Authorization: orthancAuthHeader({ user: c.orthanc.username, password: c.orthanc.password }) };
  let res: Response;
  try {
    res = await fetch(`${url}/system`, { headers, signal: AbortSignal.timeout(5000) });
  } catch (err) {
    findings.push(
      problem(
        `Orthanc cannot be reached at ${url} (${causeOf(err)}) — check orthanc.restUrl (HERON_ORTHANC_URL) and that Orthanc runs (systemctl status orthanc, or docker compose ps).`,
      ),
    );
    return facts;
  }
  facts.reachable = true;
  if (res.status === 401 || res.status === 403) {
    findings.push(
      problem(
        `Orthanc at ${url} refused the service account '${c.orthanc.username}' (HTTP ${res.status}) — make the password in ${c.sources['orthanc.password'] ?? 'orthanc.passwordFile'} match RegisteredUsers in Orthanc's configuration; if Orthanc runs on another machine it also needs RemoteAccessAllowed: true.`,
      ),
    );
    return facts;
  }
  const system = (await res.json().catch(() => null)) as { Version?: string; Name?: string } | null;
  if (!res.ok || !system?.Version) {
    findings.push(
      problem(
        `${url}/system did not answer like Orthanc (HTTP ${res.status}) — orthanc.restUrl must be Orthanc's own HTTP address, e.g. http://127.0.0.1:8042.`,
      ),
    );
    return facts;
  }
  facts.authenticated = true;
  findings.push(
    ok(
      `Orthanc ${system.Version} ('${system.Name ?? '?'}') answers at ${url} and accepts the service account '${c.orthanc.username}'.`,
    ),
  );
  // An Orthanc whose request filter refuses the list answers 403 without JSON: then no plugin can be confirmed.
  facts.plugins =
    ((await (await fetch(`${url}/plugins`, { headers })).json().catch(() => null)) as string[] | null) ?? [];
  return facts;
}

/** The DICOMweb plugin, its root, and the quirks of the installed version Heron works around or depends on. */
export async function checkDicomweb(c: HeronConfig, facts: OrthancFacts, findings: Finding[]): Promise<boolean> {
  const headers = { Authorization: orthancAuthHeader({ user: c.orthanc.username, password: c.orthanc.password }) };
  if (!facts.plugins.includes('dicom-web')) {
    findings.push(
      problem(
        `Orthanc has no DICOMweb plugin loaded — install it (apt-get install orthanc-dicomweb, or DICOM_WEB_PLUGIN_ENABLED=true in the orthancteam/orthanc image) and list it in Orthanc's "Plugins", then restart Orthanc.`,
      ),
    );
    return false;
  }
  const info = (await (await fetch(`${c.orthanc.restUrl}/plugins/dicom-web`, { headers })).json()) as {
    Version?: string;
  };
  const qido = await fetch(`${c.orthanc.dicomwebRoot}/studies?limit=1`, { headers }).catch(() => null);
  if (!qido || !qido.ok) {
    findings.push(
      problem(
        `The DICOMweb root ${c.orthanc.dicomwebRoot} answered ${qido ? `HTTP ${qido.status}` : 'nothing'} — set "DicomWeb": {"Root": "/dicom-web/"} in Orthanc's configuration, or correct orthanc.dicomwebRoot.`,
      ),
    );
    return false;
  }
  findings.push(ok(`DICOMweb plugin ${info.Version ?? '?'} answers at ${c.orthanc.dicomwebRoot}.`));
  // PS3.18 allows `includefield=a,b`; plugin 1.7 drops such a list. Heron's proxy spells it out, so only an OHIF that
  // talks to Orthanc directly (not through Heron) must be told.
  if (/^1\.[0-7]($|\.)/.test(info.Version ?? '')) {
    findings.push(
      ok(
        `DICOMweb ${info.Version} ignores comma-separated includefield lists; Heron's proxy repeats the parameter instead (an OHIF reading Orthanc directly needs qidoSupportsIncludeField: false).`,
      ),
    );
  }
  if (facts.plugins.includes('gdcm')) {
    findings.push(
      warning(
        `The GDCM plugin is loaded: make sure Orthanc's configuration has "BuiltinDecoderTranscoderOrder": "Before" (orthanc-config/orthanc.json) — otherwise one request for JPEG-LS or JPEG 2000 frames crashes Orthanc 1.10. Heron cannot read this setting over HTTP.`,
      ),
    );
  } else {
    findings.push(
      warning(
        `No GDCM plugin: Orthanc cannot decode JPEG 2000 or JPEG-LS frames, so compressed studies will not open or analyse — install orthanc-gdcm (with "BuiltinDecoderTranscoderOrder": "Before").`,
      ),
    );
  }
  return true;
}

/** STOW-RS with the service account: an empty multipart body stores nothing, and tells allowed (200/400) from refused (403). */
export async function checkStow(c: HeronConfig, findings: Finding[]): Promise<void> {
  const boundary = 'heron-doctor';
  const res = await fetch(`${c.orthanc.dicomwebRoot}/studies`, {
    method: 'POST',
    headers: {
      Authorization: orthancAuthHeader({ user: c.orthanc.username, password: c.orthanc.password }),
      'Content-Type': `multipart/related; type="application/dicom"; boundary=${boundary}`,
    },
    body: `--${boundary}--\r\n`,
  }).catch(() => null);
  if (res && (res.status === 401 || res.status === 403)) {
    findings.push(
      problem(
        `Orthanc refuses STOW-RS (POST ${new URL(c.orthanc.dicomwebRoot).pathname}/studies) for '${c.orthanc.username}' (HTTP ${res.status}) — Heron stores its SEG and SR that way: allow POST for this account in Orthanc's Lua IncomingHttpRequestFilter or authorization service.`,
      ),
    );
  } else if (!res || res.status >= 500) {
    findings.push(
      problem(
        `Orthanc failed a STOW-RS test request (${res ? `HTTP ${res.status}` : 'no answer'}) — see Orthanc's log.`,
      ),
    );
  } else {
    findings.push(ok(`The service account may store results (STOW-RS).`));
  }
}

/** Orthanc's clock against ours: DICOM dates and times Heron writes, and the audit log, must agree with the PACS. */
export async function checkClock(c: HeronConfig, findings: Finding[]): Promise<void> {
  const res = await fetch(`${c.orthanc.restUrl}/tools/now`, {
    headers: { Authorization: orthancAuthHeader({ user: c.orthanc.username, password: c.orthanc.password }) },
  }).catch(() => null);
  const m = res?.ok ? /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})/.exec((await res.text()).trim()) : null;
  if (!m) {
    findings.push(
      warning("Could not read Orthanc's clock (/tools/now); check that both machines synchronise with NTP."),
    );
    return;
  }
  const theirs = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]);
  const skew = Math.round((Date.now() - theirs) / 1000);
  if (Math.abs(skew) > 60) {
    findings.push(
      problem(
        `Orthanc's clock is ${Math.abs(skew)} s ${skew > 0 ? 'behind' : 'ahead of'} this machine's — synchronise both with NTP (timedatectl set-ntp true); report times and the audit log depend on it.`,
      ),
    );
  } else {
    findings.push(ok(`Clocks agree with Orthanc's (difference ${Math.abs(skew)} s).`));
  }
}

/** Every model package in the models folder: manifest valid, model.onnx matching its sha256, inputs and engine. */
export async function checkModels(c: HeronConfig, findings: Finding[]): Promise<void> {
  if (!existsSync(c.modelsDir)) {
    findings.push(
      problem(
        `The models folder ${c.modelsDir} does not exist — set modelsDir (HERON_MODELS_DIR) to the folder holding the model packages.`,
      ),
    );
    return;
  }
  const dirs = readdirSync(c.modelsDir, { withFileTypes: true }).filter(
    (e) => e.isDirectory() && existsSync(join(c.modelsDir, e.name, 'manifest.json')),
  );
  if (dirs.length === 0) {
    findings.push(
      problem(
        `No model package in ${c.modelsDir} — copy one there (a folder with manifest.json and model.onnx, e.g. models/her2-demo).`,
      ),
    );
    return;
  }
  for (const d of dirs) {
    const dir = join(c.modelsDir, d.name);
    try {
      const survival = await readSurvivalPackage(dir);
      if (survival) {
        // As the registry does when it opens the package: the graph must be a Cox linear predictor over its inputs.
        survivalPackage(survival, new Uint8Array(readFileSync(join(dir, survival.model.file))));
        findings.push(
          ok(
            `Survival model ${survival.id} ${survival.version}: model.onnx matches its manifest (sha256 ${survival.model.sha256.slice(0, 12)}…) and is a Cox linear predictor over its ${survival.inputs.length} inputs.`,
          ),
        );
        continue;
      }
      const pkg = await readModelPackage(dir);
      findings.push(
        ok(
          `Model ${pkg.manifest.id} ${pkg.manifest.version}: model.onnx matches its manifest (sha256 ${pkg.manifest.model.sha256.slice(0, 12)}…).`,
        ),
      );
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      findings.push(
        problem(
          `Model package ${dir}: ${why.split('; ')[0]} — copy the package again from its source, unchanged (model.onnx must be the file its manifest names).`,
        ),
      );
    }
  }
}

/** Reader logins readable only by Heron's user, and an address that is not open to the network by accident. */
export function checkFilesAndListen(c: HeronConfig, findings: Finding[]): void {
  for (const file of c.secretFiles) {
    // Container secrets are mounted for the container's own user; the host folder they come from guards them.
    if (file.startsWith('/run/secrets/')) continue;
    if (existsSync(file) && (statSync(file).mode & 0o077) !== 0) {
      findings.push(
        problem(
          `${file} holds a secret but other users of this machine may read it — chmod 600 ${file} (owner: Heron's service user).`,
        ),
      );
    }
  }
  const loopback = /^(127\.|::1$|localhost$)/.test(c.server.host);
  if (!loopback && !c.server.publicUrl) {
    findings.push(
      warning(
        `Heron listens on ${c.server.host}, not only loopback, and has no publicUrl — put it behind a TLS reverse proxy and set server.publicUrl.`,
      ),
    );
  } else {
    findings.push(
      ok(
        `Heron will listen on ${c.server.host}:${c.server.port}${c.server.publicUrl ? `, published as ${c.server.publicUrl}` : ''}.`,
      ),
    );
  }
}

/** Heron's own viewer (when it serves one): built for the pinned OHIF, with the plugins of this Heron version. */
export function checkViewer(c: HeronConfig, repoRoot: string, pinnedOhif: string, findings: Finding[]): void {
  if (!c.server.viewer) {
    findings.push(
      ok(
        "Heron serves no viewer (server.viewer: false): the site's OHIF loads the plugins written by 'heron plugins'.",
      ),
    );
    return;
  }
  const stamp = join(repoRoot, 'build', 'viewer', '.heron-build.json');
  if (!existsSync(stamp)) {
    findings.push(
      problem(`Heron's viewer is not built (${stamp} missing) — run: node --import tsx scripts/build-viewer.ts`),
    );
    return;
  }
  const built = JSON.parse(readFileSync(stamp, 'utf8')) as { ohif?: string };
  if (built.ohif !== pinnedOhif) {
    findings.push(
      problem(
        `Heron's viewer was built for OHIF ${built.ohif ?? '?'}, this Heron pins OHIF ${pinnedOhif} — rebuild it: node --import tsx scripts/build-viewer.ts --force`,
      ),
    );
    return;
  }
  findings.push(ok(`Heron's viewer: OHIF ${pinnedOhif} with the Heron extension and mode.`));
}

/** The report PDF embeds the DejaVu fonts: without them every analysis would fail at its store stage. */
export function checkReportFonts(findings: Finding[], fonts: Record<string, string> = REPORT_FONTS): void {
  const missing = Object.values(fonts).filter((f) => !existsSync(f));
  findings.push(
    missing.length
      ? problem(
          `The report PDF's fonts are missing (${missing.join(', ')}) — install the Debian package fonts-dejavu-core.`,
        )
      : ok('The report PDF can embed its fonts (DejaVu Sans).'),
  );
}
