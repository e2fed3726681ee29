// GLDM features (PyRadiomics `gldm`): the level-size features of the dependence matrix (N = number of ROI voxels).
import type { FeatureClass, ImageInput } from '../feature-class';
import { neighbourhood } from './neighbourhood';
import { gldmMatrix } from './gldm-matrix';
import * as f from './level-size-matrix';
import type { LevelSizeMatrix } from './level-size-matrix';

export function prepareGldm(input: ImageInput): LevelSizeMatrix {
  const { settings } = input;
  const { grid, neighbours } = neighbourhood(input, settings.distances);
  const { counts, dependences } = gldmMatrix(grid, neighbours, settings.gldm_a);
  return f.levelSizeMatrix(counts, Float64Array.from(grid.grayLevels), dependences);
}

export const gldm: FeatureClass<ImageInput, LevelSizeMatrix> = {
  name: 'gldm',
  prepare: prepareGldm,
  features: {
    DependenceEntropy: f.sizeEntropy,
    DependenceNonUniformity: f.sizeNonUniformity,
    DependenceNonUniformityNormalized: f.sizeNonUniformityNormalized,
    DependenceVariance: f.sizeVariance,
    GrayLevelNonUniformity: f.grayLevelNonUniformity,
    GrayLevelVariance: f.grayLevelVariance,
    HighGrayLevelEmphasis: f.highGrayLevelEmphasis,
    LargeDependenceEmphasis: f.largeEmphasis,
    LargeDependenceHighGrayLevelEmphasis: f.largeHighGrayLevelEmphasis,
    LargeDependenceLowGrayLevelEmphasis: f.largeLowGrayLevelEmphasis,
    LowGrayLevelEmphasis: f.lowGrayLevelEmphasis,
    SmallDependenceEmphasis: f.smallEmphasis,
    SmallDependenceHighGrayLevelEmphasis: f.smallHighGrayLevelEmphasis,
    SmallDependenceLowGrayLevelEmphasis: f.smallLowGrayLevelEmphasis,
  },
  removed: {
    GrayLevelNonUniformityNormalized: 'it equals firstorder Uniformity',
    DependencePercentage: 'it is always 1',
  },
};
