// Reading an ONNX model without running it: metadata_props (onnxruntime's JS API does not expose them), the ops it
// uses (refused when Heron's runtime path does not support them), its input width, and the parameters of the two
// model families we explain exactly (linear, tree ensemble).
import type { SplitMode, TreeEnsemble, TreeNode } from '../tree-ensemble';
import { onnx, type NodeProto } from './builder';

type Model = ReturnType<typeof onnx.ModelProto.decode>;
type Node = NodeProto;

/** Ops verified in onnxruntime-web and -node 1.30 (docs/onnx-and-shap.md, section 3). */
export const SUPPORTED_OPS = new Set([
  'Add',
  'Sub',
  'Mul',
  'Div',
  'MatMul',
  'Gemm',
  'Sigmoid',
  'Concat',
  'Identity',
  'Cast',
  'Reshape',
  'Flatten',
  'Slice',
  'Gather',
  // The distance, kernel and network graphs of models/src/algorithms.
  'Clip',
  'Exp',
  'Relu',
  'ReduceSum',
  'ReduceMean',
  'TopK',
  'Unsqueeze',
  'ai.onnx.ml:Scaler',
  'ai.onnx.ml:Imputer',
  'ai.onnx.ml:LinearClassifier',
  'ai.onnx.ml:LinearRegressor',
  'ai.onnx.ml:TreeEnsembleClassifier',
  'ai.onnx.ml:TreeEnsembleRegressor',
  'ai.onnx.ml:SVMClassifier',
  'ai.onnx.ml:Normalizer',
]);

export function decodeModel(bytes: Uint8Array): Model {
  try {
    return onnx.ModelProto.decode(bytes);
  } catch (err) {
    throw new Error(`not an ONNX model (${err instanceof Error ? err.message : String(err)})`);
  }
}

export function readMetadata(model: Model): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of model.metadataProps ?? []) out[p.key ?? ''] = p.value ?? '';
  return out;
}

const opName = (n: Node) => (n.domain && n.domain !== 'ai.onnx' ? `${n.domain}:${n.opType}` : String(n.opType));

/** Checks ops, opsets, the single float input and its width; throws a message naming what is wrong. */
export function checkModel(model: Model, expectedInputs: number): void {
  const graph = model.graph;
  if (!graph) throw new Error('the ONNX file has no graph');
  const unsupported = [...new Set((graph.node ?? []).map(opName).filter((op) => !SUPPORTED_OPS.has(op)))];
  if (unsupported.includes('ai.onnx.ml:ZipMap')) {
    throw new Error(
      'the ONNX model ends in ZipMap, whose output onnxruntime-web cannot read; export it with skl2onnx option zipmap=False',
    );
  }
  if (unsupported.length) throw new Error(`the ONNX model uses ops Heron does not support: ${unsupported.join(', ')}`);
  for (const o of model.opsetImport ?? []) {
    const domain = o.domain || '';
    const version = Number(o.version);
    if ((domain === '' || domain === 'ai.onnx') && version > 17)
      throw new Error(`the ONNX model needs ai.onnx opset ${version}; Heron accepts <= 17`);
    if (domain === 'ai.onnx.ml' && version > 3)
      throw new Error(`the ONNX model needs ai.onnx.ml opset ${version}; Heron accepts <= 3`);
  }
  const initNames = new Set((graph.initializer ?? []).map((t) => t.name));
  const inputs = (graph.input ?? []).filter((i) => !initNames.has(i.name));
  if (inputs.length !== 1)
    throw new Error(`the ONNX model must have one input (features [N, M]); it has ${inputs.length}`);
  const tensor = inputs[0].type?.tensorType;
  if (tensor?.elemType !== onnx.TensorProto.DataType.FLOAT)
    throw new Error(`the ONNX model's input '${inputs[0].name}' must be float32`);
  const dims = tensor.shape?.dim ?? [];
  const width = dims.length === 2 ? Number(dims[1].dimValue ?? 0) : 0;
  if (width !== expectedInputs) {
    throw new Error(
      `the ONNX model takes ${width || 'an unknown number of'} features per case but the manifest lists ${expectedInputs} inputs`,
    );
  }
}

function attribute(n: Node, name: string) {
  return (n.attribute ?? []).find((a) => a.name === name);
}
const ints = (n: Node, name: string) => (attribute(n, name)?.ints ?? []).map(Number);
const floats = (n: Node, name: string) => attribute(n, name)?.floats ?? [];
const strings = (n: Node, name: string) => (attribute(n, name)?.strings ?? []).map((s) => new TextDecoder().decode(s));
const str = (n: Node, name: string) => new TextDecoder().decode(attribute(n, name)?.s ?? new Uint8Array());

function initializer(model: Model, name: string): Float64Array | undefined {
  const t = model.graph?.initializer?.find((i) => i.name === name);
  if (!t) return undefined;
  if (t.rawData && t.rawData.length) {
    // A copy: protobufjs hands out Node Buffers that view an unaligned pool.
    const copy = new Uint8Array(t.rawData);
    return Float64Array.from(new Float32Array(copy.buffer, 0, copy.byteLength / 4));
  }
  return Float64Array.from(t.floatData ?? []);
}

/** A linear model on the log-odds scale in raw input units: logit = intercept + sum_j coef_j x_j. */
export interface LinearLogit {
  coefficients: Float64Array;
  intercept: number;
}

