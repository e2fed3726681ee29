// Serves subtraction images to cornerstone3D under their own image id scheme (`heronsub:`), so OHIF's stack
// viewports, thumbnails, labelmap tools and caches treat them like any other image. The loader loads the
// post-contrast and pre-contrast images through cornerstone's own loaders (and caches), and returns their
// difference; a metadata provider answers for a subtraction image with its post-contrast image's metadata (same
// position, orientation, spacing, SOP instance and series), so an outline drawn on it lies on the DCE grid
// (outline/ohif-outline.ts reads those modules), and with the subtraction's own pixel scaling and window.
//
// cornerstone3D internals relied on (as shipped in OHIF 3.13; re-check on every OHIF bump):
// - imageLoader.registerImageLoader(scheme, loader): the loader returns `{ promise }` resolving to an image
//   object; loadAndCacheImage caches it under its image id and, when the image has no voxelManager, builds one
//   from `getPixelData()` and deletes `imageFrame.pixelData`.
// - metaData.addProvider(provider, priority): providers are asked in order of priority; the first answer that is
//   not undefined wins.
// - A stack viewport takes its first window from the image's windowCenter/windowWidth or the voiLutModule.
import { type DisplayWindow, type PixelSource, subtractPixels, subtractionWindow } from './subtract';

export const SUBTRACTION_SCHEME = 'heronsub';

interface CsImage {
  imageId: string;
  voxelManager?: { getScalarData(): ArrayLike<number> };
  getPixelData?(): ArrayLike<number>;
  imageFrame?: Record<string, unknown>;
  slope?: number;
  intercept?: number;
  preScale?: { enabled?: boolean; scaled?: boolean; scalingParameters?: Record<string, number> };
  [key: string]: unknown;
}

export interface LoaderLibraries {
  imageLoader: {
    registerImageLoader(
      scheme: string,
      loader: (imageId: string, options?: unknown) => { promise: Promise<unknown> },
    ): void;
    loadAndCacheImage(imageId: string, options?: unknown): Promise<unknown>;
  };
  metaData: {
    addProvider(provider: (type: string, ...query: unknown[]) => unknown, priority?: number): void;
    get(type: string, imageId: string): unknown;
  };
}

interface Entry {
  postImageId: string;
  preImageId: string;
  /** One window per subtraction series, so scrolling keeps the brightness. */
  seriesKey: string;
}

const entries = new Map<string, Entry>();
const windows = new Map<string, DisplayWindow>();
const registered = new WeakSet<object>();

/** The image id of slice `n` of subtraction series `seriesKey` (no ':' in the key: cornerstone splits on it). */
export function subtractionImageId(seriesKey: string, n: number): string {
  return `${SUBTRACTION_SCHEME}:${seriesKey.replace(/:/g, '_')}/${n}`;
}

/** Declares what subtraction image `imageId` is the difference of. */
export function defineSubtractionImage(imageId: string, postImageId: string, preImageId: string, seriesKey: string) {
  entries.set(imageId, { postImageId, preImageId, seriesKey });
}

/** The post-contrast image a subtraction image was derived from; undefined for any other image. */
export function postImageOf(imageId: string): string | undefined {
  return entries.get(imageId)?.postImageId;
}

function source(image: CsImage): PixelSource {
  const pixels = image.voxelManager?.getScalarData() ?? image.getPixelData?.();
  if (!pixels) throw new Error(`Image ${image.imageId} has no pixels.`);
  // Loaders that scale while decoding (cornerstone's "preScale") already applied slope and intercept.
  const scaled = !!image.preScale?.scaled;
  return { pixels, slope: scaled ? 1 : (image.slope ?? 1), intercept: scaled ? 0 : (image.intercept ?? 0) };
}

async function load(cs: LoaderLibraries, imageId: string, options: unknown): Promise<CsImage> {
  const entry = entries.get(imageId);
  if (!entry) throw new Error(`No subtraction image is defined as ${imageId}.`);
  const [post, pre] = (await Promise.all([
    cs.imageLoader.loadAndCacheImage(entry.postImageId, options),
    cs.imageLoader.loadAndCacheImage(entry.preImageId, options),
  ])) as [CsImage, CsImage];
  const diff = subtractPixels(source(post), source(pre));
  let window = windows.get(entry.seriesKey);
  if (!window) {
    window = subtractionWindow(diff.data);
    windows.set(entry.seriesKey, window);
  }
  // The post image's description (size, spacing, photometric interpretation…) with the difference as pixels.
  const { voxelManager: _v, getPixelData: _g, imageFrame, ...rest } = post;
  return {
    ...rest,
    imageId,
    dataType: 'Float32Array',
    color: false,
    numberOfComponents: 1,
    invert: false,
    slope: 1,
    intercept: 0,
    preScale: { enabled: true, scaled: true, scalingParameters: { rescaleSlope: 1, rescaleIntercept: 0 } },
    minPixelValue: diff.min,
    maxPixelValue: diff.max,
    windowCenter: window.center,
    windowWidth: window.width,
    voiLUTFunction: 'LINEAR',
    sizeInBytes: diff.data.byteLength,
    imageFrame: { ...imageFrame, pixelData: diff.data, smallestPixelValue: diff.min, largestPixelValue: diff.max },
    getPixelData: () => diff.data,
  };
}

function metadata(cs: LoaderLibraries, type: string, imageId: unknown): unknown {
  if (typeof imageId !== 'string') return undefined;
  const entry = entries.get(imageId);
  if (!entry) return undefined;
  if (type === 'modalityLutModule') return { rescaleSlope: 1, rescaleIntercept: 0 };
  if (type === 'voiLutModule') {
    const window = windows.get(entry.seriesKey);
    return window ? { windowCenter: [window.center], windowWidth: [window.width] } : {};
  }
  return cs.metaData.get(type, entry.postImageId);
}

/** Registers the loader and the metadata provider once per cornerstone instance. */
export function registerSubtractionLoader(cs: LoaderLibraries): void {
  if (registered.has(cs.imageLoader)) return;
  registered.add(cs.imageLoader);
  cs.imageLoader.registerImageLoader(SUBTRACTION_SCHEME, (imageId, options) => ({
    promise: load(cs, imageId, options),
  }));
  // Above OHIF's own providers, which know nothing of this scheme.
  cs.metaData.addProvider((type, imageId) => metadata(cs, type, imageId), 100_000);
}
