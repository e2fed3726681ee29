// The one-click proposal against the phantom's ground truth (issue 16): 40 cases covering every shape, margin,
// enhancement pattern and necrotic core, clicked at the voxel nearest the lesion's centre on the first
// post-contrast phase. Speed is measured by server/bench/proposal.ts, not here.
import { generatePhantom, type PhantomStudy } from '@heron/phantom';
import { proposeOutline } from '@heron/radiomics';
import { centreClick, dice, proposalCases, secondClick } from '../support/proposal-cases';

const CASES = proposalCases(40);
const results: { seed: number; kind: string; dice: number; twoClick: number }[] = [];

/** A fat voxel (dark before contrast, no enhancement) at least 20 mm from the lesion. */
function fatPoint(study: PhantomStudy): [number, number, number] | null {
  const [pre, post] = study.dce.phases;
  const [nx, ny, nz] = pre.size;
  const { origin, spacing } = pre;
  for (let k = 2; k < nz - 2; k += 2)
    for (let j = 2; j < ny - 2; j += 2)
      for (let i = 2; i < nx - 2; i += 2) {
        const p: [number, number, number] = [
          origin[0] + i * spacing[0],
          origin[1] + j * spacing[1],
          origin[2] + k * spacing[2],
        ];
        if (Math.hypot(p[0] - study.tumourCentre[0], p[1] - study.tumourCentre[1], p[2] - study.tumourCentre[2]) < 20)
          continue;
        let dark = true;
        for (let d = -1; d <= 1 && dark; d++) {
          const n = i + d + nx * (j + ny * k);
          dark = pre.data[n] < 70 && post.data[n] - pre.data[n] < 15;
        }
        if (dark) return p;
      }
  return null;
}

describe('one-click proposal on 40 phantom lesions', () => {
  it('covers every shape, margin and enhancement pattern, and necrotic cores', () => {
    const kinds = CASES.map((c) => c.kind);
    for (const word of [
      'round/',
      'oval/',
      'irregular/',
      '/circumscribed/',
      '/irregular/',
      '/spiculated/',
      '/homogeneous',
      '/heterogeneous',
      '/rim',
      '/necrotic',
    ]) {
      expect(kinds.some((k) => k.includes(word))).toBe(true);
    }
  });

  it.each(CASES)(
    'seed $seed ($kind)',
    ({ seed, kind }) => {
      const study = generatePhantom({ seed, crop: { marginMm: 12 } });
      const [pre, post] = study.dce.phases;
      const first = proposeOutline(pre, post, centreClick(study));
      const second = proposeOutline(pre, post, secondClick(study));
      if (!first.ok) throw new Error(`centre click refused: ${first.message}`);
      if (!second.ok) throw new Error(`second click refused: ${second.message}`);
      const result = {
        seed,
        kind,
        dice: dice(first.mask.data, study.mask.data),
        twoClick: dice(first.mask.data, second.mask.data),
      };
      results.push(result);
      expect(result.dice).toBeGreaterThanOrEqual(0.7);
      expect(result.twoClick).toBeGreaterThanOrEqual(0.9);
      if (seed === CASES[0].seed) {
        const fat = fatPoint(study);
        expect(fat).not.toBeNull();
        const refusal = proposeOutline(pre, post, fat!);
        expect(refusal).toMatchObject({ ok: false, reason: 'no-lesion' });
      }
    },
    120_000,
  );

  it('reaches a mean Dice of at least 0.85 over the 40 cases', () => {
    expect(results).toHaveLength(CASES.length);
    const mean = results.reduce((s, r) => s + r.dice, 0) / results.length;
    expect(mean).toBeGreaterThanOrEqual(0.85);
  });
});
