// GLSZM features (PyRadiomics `glszm`): the level-size features of the size-zone matrix (N = number of zones).
import type { FeatureClass, ImageInput } from '../feature-class';
import { neighbourhood } from './neighbourhood';
import { glszmMatrix } from './glszm-matrix';
import * as f from './level-size-matrix';
import type { LevelSizeMatrix } from './level-size-matrix';

export function prepareGlszm(input: ImageInput): LevelSizeMatrix {
  const { grid, neighbours } = neighbourhood(input, [1]);
  const { counts, sizes } = glszmMatrix(grid, neighbours);
  return f.levelSizeMatrix(counts, Float64Array.from(grid.grayLevels), sizes);
}

export const glszm: FeatureClass<ImageInput, LevelSizeMatrix> = {
  name: 'glszm',
  prepare: prepareGlszm,
  features: {
    GrayLevelNonUniformity: f.grayLevelNonUniformity,
    GrayLevelNonUniformityNormalized: f.grayLevelNonUniformityNormalized,
    GrayLevelVariance: f.grayLevelVariance,
    HighGrayLevelZoneEmphasis: f.highGrayLevelEmphasis,
    LargeAreaEmphasis: f.largeEmphasis,
    LargeAreaHighGrayLevelEmphasis: f.largeHighGrayLevelEmphasis,
    LargeAreaLowGrayLevelEmphasis: f.largeLowGrayLevelEmphasis,
    LowGrayLevelZoneEmphasis: f.lowGrayLevelEmphasis,
    SizeZoneNonUniformity: f.sizeNonUniformity,
    SizeZoneNonUniformityNormalized: f.sizeNonUniformityNormalized,
    SmallAreaEmphasis: f.smallEmphasis,
    SmallAreaHighGrayLevelEmphasis: f.smallHighGrayLevelEmphasis,
    SmallAreaLowGrayLevelEmphasis: f.smallLowGrayLevelEmphasis,
    ZoneEntropy: f.sizeEntropy,
    ZonePercentage: f.percentage,
    ZoneVariance: f.sizeVariance,
  },
};
