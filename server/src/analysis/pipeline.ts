import {
  type CaseExplanation,
  explainPrediction,
  inputSource,
  kineticInputValues,
  type Manifest,
  modelInputs,
  predictCase,
  regionFeatures,
  type RegionFeatures,
  regionMask,
  sequenceRegions,
} from '@heron/models';
import { sameGrid, type Volume } from '@heron/radiomics';
import { type DeviceIdentity, numberOf, Tag } from '@heron/dicom/core';
import { type DicomwebClient, storeObjects } from '@heron/dicom/dicomweb';
import { loadSegMasks, type SegmentInput, type WrittenSeg, writeSeg } from '@heron/dicom/seg';
import { classifyStudy, type SeriesInput, type SeriesMetadataCache, studySeries } from '@heron/dicom/roles';
import {
  type ClassifierResult,
  type KineticsGroup,
  type ObjectReference,
  type RadiomicsGroup,
  writeSr,
} from '@heron/dicom/sr';
import { cutSlab, type FrameCache, loadVolume, type SeriesVolume, type Slab } from '@heron/dicom/volumes';
import type { AnalysisRequest, AnalysisResult, Explanation, Kinetics } from '../contract';
import type { Progress } from './analysis-jobs';
import type { ModelRegistry } from './model-registry';
import { checkOutline, maskOutlineVolume } from './outline';
import { QUESTION_TEXT } from './question-text';
import { sequenceSources, type SourceImages } from './sequence-sources';
import { outlineKinetics } from '../kinetics/outline-kinetics';
import { resultKinetics } from '../kinetics/result-kinetics';
import { keyImagesOf } from '../report/key-images';
import { reportPdf } from '../report/report-object';

export interface AnalysisDeps {
  pacs: DicomwebClient;
  models: ModelRegistry;
  device: DeviceIdentity;
  /** Heron's version, recorded in the SR with the model's. */
  version: string;
  /** Decoded frames kept between analyses and filled by prefetches; without it every analysis reads the PACS. */
  frames?: FrameCache;
  /** Series metadata kept between analyses (checked against the PACS's instance counts on every analysis). */
  metadata?: SeriesMetadataCache;
  now?: () => Date;
}

/** The outline on the grid of the series it was drawn on, with that series' images (for the SEG we write). */
interface PlacedOutline {
  mask: Volume;
  source: SeriesVolume;
}

async function placeOutline(
  pacs: DicomwebClient,
  load: LoadVolume,
  req: AnalysisRequest,
  series: SeriesInput[],
): Promise<PlacedOutline> {
  const o = req.outline;
  if (o.kind === 'mask') {
    if (!series.some((s) => s.seriesInstanceUID === o.seriesInstanceUID)) {
      throw new Error(`The outline was drawn on series ${o.seriesInstanceUID}, which is not in this study.`);
    }
    const mask = maskOutlineVolume(o);
    checkOutline(mask);
    const source = await load(o.seriesInstanceUID, o.sopInstanceUIDs);
    // The outline's grid must be the grid of the images it names, or the mapping onto other sequences is wrong.
    if (!sameGrid(mask, source.volume)) {
      throw new Error(
        `The outline's grid does not match the images of ${source.label} it names; draw it again on that series.`,
      );
    }
    return { mask, source };
  }
  const { target, segments } = await loadSegMasks(pacs, {
    studyInstanceUID: req.studyInstanceUID,
    seriesInstanceUID: o.seriesInstanceUID,
    sopInstanceUID: o.sopInstanceUID,
  });
  const segment =
    o.segmentNumber === undefined ? segments[0] : segments.find((s) => s.segmentNumber === o.segmentNumber);
  if (!segment) throw new Error(`SEG ${o.sopInstanceUID} has no segment ${o.segmentNumber ?? ''}`.trim() + '.');
  const source = await load(
    target.seriesInstanceUID,
    target.slices.map((s) => s.sopInstanceUID),
  );
  const mask: Volume = { ...target.volume, data: segment.mask };
  checkOutline(mask);
  return { mask, source };
}

