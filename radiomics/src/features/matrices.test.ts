// The texture matrices of brain1, brain2 and breast1 (default settings) against PyRadiomics' expected matrices
// (../shared/reference/pyradiomics/data/baseline/<case>_<class>.npy) within 1e-9: the normalised GLCM per angle
// (Ng, Ng, 13), run counts (Ng, Nr, 13), zone counts (Ng, Ns), dependence counts (Ng, Nd) and NGTDM rows (n, s, i).
import { readFileSync } from 'node:fs';
import { generateAngles } from '../angles';
import { imageInput, prepareRois } from '../extractor';
import { DEFAULT_SETTINGS } from '../settings';
import { parseNpy, type NpyArray } from '../testing/npy';
import { pyradiomicsCase, referencePath } from '../testing/reference';
import { glcmMatrices } from './glcm-matrix';
import { gldmMatrix } from './gldm-matrix';
import { glrlmMatrices } from './glrlm-matrix';
import { glszmMatrix } from './glszm-matrix';
import { ngtdmMatrix } from './ngtdm-matrix';

const settings = DEFAULT_SETTINGS;

async function caseInput(name: string) {
  const [image, mask] = await pyradiomicsCase(name);
  const { working, featureRoi } = prepareRois(image, mask, settings);
  const input = imageInput(working, featureRoi, settings);
  const zyx: [number, number, number] = [input.size[2], input.size[1], input.size[0]];
  const angles = (bidirectional: boolean) =>
    generateAngles({ size: zyx, distances: [1], excludedAxis: -1, bidirectional });
  return { input, grid: input.grid(1), angles };
}

function expected(name: string, matrix: string): NpyArray {
  return parseNpy(new Uint8Array(readFileSync(referencePath(`pyradiomics/data/baseline/${name}_${matrix}.npy`))));
}

/** Largest |a − b| between an expected array and ours, given as value(index tuple). */
function maxDifference(reference: NpyArray, ours: (index: number[]) => number): number {
  let worst = 0;
  const index = new Array<number>(reference.shape.length).fill(0);
  for (let n = 0; n < reference.data.length; n++) {
    worst = Math.max(worst, Math.abs(reference.data[n] - ours(index)));
    for (let a = index.length - 1; a >= 0; a--) {
      if (++index[a] < reference.shape[a]) break;
      index[a] = 0;
    }
  }
  return worst;
}

describe.each(['brain1', 'brain2', 'breast1'])('%s texture matrices', (name) => {
  test('GLCM', async () => {
    const { grid, angles, input } = await caseInput(name);
    const ours = glcmMatrices(grid, {
      angles: angles(false),
      symmetrical: true,
      weightingNorm: null,
      spacing: input.spacing,
    });
    const reference = expected(name, 'glcm');
    const n = reference.shape[0];
    expect(ours.length).toBe(reference.shape[2]);
    expect(maxDifference(reference, ([i, j, a]) => ours[a][i * n + j])).toBeLessThan(1e-9);
  });

  test('GLRLM', async () => {
    const { grid, angles, input } = await caseInput(name);
    const { matrices } = glrlmMatrices(grid, angles(false), Math.max(...input.size), null, input.spacing);
    const reference = expected(name, 'glrlm');
    const columns = reference.shape[1];
    expect(matrices.length).toBe(reference.shape[2]);
    expect(matrices[0].length).toBe(reference.shape[0] * columns);
    expect(maxDifference(reference, ([i, r, a]) => matrices[a][i * columns + r])).toBeLessThan(1e-9);
  });

  test('GLSZM', async () => {
    const { grid, angles } = await caseInput(name);
    const { counts, sizes } = glszmMatrix(grid, angles(true));
    const reference = expected(name, 'glszm');
    expect(sizes.length).toBe(reference.shape[1]);
    expect(maxDifference(reference, ([i, s]) => counts[i * sizes.length + s])).toBeLessThan(1e-9);
  });

  test('GLDM', async () => {
    const { grid, angles } = await caseInput(name);
    const { counts, dependences } = gldmMatrix(grid, angles(true), 0);
    const reference = expected(name, 'gldm');
    expect(dependences.length).toBe(reference.shape[1]);
    expect(maxDifference(reference, ([i, d]) => counts[i * dependences.length + d])).toBeLessThan(1e-9);
  });

  test('NGTDM', async () => {
    const { grid, angles } = await caseInput(name);
    const { n, s, level } = ngtdmMatrix(grid, angles(true));
    const reference = expected(name, 'ngtdm');
    expect(n.length).toBe(reference.shape[0]);
    expect(maxDifference(reference, ([i, c]) => [n, s, level][c][i])).toBeLessThan(1e-9);
  });
});
