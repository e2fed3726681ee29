// Extraction settings of the demonstration HER2 model: DCE phase 2 (the second post-contrast phase, as seed 002
// segments and extracts on it), T2 and DWI (b = 800), tumour region, original-image features of every class.
// binCount keeps the grey-level matrices comparable across the sequences' very different intensity ranges; the
// T2 and DWI grids differ from the DCE grid of the mask, hence correctMask (nearest-neighbour resampling).
import type { ExtractionSettings } from './case-features';

const params = (correctMask: boolean) => ({
  setting: { binCount: 32, correctMask, label: 1 },
  imageType: { Original: {} },
  featureClass: { firstorder: [], shape: [], glcm: [], glrlm: [], glszm: [], gldm: [], ngtdm: [] },
});

export const DEMO_SETTINGS: ExtractionSettings = {
  sequences: {
    DCE2: { description: 'DCE-MRI, 2nd post-contrast phase (fat-suppressed 3D T1 GRE)', params: params(false) },
    T2: { description: 'fat-suppressed T2 TSE', params: params(true) },
    DWI: { description: 'DWI b = 800 s/mm²', params: params(true) },
  },
  regions: [{ name: 'intra', kind: 'tumour' }],
};
