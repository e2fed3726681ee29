// A peritumoral shell derived after resampling rather than on the original grid: the image and the tumour are
// resampled exactly as the extraction would resample them (resampleToRoi: PyRadiomics' grid over the ROI box, its
// interpolator for the image, nearest neighbour for the mask), with padDistance grown by the shell's reach so the
// shell fits on the new grid, and the shell is derived there. An intensity floor applies to the resampled image; an
// exclusion mask (on the original grid) is carried onto the new grid by nearest neighbour, as masks are. Features of
// the shell are then extracted from the returned image and shell with resampling switched off.
import { selectLabel } from './mask';
import { peritumoralShell, type ShellOptions } from './peritumoral-shell';
import { assertSameGeometry } from './geometry';
import { resampleVolume } from './resample';
import { resampleToRoi } from './resample-roi';
import type { Settings } from './settings';
import type { Volume } from './volume';

export interface ResampledShell {
  /** The image on the resampled grid. */
  image: Volume;
  /** The tumour mapped onto it (nearest neighbour, as PyRadiomics maps masks). */
  tumour: Volume;
  /** The shell on the resampled grid (0/1). */
  shell: Volume;
}

export function resampledShell(
  image: Volume,
  mask: Volume,
  mm: number,
  settings: Pick<Settings, 'resampledPixelSpacing' | 'interpolator' | 'padDistance' | 'label'>,
  options: Omit<ShellOptions, 'label' | 'image'> = {},
): ResampledShell {
  const spacing = settings.resampledPixelSpacing;
  if (!spacing || settings.interpolator === null) {
    throw new Error('a shell on the resampled grid needs resampledPixelSpacing and an interpolator in the settings');
  }
  if (!(mm > 0) || !Number.isFinite(mm))
    throw new Error(`resampledShell: the shell width must be a positive number of mm, got ${mm}`);
  // New voxels the shell can reach along the finest resampled axis (0 keeps the mask's spacing), plus one.
  const finest = Math.min(...spacing.map((s, axis) => (s === 0 ? mask.spacing[axis] : s)));
  const reach = Math.ceil(mm / finest) + 1;
  const roi = selectLabel(mask, settings.label);
  const resampled = resampleToRoi(image, mask, roi, { ...settings, padDistance: settings.padDistance + reach });
  let exclude: Volume | undefined;
  if (options.exclude) {
    try {
      assertSameGeometry(mask, options.exclude, null);
    } catch (error) {
      throw new Error(
        `resampledShell: the exclusion mask is on another grid than the tumour mask (${(error as Error).message})`,
      );
    }
    exclude = resampleVolume(options.exclude, resampled.mask, 'nearest');
  }
  const shell = peritumoralShell(resampled.mask, mm, {
    ...options,
    label: settings.label,
    image: resampled.image,
    exclude,
  });
  return { image: resampled.image, tumour: resampled.mask, shell };
}
