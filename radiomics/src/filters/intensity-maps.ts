// PyRadiomics' intensity-map image types (imageoperations.getSquareImage, getSquareRootImage, getLogarithmImage,
// getExponentialImage), in float64 over the whole (or pre-cropped / resampled) image, with m = max|x|:
// square (x/√m)², squareroot sign(x)·√(|x|·m), logarithm sign(x)·ln(|x| + 1) rescaled to max |m|, exponential
// exp(x·ln(m)/m). See docs/pyradiomics-notes.md §6.3.
import type { Volume } from '../volume';

function maxAbs(data: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < data.length; i++) {
    const a = Math.abs(data[i]);
    if (a > m) m = a;
  }
  return m;
}

function mapped(image: Volume, f: (x: number) => number): Volume {
  const out = new Float64Array(image.data.length);
  for (let i = 0; i < out.length; i++) out[i] = f(image.data[i]);
  return { ...image, data: out };
}

export function squareImage(image: Volume): Volume {
  const coefficient = 1 / Math.sqrt(maxAbs(image.data));
  return mapped(image, (x) => (coefficient * x) ** 2);
}

export function squareRootImage(image: Volume): Volume {
  const m = maxAbs(image.data);
  return mapped(image, (x) => (x > 0 ? Math.sqrt(x * m) : x < 0 ? -Math.sqrt(-x * m) : x));
}

export function logarithmImage(image: Volume): Volume {
  const m = maxAbs(image.data);
  const logs = mapped(image, (x) => (x > 0 ? Math.log(x + 1) : x < 0 ? -Math.log(-(x - 1)) : x));
  const scale = m / maxAbs(logs.data);
  const data = logs.data as Float64Array;
  for (let i = 0; i < data.length; i++) data[i] = data[i] * scale;
  return logs;
}

export function exponentialImage(image: Volume): Volume {
  const m = maxAbs(image.data);
  const coefficient = Math.log(m) / m;
  return mapped(image, (x) => Math.exp(coefficient * x));
}
