// The model inputs of one case: each sequence's image with the tumour mask, through the radiomics engine with that
// sequence's parameter file, named `<sequence>/<region>/<feature>`. Only the tumour region ('intra') is computed
// here: peritumoral shells need the engine's shell operator (issue C), which is not exported yet.
import { extractFeatures, paramsFromObject, type Volume } from '@heron/radiomics';
import type { Manifest } from './manifest';

export type ExtractionSettings = Pick<Manifest, 'sequences' | 'regions'>;

export function caseFeatures(images: Record<string, Volume>, mask: Volume, settings: ExtractionSettings): Map<string, number> {
  const unsupported = settings.regions.filter((r) => r.kind !== 'tumour');
  if (unsupported.length) throw new Error(`regions ${unsupported.map((r) => r.name).join(', ')}: peritumoral shells are not available in the radiomics engine yet`);
  const out = new Map<string, number>();
  for (const [sequence, { params }] of Object.entries(settings.sequences)) {
    const image = images[sequence];
    if (!image) throw new Error(`no image for sequence ${sequence}`);
    const features = extractFeatures(image, mask, paramsFromObject(params, `extraction settings of ${sequence}`), { label: 1 });
    for (const region of settings.regions) for (const [name, value] of features) if (!name.startsWith('diagnostics_')) out.set(`${sequence}/${region.name}/${name}`, value);
  }
  return out;
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
