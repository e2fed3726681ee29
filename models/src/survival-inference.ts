// The risk score of a survival package from its ONNX graph with onnxruntime-web (Node and browser alike; the runtime
// module is passed in, as inference.ts does).
import type { OrtModule } from './inference';

export interface RiskScorer {
  nInputs: number;
  score(features: ArrayLike<number>, rows: number): Promise<Float64Array>;
  release(): Promise<void>;
}

export async function createRiskScorer(ort: OrtModule, bytes: Uint8Array, nInputs: number): Promise<RiskScorer> {
  ort.env.wasm.numThreads = 1;
  const session = await ort.InferenceSession.create(bytes);
  if (!session.outputNames.includes('risk_score'))
    throw new Error(`a survival model must output 'risk_score' [N,1]; it outputs ${session.outputNames.join(', ')}`);
  return {
    nInputs,
    async score(features, rows) {
      if (features.length !== rows * nInputs)
        throw new Error(`expected ${rows} x ${nInputs} feature values, got ${features.length}`);
      for (let i = 0; i < features.length; i++)
        if (!Number.isFinite(features[i]))
          throw new Error(`case ${Math.floor(i / nInputs) + 1}, input ${(i % nInputs) + 1} is ${features[i]}`);
      const data = Float32Array.from(features);
      const out = await session.run({ [session.inputNames[0]]: new ort.Tensor('float32', data, [rows, nInputs]) }, [
        'risk_score',
      ]);
      return Float64Array.from(out.risk_score.data as Float32Array);
    },
    release: () => session.release(),
  };
}