/**
 * Loads each series selection of the study once per analysis, however many sequences or the outline ask for it,
 * reusing the series metadata already read for the series roles. A slab (the kinetics' slices of a DCE phase) is cut
 * out of the whole selection when that was read already, and read alone otherwise.
 */
function volumeLoader(pacs: DicomwebClient, studyInstanceUID: string, series: SeriesInput[], cache?: FrameCache) {
  const loads = new Map<string, Promise<SeriesVolume>>();
  const metadataOf = new Map(series.map((s) => [s.seriesInstanceUID, s.instances]));
  return (
    seriesInstanceUID: string,
    sopInstanceUIDs?: string[],
    frames?: SourceImages['frames'],
    slab?: Slab,
  ): Promise<SeriesVolume> => {
    const metadata = metadataOf.get(seriesInstanceUID);
    // Frames are chosen only inside multi-frame instances: classic images are chosen by instance alone, as before.
    const multiFrame = metadata?.some((ds) => (numberOf(ds, Tag.NumberOfFrames) ?? 1) > 1) ?? false;
    const within = multiFrame ? (frames ?? {}) : {};
    const key = `${seriesInstanceUID}|${sopInstanceUIDs ? [...sopInstanceUIDs].sort().join(',') : '*'}|${within.temporalPosition ?? ''}|${within.bValue ?? ''}`;
    const whole = loads.get(key);
    if (slab && whole) return whole.then((v) => cutSlab(v, slab));
    const slabKey = slab ? `${key}|${slab.first}+${slab.count}` : key;
    let load = loads.get(slabKey);
    if (!load) {
      load = loadVolume(pacs, {
        studyInstanceUID,
        seriesInstanceUID,
        select: sopInstanceUIDs ? { sopInstanceUIDs, ...within } : undefined,
        ...(metadata ? { metadata } : {}),
        ...(slab ? { slab } : {}),
        ...(cache ? { cache } : {}),
      });
      loads.set(slabKey, load);
    }
    return load;
  };
}

type LoadVolume = ReturnType<typeof volumeLoader>;

async function loadSources(
  load: LoadVolume,
  sources: Record<string, SourceImages>,
): Promise<Record<string, SeriesVolume>> {
  const entries = await Promise.all(
    Object.entries(sources).map(
      async ([sequence, s]) => [sequence, await load(s.seriesInstanceUID, s.sopInstanceUIDs, s.frames)] as const,
    ),
  );
  return Object.fromEntries(entries);
}

const evidenceOf = (volumes: SeriesVolume[]): ObjectReference[] => {
  const seen = new Map<string, ObjectReference>();
  for (const v of volumes) {
    for (const s of v.slices)
      seen.set(s.sopInstanceUID, {
        sopClassUID: s.sopClassUID,
        sopInstanceUID: s.sopInstanceUID,
        seriesInstanceUID: v.seriesInstanceUID,
      });
  }
  return [...seen.values()];
};

/** The name of the tumour's segment: the model's name for the tumour region ('intra'), when it measures the tumour itself. */
const tumourName = (manifest: Manifest) => manifest.regions.find((r) => r.kind === 'tumour')?.name ?? 'tumour';

/** The SEG's segments on the outline's grid: the tumour as outlined, and every shell a sequence of the model measures. */
function segmentsOf(manifest: Manifest, outline: Volume, version: string): SegmentInput[] {
  const measured = new Set(Object.values(manifest.sequences).flatMap((s) => s.regions));
  const shells = manifest.regions.filter((r) => r.kind === 'shell' && measured.has(r.name));
  return [
    {
      region: { kind: 'tumour' },
      name: tumourName(manifest),
      mask: outline.data as Uint8Array,
      algorithmType: 'MANUAL',
    },
    ...shells.map((r): SegmentInput => ({
      region: { kind: 'shell', widthMm: r.mm as number },
      name: r.name,
      mask: regionMask(outline, r).data as Uint8Array,
      algorithmType: 'AUTOMATIC',
      // A shell measured on resampled grids is shown as derived on the outline's grid (one segment for all sequences).
      algorithmName:
        r.grid === 'resampled'
          ? `Heron ${version} peritumoral shell (${r.mm} mm, Euclidean distance; shown on this grid, measured after resampling)`
          : `Heron ${version} peritumoral shell (${r.mm} mm, Euclidean distance)`,
    })),
  ];
}

