import type { DicomJson } from '../core/dicom-json';
import { imageFrames } from './image-frames';
import { buildStack } from './stack-geometry';

function slice(uid: string, z: number, extra: DicomJson = {}): DicomJson {
  return {
    '00080018': { vr: 'UI', Value: [uid] },
    '00200032': { vr: 'DS', Value: [-10, -20, z] },
    '00200037': { vr: 'DS', Value: [1, 0, 0, 0, 1, 0] },
    '00280030': { vr: 'DS', Value: [0.5, 0.7] },
    '00280010': { vr: 'US', Value: [4] },
    '00280011': { vr: 'US', Value: [3] },
    ...extra,
  };
}

const label = 'series 5 "t2_tse"';

describe('buildStack', () => {
  it('orders slices along the normal and derives an LPS grid (x by column spacing, y by row spacing)', () => {
    const stack = buildStack(imageFrames([slice('c', 6), slice('a', 0), slice('b', 3)]), label);
    expect(stack.frames.map((f) => f.sopInstanceUID)).toEqual(['a', 'b', 'c']);
    expect(stack.grid).toEqual({
      size: [3, 4, 3],
      spacing: [0.7, 0.5, 3],
      origin: [-10, -20, 0],
      direction: [1, 0, 0, 0, 1, 0, 0, 0, 1],
    });
  });

  it('keeps the grid right-handed for sagittal slices (normal = row x column)', () => {
    const sag = { '00200037': { vr: 'DS', Value: [0, 1, 0, 0, 0, -1] } };
    const stack = buildStack(
      imageFrames([
        slice('b', 0, { ...sag, '00200032': { vr: 'DS', Value: [-2, 0, 0] } }),
        slice('a', 0, { ...sag, '00200032': { vr: 'DS', Value: [-4, 0, 0] } }),
      ]),
      label,
    );
    // row (0,1,0) x column (0,0,-1) = (-1,0,0): the slice at x = -2 comes first.
    expect(stack.frames.map((f) => f.sopInstanceUID)).toEqual(['b', 'a']);
    expect(stack.grid.direction).toEqual([0, 0, -1, 1, 0, 0, 0, -1, 0]);
  });

  it('refuses mixed orientations, naming the series and both images', () => {
    const cor = slice('x', 9, { '00200037': { vr: 'DS', Value: [1, 0, 0, 0, 0, -1] } });
    expect(() => buildStack(imageFrames([slice('a', 0), cor]), label)).toThrow(
      /series 5 "t2_tse": slices have different orientations \(instance a: .*instance x/,
    );
  });

  it('reports missing slices and uneven spacing differently', () => {
    expect(() => buildStack(imageFrames([0, 3, 6, 12, 15].map((z) => slice(`s${z}`, z))), label)).toThrow(
      /1 slice\(s\) missing between instance s6 \(6\.00 mm\) and instance s12 \(12\.00 mm\); the series is incomplete/,
    );
    expect(() => buildStack(imageFrames([0, 3, 6, 10, 13].map((z) => slice(`s${z}`, z))), label)).toThrow(
      /uneven slice spacing, 4\.000 mm between instance s6/,
    );
  });

  it('refuses two images at one position, images without geometry and in-plane shifted slices', () => {
    expect(() => buildStack(imageFrames([slice('a', 0), slice('b', 0)]), label)).toThrow(
      /instance a and instance b lie at the same slice position/,
    );
    const bare = slice('n', 3);
    delete bare['00200032'];
    expect(() => buildStack(imageFrames([slice('a', 0), bare]), label)).toThrow(
      /instance n has no ImagePositionPatient \(0020,0032\)/,
    );
    const shifted = slice('s', 3, { '00200032': { vr: 'DS', Value: [-5, -20, 3] } });
    expect(() => buildStack(imageFrames([slice('a', 0), shifted]), label)).toThrow(
      /instance s is shifted within the slice plane/,
    );
  });
});

describe('imageFrames of an Enhanced MR object', () => {
  const frame = (z: number, tpi: number, b: number): DicomJson => ({
    '00209111': { vr: 'SQ', Value: [{ '00209128': { vr: 'UL', Value: [tpi] } }] },
    '00209113': { vr: 'SQ', Value: [{ '00200032': { vr: 'DS', Value: [0, 0, z] } }] },
    '00189117': { vr: 'SQ', Value: [{ '00189087': { vr: 'FD', Value: [b] } }] },
    '00289145': { vr: 'SQ', Value: [{ '00281053': { vr: 'DS', Value: [2] }, '00281052': { vr: 'DS', Value: [-1] } }] },
  });
  const enhanced: DicomJson = {
    '00080018': { vr: 'UI', Value: ['mf'] },
    '00280008': { vr: 'IS', Value: [4] },
    '00280010': { vr: 'US', Value: [2] },
    '00280011': { vr: 'US', Value: [2] },
    '52009229': {
      vr: 'SQ',
      Value: [
        {
          '00209116': { vr: 'SQ', Value: [{ '00200037': { vr: 'DS', Value: [1, 0, 0, 0, 1, 0] } }] },
          '00289110': {
            vr: 'SQ',
            Value: [{ '00280030': { vr: 'DS', Value: [1, 1] }, '00180050': { vr: 'DS', Value: [2] } }],
          },
        },
      ],
    },
    '52009230': { vr: 'SQ', Value: [frame(2, 2, 800), frame(0, 1, 0), frame(2, 1, 0), frame(0, 2, 800)] },
  };

  it('reads per-frame position, temporal index, b-value and rescale with shared orientation and spacing', () => {
    const frames = imageFrames([enhanced]);
    expect(
      frames.map((f) => [
        f.frameNumber,
        f.position?.[2],
        f.temporalPosition,
        f.bValue,
        f.rescaleSlope,
        f.rescaleIntercept,
      ]),
    ).toEqual([
      [1, 2, 2, 800, 2, -1],
      [2, 0, 1, 0, 2, -1],
      [3, 2, 1, 0, 2, -1],
      [4, 0, 2, 800, 2, -1],
    ]);
    const phase2 = buildStack(
      frames.filter((f) => f.temporalPosition === 2),
      'series 9',
    );
    expect(phase2.frames.map((f) => f.frameNumber)).toEqual([4, 1]);
    expect(phase2.grid.spacing).toEqual([1, 1, 2]);
  });
});
