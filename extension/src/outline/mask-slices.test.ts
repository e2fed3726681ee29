import { encodeMaskRuns } from '@heron/radiomics';
import { maskSlices } from './mask-slices';

test('cuts a run-length outline into the label arrays of the images that hold voxels', () => {
  const mask = new Uint8Array(3 * 2 * 3);
  mask[1 + 3 * 1 + 6 * 0] = 1; // slice 0, column 1, row 1
  mask[2 + 6 * 2] = 1; // slice 2, column 2, row 0
  const slices = maskSlices({
    kind: 'mask',
    seriesInstanceUID: '1.2',
    sopInstanceUIDs: ['1.2.1', '1.2.2', '1.2.3'],
    size: [3, 2, 3],
    spacing: [1, 1, 1],
    origin: [0, 0, 0],
    direction: [1, 0, 0, 0, 1, 0, 0, 0, 1],
    runs: encodeMaskRuns(mask),
  });
  expect([...slices.keys()]).toEqual(['1.2.1', '1.2.3']);
  expect([...slices.get('1.2.1')!]).toEqual([0, 0, 0, 0, 1, 0]);
  expect([...slices.get('1.2.3')!]).toEqual([0, 0, 1, 0, 0, 0]);
});