/** The SEG segment number of a region; every region the SR reports on has a segment. */
function segmentNumber(seg: WrittenSeg, region: string): number {
  const n = seg.segmentNumbers.get(region);
  if (n === undefined) throw new Error(`the SEG has no segment for region '${region}'`);
  return n;
}

/** One group per sequence and region the model reads, with the features it reads there, in its input order. */
function radiomicsGroups(
  manifest: Manifest,
  features: RegionFeatures,
  seg: WrittenSeg,
  loaded: Record<string, SeriesVolume>,
): RadiomicsGroup[] {
  const sources = manifest.inputs.map((i) => inputSource(i.name));
  const groups: RadiomicsGroup[] = [];
  for (const [sequence, s] of Object.entries(manifest.sequences)) {
    for (const region of s.regions) {
      const used = sources.flatMap((src) =>
        src.kind === 'feature' && src.sequence === sequence && src.region === region ? [src.feature] : [],
      );
      if (used.length === 0) continue;
      const values = features.get(sequence)?.get(region);
      groups.push({
        sequence,
        region,
        segmentNumber: segmentNumber(seg, region),
        sourceSeriesInstanceUID: loaded[sequence].seriesInstanceUID,
        features: used.map((name) => ({ name, value: values?.get(name) as number })),
      });
    }
  }
  return groups;
}

/** The question as a reader reads it next to the probability. */
const questionText = (manifest: Manifest) => QUESTION_TEXT[manifest.task.question] ?? manifest.task.description;

function classifierResult(
  manifest: Manifest,
  explained: CaseExplanation,
  tumourSegment: number,
  source: SeriesVolume,
): ClassifierResult {
  return {
    algorithmName: manifest.name,
    algorithmVersion: manifest.version,
    modelSha256: manifest.model.sha256,
    coding: manifest.task.coding,
    question: questionText(manifest),
    probability: explained.probability,
    predictedClass: explained.positive ? 'positive' : 'negative',
    threshold: manifest.threshold.probability,
    shapSpace: explained.shap.space === 'logodds' ? 'log-odds' : 'probability',
    modelOutput: explained.shap.value,
    shapBaseValue: explained.shap.base,
    shap: manifest.inputs.map((i, j) => ({ input: i.name, value: explained.shap.phi[j] })),
    segmentNumber: tumourSegment,
    sourceSeriesInstanceUID: source.seriesInstanceUID,
  };
}

/** The kinetics as the SR's kinetics group records them: the hotspot curve's measures, classes and thresholds. */
function kineticsGroup(
  k: Extract<Kinetics, { status: 'ok' }>,
  tumourSegment: number,
  source: SeriesVolume,
): KineticsGroup {
  return {
    segmentNumber: tumourSegment,
    sourceSeriesInstanceUID: source.seriesInstanceUID,
    initialEnhancementPercent: k.initialEnhancementPercent,
    peakEnhancementPercent: k.peakEnhancementPercent,
    timeToPeakS: k.timeToPeakS,
    washInSlopePercentPerMin: k.washInSlopePercentPerMin,
    ser: k.ser,
    delayedChangePercent: k.delayedChangePercent,
    initialPhase: k.initialPhase,
    curveType: k.curveType,
    parameters: JSON.stringify({
      curve: 'most enhancing 3x3x3 neighbourhood',
      timeS: k.curve.timeS,
      thresholds: k.thresholds,
    }),
  };
}

