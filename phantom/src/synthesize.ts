// Image formation: composition per voxel -> noise-free signal -> coil sensitivity -> Rician noise -> 12 bits.
import { coilSensitivity, fatSuppressionResidual } from './coil-field';
import { curveModel } from './kinetics';
import { gaussianAt } from './noise';
import { B_VALUES, GLAND_ADC, MAX_PIXEL_VALUE, NOISE_SD, type DceTiming } from './protocol';
import { streamSeed } from './random';
import type { Scene } from './scene';
import { dceFrame, diffusionSignal, t1Signal, t2Signal } from './signal';
import { sampleTissue, TissueSample } from './tissue';
import type { GridRegion } from './volume';

const { log, max, min, round, sqrt } = Math;

/**
 * Magnitude of a signal with complex Gaussian noise of SD `sigma` in both channels: Rician, so the background is
 * Rayleigh-distributed rather than zero, as in any magnitude MR image (Gudbjartsson & Patz, MRM 1995).
 */
function rician(signal: number, sigma: number, seed: number, key: number): number {
  const real = signal + sigma * gaussianAt(seed, key);
  const imaginary = sigma * gaussianAt(seed ^ 0x5bd1e995, key);
  const m = round(sqrt(real * real + imaginary * imaginary));
  return m > MAX_PIXEL_VALUE ? MAX_PIXEL_VALUE : m;
}

/** Calls `visit` with the patient position of every voxel of the region, and the voxel's index in the full grid. */
function forEachVoxel(
  region: GridRegion,
  visit: (out: number, fullIndex: number, x: number, y: number, z: number) => void,
): void {
  const { full, start, size } = region;
  const d = full.direction;
  const [sx, sy, sz] = full.spacing;
  let out = 0;
  for (let k = 0; k < size[2]; k++) {
    const kk = start[2] + k;
    for (let j = 0; j < size[1]; j++) {
      const jj = start[1] + j;
      for (let i = 0; i < size[0]; i++) {
        const ii = start[0] + i;
        const a = ii * sx;
        const b = jj * sy;
        const c = kk * sz;
        visit(
          out++,
          ii + full.size[0] * (jj + full.size[1] * kk),
          full.origin[0] + d[0] * a + d[1] * b + d[2] * c,
          full.origin[1] + d[3] * a + d[4] * b + d[5] * c,
          full.origin[2] + d[6] * a + d[7] * b + d[8] * c,
        );
      }
    }
  }
}

function regionVoxels(region: GridRegion): number {
  return region.size[0] * region.size[1] * region.size[2];
}

/**
 * All DCE phases and the ground-truth mask, on one grid, and the noise-free mean signal of the mask in each phase
 * (the designed time-intensity curve that kinetic analysis of the noisy images should recover).
 */
export function synthesizeDce(
  scene: Scene,
  region: GridRegion,
  timing: DceTiming,
  seed: number,
): { phases: Uint16Array[]; mask: Uint8Array; maskMeanSignal: number[] } {
  const n = regionVoxels(region);
  const phaseCount = timing.phaseCentreS.length;
  const phases = Array.from({ length: phaseCount }, () => new Uint16Array(n));
  const mask = new Uint8Array(n);
  const curve = curveModel(scene.tumour.parameters.kinetics);
  const frames = timing.phaseCentreS.map((t) => dceFrame(t, curve, scene.anatomy.backgroundEnhancement));
  const noiseSeed = streamSeed(seed, 'dce-noise');
  const biasSeed = scene.anatomy.textureSeed;
  const width = region.full.spacing[0];
  const sample = new TissueSample();
  const maskSum = new Float64Array(phaseCount);
  let maskCount = 0;
  forEachVoxel(region, (out, key, x, y, z) => {
    sampleTissue(scene, x, y, z, width, sample);
    const inMask = sample.tumourDistance < 0;
    if (inMask) {
      mask[out] = 1;
      maskCount++;
    }
    const coil = coilSensitivity(biasSeed, x, y, z);
    const fat = fatSuppressionResidual(x, y);
    for (let p = 0; p < phaseCount; p++) {
      const signal = sample.air === 1 ? 0 : coil * t1Signal(sample, frames[p], fat);
      if (inMask) maskSum[p] += signal;
      phases[p][out] = rician(signal, NOISE_SD.dce, noiseSeed, key * 8 + p);
    }
  });
  const maskMeanSignal = Array.from(maskSum, (sum) => (maskCount > 0 ? sum / maskCount : 0));
  return { phases, mask, maskMeanSignal };
}

