import { generateAngles, type Offset } from '../angles';
import type { ImageInput } from '../feature-class';
import type { TextureGrid } from '../texture-grid';

/**
 * The discretised grid (padded by the largest configured distance) and every neighbour offset within `distances`, in
 * both directions, as the neighbourhood-based classes need them (GLSZM: zone connectivity; GLDM, NGTDM: a voxel's
 * neighbourhood). Offsets are z-y-x like the grid; force2D drops the out-of-plane axis.
 */
export function neighbourhood(input: ImageInput, distances: number[]): { grid: TextureGrid; neighbours: Offset[] } {
  const { settings, size } = input;
  return {
    grid: input.grid(Math.max(...settings.distances)),
    neighbours: generateAngles({
      size: [size[2], size[1], size[0]],
      distances,
      excludedAxis: settings.force2D ? settings.force2Ddimension : -1,
      bidirectional: true,
    }),
  };
}
