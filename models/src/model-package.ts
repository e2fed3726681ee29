// A loaded, verified model package: manifest + ONNX bytes, checked against each other. Pure: the caller reads the
// files (see node.ts) or fetches them in the browser.
import { assertComputable } from './engine-check';
import { type Manifest, parseManifest } from './manifest';
import { IR_VERSION, OPSETS } from './onnx/builder';
import {
  checkModel,
  decodeModel,
  readLinearModel,
  readMetadata,
  readTreeEnsemble,
  type LinearLogit,
} from './onnx/inspect';
import type { TreeEnsemble } from './tree-ensemble';

export interface ModelPackage {
  manifest: Manifest;
  onnx: Uint8Array;
  /** Parameters for closed-form SHAP, when the graph is one of the families we read. */
  linear?: LinearLogit;
  trees?: TreeEnsemble;
}

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  // Package bytes never live in a SharedArrayBuffer; the DOM typings only accept an ArrayBuffer-backed view.
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The metadata key holding the input order inside the ONNX file. */
export const FEATURE_NAMES_KEY = 'heron.feature_names';

export async function loadModelPackage(
  rawManifest: unknown,
  onnx: Uint8Array,
  options: { checkEngine?: boolean } = {},
): Promise<ModelPackage> {
  const manifest = parseManifest(rawManifest);
  const digest = await sha256Hex(onnx);
  if (digest !== manifest.model.sha256) {
    throw new Error(
      `model ${manifest.id}: model.onnx does not match its manifest (sha256 ${digest}, manifest says ${manifest.model.sha256}); ` +
        'the file was changed or belongs to another model',
    );
  }
  const model = decodeModel(onnx);
  checkModel(model, manifest.inputs.length);
  const names = readMetadata(model)[FEATURE_NAMES_KEY];
  if (names !== undefined) {
    const inOnnx = JSON.parse(names) as string[];
    const inManifest = manifest.inputs.map((i) => i.name);
    const first = inManifest.findIndex((n, k) => inOnnx[k] !== n);
    if (inOnnx.length !== inManifest.length || first >= 0) {
      throw new Error(
        `model ${manifest.id}: the ONNX file's input order differs from the manifest (first difference at input ${first + 1}: '${inOnnx[first]}' vs '${inManifest[first]}')`,
      );
    }
  }
  if (options.checkEngine !== false) assertComputable(manifest);
  const pkg: ModelPackage = { manifest, onnx };
  if (manifest.explanation.method === 'linear') {
    pkg.linear = readLinearModel(model);
    if (!pkg.linear)
      throw new Error(
        `model ${manifest.id}: the manifest asks for linear SHAP but the ONNX graph is not a linear model Heron can read`,
      );
  }
  if (manifest.explanation.method === 'tree') {
    pkg.trees = readTreeEnsemble(model, manifest.inputs.length);
    if (!pkg.trees)
      throw new Error(`model ${manifest.id}: the manifest asks for TreeSHAP but the ONNX graph holds no tree ensemble`);
  }
  return pkg;
}

export const HERON_OPSET = { onnx: OPSETS[''], onnxMl: OPSETS['ai.onnx.ml'], ir: IR_VERSION };
