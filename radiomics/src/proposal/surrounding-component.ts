// The component that surrounds a click on a non-enhancing core (necrosis, the centre of a rim-enhancing lesion):
// rays cast from the click in the 26 grid directions each stop at the first labelled voxel they meet; the label most
// rays hit is the lesion around the click, if at least half of them hit it. A click in fat next to a lesion, or in
// the open, sees a component from a few directions only and finds nothing.
import type { Vec3 } from '../volume';

/** How far a ray looks, mm: beyond the radius of a necrotic core in a 60 mm lesion. */
const RAY_REACH_MM = 30;

/** The component most of 26 rays from the click hit first (0 when fewer than half hit the same one). */
export function surroundingLabel(labels: Int32Array, size: Vec3, spacing: Vec3, seed: Vec3): number {
  const votes = new Map<number, number>();
  const stepMm = Math.min(...spacing) / 2;
  let rays = 0;
  for (let dz = -1; dz <= 1; dz++) {
    for (let dy = -1; dy <= 1; dy++) {
      for (let dx = -1; dx <= 1; dx++) {
        if (!dx && !dy && !dz) continue;
        rays++;
        const norm = Math.hypot(dx, dy, dz);
        // Direction in mm, converted to index steps per mm.
        const step = [
          (dx / norm) * (stepMm / spacing[0]),
          (dy / norm) * (stepMm / spacing[1]),
          (dz / norm) * (stepMm / spacing[2]),
        ];
        for (let t = 1; t * stepMm <= RAY_REACH_MM; t++) {
          const i = Math.round(seed[0] + step[0] * t);
          const j = Math.round(seed[1] + step[1] * t);
          const k = Math.round(seed[2] + step[2] * t);
          if (i < 0 || j < 0 || k < 0 || i >= size[0] || j >= size[1] || k >= size[2]) break;
          const label = labels[i + size[0] * (j + size[1] * k)];
          if (label) {
            votes.set(label, (votes.get(label) ?? 0) + 1);
            break;
          }
        }
      }
    }
  }
  let best = 0;
  let bestVotes = 0;
  for (const [label, n] of votes) if (n > bestVotes) [best, bestVotes] = [label, n];
  return bestVotes * 2 >= rays ? best : 0;
}
