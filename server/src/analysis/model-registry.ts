import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { createPredictor, type Manifest, type ModelPackage, type Predictor } from '@heron/models';
import { readModelPackage } from '@heron/models/node';
import * as ort from 'onnxruntime-web';
import type { ModelSummary } from '../contract';

export interface LoadedModel {
  pkg: ModelPackage;
  predictor: Predictor;
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
    classes: m.task.classes,
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
  private constructor(private readonly models: Map<string, LoadedModel>) {}

  static async open(dir: string): Promise<ModelRegistry> {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    const models = new Map<string, LoadedModel>();
    for (const e of entries) {
      if (!e.isDirectory()) continue;
      const packageDir = join(dir, e.name);
      const hasManifest = (await readdir(packageDir)).includes('manifest.json');
      if (!hasManifest) continue;
      const pkg = await readModelPackage(packageDir);
      if (pkg.manifest.id !== e.name) {
        throw new Error(
          `model package ${packageDir}: its manifest says id '${pkg.manifest.id}'; the folder must have the same name`,
        );
      }
      const predictor = await createPredictor(ort, pkg.onnx, pkg.manifest.inputs.length);
      models.set(pkg.manifest.id, { pkg, predictor });
    }
    return new ModelRegistry(models);
  }

  list(): ModelSummary[] {
    return [...this.models.values()].map((m) => summarize(m.pkg));
  }

  /** The installed models' manifests, for reports that name a model by name and version rather than id. */
  manifests(): Manifest[] {
    return [...this.models.values()].map((m) => m.pkg.manifest);
  }

  get(id: string): LoadedModel {
    const model = this.models.get(id);
    if (!model) {
      const known = [...this.models.keys()];
      throw new UnknownModel(
        `There is no model '${id}'${known.length ? `; available: ${known.join(', ')}` : '; no models are installed'}.`,
      );
    }
    return model;
  }
}
