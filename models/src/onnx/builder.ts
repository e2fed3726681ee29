// A small ONNX protobuf builder over onnx-proto (ONNX 1.10 protos, IR 8), so models are authored from TypeScript
// without Python (see docs/onnx-and-shap.md, section 3). Heron's models use ai.onnx 17, ai.onnx.ml 3, IR 8:
// the newest combination the Debian onnx checker validates and onnxruntime 1.30 runs.
import onnxProto from 'onnx-proto';

export const onnx = onnxProto.onnx;
export type NodeProto = onnxProto.onnx.INodeProto;
export type TensorProto = onnxProto.onnx.ITensorProto;
export type ValueInfoProto = onnxProto.onnx.IValueInfoProto;
export type AttributeProto = onnxProto.onnx.IAttributeProto;

export const IR_VERSION = 8;
export const OPSETS = { '': 17, 'ai.onnx.ml': 3 } as const;
export const ML_DOMAIN = 'ai.onnx.ml';

const AT = onnx.AttributeProto.AttributeType;
export const DataType = onnx.TensorProto.DataType;
const encoder = new TextEncoder();

export const attr = {
  f: (name: string, f: number): AttributeProto => ({ name, type: AT.FLOAT, f }),
  i: (name: string, i: number): AttributeProto => ({ name, type: AT.INT, i }),
  s: (name: string, s: string): AttributeProto => ({ name, type: AT.STRING, s: encoder.encode(s) }),
  fs: (name: string, v: ArrayLike<number>): AttributeProto => ({ name, type: AT.FLOATS, floats: Array.from(v) }),
  is: (name: string, v: ArrayLike<number>): AttributeProto => ({ name, type: AT.INTS, ints: Array.from(v) }),
  ss: (name: string, v: string[]): AttributeProto => ({
    name,
    type: AT.STRINGS,
    strings: v.map((x) => encoder.encode(x)),
  }),
};

export function floatTensor(name: string, dims: number[], data: ArrayLike<number>): TensorProto {
  const f32 = Float32Array.from(data);
  return { name, dims, dataType: DataType.FLOAT, rawData: new Uint8Array(f32.buffer) };
}

export function int64Tensor(name: string, dims: number[], data: number[]): TensorProto {
  const i64 = BigInt64Array.from(data, (v) => BigInt(v));
  return { name, dims, dataType: DataType.INT64, rawData: new Uint8Array(i64.buffer) };
}

export function tensorValueInfo(name: string, dims: (number | string)[]): ValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType: DataType.FLOAT,
        shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) },
      },
    },
  };
}

export function node(
  opType: string,
  inputs: string[],
  outputs: string[],
  attributes: AttributeProto[] = [],
  domain = '',
): NodeProto {
  return { opType, input: inputs, output: outputs, attribute: attributes, domain, name: `${opType}_${outputs[0]}` };
}

export interface ModelSpec {
  graphName: string;
  nodes: NodeProto[];
  inputs: ValueInfoProto[];
  outputs: ValueInfoProto[];
  initializers?: TensorProto[];
  metadata?: Record<string, string>;
  usesMl?: boolean;
}

/** Serialises a model at ai.onnx 17 (+ ai.onnx.ml 3 when ml ops are used), IR 8. Deterministic bytes for a spec. */
export function buildModel(spec: ModelSpec): Uint8Array {
  const opsets: { domain: string; version: number }[] = [{ domain: '', version: OPSETS[''] }];
  if (spec.usesMl) opsets.push({ domain: ML_DOMAIN, version: OPSETS[ML_DOMAIN] });
  const model = onnx.ModelProto.create({
    irVersion: IR_VERSION,
    producerName: 'heron',
    producerVersion: '0.1.0',
    modelVersion: 1,
    opsetImport: opsets,
    metadataProps: Object.entries(spec.metadata ?? {}).map(([key, value]) => ({ key, value })),
    graph: {
      name: spec.graphName,
      node: spec.nodes,
      input: spec.inputs,
      output: spec.outputs,
      initializer: spec.initializers ?? [],
    },
  });
  const err = onnx.ModelProto.verify(model);
  if (err) throw new Error(`invalid ONNX model: ${err}`);
  return onnx.ModelProto.encode(model).finish();
}