/** Through-plane positions (mm from the slice centre) sampled to blur thick slices along z. */
function sliceProfile(thickness: number, inPlane: number): number[] {
  return thickness > 2.5 * inPlane ? [-thickness / 4, thickness / 4] : [0];
}

export function synthesizeT2(scene: Scene, region: GridRegion, seed: number): Uint16Array {
  const out = new Uint16Array(regionVoxels(region));
  const noiseSeed = streamSeed(seed, 't2-noise');
  const biasSeed = scene.anatomy.textureSeed;
  const width = region.full.spacing[0];
  const offsets = sliceProfile(region.full.spacing[2], width);
  const sample = new TissueSample();
  forEachVoxel(region, (index, key, x, y, z) => {
    let signal = 0;
    for (const dz of offsets) {
      sampleTissue(scene, x, y, z + dz, width, sample);
      if (sample.air < 1) signal += t2Signal(sample, fatSuppressionResidual(x, y));
    }
    out[index] = rician((coilSensitivity(biasSeed, x, y, z) * signal) / offsets.length, NOISE_SD.t2, noiseSeed, key);
  });
  return out;
}

/**
 * Diffusion-weighted images at b = 0 and 800 s/mm^2 and the ADC map the scanner derives from them
 * (mono-exponential fit of two points: ADC = ln(S0 / Sb) / b, in 10^-6 mm^2/s; background below a noise
 * threshold set to 0 as scanners do).
 */
export function synthesizeDiffusion(
  scene: Scene,
  region: GridRegion,
  seed: number,
): { b0: Uint16Array; b800: Uint16Array; adc: Uint16Array } {
  const n = regionVoxels(region);
  const b0 = new Uint16Array(n);
  const b800 = new Uint16Array(n);
  const adc = new Uint16Array(n);
  const noiseSeed = streamSeed(seed, 'dwi-noise');
  const biasSeed = scene.anatomy.textureSeed;
  const width = region.full.spacing[0];
  const offsets = sliceProfile(region.full.spacing[2], width);
  const tumourAdc = scene.tumour.parameters.adc;
  const b = B_VALUES[1];
  const sample = new TissueSample();
  forEachVoxel(region, (index, key, x, y, z) => {
    let s0 = 0;
    let sb = 0;
    for (const dz of offsets) {
      sampleTissue(scene, x, y, z + dz, width, sample);
      if (sample.air === 1) continue;
      const fat = fatSuppressionResidual(x, y);
      s0 += diffusionSignal(sample, 0, fat, GLAND_ADC, tumourAdc);
      sb += diffusionSignal(sample, b, fat, GLAND_ADC, tumourAdc);
    }
    const coil = coilSensitivity(biasSeed, x, y, z) / offsets.length;
    const m0 = rician(coil * s0, NOISE_SD.dwiB0, noiseSeed, key * 2);
    const mb = rician(coil * sb, NOISE_SD.dwiB800, noiseSeed, key * 2 + 1);
    b0[index] = m0;
    b800[index] = mb;
    if (m0 > 5 * NOISE_SD.dwiB0) {
      const value = (log(m0 / max(mb, 1)) / b) * 1e6;
      adc[index] = min(MAX_PIXEL_VALUE, max(0, round(value)));
    }
  });
  return { b0, b800, adc };
}
