import type { MaskOutline } from '@heron/server/contract';

/**
 * The reader's tumour outline as the panel holds it: the API's mask outline (the grid of the series it was drawn on,
 * in our Volume layout: voxel (i,j,k) at `i + size[0]*(j + size[1]*k)`, LPS patient coordinates, `direction`
 * row-major 3x3 whose column c is the unit vector of index axis c, as SimpleITK writes it) with the voxels as a mask
 * rather than run lengths, and the name of the OHIF segment it came from. The server maps it onto the other
 * sequences through patient coordinates.
 */
export type Outline = Omit<MaskOutline, 'kind' | 'runs'> & {
  segmentLabel: string;
  mask: Uint8Array;
};

/** Raised when an outline exists but cannot be expressed on a regular grid; the message is for the reader. */
export class OutlineError extends Error {
  override name = 'OutlineError';
}
