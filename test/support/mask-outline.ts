// The outline the viewer sends for a mask drawn on a set of images (a DCE phase, most often): what most integration
// tests analyse, written once.
import { encodeMaskRuns, type Volume } from '@heron/radiomics';
import type { MaskOutline } from '@heron/server/contract';

export const maskOutlineOn = (
  images: { seriesInstanceUID: string; sopInstanceUIDs: string[] },
  mask: Pick<Volume, 'size' | 'spacing' | 'origin' | 'direction' | 'data'>,
): MaskOutline => ({
  kind: 'mask',
  seriesInstanceUID: images.seriesInstanceUID,
  sopInstanceUIDs: images.sopInstanceUIDs,
  size: mask.size,
  spacing: mask.spacing,
  origin: mask.origin,
  direction: mask.direction,
  runs: encodeMaskRuns(mask.data as Uint8Array),
});
