// Whether Heron's radiomics engine can compute every feature a manifest asks for. Rather than keep a second list of
// feature names, the engine itself is run with each sequence's parameter file on a small test volume: an image
// type it does not implement fails there with the engine's own message, and a feature name absent from the result
// is one it cannot compute.
import { extractFeatures, paramsFromObject, type Volume } from '@heron/radiomics';
import type { Manifest } from './manifest';

function testVolumes(): { image: Volume; mask: Volume } {
  const size: [number, number, number] = [12, 12, 12];
  const n = size[0] * size[1] * size[2];
  const image = new Float32Array(n);
  const mask = new Uint8Array(n);
  for (let k = 0; k < 12; k++)
    for (let j = 0; j < 12; j++)
      for (let i = 0; i < 12; i++) {
        const v = i + 12 * (j + 12 * k);
        image[v] = 100 + ((i * 7 + j * 13 + k * 29) % 17) * 5;
        mask[v] = (i - 5.5) ** 2 + (j - 5.5) ** 2 + (k - 5.5) ** 2 < 16 ? 1 : 0;
      }
  const geometry = {
    size,
    spacing: [1, 1, 1] as [number, number, number],
    origin: [0, 0, 0] as [number, number, number],
    direction: [1, 0, 0, 0, 1, 0, 0, 0, 1],
  };
  return { image: { data: image, ...geometry }, mask: { data: mask, ...geometry } };
}

/** Throws naming the first input the engine cannot compute. */
export function assertComputable(manifest: Manifest): void {
  const { image, mask } = testVolumes();
  for (const [sequence, { params }] of Object.entries(manifest.sequences)) {
    const wanted = manifest.inputs
      .map((i) => i.name.split('/'))
      // DCE/kinetics/<name> comes from the kinetics of the whole DCE, not from an extraction.
      .filter((p) => p[0] === sequence && p[1] !== 'kinetics')
      .map((p) => p[2]);
    if (wanted.length === 0) continue;
    let computed: Map<string, number>;
    try {
      computed = extractFeatures(image, mask, paramsFromObject(params, `extraction settings of ${sequence}`), {
        label: 1,
      });
    } catch (err) {
      throw new Error(
        `the radiomics engine cannot run the extraction settings of ${sequence}: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
    const missing = wanted.filter((f) => !computed.has(f));
    if (missing.length) {
      throw new Error(
        `the radiomics engine does not compute ${missing.map((f) => `${sequence}/…/${f}`).join(', ')} with the extraction settings of ${sequence}`,
      );
    }
  }
}
