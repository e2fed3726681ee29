// Regions of a case: a shell on the sequence's own grid or on the resampled grid, and extraction settings checked
// at the boundary.
import {
  extractFeatures,
  paramsFromObject,
  peritumoralShell,
  resampledShell,
  type Vec3,
  type Volume,
} from '@heron/radiomics';
import { caseFeatures, sequenceRegions } from './case-features';
import { DEMO_SETTINGS } from './demo-settings';
import { parseExtractionSettings, type ExtractionSettings } from './manifest';

function ballCase(): { image: Volume; outline: Volume } {
  const spacing: Vec3 = [0.7, 0.7, 1.5];
  const size: Vec3 = [60, 60, 30];
  const centre = [30.3 * 0.7, 29.6 * 0.7, 15.2 * 1.5];
  const image = new Int16Array(size[0] * size[1] * size[2]);
  const outline = new Uint8Array(image.length);
  let n = 0;
  for (let k = 0; k < size[2]; k++) {
    for (let j = 0; j < size[1]; j++) {
      for (let i = 0; i < size[0]; i++, n++) {
        const d = Math.hypot(i * 0.7 - centre[0], j * 0.7 - centre[1], k * 1.5 - centre[2]);
        outline[n] = d <= 7 ? 1 : 0;
        image[n] = Math.round(500 - 20 * d + 30 * Math.sin(i * 0.9 + j * 1.7 + k * 2.3));
      }
    }
  }
  const geometry = { size, spacing, origin: [-20, 10, 5] as Vec3, direction: [1, 0, 0, 0, 1, 0, 0, 0, 1] };
  return { image: { data: image, ...geometry }, outline: { data: outline, ...geometry } };
}

const params = {
  setting: { binWidth: 25, label: 1, resampledPixelSpacing: [1, 1, 1], interpolator: 'sitkBSpline' },
  imageType: { Original: {} },
  featureClass: { firstorder: ['Mean', 'Energy'], shape: ['MeshVolume'] },
};

const settings: ExtractionSettings = parseExtractionSettings({
  sequences: { T1: { description: 'test', source: { role: 't2' }, regions: ['tumour', 'peri3', 'peri3iso'], params } },
  regions: [
    { name: 'tumour', kind: 'tumour' },
    { name: 'peri3', kind: 'shell', mm: 3 },
    { name: 'peri3iso', kind: 'shell', mm: 3, grid: 'resampled' },
  ],
});

test('a shell on the resampled grid is derived after resampling and measured there; one on the original grid is resampled with the image', () => {
  const { image, outline } = ballCase();
  const features = caseFeatures({ T1: image }, outline, settings);
  const extraction = paramsFromObject(params, 'test');
  const iso = resampledShell(image, outline, 3, { ...extraction.settings, label: 1 });
  const direct = extractFeatures(
    iso.image,
    iso.shell,
    { ...extraction, settings: { ...extraction.settings, resampledPixelSpacing: null } },
    { label: 1 },
  );
  expect(features.get('T1/peri3iso/original_firstorder_Mean')).toBe(direct.get('original_firstorder_Mean'));
  expect(features.get('T1/peri3iso/original_shape_MeshVolume')).toBe(direct.get('original_shape_MeshVolume'));
  const original = extractFeatures(image, peritumoralShell(outline, 3), extraction, { label: 1 });
  expect(features.get('T1/peri3/original_firstorder_Mean')).toBe(original.get('original_firstorder_Mean'));
  // Both describe the same 3 mm band around a 7 mm ball: volumes within 10 % of each other and of the exact shell.
  const exact = ((4 * Math.PI) / 3) * (10 ** 3 - 7 ** 3);
  for (const name of ['peri3', 'peri3iso']) {
    expect(Math.abs(features.get(`T1/${name}/original_shape_MeshVolume`)! / exact - 1)).toBeLessThan(0.1);
  }
  const regions = sequenceRegions({ T1: image }, outline, settings).get('T1')!;
  expect(regions.get('peri3iso')!.resampledImage!.spacing).toEqual([1, 1, 1]);
  expect(regions.get('peri3')!.resampledImage).toBeUndefined();
});

test('extraction settings are checked: a resampled-grid shell needs a resampling sequence, and only shells have one', () => {
  expect(parseExtractionSettings(JSON.parse(JSON.stringify(DEMO_SETTINGS)))).toEqual(DEMO_SETTINGS);
  const noResampling = { ...params, setting: { binWidth: 25 } };
  expect(() =>
    parseExtractionSettings({
      sequences: { T1: { description: 't', source: { role: 't2' }, regions: ['p'], params: noResampling } },
      regions: [{ name: 'p', kind: 'shell', mm: 3, grid: 'resampled' }],
    }),
  ).toThrow(/sequence T1 measures the shell 'p' on the resampled grid, but its parameters do not resample/);
  expect(() =>
    parseExtractionSettings({
      sequences: { T1: { description: 't', source: { role: 't2' }, regions: ['t'], params } },
      regions: [{ name: 't', kind: 'tumour', grid: 'resampled' }],
    }),
  ).toThrow(/region 't': only a shell can be derived on the resampled grid/);
  expect(() =>
    parseExtractionSettings({ sequences: {}, regions: [{ name: 'p', kind: 'ring' }] }, 'settings.json'),
  ).toThrow(/invalid settings.json:\n  regions.0.kind: /);
});
