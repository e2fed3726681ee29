import { generatePhantom } from './phantom';
import { samplePhenotype, type TumourParameters } from './phenotype';
import { acquisitionGrid, SEQUENCE_SPACING } from './protocol';
import { ellipsoidVolumeMl } from './tumour-model';
import { patientToIndex, voxelToPatient, type Volume } from './volume';

/** A smooth oval tumour whose mask volume must match the ellipsoid. */
const smooth: TumourParameters = {
  ...samplePhenotype(5, 'negative'),
  location: { side: 'left', clockFace: 2, radialDistanceMm: 10, depth: 0.5 },
  diameterMm: 24,
  axisRatios: [0.75, 0.6],
  orientationDeg: [30, 10, -20],
  shape: 'oval',
  margin: 'circumscribed',
  lobulation: 0,
  marginRoughness: 0,
  spiculeCount: 0,
  spiculeLengthMm: 0,
  necrosisFraction: 0,
  oedemaExtentMm: 0,
  adc: 900,
};

function maskStatistics(mask: Volume): { volumeMl: number; centroid: [number, number, number] } {
  let n = 0;
  const c = [0, 0, 0];
  const [nx, ny, nz] = mask.size;
  for (let k = 0; k < nz; k++)
    for (let j = 0; j < ny; j++)
      for (let i = 0; i < nx; i++) {
        if (!mask.data[i + nx * (j + ny * k)]) continue;
        const p = voxelToPatient(mask, i, j, k);
        n++;
        c[0] += p[0];
        c[1] += p[1];
        c[2] += p[2];
      }
  return {
    volumeMl: (n * mask.spacing[0] * mask.spacing[1] * mask.spacing[2]) / 1000,
    centroid: [c[0] / n, c[1] / n, c[2] / n],
  };
}

function valueAt(v: Volume, p: [number, number, number]): number {
  const [i, j, k] = patientToIndex(v, p).map(Math.round);
  return v.data[i + v.size[0] * (j + v.size[1] * k)];
}