/** Reads Heron's standardiser + LR graph or skl2onnx's Scaler + LinearClassifier; undefined for anything else. */
export function readLinearModel(model: Model): LinearLogit | undefined {
  const nodes = model.graph?.node ?? [];
  const types = nodes.map((n) => n.opType).join(',');
  if (types === 'Sub,Div,MatMul,Add,Sigmoid') {
    const [mean, sd, w, b] = ['mean', 'sd', 'weights', 'intercept'].map((k) => initializer(model, k));
    if (!mean || !sd || !w || !b) return undefined;
    const coefficients = Float64Array.from(w, (wj, j) => wj / Math.fround(sd[j]));
    let intercept = b[0];
    for (let j = 0; j < w.length; j++) intercept -= coefficients[j] * mean[j];
    return { coefficients, intercept };
  }
  const lin = nodes.find((n) => n.opType === 'LinearClassifier');
  if (!lin || str(lin, 'post_transform') !== 'LOGISTIC') return undefined;
  const scaler = nodes.find((n) => n.opType === 'Scaler');
  const coef = floats(lin, 'coefficients');
  const icpt = floats(lin, 'intercepts');
  const rows = icpt.length;
  const m = coef.length / rows;
  const row = rows === 2 ? 1 : 0;
  const w = coef.slice(row * m, (row + 1) * m);
  let intercept = icpt[row];
  const offset = scaler ? floats(scaler, 'offset') : [];
  const scale = scaler ? floats(scaler, 'scale') : [];
  const at = (v: number[], j: number, fallback: number) => (v.length === 0 ? fallback : v.length === 1 ? v[0] : v[j]);
  const coefficients = Float64Array.from(w, (wj, j) => wj * at(scale, j, 1));
  for (let j = 0; j < m; j++) intercept -= coefficients[j] * at(offset, j, 0);
  return { coefficients, intercept };
}

/** Reads the standardiser and coefficients of a Cox risk-score graph (cox-graph.ts), for closed-form SHAP of the
 *  score; undefined for any other graph. Values are the graph's float32 ones, so SHAP explains what it computes. */
export function readCoxModel(model: Model): { mean: number[]; sd: number[]; coefficients: number[] } | undefined {
  const types = (model.graph?.node ?? []).map((n) => n.opType).join(',');
  if (types !== 'Sub,Div,MatMul') return undefined;
  const [mean, sd, coefficients] = ['mean', 'sd', 'coefficients'].map((k) => initializer(model, k));
  if (!mean || !sd || !coefficients) return undefined;
  return { mean: Array.from(mean), sd: Array.from(sd), coefficients: Array.from(coefficients) };
}

/** Reads a binary TreeEnsembleRegressor (one target, SUM) or TreeEnsembleClassifier (LOGISTIC, one class weight
 *  per leaf) into our tree arrays; undefined when the graph holds no such ensemble. */
export function readTreeEnsemble(model: Model, nFeatures: number): TreeEnsemble | undefined {
  const n = model.graph?.node?.find(
    (x) => x.opType === 'TreeEnsembleRegressor' || x.opType === 'TreeEnsembleClassifier',
  );
  if (!n) return undefined;
  const prefix = n.opType === 'TreeEnsembleRegressor' ? 'target' : 'class';
  if (attribute(n, 'nodes_values_as_tensor'))
    throw new Error('TreeSHAP: tensor-valued tree attributes are not read yet; export float attributes');
  const treeIds = ints(n, 'nodes_treeids');
  const nodeIds = ints(n, 'nodes_nodeids');
  const featureIds = ints(n, 'nodes_featureids');
  const modes = strings(n, 'nodes_modes');
  const values = floats(n, 'nodes_values');
  const yes = ints(n, 'nodes_truenodeids');
  const no = ints(n, 'nodes_falsenodeids');
  const wTree = ints(n, `${prefix}_treeids`);
  const wNode = ints(n, `${prefix}_nodeids`);
  const wIds = ints(n, `${prefix}_ids`);
  const weights = floats(n, `${prefix}_weights`);
  const base = floats(n, 'base_values');
  if (wIds.some((id) => id !== 0))
    throw new Error('TreeSHAP: only binary ensembles with one output column are supported');
  const trees = new Map<number, Map<number, TreeNode>>();
  for (let k = 0; k < treeIds.length; k++) {
    const tree = trees.get(treeIds[k]) ?? new Map<number, TreeNode>();
    trees.set(treeIds[k], tree);
    const leaf = modes[k] === 'LEAF';
    if (!leaf && featureIds[k] >= nFeatures)
      throw new Error(`a tree splits on feature ${featureIds[k]} but the model has ${nFeatures} inputs`);
    tree.set(nodeIds[k], {
      leaf,
      value: 0,
      feature: featureIds[k],
      threshold: values[k],
      mode: modes[k] as SplitMode,
      yes: yes[k],
      no: no[k],
    });
  }
  for (let k = 0; k < wTree.length; k++) trees.get(wTree[k])!.get(wNode[k])!.value += weights[k];
  const out: TreeNode[][] = [];
  for (const id of [...trees.keys()].sort((a, b) => a - b)) {
    const tree = trees.get(id)!;
    const size = Math.max(...tree.keys()) + 1;
    out.push(
      Array.from({ length: size }, (_, i) => {
        const node = tree.get(i);
        if (!node) throw new Error(`tree ${id} has no node ${i}; node ids must be 0..n-1`);
        return node;
      }),
    );
  }
  return { nFeatures, base: base[0] ?? 0, trees: out };
}
