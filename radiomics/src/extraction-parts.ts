// One extraction cut into parts that can run at the same time (extraction-pool.ts runs them on worker threads). The
// features of the parts, concatenated in the parts' order, are the features of the whole extraction in PyRadiomics'
// order: shape rides with the first part, the LoG sigmas are cut into as many runs of neighbouring sigmas as there are
// threads (each run copies the input once and filters only its own sigmas), and the wavelet bands are computed in
// groups (each group repeats the cheap transform and computes its bands' features).
import type { ExtractionPart, FeatureMap } from './extractor';
import type { ExtractionParams, ImageTypeConfig } from './params';
import type { Settings } from './settings';

export interface ExtractionUnit {
  params: ExtractionParams;
  part: ExtractionPart;
  /** Rough relative cost, so that a scheduler can hand out the dearest parts first. */
  cost: number;
}

/** Wavelet bands per part: 8 bands of one level make two parts. */
const WAVELET_BANDS_PER_PART = 4;

/** The parts of an extraction for `threads` threads. */
export function splitExtraction(params: ExtractionParams, threads: number): ExtractionUnit[] {
  const units: ExtractionUnit[] = [];
  params.imageTypes.forEach((type, index) => {
    const settings: Settings = { ...params.settings, ...type.settings };
    const only = (narrowed: ImageTypeConfig, derived: readonly number[] | 'all', cost: number): ExtractionUnit => ({
      params: { ...params, imageTypes: params.imageTypes.map((t, k) => (k === index ? narrowed : t)) },
      part: { shape: false, images: new Map([[index, derived]]) },
      cost,
    });
    if (type.name === 'LoG' && settings.sigma.length > 1) {
      // The filter's margin, and so its cost, grows with sigma.
      for (const run of balancedRuns(
        settings.sigma.map((sigma) => 1 + sigma),
        threads,
      )) {
        const narrowed = {
          ...type,
          settings: { ...type.settings, sigma: run.map((k) => settings.sigma[k]) },
          sigmaLiterals: run.map((k) => type.sigmaLiterals?.[k]),
        };
        units.push(
          only(
            narrowed,
            'all',
            run.reduce((sum, k) => sum + 1 + settings.sigma[k], 0),
          ),
        );
      }
    } else if (type.name === 'Wavelet') {
      // 7 detail bands per level in 3D, 3 with force2D, and the approximation.
      const bands = ((settings.force2D ? 4 : 8) - 1) * settings.level + 1;
      for (let first = 0; first < bands; first += WAVELET_BANDS_PER_PART) {
        const group = Array.from({ length: Math.min(WAVELET_BANDS_PER_PART, bands - first) }, (_, k) => first + k);
        units.push(only(type, group, group.length));
      }
    } else {
      units.push(only(type, 'all', 1));
    }
  });
  if (units.length === 0) units.push({ params, part: { shape: true, images: new Map() }, cost: 1 });
  else units[0].part = { ...units[0].part, shape: true };
  return units;
}

/**
 * Indices 0 … n−1 cut into at most `count` runs of neighbours with summed costs about even: a run closes before the
 * next index when taking it would overshoot the run's share of what is left by more than stopping short undershoots.
 */
export function balancedRuns(costs: readonly number[], count: number): number[][] {
  const runs: number[][] = [];
  let left = costs.reduce((a, b) => a + b, 0);
  let run: number[] = [];
  let sum = 0;
  costs.forEach((cost, k) => {
    const share = left / (count - runs.length);
    if (run.length > 0 && runs.length < count - 1 && sum + cost - share > share - sum) {
      runs.push(run);
      left -= sum;
      run = [];
      sum = 0;
    }
    run.push(k);
    sum += cost;
  });
  runs.push(run);
  return runs;
}

/** The features of all parts in the parts' order: the whole extraction's feature map. */
export function joinParts(parts: readonly FeatureMap[]): FeatureMap {
  const out: FeatureMap = new Map();
  for (const part of parts) for (const [name, value] of part) out.set(name, value);
  return out;
}
