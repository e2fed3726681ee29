// The `kinetics` column of a `heron features` cohort: the outline's DCE kinetics as the columns
// DCE/kinetics/<name> that a model may read (models/src/kinetic-inputs.ts). Opt-in per row, so that cohorts
// without the column give exactly the features they gave before.
import { readFile } from 'node:fs/promises';
import { KINETIC_INPUT_PREFIX, KINETIC_INPUTS, kineticInputValues } from '@heron/models';
import { analyseKinetics, type KineticsResult, type Volume } from '@heron/radiomics';

/** The row's kinetic values by column name, or an error naming what is missing. */
function columns(result: KineticsResult, what: string): Map<string, number> {
  const k = kineticInputValues(result);
  if ('reason' in k) throw new Error(`${what} gives no kinetics: ${k.reason}`);
  const out = new Map<string, number>();
  for (const name of KINETIC_INPUTS) {
    const v = k.values[name];
    if (v === undefined) throw new Error(`${what} gives no ${name} (the curve does not define it)`);
    out.set(`${KINETIC_INPUT_PREFIX}${name}`, v);
  }
  return out;
}

/** A phantom row with `kinetics=1`: the kinetics of its mask over the phantom's own DCE phases. */
export function phantomKinetics(value: string, phases: Volume[], timeS: number[], mask: Volume): Map<string, number> {
  if (value !== '1') throw new Error(`kinetics must be 1 for a phantom row (compute them), got '${value}'`);
  return columns(analyseKinetics({ phases, timeS, mask }), 'the phantom');
}

/** A file row: `kinetics` names the JSON `heron kinetics` wrote for the case. */
export async function fileKinetics(path: string): Promise<Map<string, number>> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch (err) {
    throw new Error(
      `kinetics file ${path} cannot be read as JSON: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
  const k = json as Record<string, unknown>;
  if (k.status !== 'ok') return columns({ status: 'unavailable', reason: String(k.reason ?? 'no curve') }, path);
  const numbers = Object.fromEntries(KINETIC_INPUTS.map((name) => [name, k[name]]));
  return columns({ status: 'ok', ...numbers } as unknown as KineticsResult, path);
}
