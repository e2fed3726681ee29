// GLRLM features (PyRadiomics `glrlm`, after Galloway 1975): the level-size features of each angle's run-length
// matrix (N = number of runs), averaged over angles ignoring NaN.
import { generateAngles } from '../angles';
import type { FeatureClass, ImageInput } from '../feature-class';
import { nanMean } from '../stats';
import { glrlmMatrices } from './glrlm-matrix';
import * as f from './level-size-matrix';
import type { LevelSizeMatrix } from './level-size-matrix';

export interface Glrlm {
  angles: LevelSizeMatrix[];
}

export function prepareGlrlm(input: ImageInput): Glrlm {
  const { settings, size } = input;
  const grid = input.grid(Math.max(...settings.distances));
  const angles = generateAngles({
    size: [size[2], size[1], size[0]],
    distances: [1],
    excludedAxis: settings.force2D ? settings.force2Ddimension : -1,
    bidirectional: false,
  });
  const maxRunLength = Math.max(...size);
  const { matrices, runLengths } = glrlmMatrices(grid, angles, maxRunLength, settings.weightingNorm, input.spacing);
  const level = Float64Array.from(grid.grayLevels);
  return { angles: matrices.map((m) => f.levelSizeMatrix(m, level, runLengths)) };
}

function averaged(feature: (m: LevelSizeMatrix) => number): (g: Glrlm) => number {
  return (g) => nanMean(g.angles.length, (k) => feature(g.angles[k]));
}

export const glrlm: FeatureClass<ImageInput, Glrlm> = {
  name: 'glrlm',
  prepare: prepareGlrlm,
  features: {
    GrayLevelNonUniformity: averaged(f.grayLevelNonUniformity),
    GrayLevelNonUniformityNormalized: averaged(f.grayLevelNonUniformityNormalized),
    GrayLevelVariance: averaged(f.grayLevelVariance),
    HighGrayLevelRunEmphasis: averaged(f.highGrayLevelEmphasis),
    LongRunEmphasis: averaged(f.largeEmphasis),
    LongRunHighGrayLevelEmphasis: averaged(f.largeHighGrayLevelEmphasis),
    LongRunLowGrayLevelEmphasis: averaged(f.largeLowGrayLevelEmphasis),
    LowGrayLevelRunEmphasis: averaged(f.lowGrayLevelEmphasis),
    RunEntropy: averaged(f.sizeEntropy),
    RunLengthNonUniformity: averaged(f.sizeNonUniformity),
    RunLengthNonUniformityNormalized: averaged(f.sizeNonUniformityNormalized),
    RunPercentage: averaged(f.percentage),
    RunVariance: averaged(f.sizeVariance),
    ShortRunEmphasis: averaged(f.smallEmphasis),
    ShortRunHighGrayLevelEmphasis: averaged(f.smallHighGrayLevelEmphasis),
    ShortRunLowGrayLevelEmphasis: averaged(f.smallLowGrayLevelEmphasis),
  },
};
