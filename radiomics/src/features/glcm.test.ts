// GLCM on hand-made slices. The row 1 1 2 2 (one angle, along x) gives the symmetric matrix [[2, 1], [1, 2]] / 6:
// p = [[1/3, 1/6], [1/6, 1/3]], px = py = [1/2, 1/2], μx = μy = 3/2, p_{x−y} = [2/3, 1/3], p_{x+y} = [1/3, 1/3, 1/3].
import { generateAngles } from '../angles';
import { inputOf } from '../testing/fixtures';
import { glcm, prepareGlcm } from './glcm';
import { glcmMatrices } from './glcm-matrix';

const prepared = prepareGlcm(inputOf([[[1, 1, 2, 2]]]));
const hxy = (2 / 3) * Math.log2(3) + (1 / 3) * Math.log2(6);

test.each([
  ['Autocorrelation', 7 / 3],
  ['JointAverage', 1.5],
  ['SumAverage', 3],
  ['Contrast', 1 / 3],
  ['ClusterTendency', 2 / 3],
  ['ClusterShade', 0],
  ['ClusterProminence', 2 / 3],
  ['SumSquares', 0.25],
  ['Correlation', 1 / 3],
  ['DifferenceAverage', 1 / 3],
  ['DifferenceVariance', 2 / 9],
  ['DifferenceEntropy', -((2 / 3) * Math.log2(2 / 3) + (1 / 3) * Math.log2(1 / 3))],
  ['JointEnergy', 5 / 18],
  ['JointEntropy', hxy],
  ['Id', 5 / 6],
  ['Idm', 5 / 6],
  ['Idn', 8 / 9],
  ['Idmn', 14 / 15],
  ['InverseVariance', 1 / 3],
  ['MaximumProbability', 1 / 3],
  ['SumEntropy', Math.log2(3)],
  // HX = HY = 1, HXY1 = HXY2 = 2.
  ['Imc1', hxy - 2],
  ['Imc2', Math.sqrt(1 - Math.exp(-2 * (2 - hxy)))],
  // Dx^(−½) P Dx^(−½) = [[2/3, 1/3], [1/3, 2/3]] has eigenvalues 1 and 1/3.
  ['MCC', 1 / 3],
])('%s', (name, expected) => {
  expect(glcm.features[name](prepared)).toBeCloseTo(expected, 12);
});

test("the 0° matrix of the 5×5 example in PyRadiomics' GLCM documentation", () => {
  const image = [
    [
      [1, 2, 5, 2, 3],
      [3, 2, 1, 3, 1],
      [1, 3, 5, 5, 2],
      [1, 1, 1, 1, 2],
      [1, 2, 4, 3, 5],
    ],
  ];
  const input = inputOf(image);
  const angles = generateAngles({ size: [1, 5, 5], distances: [1], excludedAxis: -1, bidirectional: false });
  const matrices = glcmMatrices(input.grid(1), { angles, symmetrical: true, weightingNorm: null, spacing: [1, 1, 1] });
  const horizontal = matrices[angles.findIndex(([dz, dy, dx]) => dz === 0 && dy === 0 && dx === 1)];
  const expected = [6, 4, 3, 0, 0, 4, 0, 2, 1, 3, 3, 2, 0, 1, 2, 0, 1, 1, 0, 0, 0, 3, 2, 0, 2];
  expect([...horizontal].map((p) => p * 40)).toEqual(expected.map((c) => expect.closeTo(c, 12)));
});

test('a flat region gives the documented fall-backs (Correlation 1, Imc1 0, Imc2 0, MCC 1)', () => {
  const flat = prepareGlcm(
    inputOf([
      [
        [4, 4],
        [4, 4],
      ],
    ]),
  );
  expect(glcm.features.Correlation(flat)).toBe(1);
  expect(glcm.features.Imc1(flat)).toBe(0);
  expect(glcm.features.Imc2(flat)).toBe(0);
  expect(glcm.features.MCC(flat)).toBe(1);
});

test('weightingNorm merges the angles into one matrix; no_weighting sums them', () => {
  const image = [
    [
      [1, 2],
      [2, 1],
    ],
  ];
  const merged = prepareGlcm(inputOf(image, undefined, { weightingNorm: 'no_weighting' }));
  expect(merged.angles).toHaveLength(1);
  // Angles (0,1,1): 1–1 once; (0,1,0): 1–2, 2–1; (0,1,−1): 2–2; (0,0,1): 1–2, 2–1 → symmetric counts [[2, 4], [4, 2]].
  expect(glcm.features.Contrast(merged)).toBeCloseTo(8 / 12, 12);
});

test('symmetricalGLCM: false keeps P one-directional', () => {
  const asymmetric = prepareGlcm(inputOf([[[1, 1, 2]]], undefined, { symmetricalGLCM: false }));
  // Pairs along x: (1,1), (1,2) → p = [[1/2, 1/2], [0, 0]]: μx = 1, μy = 3/2.
  expect(asymmetric.angles[0].ux).toBe(1);
  expect(asymmetric.angles[0].uy).toBe(1.5);
});
