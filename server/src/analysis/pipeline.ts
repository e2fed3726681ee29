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
  type SurvivalManifest,
} from '@heron/models';
import { sameGrid, type Volume } from '@heron/radiomics';
import { analysisObjectUids, arrayBufferOf, type DeviceIdentity, numberOf, Tag } from '@heron/dicom/core';
import { type DicomwebClient, storeObjects } from '@heron/dicom/dicomweb';
import { loadSegMasks, type SegmentInput, type WrittenObject, type WrittenSeg, writeSeg } from '@heron/dicom/seg';
import { classifyStudy, type SeriesInput, type SeriesMetadataCache, studySeries } from '@heron/dicom/roles';
import {
  type ClassifierResult,
  type KineticsGroup,
  type ObjectReference,
  type RadiomicsGroup,
  writeSr,
} from '@heron/dicom/sr';
import { cutSlab, type FrameCache, heldVolume, loadVolume, type SeriesVolume, type Slab } from '@heron/dicom/volumes';
import type { AnalysisRequest, AnalysisResult, Explanation, Kinetics, Storage } from '../contract';
import type { JobResults, KeptObjects } from './job-queue';
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

/** What the shared stages read of a package's manifest: a classifier's and a survival package's alike. */
export type ExtractionManifest = Pick<Manifest, 'inputs' | 'sequences' | 'regions'>;

/** The outline on the grid of the series it was drawn on, with that series' images (for the SEG we write). */
export interface PlacedOutline {
  mask: Volume;
  source: SeriesVolume;
}

export async function placeOutline(
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
export function volumeLoader(
  pacs: DicomwebClient,
  studyInstanceUID: string,
  series: SeriesInput[],
  cache?: FrameCache,
) {
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
    const request = {
      studyInstanceUID,
      seriesInstanceUID,
      select: sopInstanceUIDs ? { sopInstanceUIDs, ...within } : undefined,
      ...(metadata ? { metadata } : {}),
      ...(cache ? { cache } : {}),
    };
    if (slab) {
      // The whole selection read in this analysis, or kept in the cache (a prefetch read it): the slab is cut from it.
      const whole = loads.get(key) ?? heldVolume(request);
      if (whole) return whole.then((v) => cutSlab(v, slab));
    }
    const slabKey = slab ? `${key}|${slab.first}+${slab.count}` : key;
    let load = loads.get(slabKey);
    if (!load) {
      load = loadVolume(pacs, { ...request, ...(slab ? { slab } : {}) });
      loads.set(slabKey, load);
    }
    return load;
  };
}

export type LoadVolume = ReturnType<typeof volumeLoader>;

