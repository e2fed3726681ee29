// `heron analyze`: the analysis of a study from a folder of DICOM files, without a PACS. The folder is served to
// the server's own pipeline (analyse) as a DICOMweb client, so the probability, the SEG and the SR are those
// the server would give for the same study and outline.
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Manifest } from '@heron/models';
import { encodeMaskRuns, sameGrid, type Volume } from '@heron/radiomics';
import { readVolumeFile } from '@heron/radiomics/node';
import { arrayBufferOf } from '@heron/dicom/core';
import { text } from '@heron/dicom/core';
import { Tag } from '@heron/dicom/core';
import { FolderDicomweb } from '@heron/dicom/dicomweb';
import { readPdf } from '@heron/dicom/pdf';
import { imageFrames } from '@heron/dicom/volumes';
import { classifyStudy, type SeriesInput, seriesLabel, studySeries } from '@heron/dicom/roles';
import { buildStack, type Stack } from '@heron/dicom/volumes';
import { ModelRegistry } from '../analysis/model-registry';
import { analyse } from '../analysis/analyse';
import { analyseStratified, checkStratifiedRequest } from '../analysis/stratified-analysis';
import { type AnalysisResult, ANALYSIS_FLOWS, type MaskOutline, type Outline } from '../contract';
type AnalysisFlow = (typeof ANALYSIS_FLOWS)[number];
import { HERON_VERSION, heronDevice } from '../version';
import { type Command, parseOptions, UsageError } from './command';

const REPOSITORY_MODELS = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'models');

function parse(argv: string[]) {
  return parseOptions(argv, {
    'dicom-dir': { type: 'string' },
    mask: { type: 'string' },
    seg: { type: 'string' },
    model: { type: 'string' },
    out: { type: 'string' },
    models: { type: 'string' },
    study: { type: 'string' },
    'mask-series': { type: 'string' },
    flow: { type: 'string' },
  });
}

/** A set of images the mask may have been drawn on: a DCE phase, a b-value, or a whole series. */
interface Candidate {
  seriesInstanceUID: string;
  label: string;
  /** The DCE phase index, for DCE phases. */
  phase?: number;
  stack: Stack;
}

const formatGrid = (g: Pick<Volume, 'size' | 'spacing' | 'origin'>) =>
  `${g.size.join('x')} voxels of ${g.spacing.map((s) => +s.toFixed(3)).join('x')} mm at (${g.origin.map((o) => +o.toFixed(2)).join(', ')})`;

function candidates(series: SeriesInput[]): Candidate[] {
  const roles = classifyStudy(series);
  const bySeries = new Map(series.map((s) => [s.seriesInstanceUID, s]));
  const sets: { seriesInstanceUID: string; label: string; phase?: number; sopInstanceUIDs?: string[] }[] = [
    ...roles.dcePhases.map((p) => ({
      seriesInstanceUID: p.seriesInstanceUID,
      label: `DCE ${p.label}`,
      phase: p.phaseIndex,
      sopInstanceUIDs: p.sopInstanceUIDs,
    })),
    ...roles.dwi.map((d) => ({
      seriesInstanceUID: d.seriesInstanceUID,
      label: `DWI b = ${d.bValue}`,
      sopInstanceUIDs: d.sopInstanceUIDs,
    })),
    ...[...roles.t2, ...roles.adc, ...roles.other].map((uid) => ({ seriesInstanceUID: uid, label: 'series' })),
  ];
  const out: Candidate[] = [];
  for (const s of sets) {
    const input = bySeries.get(s.seriesInstanceUID) as SeriesInput;
    const wanted = s.sopInstanceUIDs && new Set(s.sopInstanceUIDs);
    const instances = wanted
      ? input.instances.filter((ds) => wanted.has(text(ds, Tag.SOPInstanceUID) ?? ''))
      : input.instances;
    const label = `${seriesLabel(input)} (${s.label})`;
    let stack: Stack;
    try {
      stack = buildStack(imageFrames(instances), label);
    } catch {
      // Not one stack of images (a SEG, an SR, a localizer set): no mask can be on its grid.
      continue;
    }
    out.push({
      seriesInstanceUID: s.seriesInstanceUID,
      label,
      ...(s.phase !== undefined ? { phase: s.phase } : {}),
      stack,
    });
  }
  return out;
}

