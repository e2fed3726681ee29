// Image/mask grid agreement, as ITK checks it before LabelStatisticsImageFilter runs: same size; origin and spacing
// equal within tolerance × spacing[0] (tolerance 1e-6 by default); direction equal within 1e-6. PyRadiomics'
// `geometryTolerance` replaces both tolerances.
import type { Volume } from './volume';

export function assertSameGeometry(image: Volume, mask: Volume, geometryTolerance: number | null): void {
  if (image.size.some((n, axis) => n !== mask.size[axis])) {
    throw new Error(
      `image and mask differ in size: image ${image.size.join('x')}, mask ${mask.size.join('x')} (voxels x, y, z)`,
    );
  }
  const coordinateTolerance = Math.abs((geometryTolerance ?? 1e-6) * image.spacing[0]);
  const directionTolerance = geometryTolerance ?? 1e-6;
  const differs = (a: readonly number[], b: readonly number[], tolerance: number): boolean =>
    a.some((value, k) => !(Math.abs(value - b[k]) <= tolerance));
  const problems: string[] = [];
  if (differs(image.origin, mask.origin, coordinateTolerance)) {
    problems.push(`origin image (${image.origin.join(', ')}) vs mask (${mask.origin.join(', ')})`);
  }
  if (differs(image.spacing, mask.spacing, coordinateTolerance)) {
    problems.push(`spacing image (${image.spacing.join(', ')}) vs mask (${mask.spacing.join(', ')})`);
  }
  if (differs(image.direction, mask.direction, directionTolerance)) {
    problems.push(`direction image (${image.direction.join(', ')}) vs mask (${mask.direction.join(', ')})`);
  }
  if (problems.length > 0) {
    throw new Error(
      `image and mask geometry differ: ${problems.join('; ')}. ` +
        `Resample the mask onto the image grid, or raise geometryTolerance if the difference is rounding only`,
    );
  }
}