const objectReference = (o: ObjectReference): ObjectReference => ({
  sopClassUID: o.sopClassUID,
  sopInstanceUID: o.sopInstanceUID,
  seriesInstanceUID: o.seriesInstanceUID,
});

interface Measured {
  kinetics: Kinetics;
  manifest: Manifest;
  outline: PlacedOutline;
  loaded: Record<string, SeriesVolume>;
  sources: Record<string, SourceImages>;
  features: RegionFeatures;
  explained: CaseExplanation;
}

/** The report's key images: the outlined series, then each other series the model read, in manifest order. */
function keyImages(m: Measured) {
  const { outline, loaded, manifest } = m;
  return keyImagesOf(
    {
      label: `Outlined series (${outline.source.label})`,
      seriesInstanceUID: outline.source.seriesInstanceUID,
      image: outline.source.volume,
      tumour: outline.mask,
    },
    Object.entries(loaded).map(([sequence, v]) => ({
      label: `${sequence}: ${manifest.sequences[sequence]?.description ?? v.label}`,
      seriesInstanceUID: v.seriesInstanceUID,
      image: v.volume,
    })),
  );
}

/**
 * Writes the SEG (tumour and shells on the outlined series), the TID 1500 SR and the tumour-board report PDF (built
 * from that SR), and stores all three in one STOW: the store is all-or-nothing (see stow.ts).
 */
async function storeResult(
  deps: AnalysisDeps,
  studyInstanceUID: string,
  m: Measured,
  createdAt: Date,
): Promise<{ seg: WrittenSeg; sr: ObjectReference; pdf: ObjectReference }> {
  const { manifest, outline, loaded } = m;
  const seg = writeSeg({
    source: outline.source,
    segments: segmentsOf(manifest, outline.mask, deps.version),
    device: deps.device,
    createdAt,
  });
  const sr = writeSr({
    reference: outline.source.reference,
    evidence: evidenceOf([outline.source, ...Object.values(loaded)]),
    seg: objectReference(seg),
    radiomics: radiomicsGroups(manifest, m.features, seg, loaded),
    classifier: classifierResult(manifest, m.explained, segmentNumber(seg, tumourName(manifest)), outline.source),
    ...(m.kinetics.status === 'ok'
      ? { kinetics: kineticsGroup(m.kinetics, segmentNumber(seg, tumourName(manifest)), outline.source) }
      : {}),
    algorithm: {
      name: 'Heron',
      version: deps.version,
      parameters: JSON.stringify({ model: manifest.id, sequences: m.sources }),
    },
    device: deps.device,
    createdAt,
  });
  const { object: pdf } = await reportPdf({
    sr,
    seg: objectReference(seg),
    reference: outline.source.reference,
    manifest,
    keyImages: await keyImages(m),
    // The curve is drawn in the report stored with the analysis; the SR keeps the kinetic measures and classes.
    ...(m.kinetics.status === 'ok'
      ? { kinetics: { timeS: m.kinetics.curve.timeS, meanSignal: m.kinetics.curve.meanSignal } }
      : {}),
    device: deps.device,
    version: deps.version,
    createdAt,
  });
  await storeObjects(deps.pacs, studyInstanceUID, [seg, sr, pdf]);
  return { seg, sr, pdf };
}

/** The explanation as the panel shows it: each input's value, its SHAP value and why it is out of range, if it is. */
function explanationOf(manifest: Manifest, x: Float64Array, explained: CaseExplanation): Explanation {
  const outOfRange = new Map(explained.warnings.map((w) => [w.input, w.message]));
  return {
    space: explained.shap.space,
    base: explained.shap.base,
    value: explained.shap.value,
    contributions: manifest.inputs.map((i, j) => ({
      input: i.name,
      value: x[j],
      shap: explained.shap.phi[j],
      ...(outOfRange.has(i.name) ? { outOfRange: outOfRange.get(i.name) } : {}),
    })),
  };
}

/**
 * One analysis, stage by stage: fetch the series the model reads and the outline, map the outline onto each sequence
 * and derive its regions, extract exactly the model's features, predict once, explain that prediction, then store a
 * SEG and a TID 1500 SR. Any failure before the store leaves the PACS untouched.
 */