/**
 * The images a mask file was drawn on: those whose grid is the mask's. DCE phases share one grid, so among
 * matching phases the one the model reads wins, then the first post-contrast phase, then the first match.
 */
function placeMask(
  mask: Volume,
  series: SeriesInput[],
  manifest: Pick<Manifest, 'sequences'>,
  only: string | undefined,
): MaskOutline {
  const all = candidates(series).filter((c) => only === undefined || c.seriesInstanceUID === only);
  if (only !== undefined && all.length === 0)
    throw new Error(`--mask-series ${only} is not an image series of this study.`);
  const matching = all.filter((c) => sameGrid(mask, c.stack.grid));
  if (matching.length === 0) {
    throw new Error(
      `No series has the mask's grid (${formatGrid(mask)}). The series: ${all.map((c) => `${c.label}: ${formatGrid(c.stack.grid)}`).join('; ')}.`,
    );
  }
  const modelPhase = Object.values(manifest.sequences).find((s) => s.source.role === 'dce')?.source;
  const read = modelPhase?.role === 'dce' ? matching.find((c) => c.phase === modelPhase.phase) : undefined;
  const chosen = read ?? matching.find((c) => c.phase === 1) ?? matching[0];
  const g = chosen.stack.grid;
  return {
    kind: 'mask',
    seriesInstanceUID: chosen.seriesInstanceUID,
    sopInstanceUIDs: chosen.stack.frames.map((f) => f.sopInstanceUID),
    size: [...g.size],
    spacing: [...g.spacing],
    origin: [...g.origin],
    direction: [...g.direction],
    runs: encodeMaskRuns(mask.data),
  };
}

async function segOutline(client: FolderDicomweb, file: string): Promise<Outline> {
  const seg = client.add(arrayBufferOf(await readFile(file)), file);
  return {
    kind: 'seg',
    seriesInstanceUID: text(seg, Tag.SeriesInstanceUID) as string,
    sopInstanceUID: text(seg, Tag.SOPInstanceUID) as string,
  };
}

/** One answer on the terminal: the question, the answer, the model, what it is for, the kinetics and warnings. */
function printResult(result: AnalysisResult): void {
  const m = result.model;
  console.log(`${result.question.text}`);
  const sv = result.survival;
  if (sv) {
    console.log(
      `  risk score ${sv.riskScore.toFixed(4)} (cut-off ${sv.cutoff.value.toFixed(4)}, ${sv.cutoff.rule}): ${sv.groupName}`,
    );
    for (const p of sv.survival)
      console.log(`  disease-free survival at ${p.time} ${sv.timeUnit}: ${(p.probability * 100).toFixed(1)}%`);
  } else
    console.log(
      `  P(${result.classes[1]}) = ${result.probability.toFixed(3)} (threshold ${result.threshold}): ${result.predictedClass}`,
    );
  console.log(`  model: ${m.name} ${m.version} (${m.id})`);
  console.log(`  ${m.intendedUse}`);
  console.log('  Research use only, not a diagnosis.');
  if (m.syntheticTraining)
    console.log('  This model was trained on synthetic data only; its numbers say nothing about real patients.');
  const k = result.kinetics;
  if (k?.status === 'ok')
    console.log(
      `  kinetics: ${k.initialPhase} initial phase (${k.initialEnhancementPercent.toFixed(0)} %), ${k.curveType} curve`,
    );
  else if (k) console.log(`  kinetics: none (${k.reason})`);
  for (const w of result.warnings) console.log(`  warning: ${w}`);
}