describe('generatePhantom', () => {
  const compact = generatePhantom({ seed: 7, size: 'compact' });

  it('puts every sequence on its own grid in one patient space, with the protocol spacings', () => {
    expect(compact.dce.phases).toHaveLength(6);
    expect(compact.dce.phases[0].spacing).toEqual(SEQUENCE_SPACING.dce);
    expect(compact.t2.spacing).toEqual(SEQUENCE_SPACING.t2);
    expect(compact.dwi.images[1].spacing).toEqual(SEQUENCE_SPACING.dwi);
    expect(compact.adc.size).toEqual(compact.dwi.images[0].size);
    expect(compact.mask.size).toEqual(compact.dce.phases[0].size);
    expect(compact.mask.origin).toEqual(compact.dce.phases[0].origin);
    expect(compact.mask.data).toBeInstanceOf(Uint8Array);
    for (const v of [compact.t2, compact.adc, ...compact.dce.phases]) {
      expect(v.data.length).toBe(v.size[0] * v.size[1] * v.size[2]);
      expect(v.direction).toEqual([1, 0, 0, 0, 1, 0, 0, 0, 1]);
    }
    // Compact: a small field of view around the tumour, same spacings.
    expect(compact.dce.phases[0].size).toEqual([128, 128, 40]);
    const centre = patientToIndex(compact.mask, compact.tumourCentre);
    centre.forEach((c, a) => {
      expect(c).toBeGreaterThan(0);
      expect(c).toBeLessThan(compact.mask.size[a]);
    });
  });

  it('is deterministic for a seed, and a crop holds exactly the voxels of the larger image', () => {
    const a = generatePhantom({ seed: 7, crop: { marginMm: 3 } });
    const b = generatePhantom({ seed: 7, crop: { marginMm: 3 } });
    expect(a.tumour).toEqual(b.tumour);
    expect(Buffer.from(a.dce.phases[3].data.buffer).equals(Buffer.from(b.dce.phases[3].data.buffer))).toBe(true);
    expect(Buffer.from(a.adc.data.buffer).equals(Buffer.from(b.adc.data.buffer))).toBe(true);
    const start = patientToIndex(compact.dce.phases[2], a.dce.phases[2].origin).map(Math.round);
    const [nx, ny, nz] = a.dce.phases[2].size;
    const big = compact.dce.phases[2];
    for (let k = 0; k < nz; k += 3)
      for (let j = 0; j < ny; j += 2)
        for (let i = 0; i < nx; i += 2) {
          expect(a.dce.phases[2].data[i + nx * (j + ny * k)]).toBe(
            big.data[start[0] + i + big.size[0] * (start[1] + j + big.size[1] * (start[2] + k))],
          );
        }
  });

  it('differs between seeds', () => {
    const other = generatePhantom({ seed: 8, crop: { marginMm: 3 } });
    expect(other.tumour).not.toEqual(compact.tumour);
    expect(other.anatomy).not.toEqual(compact.anatomy);
  });

  it('draws a ground-truth mask whose volume and centre match the tumour parameters', () => {
    const study = generatePhantom({ seed: 3, parameters: smooth, crop: { marginMm: 4 } });
    const { volumeMl, centroid } = maskStatistics(study.mask);
    expect(Math.abs(volumeMl / ellipsoidVolumeMl(smooth) - 1)).toBeLessThan(0.03);
    centroid.forEach((c, a) => expect(Math.abs(c - study.tumourCentre[a])).toBeLessThan(0.5));
  });

  it('keeps irregular and spiculated tumours close to their ellipsoid volume', () => {
    for (const seed of [11, 12, 13]) {
      const tumour = {
        ...samplePhenotype(seed, 'positive'),
        shape: 'irregular' as const,
        margin: 'spiculated' as const,
        lobulation: 0.3,
        marginRoughness: 0.06,
        spiculeCount: 10,
        spiculeLengthMm: 8,
      };
      const study = generatePhantom({ seed, parameters: tumour, crop: { marginMm: 2 } });
      const ratio = maskStatistics(study.mask).volumeMl / ellipsoidVolumeMl(tumour);
      expect(ratio).toBeGreaterThan(0.9);
      expect(ratio).toBeLessThan(2.2);
    }
  });

  it('gives the tumour the contrast of each sequence', () => {
    const study = generatePhantom({ seed: 3, parameters: smooth, crop: { marginMm: 6 } });
    const c = study.tumourCentre;
    const pre = valueAt(study.dce.phases[0], c);
    expect(valueAt(study.dce.phases[2], c) / pre).toBeGreaterThan(1 + 0.6 * smooth.kinetics.initialEnhancement);
    // ADC map at the tumour centre near the drawn ADC (noise and partial volume allow 20 %).
    let sum = 0;
    let n = 0;
    for (const d of [-2, 0, 2])
      for (const e of [-2, 0, 2]) {
        sum += valueAt(study.adc, [c[0] + d, c[1] + e, c[2]]);
        n++;
      }
    expect(Math.abs(sum / n / smooth.adc - 1)).toBeLessThan(0.2);
    // Restricted diffusion: brighter than the surrounding breast at b = 800.
    const away: [number, number, number] = [c[0] + 20, c[1], c[2]];
    expect(valueAt(study.dwi.images[1], c)).toBeGreaterThan(valueAt(study.dwi.images[1], away));
  });

  it('refuses explicit parameters that do not fit, naming the problem', () => {
    expect(() =>
      generatePhantom({
        seed: 1,
        parameters: { ...smooth, location: { ...smooth.location, radialDistanceMm: 90 } },
        crop: { marginMm: 1 },
      }),
    ).toThrow(/does not fit inside the left breast/);
    expect(() => generatePhantom({ seed: 1, parameters: { ...smooth, diameterMm: -3 } })).toThrow(/diameterMm/);
    expect(() => generatePhantom({ seed: 1.5 })).toThrow(/seed/);
    expect(() => generatePhantom({ seed: 1, her2: 'positive', parameters: smooth })).toThrow(/contradicts/);
  });

  it('covers both breasts and the chest wall in the standard field of view', () => {
    const grid = acquisitionGrid('dce');
    expect(grid.size).toEqual([480, 320, 112]);
    expect(grid.size[0] * grid.spacing[0]).toBeCloseTo(336, 6);
  });
});
