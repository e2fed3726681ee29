// Reproducibility filter of seeds 001, 002 and 004: only features whose inter-reader ICC exceeds 0.75 enter the
// selection. `heron icc` writes the verdicts (CSV `feature,icc1,icc2,icc3,kept`); `heron train --icc` reads them
// here. Parsing is strict because a silently dropped or misread line would let an unreproducible feature through.

export interface IccVerdicts {
  /** Where the verdicts came from (the file name), recorded in the manifest. */
  source: string;
  /** Feature name → kept (ICC(2,1) above the threshold `heron icc` was given). */
  kept: Map<string, boolean>;
}

/** Splits one CSV line with RFC 4180 quotes (feature names may hold commas). */
function cells(line: string): string[] {
  const out: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(cell);
      cell = '';
    } else cell += ch;
  }
  out.push(cell);
  return out;
}

/** Reads the CSV `heron icc` writes. */
export function parseIccVerdicts(text: string, source: string): IccVerdicts {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = lines.length ? cells(lines[0]) : [];
  const featureCol = header.indexOf('feature');
  const keptCol = header.indexOf('kept');
  if (featureCol < 0 || keptCol < 0)
    throw new Error(`${source}: not an ICC table of heron icc (needs the columns 'feature' and 'kept')`);
  const kept = new Map<string, boolean>();
  lines.slice(1).forEach((line, k) => {
    const row = cells(line);
    const name = row[featureCol];
    const verdict = row[keptCol];
    if (verdict !== 'true' && verdict !== 'false')
      throw new Error(`${source}, line ${k + 2}: 'kept' must be true or false, got '${verdict ?? ''}'`);
    if (!name) throw new Error(`${source}, line ${k + 2}: empty feature name`);
    if (kept.has(name)) throw new Error(`${source}, line ${k + 2}: feature '${name}' is listed twice`);
    kept.set(name, verdict === 'true');
  });
  if (kept.size === 0) throw new Error(`${source}: lists no feature`);
  return { source, kept };
}

/**
 * The candidate features the verdicts keep, in input order. A candidate the table does not list is an error: it was
 * never tested for reproducibility, and letting it through (or dropping it) silently would misstate the method.
 */
export function applyIccVerdicts(names: string[], verdicts: IccVerdicts): string[] {
  const unlisted = names.filter((n) => !verdicts.kept.has(n));
  if (unlisted.length)
    throw new Error(
      `${verdicts.source} has no ICC for ${unlisted.length} feature${unlisted.length > 1 ? 's' : ''} of the training table (${unlisted.slice(0, 3).join(', ')}${unlisted.length > 3 ? ', …' : ''}); run heron icc on reader tables with the same features`,
    );
  const kept = names.filter((n) => verdicts.kept.get(n));
  if (kept.length === 0)
    throw new Error(`${verdicts.source}: no feature of the training table has ICC above the threshold`);
  return kept;
}
