import { explainCase, regionFeatures, regionMask, sequenceRegions, type Manifest } from '@heron/models';
import type { Volume } from '@heron/radiomics';
import type { DeviceIdentity } from '@heron/dicom/core';
import type { DicomwebClient } from '@heron/dicom/dicomweb';
import { loadSegMasks } from '@heron/dicom/seg';
import { studySeries } from '@heron/dicom/roles';
import { type SegmentInput, writeSeg } from '@heron/dicom/seg';
import { classifyStudy, type SeriesInput } from '@heron/dicom/roles';
import { type ObjectReference, type RadiomicsGroup, writeSr } from '@heron/dicom/sr';
import { storeObjects } from '@heron/dicom/dicomweb';
import { loadVolume, type SeriesVolume } from '@heron/dicom/volumes';
import type { AnalysisRequest, AnalysisResult } from '../contract';
import type { Progress } from './analysis-jobs';
import type { ModelRegistry } from './model-registry';
import { checkOutline, maskOutlineVolume } from './outline';
import { QUESTION_TEXT } from './question-text';
import { sequenceSources, type SourceImages } from './sequence-sources';

export interface AnalysisDeps {
  pacs: DicomwebClient;
  models: ModelRegistry;
  device: DeviceIdentity;
  /** Heron's version, recorded in the SR with the model's. */
  version: string;
  now?: () => Date;
}

/** The outline on the grid of the series it was drawn on, with that series' images (for the SEG we write). */
interface PlacedOutline {
  mask: Volume;
  source: SeriesVolume;
}

const close = (a: readonly number[], b: readonly number[], tol: number) => a.every((v, i) => Math.abs(v - b[i]) <= tol);

/** The outline's grid must be the grid of the images it names, or the mapping onto other sequences is wrong. */
function sameGeometry(mask: Volume, source: SeriesVolume): boolean {
  const v = source.volume;
  return mask.size.every((n, i) => n === v.size[i]) && close(mask.spacing, v.spacing, 1e-3) && close(mask.origin, v.origin, 0.01) && close(mask.direction, v.direction, 1e-4);
}

async function placeOutline(pacs: DicomwebClient, load: LoadVolume, req: AnalysisRequest, series: SeriesInput[]): Promise<PlacedOutline> {
  const o = req.outline;
  if (o.kind === 'mask') {
    if (!series.some((s) => s.seriesInstanceUID === o.seriesInstanceUID)) {
      throw new Error(`The outline was drawn on series ${o.seriesInstanceUID}, which is not in this study.`);
    }
    const mask = maskOutlineVolume(o);
    checkOutline(mask);
    const source = await load(o.seriesInstanceUID, o.sopInstanceUIDs);
    if (!sameGeometry(mask, source)) {
      throw new Error(`The outline's grid does not match the images of ${source.label} it names; draw it again on that series.`);
    }
    return { mask, source };
  }
  const { target, segments } = await loadSegMasks(pacs, {
    studyInstanceUID: req.studyInstanceUID,
    seriesInstanceUID: o.seriesInstanceUID,
    sopInstanceUID: o.sopInstanceUID,
  });
  const segment = o.segmentNumber === undefined ? segments[0] : segments.find((s) => s.segmentNumber === o.segmentNumber);
  if (!segment) throw new Error(`SEG ${o.sopInstanceUID} has no segment ${o.segmentNumber ?? ''}`.trim() + '.');
  const source = await load(target.seriesInstanceUID, target.slices.map((s) => s.sopInstanceUID));
  const mask: Volume = { ...target.volume, data: segment.mask };
  checkOutline(mask);
  return { mask, source };
}

/** Loads each series selection once per analysis, however many sequences or the outline ask for it. */
/** Loads volumes of the study once each, reusing the series metadata already read for the series roles. */
function volumeLoader(pacs: DicomwebClient, studyInstanceUID: string, series: SeriesInput[]) {
  const loads = new Map<string, Promise<SeriesVolume>>();
  const metadataOf = new Map(series.map((s) => [s.seriesInstanceUID, s.instances]));
  return (seriesInstanceUID: string, sopInstanceUIDs?: string[]): Promise<SeriesVolume> => {
    const key = `${seriesInstanceUID}|${sopInstanceUIDs ? [...sopInstanceUIDs].sort().join(',') : '*'}`;
    let load = loads.get(key);
    if (!load) {
      const metadata = metadataOf.get(seriesInstanceUID);
      load = loadVolume(pacs, { studyInstanceUID, seriesInstanceUID, select: sopInstanceUIDs ? { sopInstanceUIDs } : undefined, ...(metadata ? { metadata } : {}) });
      loads.set(key, load);
    }
    return load;
  };
}

