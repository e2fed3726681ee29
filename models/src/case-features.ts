// The features of one case, per sequence and region. Training (`heron features`) and the analysis of a study call
// these same functions, so a deployed model sees its inputs computed exactly as in training: the outline
// is mapped onto each sequence's own grid through patient coordinates (a voxel is inside when at least half of it is),
// each region the sequence measures is derived there (the tumour, or a shell of so many mm around it; a shell marked
// `grid: 'resampled'` is derived after resampling the image and tumour as the parameters say), and the sequence's
// PyRadiomics parameter file is applied.
import {
  extractFeatures,
  type FeatureMap,
  mapMask,
  paramsFromObject,
  peritumoralShell,
  resampledShell,
  sameGrid,
  type Volume,
} from '@heron/radiomics';
import type { ExtractionSettings } from './manifest';

export type { ExtractionSettings } from './manifest';
type Region = ExtractionSettings['regions'][number];

/** The outline (label 1) as a mask on `image`'s grid. */
export function outlineOnGrid(outline: Volume, image: Volume): Volume {
  if (sameGrid(outline, image)) return outline;
  return mapMask(outline, image, { label: 1 });
}

/** A region's mask on the grid of `tumour`: the tumour itself, or the shell of the region's width around it. */
export function regionMask(tumour: Volume, region: Region): Volume {
  if (region.kind === 'tumour') return tumour;
  if (region.mm === undefined) throw new Error(`shell region '${region.name}' has no width`);
  return peritumoralShell(tumour, region.mm, { label: 1 });
}

/**
 * A region ready for extraction: its mask on the sequence's grid, or, for a shell on the resampled grid, the
 * resampled image and the shell on it (extracted with resampling off).
 */
export interface RegionInput {
  mask: Volume;
  resampledImage?: Volume;
}

/** Per sequence, each region it measures. */
export type SequenceRegions = Map<string, Map<string, RegionInput>>;

/** Maps the outline onto every sequence and derives the regions there; an outline that misses a sequence is an error. */
export function sequenceRegions(
  images: Record<string, Volume>,
  outline: Volume,
  settings: ExtractionSettings,
): SequenceRegions {
  const out: SequenceRegions = new Map();
  for (const [sequence, s] of Object.entries(settings.sequences)) {
    const image = images[sequence];
    if (!image) throw new Error(`no image for sequence ${sequence}`);
    const tumour = outlineOnGrid(outline, image);
    const regions = new Map<string, RegionInput>();
    for (const name of s.regions) {
      const region = settings.regions.find((r) => r.name === name);
      if (!region) throw new Error(`sequence ${sequence} measures region '${name}', which is not defined`);
      if (region.grid === 'resampled') {
        const { settings: extraction } = paramsFromObject(s.params, `extraction settings of ${sequence}`);
        const shell = resampledShell(image, tumour, region.mm as number, { ...extraction, label: 1 });
        regions.set(name, { mask: shell.shell, resampledImage: shell.image });
      } else {
        regions.set(name, { mask: regionMask(tumour, region) });
      }
    }
    out.set(sequence, regions);
  }
  return out;
}

/** Per sequence, per region, the PyRadiomics features measured there (diagnostics left out). */
export type RegionFeatures = Map<string, Map<string, FeatureMap>>;

/** The features of every region of every sequence. */
export function regionFeatures(
  images: Record<string, Volume>,
  regions: SequenceRegions,
  settings: ExtractionSettings,
): RegionFeatures {
  const out: RegionFeatures = new Map();
  for (const [sequence, inputs] of regions) {
    const params = paramsFromObject(settings.sequences[sequence].params, `extraction settings of ${sequence}`);
    // A region already on the resampled grid is not resampled again.
    const onResampledGrid = { ...params, settings: { ...params.settings, resampledPixelSpacing: null } };
    const byRegion = new Map<string, FeatureMap>();
    for (const [name, region] of inputs) {
      const features = region.resampledImage
        ? extractFeatures(region.resampledImage, region.mask, onResampledGrid, { label: 1 })
        : extractFeatures(images[sequence], region.mask, params, { label: 1 });
      byRegion.set(name, new Map([...features].filter(([feature]) => !feature.startsWith('diagnostics_'))));
    }
    out.set(sequence, byRegion);
  }
  return out;
}

/** The features as model inputs and cohort columns are named, `<sequence>/<region>/<feature>`. */
export function featuresByInputName(features: RegionFeatures): Map<string, number> {
  const out = new Map<string, number>();
  for (const [sequence, byRegion] of features) {
    for (const [region, values] of byRegion)
      for (const [feature, value] of values) out.set(`${sequence}/${region}/${feature}`, value);
  }
  return out;
}

/** The features of one case, named `<sequence>/<region>/<feature>` (the columns of `heron features`). */
export function caseFeatures(
  images: Record<string, Volume>,
  outline: Volume,
  settings: ExtractionSettings,
): Map<string, number> {
  return featuresByInputName(regionFeatures(images, sequenceRegions(images, outline, settings), settings));
}

/** CSV text for rows of features: `case_id,label,<columns...>`, 17 significant digits. */
export function formatCohortCsv(rows: { id: string; label?: number; values: Map<string, number> }[]): string {
  if (rows.length === 0) return 'case_id\n';
  const columns = [...rows[0].values.keys()];
  const hasLabel = rows.some((r) => r.label !== undefined);
  const lines = [['case_id', ...(hasLabel ? ['label'] : []), ...columns].join(',')];
  for (const r of rows) {
    lines.push(
      [
        r.id,
        ...(hasLabel ? [String(r.label ?? '')] : []),
        ...columns.map((c) => {
          const v = r.values.get(c);
          return v === undefined ? '' : Number(v.toPrecision(17)).toString();
        }),
      ].join(','),
    );
  }
  return lines.join('\n') + '\n';
}
