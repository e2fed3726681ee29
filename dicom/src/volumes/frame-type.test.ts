// An Enhanced MR series holding a magnitude image and its B0 field map at the same positions (as Philips writes
// them) makes one volume of the magnitude frames; frames of kinds none of which is the image are refused by name.
import type { DicomJson } from '../core/dicom-json';
import { imageFrames } from './image-frames';
import { selectFrames } from './volume-from-dicomweb';

const sq = (...items: DicomJson[]) => ({ vr: 'SQ', Value: items });
const el = (vr: string, ...Value: unknown[]) => ({ vr, Value });

/** Frame k lies at z = k % slices; frames from `slices` on are the second kind. */
function enhanced(slices: number, kinds: [string[], string][]): DicomJson {
  const perFrame: DicomJson[] = [];
  kinds.forEach(([frameType, component]) => {
    for (let z = 0; z < slices; z++)
      perFrame.push({
        '00209113': sq({ '00200032': el('DS', 0, 0, z) }),
        '00189226': sq({ '00089007': el('CS', ...frameType), '00089208': el('CS', component) }),
      } as DicomJson);
  });
  return {
    '00080018': el('UI', '1.2.3.9.1'),
    '00280008': el('IS', perFrame.length),
    '52009229': sq({ '00209116': sq({ '00200037': el('DS', 1, 0, 0, 0, 1, 0) }) } as DicomJson),
    '52009230': sq(...perFrame),
  } as DicomJson;
}

const MAGNITUDE: [string[], string] = [['ORIGINAL', 'PRIMARY', 'M_FFE', 'NONE'], 'MAGNITUDE'];
const FIELD_MAP: [string[], string] = [['DERIVED', 'PRIMARY', 'B0_MAP', 'B0'], 'REAL'];
const PHASE: [string[], string] = [['ORIGINAL', 'PRIMARY', 'P_FFE', 'NONE'], 'PHASE'];

describe('frames of several kinds in one series', () => {
  it('reads each frame kind from the MR Image Frame Type macro', () => {
    const frames = imageFrames([enhanced(2, [MAGNITUDE, FIELD_MAP])]);
    expect(frames.map((f) => f.frameType)).toEqual([
      'ORIGINAL\\PRIMARY\\M_FFE\\NONE|MAGNITUDE',
      'ORIGINAL\\PRIMARY\\M_FFE\\NONE|MAGNITUDE',
      'DERIVED\\PRIMARY\\B0_MAP\\B0|REAL',
      'DERIVED\\PRIMARY\\B0_MAP\\B0|REAL',
    ]);
  });

  it('makes the volume of the magnitude frames of a magnitude + field map series', () => {
    const chosen = selectFrames(imageFrames([enhanced(3, [MAGNITUDE, FIELD_MAP])]), {}, 'series 5');
    expect(chosen.map((f) => f.frameNumber)).toEqual([1, 2, 3]);
  });

  it('refuses kinds none of which is the magnitude image, naming them', () => {
    expect(() => selectFrames(imageFrames([enhanced(2, [PHASE, FIELD_MAP])]), {}, 'series 5')).toThrow(
      /^series 5 mixes frames of 2 kinds \(ORIGINAL\\PRIMARY\\P_FFE\\NONE\|PHASE; DERIVED\\PRIMARY\\B0_MAP\\B0\|REAL\)/,
    );
  });
});