export async function loadSources(
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

export const evidenceOf = (volumes: SeriesVolume[]): ObjectReference[] => {
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
export const tumourName = (manifest: ExtractionManifest) =>
  manifest.regions.find((r) => r.kind === 'tumour')?.name ?? 'tumour';

/** The SEG's segments on the outline's grid: the tumour as outlined, and every shell a sequence of the model measures. */
export function segmentsOf(manifest: ExtractionManifest, outline: Volume, version: string): SegmentInput[] {
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
export function segmentNumber(seg: WrittenSeg, region: string): number {
  const n = seg.segmentNumbers.get(region);
  if (n === undefined) throw new Error(`the SEG has no segment for region '${region}'`);
  return n;
}

/** One group per sequence and region the model reads, with the features it reads there, in its input order. */
export function radiomicsGroups(
  manifest: ExtractionManifest,
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
  condition: string | undefined,
): ClassifierResult {
  return {
    ...(condition ? { condition } : {}),
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
export function kineticsGroup(
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

export const objectReference = (o: ObjectReference): ObjectReference => ({
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
  /** Why the question was asked, when only because of an earlier answer (the stratified reading's second step). */
  condition?: string;
}

/** The report's key images: the outlined series, then each other series the model read, in manifest order. */
export function keyImages({
  outline,
  loaded,
  manifest,
}: Pick<Measured, 'outline' | 'loaded'> & { manifest: Pick<Manifest | SurvivalManifest, 'sequences'> }) {
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

/** The SEG, SR and report PDF of one analysis, built and not yet stored. */
export interface ResultObjects {
  seg: WrittenSeg;
  sr: WrittenObject;
  pdf: WrittenObject;
}

/**
 * Writes the SEG (tumour and shells on the outlined series), the TID 1500 SR and the tumour-board report PDF (built
 * from that SR), with UIDs fixed by the analysis id: built again, they are the same instances.
 */
async function buildResultObjects(
  deps: AnalysisDeps,
  analysisId: string,
  m: Measured,
  createdAt: Date,
): Promise<ResultObjects> {
  const { manifest, outline, loaded } = m;
  const seg = writeSeg({
    source: outline.source,
    segments: segmentsOf(manifest, outline.mask, deps.version),
    device: deps.device,
    createdAt,
    uids: analysisObjectUids(analysisId, 'seg'),
  });
  const sr = writeSr({
    reference: outline.source.reference,
    evidence: evidenceOf([outline.source, ...Object.values(loaded)]),
    seg: objectReference(seg),
    radiomics: radiomicsGroups(manifest, m.features, seg, loaded),
    classifier: classifierResult(
      manifest,
      m.explained,
      segmentNumber(seg, tumourName(manifest)),
      outline.source,
      m.condition,
    ),
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
    uids: analysisObjectUids(analysisId, 'sr'),
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
    uids: analysisObjectUids(analysisId, 'pdf'),
  });
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

/** What the panel shows of a store that failed: what failed, in a sentence, and what the reader can do. */
export const storeFailure = (err: unknown) =>
  `The result was computed but its SEG, SR and PDF could not be stored in the study: ${
    err instanceof Error ? err.message : String(err)
  }. Nothing can be signed until they are; press Retry once the PACS answers.`;

/**
 * One analysis, stage by stage: fetch the series the model reads and the outline, map the outline onto each sequence
 * and derive its regions, extract exactly the model's features, predict once, explain that prediction, then store a
 * SEG, a TID 1500 SR and the report PDF. Any failure before the store leaves the PACS untouched.
 *
 * With `results` (a job), the result is published as soon as it is computed, before the objects are built and stored;
 * a failed store is reported in the result's `storage` rather than failing the analysis, and its objects are kept with
 * the job for a retried store. Without it (heron analyze), the result is returned once stored, and a failed store
 * is the analysis's failure.
 */
export async function analyseStudy(
  deps: AnalysisDeps,
  req: AnalysisRequest,
  analysisId: string,
  progress: Progress,
  { results, condition }: AnalyseOptions = {},
): Promise<AnalysisResult> {
  const { result, measured, createdAt, lap } = await computeAnalysis(deps, req, analysisId, progress, condition);
  return storeAfterResult(
    deps,
    req.studyInstanceUID,
    analysisId,
    { result, lap },
    () => buildResultObjects(deps, analysisId, measured, createdAt),
    progress,
    results,
  );
}

/** How an analysis runs besides its request: as a job (`results`), and on the condition of an earlier answer. */
export interface AnalyseOptions {
  /** The job's results: the result is published before its store (see analyseStudy). */
  results?: JobResults<AnalysisResult>;
  /** Why the question is asked, when only because of an earlier answer; the SR records it. */
  condition?: string;
}

/**
 * The store that follows a computed result, for any package: with `results` (a job), the result is published first,
 * then the SEG, SR and PDF are built and stored, and a failed store is reported in `storage` with its objects kept
 * for a retry; without it (heron analyze), the result is returned once stored and a failed store throws.
 */
export async function storeAfterResult(
  deps: Pick<AnalysisDeps, 'pacs'>,
  studyInstanceUID: string,
  analysisId: string,
  computed: { result: AnalysisResult; lap: (stage: string) => void },
  build: () => Promise<ResultObjects>,
  progress: Progress,
  results?: JobResults<AnalysisResult>,
): Promise<AnalysisResult> {
  const { result, lap } = computed;
  const storing = (state: Storage['state'], message?: string): Storage => ({
    state,
    ...(message ? { message } : {}),
    srSopInstanceUID: analysisObjectUids(analysisId, 'sr').sopInstanceUID,
  });
  const report = storing('storing').srSopInstanceUID;
  if (results) {
    await results.publish(
      { ...result, storage: storing('storing') },
      {
        message: 'Result ready; storing the SEG, the SR and the report PDF with the study',
        storage: 'storing',
        report,
      },
    );
    // Building the objects is CPU work on this thread (key images, the PDF): requests already waiting (a reader's
    // poll of this job) are answered first.
    await new Promise((resolve) => setImmediate(resolve));
  } else {
    progress('store', 'Storing the outline (SEG), the report (SR) and its PDF with the study');
  }
  let objects: ResultObjects | undefined;
  try {
    objects = await build();
    await storeResultObjects(deps.pacs, studyInstanceUID, objects);
  } catch (err) {
    if (!results) throw err;
    lap('store');
    // Kept only when the store failed: a run that dies before it ends is run again and builds the same objects.
    if (objects) await results.keep(keptObjectsOf(studyInstanceUID, objects));
    const failed: AnalysisResult = { ...result, storage: storing('failed', storeFailure(err)) };
    await results.publish(failed, { message: storeFailure(err), storage: 'failed', report });
    return failed;
  }
  lap('store');
  const stored: AnalysisResult = {
    ...result,
    stored: storedUids(objects),
    ...(results ? { storage: storing('stored') } : {}),
  };
  await results?.publish(stored, { message: 'Stored with the study', storage: 'stored', report });
  return stored;
}

/** The stored objects' UIDs, as the result names them. */
export const storedUids = (o: Pick<KeptObjects, 'objects'> | ResultObjects) => {
  const [seg, sr, pdf] = 'objects' in o ? o.objects : [o.seg, o.sr, o.pdf];
  return {
    segSopInstanceUID: seg.sopInstanceUID,
    srSopInstanceUID: sr.sopInstanceUID,
    pdfSopInstanceUID: pdf.sopInstanceUID,
  };
};

const keptObjectsOf = (studyInstanceUID: string, o: ResultObjects): KeptObjects => ({
  studyInstanceUID,
  objects: [o.seg, o.sr, o.pdf].map((w) => ({
    sopClassUID: w.sopClassUID,
    sopInstanceUID: w.sopInstanceUID,
    seriesInstanceUID: w.seriesInstanceUID,
    bytes: new Uint8Array(w.bytes),
  })),
});

/**
 * Stores the SEG, SR and PDF in one all-or-nothing STOW (see stow.ts), unless the study already holds the SR: then an
 * earlier run of the same analysis stored them (a worker that died after its STOW, before it could say so), and
 * storing again would only resend what the PACS keeps. Answers whether it stored.
 */
export async function storeResultObjects(
  pacs: DicomwebClient,
  studyInstanceUID: string,
  objects: ResultObjects | KeptObjects,
): Promise<'stored' | 'already held'> {
  const list = ('objects' in objects ? objects : keptObjectsOf(studyInstanceUID, objects)).objects;
  const sr = list[1];
  const found = await pacs.searchForInstances({
    studyInstanceUID,
    seriesInstanceUID: sr.seriesInstanceUID,
    queryParams: { SOPInstanceUID: sr.sopInstanceUID },
  });
  if (Array.isArray(found) && found.length > 0) return 'already held';
  await storeObjects(
    pacs,
    studyInstanceUID,
    list.map((o) => ({ ...o, studyInstanceUID, bytes: arrayBufferOf(o.bytes) })),
  );
  return 'stored';
}

/** Each stage's seconds, as the result reports them: `lap(stage)` ends a stage and starts the next. */
export function stageClock(): { timings: Record<string, number>; lap: (stage: string) => void } {
  const timings: Record<string, number> = {};
  let t = performance.now();
  const lap = (stage: string) => {
    const next = performance.now();
    timings[stage] = (next - t) / 1000;
    t = next;
  };
  return { timings, lap };
}

/** The model as a result names it: which package, which version, trained on what, for what use. */
export const modelOf = (manifest: Manifest | SurvivalManifest): AnalysisResult['model'] => ({
  id: manifest.id,
  name: manifest.name,
  version: manifest.version,
  sha256: manifest.model.sha256,
  syntheticTraining: manifest.trainingData.synthetic,
  intendedUse: manifest.intendedUse,
});

/** What the stages every package shares give: the outline, each sequence read, its features and the model's inputs. */
export interface StudyMeasures {
  roles: ReturnType<typeof classifyStudy>;
  sources: Record<string, SourceImages>;
  outline: PlacedOutline;
  loaded: Record<string, SeriesVolume>;
  features: RegionFeatures;
  kinetics: Kinetics;
  /** The model's inputs, in its order. */
  x: Float64Array;
  /** What the reader must know about the study as read: the series roles' and the images' own warnings. */
  readWarnings: string[];
}

/**
 * The stages every package shares, a classifier's and a survival package's alike: fetch the series the model reads
 * and the outline, map the outline onto each sequence and derive its regions, extract exactly the model's features
 * and the outline's DCE kinetics, and assemble the model's inputs.
 */
export async function measureStudy(
  deps: AnalysisDeps,
  manifest: Manifest | SurvivalManifest,
  req: AnalysisRequest,
  progress: Progress,
  lap: (stage: string) => void,
): Promise<StudyMeasures> {
  // Worded for both sources: the PACS (server) and a folder of files (heron analyze, offline).
  progress('fetch', 'Reading the study');
  const series = await studySeries(deps.pacs, req.studyInstanceUID, deps.metadata);
  // The roles given before for the same metadata (a prefetch, an earlier analysis) are the same answer.
  const roles = deps.metadata
    ? deps.metadata.classify(req.studyInstanceUID, series, req.overrides ?? {})
    : classifyStudy(series, req.overrides ?? {});
  const sources = sequenceSources(manifest, roles);
  const load = volumeLoader(deps.pacs, req.studyInstanceUID, series, deps.frames);
  const placed = placeOutline(deps.pacs, load, req, series);
  const loading = loadSources(load, sources);
  // The outline's DCE kinetics (model inputs DCE/kinetics/<name> when the manifest names them, and reported beside the
  // prediction; a study that cannot give a curve says why) need only the outline: their slab reads start as soon as it
  // is placed, beside the model's series, so that a study read cold waits for the PACS once rather than twice. The
  // numbers are those of a read after the features: the same voxels, the same sums.
  const kineticsOf = placed.then((o) =>
    outlineKinetics(deps.pacs, req.studyInstanceUID, series, o.mask, {
      overrides: req.overrides,
      // Classifying a standard study again would cost a few hundred milliseconds for the same answer.
      dcePhases: roles.dcePhases,
      load,
    }),
  );
  // Awaited below; a failure before then must not count as unhandled (it is thrown there, or the fetch failed first).
  kineticsOf.catch(() => undefined);
  const [outline, loaded] = await Promise.all([placed, loading]);
  const images = Object.fromEntries(Object.entries(loaded).map(([k, v]) => [k, v.volume]));
  lap('fetch');

  progress('map', 'Mapping the outline onto each sequence');
  const regions = sequenceRegions(images, outline.mask, manifest);
  lap('map');

  progress('extract', 'Computing radiomics features');
  const features = regionFeatures(images, regions, manifest);
  const measured = await kineticsOf;
  const x = modelInputs(manifest, features, req.clinical, kineticInputValues(measured));
  const kinetics = resultKinetics(measured);
  lap('extract');
  return {
    roles,
    sources,
    outline,
    loaded,
    features,
    kinetics,
    x,
    readWarnings: [
      ...roles.warnings,
      ...new Set([outline.source, ...Object.values(loaded)].flatMap((v) => v.warnings)),
    ],
  };
}

/** The analysis up to its result: everything but the store, which needs `measured` to build its objects. */
async function computeAnalysis(
  deps: AnalysisDeps,
  req: AnalysisRequest,
  analysisId: string,
  progress: Progress,
  condition?: string,
): Promise<{ result: AnalysisResult; measured: Measured; createdAt: Date; lap: (stage: string) => void }> {
  const now = deps.now ?? (() => new Date());
  const { timings, lap } = stageClock();

  const { pkg, predictor } = deps.models.get(req.modelId);
  const manifest = pkg.manifest;
  const { sources, outline, loaded, features, kinetics, x, readWarnings } = await measureStudy(
    deps,
    manifest,
    req,
    progress,
    lap,
  );

  progress('predict', `Running ${manifest.name}`);
  const prediction = await predictCase(pkg, predictor, x);
  lap('predict');

  progress('explain', 'Explaining the prediction (SHAP)');
  const explained = await explainPrediction(pkg, predictor, x, prediction);
  lap('explain');

  const createdAt = now();
  const result: AnalysisResult = {
    analysisId,
    studyInstanceUID: req.studyInstanceUID,
    question: { id: manifest.task.question, text: questionText(manifest) },
    classes: manifest.task.classes,
    probability: prediction.probability,
    predictedClass: prediction.positive ? manifest.task.classes[1] : manifest.task.classes[0],
    threshold: manifest.threshold.probability,
    model: modelOf(manifest),
    explanation: explanationOf(manifest, x, explained),
    warnings: [...readWarnings, ...explained.warnings.map((w) => w.message)],
    kinetics,
    stored: null,
    verification: { state: 'UNVERIFIED' },
    createdAt: createdAt.toISOString(),
    timings,
  };
  return {
    result,
    measured: { kinetics, manifest, outline, loaded, sources, features, explained, condition },
    createdAt,
    lap,
  };
}