export const analyzeCommand: Command = {
  name: 'analyze',
  summary: 'analyse a study from a folder of DICOM files (no PACS): writes seg.dcm, sr.dcm and result.json',
  usage:
    'heron analyze --dicom-dir DIR (--mask F.nrrd|F.nii.gz | --seg F.dcm) --model ID --out DIR\n' +
    '  [--models DIR] [--study UID] [--mask-series UID] [--flow her2-stratified]\n' +
    '  --flow her2-stratified: HER2-positive vs negative (--model), then, only after a HER2-negative answer, HER2-low vs\n' +
    '  HER2-zero on the same outline; the second step is written to DIR/step2/',
  async run(argv) {
    const v = parse(argv);
    if (!v['dicom-dir']) throw new UsageError('--dicom-dir DIR is required');
    if (!v.model) throw new UsageError('--model ID is required');
    if (!v.out) throw new UsageError('--out DIR is required');
    if ((v.mask === undefined) === (v.seg === undefined))
      throw new UsageError('give the outline as either --mask F.nrrd or --seg F.dcm');
    if (v['mask-series'] !== undefined && v.mask === undefined) throw new UsageError('--mask-series goes with --mask');
    if (v.flow !== undefined && !(ANALYSIS_FLOWS as readonly string[]).includes(v.flow))
      throw new UsageError(`--flow must be one of: ${ANALYSIS_FLOWS.join(', ')} (not '${v.flow}')`);
    const flow = v.flow as AnalysisFlow | undefined;

    const models = await ModelRegistry.open(resolve(v.models ?? REPOSITORY_MODELS));
    const manifest = models.survivalModel(v.model)?.pkg.manifest ?? models.get(v.model).pkg.manifest;
    const client = await FolderDicomweb.open(v['dicom-dir'], { studyInstanceUID: v.study });
    const { ignored, duplicates, unreadable } = client.scan;
    if (ignored || duplicates)
      console.error(
        `${v['dicom-dir']}: ${ignored} non-DICOM file(s) ignored, ${duplicates} duplicate instance(s) ignored`,
      );
    for (const u of unreadable) console.error(`skipped: ${u.reason}`);
    const outline =
      v.mask !== undefined
        ? placeMask(
            await readVolumeFile(v.mask),
            await studySeries(client, client.studyInstanceUID),
            manifest,
            v['mask-series'],
          )
        : await segOutline(client, v.seg as string);

    const deps = { pacs: client, models, device: heronDevice(), version: HERON_VERSION };
    const request = { studyInstanceUID: client.studyInstanceUID, modelId: v.model, outline };
    // Random: the stored objects' UIDs derive from the analysis id (analysisObjectUids), so it must be unique.
    const analysisId = `offline-${randomUUID()}`;
    const progress = (stage: string, message: string) => console.error(`[${stage}] ${message}`);
    let result: AnalysisResult;
    if (flow === 'her2-stratified') {
      try {
        checkStratifiedRequest(deps, { ...request, flow });
      } catch (err) {
        throw new UsageError((err as Error).message);
      }
      result = await analyseStratified(deps, { ...request, flow }, analysisId, progress);
    } else result = await analyse(deps, request, analysisId, progress);

    const out = v.out;
    const written = (uid: string | undefined) => {
      const stored = client.stored.find((o) => o.sopInstanceUID === uid);
      if (!stored) throw new Error(`the analysis did not store object ${uid ?? '(none)'}`);
      return new Uint8Array(stored.bytes);
    };
    /** One answer's files in `dir`, and what it says on the terminal. */
    const report = async (r: AnalysisResult, dir: string) => {
      await mkdir(dir, { recursive: true });
      await writeFile(join(dir, 'seg.dcm'), written(r.stored?.segSopInstanceUID));
      await writeFile(join(dir, 'sr.dcm'), written(r.stored?.srSopInstanceUID));
      await writeFile(join(dir, 'result.json'), JSON.stringify(r, null, 2) + '\n');
      // The tumour-board report: as stored in a PACS (Encapsulated PDF) and as the PDF itself, for a printer.
      const pdf = written(r.stored?.pdfSopInstanceUID);
      await writeFile(join(dir, 'report.dcm'), pdf);
      await writeFile(join(dir, 'report.pdf'), readPdf(arrayBufferOf(pdf)));
      printResult(r);
      const files = ['seg.dcm', 'sr.dcm', 'result.json', 'report.pdf', 'report.dcm'];
      console.log(`  written: ${files.map((f) => join(dir, f)).join(', ')}`);
    };
    const { stratified, ...first } = result;
    await report(first, out);
    if (stratified) {
      console.log(`Stratified reading, step 2 (asked only because step 1 answered ${first.predictedClass}):`);
      if (stratified.second) await report(stratified.second, join(out, 'step2'));
      else console.log(`  not asked: ${stratified.skipped ?? 'the first step did not call the tumour HER2-negative'}`);
    }
    return 0;
  },
};
