// A server mask outline cut into the 2D label arrays of its images, for writing into OHIF's labelmap images. The
// mask's slice k lies on image sopInstanceUIDs[k]; within a slice, voxel (i, j) is column i, row j of that image
// (the server builds the grid with index axis 0 along the image rows' direction), i.e. pixel j·columns + i.
import { decodeMaskRuns } from '@heron/radiomics';
import type { ServerMaskOutline } from './outline-api';

/** The label array of every image that holds at least one voxel of the outline, by SOP Instance UID. */
export function maskSlices(outline: ServerMaskOutline): Map<string, Uint8Array> {
  const [nx, ny, nz] = outline.size;
  if (outline.sopInstanceUIDs.length !== nz)
    throw new Error(`The outline has ${nz} slices but names ${outline.sopInstanceUIDs.length} images.`);
  const mask = decodeMaskRuns(outline.runs, nx * ny * nz);
  const slices = new Map<string, Uint8Array>();
  const plane = nx * ny;
  for (let k = 0; k < nz; k++) {
    const slice = mask.subarray(k * plane, (k + 1) * plane);
    if (slice.some((v) => v !== 0)) slices.set(outline.sopInstanceUIDs[k], Uint8Array.from(slice));
  }
  return slices;
}
