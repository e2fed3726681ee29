// The model inputs of one case, named `<sequence>/<region>/<feature>`. Training (`heron features`) and the analysis
// of a study call this same function, so a deployed model sees its inputs computed exactly as in training: the outline
// is mapped onto each sequence's own grid through patient coordinates (a voxel is inside when at least half of it is),
// each region the sequence measures is derived there (the tumour, or a shell of so many mm around it), and the
// sequence's PyRadiomics parameter file is applied.
import { extractFeatures, mapMask, paramsFromObject, peritumoralShell, type Volume } from '@heron/radiomics';
import type { Manifest } from './manifest';

export type ExtractionSettings = Pick<Manifest, 'sequences' | 'regions'>;

const sameGrid = (a: Volume, b: Volume): boolean =>
  a.size.every((v, i) => v === b.size[i]) &&
  a.spacing.every((v, i) => Math.abs(v - b.spacing[i]) < 1e-6) &&
  a.origin.every((v, i) => Math.abs(v - b.origin[i]) < 1e-4) &&
  a.direction.every((v, i) => Math.abs(v - b.direction[i]) < 1e-6);

/** The outline (label 1) as a mask on `image`'s grid. */
export function outlineOnGrid(outline: Volume, image: Volume): Volume {
  if (sameGrid(outline, image)) return outline;
  return mapMask(outline, image, { label: 1 });
}

/** A region's mask on the grid of `tumour`: the tumour itself, or the shell of the region's width around it. */
export function regionMask(tumour: Volume, region: ExtractionSettings['regions'][number]): Volume {
  if (region.kind === 'tumour') return tumour;
  if (region.mm === undefined) throw new Error(`shell region '${region.name}' has no width`);
  return peritumoralShell(tumour, region.mm, { label: 1 });
}

/** Per sequence, each region it measures as a mask on the sequence's own grid. */
export type SequenceRegions = Map<string, Map<string, Volume>>;

/** Maps the outline onto every sequence and derives the regions there; an outline that misses a sequence is an error. */
export function sequenceRegions(images: Record<string, Volume>, outline: Volume, settings: ExtractionSettings): SequenceRegions {
  const out: SequenceRegions = new Map();
  for (const [sequence, s] of Object.entries(settings.sequences)) {
    const image = images[sequence];
    if (!image) throw new Error(`no image for sequence ${sequence}`);
    const tumour = outlineOnGrid(outline, image);
    const regions = new Map<string, Volume>();
    for (const name of s.regions) {
      const region = settings.regions.find((r) => r.name === name);
      if (!region) throw new Error(`sequence ${sequence} measures region '${name}', which is not defined`);
      regions.set(name, regionMask(tumour, region));
    }
    out.set(sequence, regions);
  }
  return out;
}

/** The features of every region of every sequence, named `<sequence>/<region>/<feature>`. */
export function regionFeatures(images: Record<string, Volume>, regions: SequenceRegions, settings: ExtractionSettings): Map<string, number> {
  const out = new Map<string, number>();
  for (const [sequence, masks] of regions) {
    const params = paramsFromObject(settings.sequences[sequence].params, `extraction settings of ${sequence}`);
    for (const [name, mask] of masks) {
      const features = extractFeatures(images[sequence], mask, params, { label: 1 });
      for (const [feature, value] of features) if (!feature.startsWith('diagnostics_')) out.set(`${sequence}/${name}/${feature}`, value);
    }
  }
  return out;
}

export function caseFeatures(images: Record<string, Volume>, outline: Volume, settings: ExtractionSettings): Map<string, number> {
  return regionFeatures(images, sequenceRegions(images, outline, settings), settings);
}

/** CSV text for rows of features: `case_id,label,<columns...>`, 17 significant digits. */
export function formatCohortCsv(rows: { id: string; label?: number; values: Map<string, number> }[]): string {
  if (rows.length === 0) return 'case_id\n';
  const columns = [...rows[0].values.keys()];
  const hasLabel = rows.some((r) => r.label !== undefined);
  const lines = [['case_id', ...(hasLabel ? ['label'] : []), ...columns].join(',')];
  for (const r of rows) {
    lines.push([r.id, ...(hasLabel ? [String(r.label ?? '')] : []), ...columns.map((c) => {
      const v = r.values.get(c);
      return v === undefined ? '' : Number(v.toPrecision(17)).toString();
    })].join(','));
  }
  return lines.join('\n') + '\n';
}