export async function analyseStudy(
  deps: AnalysisDeps,
  req: AnalysisRequest,
  analysisId: string,
  progress: Progress,
): Promise<AnalysisResult> {
  const now = deps.now ?? (() => new Date());
  const timings: Record<string, number> = {};
  let t = performance.now();
  const lap = (stage: string) => {
    const next = performance.now();
    timings[stage] = (next - t) / 1000;
    t = next;
  };

  // Worded for both sources: the PACS (server) and a folder of files (heron analyze, offline).
  progress('fetch', 'Reading the study');
  const { pkg, predictor } = deps.models.get(req.modelId);
  const manifest = pkg.manifest;
  const series = await studySeries(deps.pacs, req.studyInstanceUID, deps.metadata);
  const roles = classifyStudy(series, req.overrides ?? {});
  const sources = sequenceSources(manifest, roles);
  const load = volumeLoader(deps.pacs, req.studyInstanceUID, series, deps.frames);
  const [outline, loaded] = await Promise.all([placeOutline(deps.pacs, load, req, series), loadSources(load, sources)]);
  const images = Object.fromEntries(Object.entries(loaded).map(([k, v]) => [k, v.volume]));
  lap('fetch');

  progress('map', 'Mapping the outline onto each sequence');
  const regions = sequenceRegions(images, outline.mask, manifest);
  lap('map');

  progress('extract', 'Computing radiomics features');
  const features = regionFeatures(images, regions, manifest);
  // The outline's DCE kinetics: model inputs DCE/kinetics/<name> when the manifest names them, and reported beside
  // the prediction; a study that cannot give a curve says why.
  const measured = await outlineKinetics(deps.pacs, req.studyInstanceUID, series, outline.mask, {
    overrides: req.overrides,
    // Classifying a standard study again would cost a few hundred milliseconds for the same answer.
    dcePhases: roles.dcePhases,
    load,
  });
  const x = modelInputs(manifest, features, req.clinical, kineticInputValues(measured));
  const kinetics = resultKinetics(measured);
  lap('extract');

  progress('predict', `Running ${manifest.name}`);
  const prediction = await predictCase(pkg, predictor, x);
  lap('predict');

  progress('explain', 'Explaining the prediction (SHAP)');
  const explained = await explainPrediction(pkg, predictor, x, prediction);
  lap('explain');

  progress('store', 'Storing the outline (SEG), the report (SR) and its PDF with the study');
  const createdAt = now();
  const { seg, sr, pdf } = await storeResult(
    deps,
    req.studyInstanceUID,
    { kinetics, manifest, outline, loaded, sources, features, explained },
    createdAt,
  );
  lap('store');

  return {
    analysisId,
    studyInstanceUID: req.studyInstanceUID,
    question: { id: manifest.task.question, text: questionText(manifest) },
    classes: manifest.task.classes,
    probability: prediction.probability,
    predictedClass: prediction.positive ? manifest.task.classes[1] : manifest.task.classes[0],
    threshold: manifest.threshold.probability,
    model: {
      id: manifest.id,
      name: manifest.name,
      version: manifest.version,
      sha256: manifest.model.sha256,
      syntheticTraining: manifest.trainingData.synthetic,
      intendedUse: manifest.intendedUse,
    },
    explanation: explanationOf(manifest, x, explained),
    warnings: [
      ...roles.warnings,
      ...new Set([outline.source, ...Object.values(loaded)].flatMap((v) => v.warnings)),
      ...explained.warnings.map((w) => w.message),
    ],
    kinetics,
    stored: {
      segSopInstanceUID: seg.sopInstanceUID,
      srSopInstanceUID: sr.sopInstanceUID,
      pdfSopInstanceUID: pdf.sopInstanceUID,
    },
    verification: { state: 'UNVERIFIED' },
    createdAt: createdAt.toISOString(),
    timings,
  };
}
