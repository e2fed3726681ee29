import { type LabelmapSlice, outlineFromSlices } from './outline-grid';
import { OutlineError } from './outline';

const META = { seriesInstanceUID: '1.2.3', segmentLabel: 'Tumour' };

/** A 3 x 2 axial slice at height z; labels 1 where `on` says so. */
function axial(z: number, on: number[], extra: Partial<LabelmapSlice> = {}): LabelmapSlice {
  const labels = new Uint8Array(6);
  for (const n of on) labels[n] = 1;
  return {
    sopInstanceUID: `sop-${z}`,
    position: [-10, 20, z],
    rowCosines: [1, 0, 0],
    columnCosines: [0, 1, 0],
    columnSpacing: 0.7,
    rowSpacing: 0.8,
    columns: 3,
    rows: 2,
    labels,
    ...extra,
  };
}

describe('outlineFromSlices', () => {
  it('stacks slices along the normal with the Volume layout and SimpleITK direction', () => {
    // Given out of order, as OHIF's image id list may be.
    const o = outlineFromSlices([axial(3, [5]), axial(0, [0, 4]), axial(1.5, [])], 1, META);
    expect(o.size).toEqual([3, 2, 3]);
    expect(o.spacing).toEqual([0.7, 0.8, 1.5]);
    expect(o.origin).toEqual([-10, 20, 0]);
    expect(o.direction).toEqual([1, 0, 0, 0, 1, 0, 0, 0, 1]);
    expect(o.sopInstanceUIDs).toEqual(['sop-0', 'sop-1.5', 'sop-3']);
    // (0,0,0), (1,1,0) and (2,1,2)
    expect([...o.mask].flatMap((v, n) => (v ? [n] : []))).toEqual([0, 4, 6 * 2 + 5]);
    expect(o.seriesInstanceUID).toBe('1.2.3');
    expect(o.segmentLabel).toBe('Tumour');
  });

  it('keeps only the chosen segment', () => {
    const s = axial(0, []);
    s.labels = Uint8Array.from([1, 2, 2, 0, 1, 2]);
    expect([...outlineFromSlices([s], 2, META).mask]).toEqual([0, 1, 1, 0, 0, 1]);
  });

  it('puts the row and column cosines and their cross product in the columns of the direction', () => {
    // Prone coronal-ish: rows along patient left, columns along posterior, stacked towards feet.
    const rowCosines = [0, 1, 0];
    const columnCosines = [0, 0, 1];
    const slices = [0, 1, 2].map((k) =>
      axial(0, [], { position: [5 + 2 * k, 0, 0], rowCosines, columnCosines, sopInstanceUID: `s${k}` }),
    );
    const o = outlineFromSlices(slices.reverse(), 1, META);
    // normal = (0,1,0) x (0,0,1) = (1,0,0); column 0 = row cosines, column 1 = column cosines.
    expect(o.direction).toEqual([0, 0, 1, 1, 0, 0, 0, 1, 0]);
    expect(o.origin).toEqual([5, 0, 0]);
    expect(o.spacing[2]).toBe(2);
    expect(o.sopInstanceUIDs).toEqual(['s0', 's1', 's2']);
  });

  it('uses the slice thickness for a single slice', () => {
    expect(outlineFromSlices([axial(0, [], { sliceThickness: 3 })], 1, META).spacing).toEqual([0.7, 0.8, 3]);
  });

  it('absorbs the rounding of decimal DICOM positions', () => {
    const o = outlineFromSlices([axial(0, []), axial(1.5004, []), axial(2.9997, [])], 1, META);
    expect(o.spacing[2]).toBeCloseTo(1.5, 3);
  });

  it('refuses stacks the server could not place', () => {
    const bad = (slices: LabelmapSlice[]) => () => outlineFromSlices(slices, 1, META);
    expect(bad([])).toThrow(OutlineError);
    expect(bad([axial(0, []), axial(1.5, []), axial(4, [])])).toThrow(/uneven or tilted/);
    expect(bad([axial(0, []), axial(1.5, [], { position: [-9, 20, 1.5] })])).toThrow(/uneven or tilted/);
    expect(bad([axial(0, []), axial(0, [])])).toThrow(/share a position/);
    expect(bad([axial(0, []), axial(1.5, [], { rowCosines: [0, 0, 1] })])).toThrow(/orientations or sizes/);
    expect(bad([axial(0, []), axial(1.5, [], { rowSpacing: 1 })])).toThrow(/orientations or sizes/);
    expect(bad([axial(0, [], { labels: new Uint8Array(5) })])).toThrow(/does not match/);
  });
});
