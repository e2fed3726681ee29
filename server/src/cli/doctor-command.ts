// `heron doctor [--config FILE]`: checks a site's deployment and explains in plain words what is wrong and how to fix
// it, one line per problem. Exit 0 when Heron can work, 1 when something must be fixed, 2 for a usage error.
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../config/load-config';
import {
  checkClock,
  checkDicomweb,
  checkFilesAndListen,
  checkReportFonts,
  checkModels,
  checkOrthanc,
  checkStow,
  checkViewer,
  type Finding,
} from '../doctor/doctor-checks';
import { checkSiteOhif } from '../doctor/ohif-check';
import { checkQueue } from '../doctor/queue-check';
import { type Command, parseOptions } from './command';
import { packageVersion } from './plugins-command';
import { repoRoot } from './serve-command';
import { checkLogins } from '../doctor/login-checks';

type Env = Record<string, string | undefined>;

/** Every finding about the deployment the configuration describes, in the order an administrator fixes them. */
export async function runDoctor(
  configFile: string | undefined,
  env: Env = process.env,
  opts: { ohifUrl?: string } = {},
): Promise<Finding[]> {
  const findings: Finding[] = [];
  let config;
  try {
    config = loadConfig(configFile, { env, defaultModelsDir: join(repoRoot, 'models') });
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    // Nothing else can be checked without a valid configuration.
    return err.problems.flatMap((p) => p.split('\n')).map((text) => ({ severity: 'problem', text }));
  }
  findings.push({ severity: 'ok', text: `Configuration ${configFile ?? '(environment only)'} is valid.` });
  const facts = await checkOrthanc(config, findings);
  if (facts.authenticated && (await checkDicomweb(config, facts, findings))) {
    await checkStow(config, findings);
  }
  if (facts.authenticated) await checkClock(config, findings);
  await checkModels(config, findings);
  await checkQueue(config, findings);
  checkFilesAndListen(config, findings);
  await checkLogins(config, findings);
  checkReportFonts(findings);
  const { OHIF_VERSION } = (await import(join(repoRoot, 'scripts', 'build-viewer.ts'))) as { OHIF_VERSION: string };
  checkViewer(config, repoRoot, OHIF_VERSION, findings);
  if (opts.ohifUrl) {
    await checkSiteOhif(
      config,
      opts.ohifUrl,
      { '@heron/ohif-extension': packageVersion('extension'), '@heron/ohif-mode': packageVersion('mode') },
      findings,
    );
  }
  return findings;
}

const MARK = { ok: 'ok     ', warning: 'warning', problem: 'PROBLEM' } as const;

export function formatFindings(findings: Finding[]): string {
  const problems = findings.filter((f) => f.severity === 'problem').length;
  const lines = findings.map((f) => `${MARK[f.severity]}  ${f.text}`);
  lines.push('', problems ? `${problems} problem(s) to fix before Heron can work.` : 'No problems found.');
  return lines.join('\n');
}

export const doctorCommand: Command = {
  name: 'doctor',
  summary: 'check a deployment (configuration, Orthanc, DICOMweb, models, viewer) and say how to fix each problem',
  usage:
    "heron doctor [--config heron.config.yaml] [--ohif https://ohif.example.org (the site's OHIF with Heron's plugins)]",
  async run(argv) {
    const opts = parseOptions(argv, { config: { type: 'string' }, ohif: { type: 'string' } });
    const findings = await runDoctor(opts.config, process.env, { ohifUrl: opts.ohif });
    console.log(formatFindings(findings));
    return findings.some((f) => f.severity === 'problem') ? 1 : 0;
  },
};
