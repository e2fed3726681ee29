// Batch prediction with onnxruntime-web: the same code in Node and in the browser. The runtime module is passed in
// (`import * as ort from 'onnxruntime-web'` in Node, 'onnxruntime-web/wasm' in the browser) so this file stays free
// of environment-specific imports.
import type * as Ort from 'onnxruntime-web';

export type OrtModule = Pick<typeof Ort, 'InferenceSession' | 'Tensor' | 'env'>;

export interface Prediction {
  probability: Float64Array;
  /** Log-odds; from the graph's `logit` output when it has one, otherwise logit(probability) (float32 precision). */
  logit: Float64Array;
}

export interface Predictor {
  nInputs: number;
  /** Predicts for `rows` cases stored row-major in `features` (length rows * nInputs). */
  predict(features: ArrayLike<number>, rows: number): Promise<Prediction>;
  release(): Promise<void>;
}

export async function createPredictor(ort: OrtModule, bytes: Uint8Array, nInputs: number): Promise<Predictor> {
  ort.env.wasm.numThreads = 1;
  const session = await ort.InferenceSession.create(bytes);
  const input = session.inputNames[0];
  const outputs = session.outputNames;
  const probName = outputs.includes('probability')
    ? 'probability'
    : outputs.includes('probabilities')
      ? 'probabilities'
      : undefined;
  if (!probName)
    throw new Error(
      `the ONNX model must output 'probability' [N,1] or 'probabilities' [N,2]; it outputs ${outputs.join(', ')}`,
    );
  const hasLogit = outputs.includes('logit');
  return {
    nInputs,
    async predict(features, rows) {
      if (features.length !== rows * nInputs) {
        throw new Error(`expected ${rows} x ${nInputs} feature values, got ${features.length}`);
      }
      for (let i = 0; i < features.length; i++) {
        if (!Number.isFinite(features[i])) {
          throw new Error(
            `case ${Math.floor(i / nInputs) + 1}, input ${(i % nInputs) + 1} is ${features[i]}; every input must be a finite number`,
          );
        }
      }
      const data = features instanceof Float32Array ? features : Float32Array.from(features);
      const fetches = hasLogit ? [probName, 'logit'] : [probName];
      const result = await session.run({ [input]: new ort.Tensor('float32', data, [rows, nInputs]) }, fetches);
      const p = result[probName].data as Float32Array;
      const width = p.length / rows;
      const probability = Float64Array.from({ length: rows }, (_, r) => p[r * width + width - 1]);
      const logit = hasLogit
        ? Float64Array.from(result.logit.data as Float32Array)
        : Float64Array.from(probability, (q) => Math.log(q / (1 - q)));
      return { probability, logit };
    },
    release: () => session.release(),
  };
}
