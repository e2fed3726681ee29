/**
 * Which key images a report shows: the outlined series (the DCE phase the reader drew on) and every other series
 * the model read (T2, DWI, ...), each at the slice where the tumour is largest on that series' own grid.
 */
import { outlineOnGrid } from '@heron/models';
import type { Volume } from '@heron/radiomics';
import { type KeyImage, renderKeyImage } from './key-image';

export interface KeyImageSeries {
  label: string;
  seriesInstanceUID: string;
  image: Volume;
}

/**
 * `outlined` carries the outline on its own grid; `others` are mapped through patient coordinates as the analysis
 * mapped them. A series listed twice (one series feeding two sequences) is shown once.
 */
export async function keyImagesOf(
  outlined: KeyImageSeries & { tumour: Volume },
  others: KeyImageSeries[],
): Promise<KeyImage[]> {
  const seen = new Set([outlined.seriesInstanceUID]);
  const images = [await renderKeyImage(outlined)];
  for (const s of others) {
    if (seen.has(s.seriesInstanceUID)) continue;
    seen.add(s.seriesInstanceUID);
    const tumour = outlineOnGrid(outlined.tumour, s.image);
    images.push(await renderKeyImage({ label: s.label, image: s.image, tumour }));
  }
  return images.filter((k): k is KeyImage => k !== null);
}
