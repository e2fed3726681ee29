// GLDM features (PyRadiomics `gldm`): the level-size features of the dependence matrix (N = number of ROI voxels).
import { generateAngles } from '../angles';
import type { FeatureClass, ImageInput } from '../feature-class';
import { gldmMatrix } from './gldm-matrix';
import * as f from './level-size-matrix';
import type { LevelSizeMatrix } from './level-size-matrix';

export function prepareGldm(input: ImageInput): LevelSizeMatrix {
  const { settings, size } = input;
  const grid = input.grid(Math.max(...settings.distances));
  const neighbours = generateAngles({
    size: [size[2], size[1], size[0]],
    distances: settings.distances,
    excludedAxis: settings.force2D ? settings.force2Ddimension : -1,
    bidirectional: true,
  });
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
