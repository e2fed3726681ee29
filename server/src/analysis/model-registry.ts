import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import {
  ALL_QUESTIONS,
  createPredictor,
  createRiskScorer,
  type RiskScorer,
  survivalPackage,
  type SurvivalPackage,
  type Manifest,
  type ModelPackage,
  parseSurvivalManifest,
  QUESTION_INFO,
  type Predictor,
  sha256Hex,
  SURVIVAL_QUESTIONS,
  type SurvivalManifest,
} from '@heron/models';
import { readModelPackage } from '@heron/models/node';
import * as ort from 'onnxruntime-web';
import type { ModelSummary } from '../contract';

export interface LoadedModel {
  pkg: ModelPackage;
  predictor: Predictor;
}

/** A survival package ready to answer: its manifest, its linear predictor and an ONNX session of its graph. */
export interface LoadedSurvivalModel {
  pkg: SurvivalPackage;
  scorer: RiskScorer;
}

/** A model id the registry does not have; answered as 404. */
export class UnknownModel extends Error {
  readonly status = 404;
}

export function summarize(pkg: ModelPackage): ModelSummary {
  const m = pkg.manifest;
  return {
    id: m.id,
    name: m.name,
    version: m.version,
    question: m.task.question,
    description: m.task.description,
    population: m.task.population ?? QUESTION_INFO[m.task.question].population,
    classes: m.task.classes,
    sequences: Object.fromEntries(Object.entries(m.sequences).map(([k, v]) => [k, v.description])),
    intendedUse: m.intendedUse,
    syntheticTraining: m.trainingData.synthetic,
    sha256: m.model.sha256,
  };
}

/** What GET /api/models says of a survival package: its risk groups stand where a classifier's classes do. */
export function summarizeSurvival(m: SurvivalManifest): ModelSummary {
  return {
    id: m.id,
    name: m.name,
    version: m.version,
    question: m.task.question,
    kind: 'survival',
    description: m.task.description,
    population: m.task.population ?? QUESTION_INFO[m.task.question].population,
    classes: m.survival.groups,
    sequences: Object.fromEntries(Object.entries(m.sequences).map(([k, v]) => [k, v.description])),
    intendedUse: m.intendedUse,
    syntheticTraining: m.trainingData.synthetic,
    sha256: m.model.sha256,
  };
}

/**
 * The model packages in a folder (models/<id>/manifest.json + model.onnx). Each package is verified when the
 * registry opens (sha256, ops, inputs, engine check), so a broken package is reported at start-up, not at Analyze.
 */
export class ModelRegistry {
  private constructor(
    private readonly models: Map<string, LoadedModel>,
    /** Survival packages (disease-free survival): verified at start-up, listed after the classifiers. */
    private readonly survival = new Map<string, LoadedSurvivalModel>(),
  ) {}

  static async open(dir: string): Promise<ModelRegistry> {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    const models = new Map<string, LoadedModel>();
    const survival = new Map<string, LoadedSurvivalModel>();
    // Folder order would put any package first; the panel preselects the first, so list by question (HER2-positive
    // vs negative first, the stratified flow's first stage), then by id.
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const e of entries) {
      if (!e.isDirectory()) continue;
      const packageDir = join(dir, e.name);
      const hasManifest = (await readdir(packageDir)).includes('manifest.json');
      if (!hasManifest) continue;
      const survivalManifest = await readSurvivalPackage(packageDir);
      if (survivalManifest) {
        const onnx = new Uint8Array(await readFile(join(packageDir, survivalManifest.model.file)));
        const pkg = survivalPackage(survivalManifest, onnx);
        survival.set(survivalManifest.id, { pkg, scorer: await createRiskScorer(ort, onnx, pkg.model.mean.length) });
        continue;
      }
      const pkg = await readModelPackage(packageDir);
      if (pkg.manifest.id !== e.name) {
        throw new Error(
          `model package ${packageDir}: its manifest says id '${pkg.manifest.id}'; the folder must have the same name`,
        );
      }
      const predictor = await createPredictor(ort, pkg.onnx, pkg.manifest.inputs.length);
      models.set(pkg.manifest.id, { pkg, predictor });
    }
    const order = (m: LoadedModel) => ALL_QUESTIONS.indexOf(m.pkg.manifest.task.question);
    const sorted = [...models.values()].sort((a, b) => order(a) - order(b));
    return new ModelRegistry(new Map(sorted.map((m) => [m.pkg.manifest.id, m])), survival);
  }

  /** Classifiers first (by question), then survival packages: the panel preselects the first. */
  list(): ModelSummary[] {
    return [
      ...[...this.models.values()].map((m) => summarize(m.pkg)),
      ...[...this.survival.values()].map((m) => summarizeSurvival(m.pkg.manifest)),
    ];
  }

  /** The installed survival packages' manifests. */
  survivalManifests(): SurvivalManifest[] {
    return [...this.survival.values()].map((m) => m.pkg.manifest);
  }

  /** The survival package with this id, or undefined when `id` is not one (it may be a classifier). */
  survivalModel(id: string): LoadedSurvivalModel | undefined {
    return this.survival.get(id);
  }

  /** Throws UnknownModel unless a classifier or a survival package has this id. */
  check(id: string): void {
    if (!this.survival.has(id)) this.get(id);
  }

  /** The installed models' manifests, for reports that name a model by name and version rather than id. */
  manifests(): Manifest[] {
    return [...this.models.values()].map((m) => m.pkg.manifest);
  }

  get(id: string): LoadedModel {
    const model = this.models.get(id);
    if (!model) {
      const known = [...this.models.keys(), ...this.survival.keys()];
      throw new UnknownModel(
        `There is no model '${id}'${known.length ? `; available: ${known.join(', ')}` : '; no models are installed'}.`,
      );
    }
    return model;
  }
}

/**
 * The manifest of the survival package in `dir`, checked as a classifier's is (schema, folder name, the ONNX file's
 * sha256); undefined when the package there is not a survival package.
 */
export async function readSurvivalPackage(dir: string): Promise<SurvivalManifest | undefined> {
  const raw = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as { task?: { question?: unknown } };
  if (!(SURVIVAL_QUESTIONS as readonly unknown[]).includes(raw.task?.question)) return undefined;
  const m = parseSurvivalManifest(raw);
  if (m.id !== basename(dir))
    throw new Error(`model package ${dir}: its manifest says id '${m.id}'; the folder must have the same name`);
  const digest = await sha256Hex(new Uint8Array(await readFile(join(dir, m.model.file))));
  if (digest !== m.model.sha256)
    throw new Error(`model package ${dir}: model.onnx does not match the manifest's sha256`);
  return m;
}