type LoadVolume = ReturnType<typeof volumeLoader>;

async function loadSources(load: LoadVolume, sources: Record<string, SourceImages>): Promise<Record<string, SeriesVolume>> {
  const entries = await Promise.all(Object.entries(sources).map(async ([sequence, s]) => [sequence, await load(s.seriesInstanceUID, s.sopInstanceUIDs)] as const));
  return Object.fromEntries(entries);
}

function modelInputs(manifest: Manifest, features: Map<string, number>, clinical: Record<string, number> = {}): Float64Array {
  const missing: string[] = [];
  const x = Float64Array.from(manifest.inputs, ({ name }) => {
    const v = name.startsWith('clinical/') ? clinical[name.slice('clinical/'.length)] : features.get(name);
    if (v === undefined || !Number.isFinite(v)) {
      missing.push(name);
      return NaN;
    }
    return v;
  });
  if (missing.length) {
    const clinicalMissing = missing.filter((n) => n.startsWith('clinical/'));
    throw new Error(
      clinicalMissing.length
        ? `The model needs these clinical inputs: ${clinicalMissing.map((n) => n.slice(9)).join(', ')}.`
        : `These model inputs could not be computed on this outline: ${missing.join(', ')}.`,
    );
  }
  return x;
}

const evidenceOf = (volumes: SeriesVolume[]): ObjectReference[] => {
  const seen = new Map<string, ObjectReference>();
  for (const v of volumes) {
    for (const s of v.slices) seen.set(s.sopInstanceUID, { sopClassUID: s.sopClassUID, sopInstanceUID: s.sopInstanceUID, seriesInstanceUID: v.seriesInstanceUID });
  }
  return [...seen.values()];
};

/**
 * One analysis, stage by stage: fetch the series the model reads and the outline, map the outline onto each sequence
 * and derive its regions, extract exactly the model's features, predict, explain, then store a SEG (tumour and
 * shells on the outlined series) and a TID 1500 SR in one STOW. Any failure before the store leaves the PACS
 * untouched; the store itself is all-or-nothing (see stow.ts).
 */
