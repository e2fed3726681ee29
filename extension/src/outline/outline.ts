/**
 * The reader's tumour outline as the server receives it: a binary mask on the grid of the series it was
 * drawn on, in our Volume layout (voxel (i,j,k) at `i + size[0]*(j + size[1]*k)`, LPS patient
 * coordinates, `direction` row-major 3x3 whose column c is the unit vector of index axis c, as
 * SimpleITK writes it). The server maps it onto the other sequences through patient coordinates.
 */
export interface Outline {
  seriesInstanceUID: string;
  /** The source images in mask slice order (k = 0, 1, …). */
  sopInstanceUIDs: string[];
  segmentLabel: string;
  mask: Uint8Array;
  size: [number, number, number];
  spacing: [number, number, number];
  origin: [number, number, number];
  direction: number[];
}

/** Raised when an outline exists but cannot be expressed on a regular grid; the message is for the reader. */
export class OutlineError extends Error {
  override name = 'OutlineError';
}
