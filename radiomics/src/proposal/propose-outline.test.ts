// proposeOutline on small synthetic DCE pairs with known lesions: the outline, the filled core of a rim-enhancing
// lesion, a vessel touching the lesion left out, and each refusal. The phantom cases are in
// test/integration/proposal-phantom.test.ts.
import type { Vec3, Volume } from '../volume';
import { proposeOutline } from './propose-outline';

const SIZE: Vec3 = [90, 90, 36];
const SPACING: Vec3 = [0.7, 0.7, 1.5];
const ORIGIN: Vec3 = [-31.15, -31.15, -26.25];

/** Deterministic Gaussian noise (xorshift + Box-Muller). */
function noise(seed: number): () => number {
  let s = seed >>> 0 || 1;
  const uniform = (): number => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return ((s >>> 0) + 0.5) / 4294967296;
  };
  return () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
}

type Tissue = (p: Vec3) => { pre: number; post: number };

function dcePair(tissue: Tissue): { pre: Volume; post: Volume } {
  const pre = new Float32Array(SIZE[0] * SIZE[1] * SIZE[2]);
  const post = new Float32Array(pre.length);
  const gauss = noise(7);
  let n = 0;
  for (let k = 0; k < SIZE[2]; k++)
    for (let j = 0; j < SIZE[1]; j++)
      for (let i = 0; i < SIZE[0]; i++, n++) {
        const t = tissue([ORIGIN[0] + i * SPACING[0], ORIGIN[1] + j * SPACING[1], ORIGIN[2] + k * SPACING[2]]);
        pre[n] = Math.abs(t.pre + 9 * gauss());
        post[n] = Math.abs(t.post + 9 * gauss());
      }
  const grid = { size: SIZE, spacing: SPACING, origin: ORIGIN, direction: [1, 0, 0, 0, 1, 0, 0, 0, 1] };
  return { pre: { ...grid, data: pre }, post: { ...grid, data: post } };
}

const FAT = { pre: 45, post: 47 };
const GLAND = { pre: 260, post: 290 };
const r = (p: Vec3): number => Math.hypot(p[0], p[1], p[2]);

function maskAt(mask: Volume, p: Vec3): number {
  const [i, j, k] = p.map((v, a) => Math.round((v - ORIGIN[a]) / SPACING[a]));
  return mask.data[i + SIZE[0] * (j + SIZE[1] * k)];
}

function diceWith(mask: Volume, inside: (p: Vec3) => boolean): number {
  let both = 0;
  let sum = 0;
  let n = 0;
  for (let k = 0; k < SIZE[2]; k++)
    for (let j = 0; j < SIZE[1]; j++)
      for (let i = 0; i < SIZE[0]; i++, n++) {
        const truth = inside([ORIGIN[0] + i * SPACING[0], ORIGIN[1] + j * SPACING[1], ORIGIN[2] + k * SPACING[2]])
          ? 1
          : 0;
        both += truth & mask.data[n];
        sum += truth + mask.data[n];
      }
  return (2 * both) / sum;
}

describe('proposeOutline', () => {
  it('outlines an enhancing lesion in parenchyma and leaves out a vessel that touches it', () => {
    const { pre, post } = dcePair((p) => {
      if (r(p) <= 8) return { pre: 250, post: 650 };
      // A 1.6 mm vessel leaving the lesion along +x.
      if (p[0] > 0 && Math.hypot(p[1], p[2]) <= 0.8) return { pre: 190, post: 700 };
      return p[1] < -15 ? FAT : GLAND;
    });
    const result = proposeOutline(pre, post, [0, 0, 0]);
    if (!result.ok) throw new Error(result.message);
    expect(diceWith(result.mask, (p) => r(p) <= 8)).toBeGreaterThan(0.93);
    expect(maskAt(result.mask, [16, 0, 0])).toBe(0);
    expect(result.volumeMl).toBeGreaterThan(1.8);
    expect(result.volumeMl).toBeLessThan(2.6);
  });

  it('fills the non-enhancing core of a rim-enhancing lesion clicked at its centre', () => {
    const { pre, post } = dcePair((p) => {
      const d = r(p);
      if (d <= 7) return { pre: 165, post: 175 };
      if (d <= 10) return { pre: 250, post: 620 };
      return GLAND;
    });
    const result = proposeOutline(pre, post, [0, 0, 0]);
    if (!result.ok) throw new Error(result.message);
    expect(diceWith(result.mask, (p) => r(p) <= 10)).toBeGreaterThan(0.93);
    expect(maskAt(result.mask, [0, 0, 0])).toBe(1);
  });

  it('says so when the click finds no lesion, is in air or is outside the images', () => {
    const { pre, post } = dcePair((p) =>
      p[0] < -10 ? { pre: 0, post: 0 } : r(p) <= 6 ? { pre: 250, post: 650 } : p[1] < 0 ? FAT : GLAND,
    );
    expect(proposeOutline(pre, post, [-20, 0, 0])).toMatchObject({ ok: false, reason: 'no-signal' });
    expect(proposeOutline(pre, post, [12, -15, 8])).toMatchObject({ ok: false, reason: 'no-lesion' });
    expect(proposeOutline(pre, post, [15, 15, 8])).toMatchObject({ ok: false, reason: 'no-lesion' });
    expect(proposeOutline(pre, post, [0, 0, 400])).toMatchObject({ ok: false, reason: 'outside-image' });
    const refusal = proposeOutline(pre, post, [12, -15, 8]);
    expect(refusal.ok || refusal.message).toMatch(/No enhancing lesion/);
  });

  it('refuses phases on different grids', () => {
    const { pre, post } = dcePair(() => GLAND);
    expect(() => proposeOutline({ ...pre, origin: [0, 0, 0] }, post, [0, 0, 0])).toThrow(/same grid/);
  });
});
