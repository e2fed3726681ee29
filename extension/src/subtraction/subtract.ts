// The arithmetic of a subtraction image: post-contrast minus pre-contrast signal per pixel, in the scanner's
// units (after each image's rescale slope and intercept), kept signed because tissue that loses signal after
// contrast (wash-out in a late phase, motion at edges) gives negative differences a reader should be able to see.

export interface PixelSource {
  pixels: ArrayLike<number>;
  /** Rescale slope and intercept still to apply; 1 and 0 when the loader already applied them. */
  slope: number;
  intercept: number;
}

export interface Difference {
  data: Float32Array;
  min: number;
  max: number;
}

/** post − pre per pixel, as Float32 (signed, and exact for 16-bit scanner values). */
export function subtractPixels(post: PixelSource, pre: PixelSource): Difference {
  if (post.pixels.length !== pre.pixels.length) {
    throw new Error(`A subtraction needs images of one size (${post.pixels.length} and ${pre.pixels.length} pixels).`);
  }
  const data = new Float32Array(post.pixels.length);
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < data.length; i++) {
    const v = post.pixels[i]! * post.slope + post.intercept - (pre.pixels[i]! * pre.slope + pre.intercept);
    data[i] = v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return data.length ? { data, min, max } : { data, min: 0, max: 0 };
}

export interface DisplayWindow {
  center: number;
  width: number;
}

/**
 * The default window of a subtraction series: from no enhancement (black; losses of signal stay black too) to the
 * 99.5th percentile of the positive differences (white), so the few brightest pixels (vessels, heart) do not
 * darken the enhancing lesion. Kept for the whole series, so scrolling does not change the brightness.
 */
export function subtractionWindow(diff: ArrayLike<number>): DisplayWindow {
  const positive: number[] = [];
  for (let i = 0; i < diff.length; i++) if (diff[i]! > 0) positive.push(diff[i]!);
  positive.sort((a, b) => a - b);
  const top = positive.length ? positive[Math.min(positive.length - 1, Math.floor(positive.length * 0.995))]! : 1;
  const high = Math.max(top, 1);
  return { center: high / 2, width: high };
}