export async function analyseStudy(deps: AnalysisDeps, req: AnalysisRequest, analysisId: string, progress: Progress): Promise<AnalysisResult> {
  const now = deps.now ?? (() => new Date());
  const timings: Record<string, number> = {};
  let t = performance.now();
  const lap = (stage: string) => {
    const next = performance.now();
    timings[stage] = (next - t) / 1000;
    t = next;
  };

  progress('fetch', 'Reading the study from the PACS');
  const { pkg, predictor } = deps.models.get(req.modelId);
  const manifest = pkg.manifest;
  const series = await studySeries(deps.pacs, req.studyInstanceUID);
  const roles = classifyStudy(series, req.overrides ?? {});
  const sources = sequenceSources(manifest, roles);
  const load = volumeLoader(deps.pacs, req.studyInstanceUID, series);
  const [outline, loaded] = await Promise.all([placeOutline(deps.pacs, load, req, series), loadSources(load, sources)]);
  const images = Object.fromEntries(Object.entries(loaded).map(([k, v]) => [k, v.volume]));
  lap('fetch');

  progress('map', 'Mapping the outline onto each sequence');
  const regions = sequenceRegions(images, outline.mask, manifest);
  lap('map');

  progress('extract', 'Computing radiomics features');
  const features = regionFeatures(images, regions, manifest);
  const x = modelInputs(manifest, features, req.clinical);
  lap('extract');

  progress('predict', `Running ${manifest.name}`);
  const prediction = await predictor.predict(x, 1);
  lap('predict');

  progress('explain', 'Explaining the prediction (SHAP)');
  const explained = await explainCase(pkg, predictor, x);
  lap('explain');

  progress('store', 'Storing the outline and the report in the PACS');
  const shellRegions = manifest.regions.filter((r) => r.kind === 'shell' && Object.values(manifest.sequences).some((s) => s.regions.includes(r.name)));
  const segInputs: SegmentInput[] = [
    { region: { kind: 'tumour' }, mask: outline.mask.data as Uint8Array, algorithmType: 'MANUAL' },
    ...shellRegions.map((r) => ({
      region: { kind: 'shell' as const, widthMm: r.mm as number },
      mask: regionMask(outline.mask, r).data as Uint8Array,
      algorithmType: 'AUTOMATIC' as const,
      // A shell measured on resampled grids is shown as derived on the outline's grid (one segment for all sequences).
      algorithmName:
        r.grid === 'resampled'
          ? `Heron ${deps.version} peritumoral shell (${r.mm} mm, Euclidean distance; shown on this grid, measured after resampling)`
          : `Heron ${deps.version} peritumoral shell (${r.mm} mm, Euclidean distance)`,
    })),
  ];
  const seg = writeSeg({ source: outline.source, segments: segInputs, device: deps.device, createdAt: now() });
  const segmentOf = (region: string) => {
    const k = region === manifest.regions.find((r) => r.kind === 'tumour')?.name ? 0 : 1 + shellRegions.findIndex((r) => r.name === region);
    return seg.segmentNumbers[k];
  };
  const radiomics: RadiomicsGroup[] = [];
  for (const [sequence, s] of Object.entries(manifest.sequences)) {
    for (const region of s.regions) {
      const prefix = `${sequence}/${region}/`;
      const used = manifest.inputs.filter((i) => i.name.startsWith(prefix));
      if (used.length === 0) continue;
      radiomics.push({
        sequence,
        region,
        segmentNumber: segmentOf(region),
        sourceSeriesInstanceUID: loaded[sequence].seriesInstanceUID,
        features: used.map((i) => ({ name: i.name.slice(prefix.length), value: features.get(i.name) as number })),
      });
    }
  }
  const space = explained.shap.space;
  const ref = (o: { sopClassUID: string; sopInstanceUID: string; seriesInstanceUID: string }): ObjectReference => ({
    sopClassUID: o.sopClassUID,
    sopInstanceUID: o.sopInstanceUID,
    seriesInstanceUID: o.seriesInstanceUID,
  });
  const sr = writeSr({
    reference: outline.source.reference,
    evidence: evidenceOf([outline.source, ...Object.values(loaded)]),
    seg: ref(seg),
    radiomics,
    classifier: {
      algorithmName: manifest.name,
      algorithmVersion: manifest.version,
      modelSha256: manifest.model.sha256,
      question: QUESTION_TEXT[manifest.task.question] ?? manifest.task.description,
      probability: explained.probability,
      predictedClass: explained.positive ? 'positive' : 'negative',
      threshold: manifest.threshold.probability,
      shapSpace: space === 'logodds' ? 'log-odds' : 'probability',
      modelOutput: explained.shap.value,
      shapBaseValue: explained.shap.base,
      shap: manifest.inputs.map((i, j) => ({ input: i.name, value: explained.shap.phi[j] })),
      segmentNumber: seg.segmentNumbers[0],
      sourceSeriesInstanceUID: outline.source.seriesInstanceUID,
    },
    algorithm: { name: 'Heron', version: deps.version, parameters: JSON.stringify({ model: manifest.id, sequences: sources }) },
    device: deps.device,
    createdAt: now(),
  });
  await storeObjects(deps.pacs, req.studyInstanceUID, [seg, sr]);
  lap('store');

  const outOfRange = new Map(explained.warnings.map((w) => [w.input, w.message]));
  return {
    analysisId,
    studyInstanceUID: req.studyInstanceUID,
    question: { id: manifest.task.question, text: QUESTION_TEXT[manifest.task.question] ?? manifest.task.description },
    classes: manifest.task.classes,
    probability: prediction.probability[0],
    predictedClass: explained.positive ? manifest.task.classes[1] : manifest.task.classes[0],
    threshold: manifest.threshold.probability,
    model: {
      id: manifest.id,
      name: manifest.name,
      version: manifest.version,
      sha256: manifest.model.sha256,
      syntheticTraining: manifest.trainingData.synthetic,
      intendedUse: manifest.intendedUse,
    },
    explanation: {
      space,
      base: explained.shap.base,
      value: explained.shap.value,
      contributions: manifest.inputs.map((i, j) => ({
        input: i.name,
        value: x[j],
        shap: explained.shap.phi[j],
        ...(outOfRange.has(i.name) ? { outOfRange: outOfRange.get(i.name) } : {}),
      })),
    },
    warnings: [...roles.warnings, ...explained.warnings.map((w) => w.message)],
    stored: { segSopInstanceUID: seg.sopInstanceUID, srSopInstanceUID: sr.sopInstanceUID },
    verification: { state: 'UNVERIFIED' },
    createdAt: now().toISOString(),
    timings,
  };
}
