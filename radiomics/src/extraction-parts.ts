// One extraction cut into parts that can run at the same time (extraction-pool.ts runs them on worker threads). The
// features of the parts, concatenated in the parts' order, are the features of the whole extraction in PyRadiomics'
// order: shape rides with the first part, every LoG sigma is a part of its own (each filters only its own sigma), and
// the wavelet bands are computed in groups (each group repeats the cheap transform and computes its bands' features).
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

export function splitExtraction(params: ExtractionParams): ExtractionUnit[] {
  const units: ExtractionUnit[] = [];
  params.imageTypes.forEach((type, index) => {
    const settings: Settings = { ...params.settings, ...type.settings };
    const only = (narrowed: ImageTypeConfig, derived: readonly number[] | 'all', cost: number): ExtractionUnit => ({
      params: { ...params, imageTypes: params.imageTypes.map((t, k) => (k === index ? narrowed : t)) },
      part: { shape: false, images: new Map([[index, derived]]) },
      cost,
    });
    if (type.name === 'LoG' && settings.sigma.length > 1) {
      settings.sigma.forEach((sigma, k) => {
        const narrowed = { ...type, settings: { ...type.settings, sigma: [sigma] }, sigmaLiterals: [type.sigmaLiterals?.[k]] };
        // The filter's margin, and so its cost, grows with sigma.
        units.push(only(narrowed, 'all', 1 + sigma));
      });
    } else if (type.name === 'Wavelet') {
      const bands = 7 * settings.level + 1;
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

/** The features of all parts in the parts' order: the whole extraction's feature map. */
export function joinParts(parts: readonly FeatureMap[]): FeatureMap {
  const out: FeatureMap = new Map();
  for (const part of parts) for (const [name, value] of part) out.set(name, value);
  return out;
}
