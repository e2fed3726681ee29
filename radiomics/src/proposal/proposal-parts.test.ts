// The parts of the proposal against answers computed the slow, obvious way.
import { squaredDistanceToSet } from './distance-transform';
import { fillHoles3d, fillHolesBySlice, labelComponents } from './binary-morphology';
import { twoClassFcm } from './fuzzy-c-means';

test('the distance transform equals brute force on an anisotropic grid', () => {
  const size: [number, number, number] = [9, 7, 5];
  const spacing: [number, number, number] = [0.7, 0.9, 1.5];
  const set = new Uint8Array(9 * 7 * 5);
  for (const n of [3, 40, 111, 250, 300]) set[n] = 1;
  const d2 = squaredDistanceToSet(set, size, spacing);
  const at = (n: number) => [n % 9, Math.floor(n / 9) % 7, Math.floor(n / 63)];
  for (let n = 0; n < set.length; n++) {
    let best = Infinity;
    for (let m = 0; m < set.length; m++) {
      if (!set[m]) continue;
      const [a, b] = [at(n), at(m)];
      best = Math.min(
        best,
        a.reduce((s, v, c) => s + ((v - b[c]) * spacing[c]) ** 2, 0),
      );
    }
    expect(d2[n]).toBeCloseTo(best, 4);
  }
  expect(squaredDistanceToSet(new Uint8Array(8), [2, 2, 2], [1, 1, 1]).every((v) => v === Infinity)).toBe(true);
});

test('two-class FCM puts its boundary between two groups of values', () => {
  const values = new Float32Array(1000);
  for (let n = 0; n < values.length; n++) values[n] = n < 900 ? 10 + (n % 7) : 300 + (n % 11);
  const fcm = twoClassFcm(values)!;
  expect(fcm.low).toBeGreaterThan(9);
  expect(fcm.low).toBeLessThan(40);
  expect(fcm.high).toBeGreaterThan(250);
  expect(fcm.threshold).toBeCloseTo((fcm.low + fcm.high) / 2, 6);
  expect(twoClassFcm(new Float32Array(5).fill(3))).toBeNull();
});

test('components are face-connected; enclosed holes are filled, open ones are not', () => {
  // A 5x5x3 hollow box whose middle slice has a hole enclosed in 3D, and a slice-wise hole open at one side.
  const size: [number, number, number] = [5, 5, 3];
  const mask = new Uint8Array(75).fill(1);
  mask[2 + 5 * 2 + 25] = 0; // enclosed centre
  expect(fillHoles3d(mask, size)[2 + 5 * 2 + 25]).toBe(1);
  const open = mask.slice();
  open[2 + 5 * 2 + 50] = 0;
  open[2 + 5 * 2 + 0] = 0; // a tunnel along z through the centre
  expect(fillHoles3d(open, size)[2 + 5 * 2 + 25]).toBe(0);
  expect(fillHolesBySlice(open, size, 2)[2 + 5 * 2 + 25]).toBe(1);
  const diagonal = new Uint8Array(8);
  diagonal[0] = diagonal[3] = 1; // (0,0,0) and (1,1,0) touch at an edge only
  expect(labelComponents(diagonal, [2, 2, 2]).sizes).toEqual([0, 1, 1]);
});
