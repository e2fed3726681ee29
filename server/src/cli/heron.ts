import type { Command } from './command';
import { UsageError } from './command';
import { phantomCommand } from './phantom-command';
import { trainCommand } from './train-command';
import { featuresCommand } from './features-command';
import { extractCommand } from './extract-command';
import { dicomRolesCommand } from './dicom-roles-command';
import { analyzeCommand } from './analyze-command';
import { serveCommand } from './serve-command';
import { workerCommand } from './worker-command';
import { doctorCommand } from './doctor-command';
import { pluginsCommand } from './plugins-command';
import { composeEnvCommand } from './compose-env-command';
import { proposeCommand } from './propose-command';
import { outlineCommand } from './outline-command';
import { userCommand } from './user-command';
import { kineticsCommand } from './kinetics-command';
import { statsCommand } from './stats-command';
import { iccCommand } from './icc-command';

const commands: Command[] = [
  phantomCommand,
  trainCommand,
  featuresCommand,
  extractCommand,
  dicomRolesCommand,
  analyzeCommand,
  proposeCommand,
  outlineCommand,
  kineticsCommand,
  statsCommand,
  iccCommand,
  serveCommand,
  workerCommand,
  doctorCommand,
  pluginsCommand,
  composeEnvCommand,
  userCommand,
];

function help(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'heron — breast-MRI radiomics decision support (research use only, not a diagnosis)',
    '',
    'usage: heron <command> [options]',
    '',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'heron <command> --help shows the options of one command.',
  ].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(help());
    return name ? 0 : 2;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    console.error(`heron: unknown command '${name}'.\n\n${help()}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(`usage: ${command.usage}`);
    return 0;
  }
  try {
    return await command.run(rest);
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(`heron ${name}: ${err.message}\nusage: ${command.usage}`);
      return 2;
    }
    console.error(`heron ${name}: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
}
