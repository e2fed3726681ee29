// Extraction settings of the demonstration HER2 model, after the seed studies: DCE phase 2 (the second
// post-contrast phase, on which seed 002 segments and extracts) with the tumour and a 3 mm peritumoral shell, and
// the tumour on T2 and on DWI at b = 800; original-image features of every class. binCount keeps the grey-level
// matrices comparable across the sequences' very different intensity ranges.
import type { ExtractionSettings } from './case-features';

const params = {
  setting: { binCount: 32, label: 1 },
  imageType: { Original: {} },
  featureClass: { firstorder: [], shape: [], glcm: [], glrlm: [], glszm: [], gldm: [], ngtdm: [] },
};

export const DEMO_SETTINGS: ExtractionSettings = {
  sequences: {
    DCE2: {
      description: 'DCE-MRI, 2nd post-contrast phase (fat-suppressed 3D T1 GRE)',
      source: { role: 'dce', phase: 2 },
      regions: ['intra', 'peri3mm'],
      params,
    },
    T2: { description: 'fat-suppressed T2 TSE', source: { role: 't2' }, regions: ['intra'], params },
    DWI: { description: 'DWI b = 800 s/mm²', source: { role: 'dwi', bValue: 800 }, regions: ['intra'], params },
  },
  regions: [
    { name: 'intra', kind: 'tumour' },
    { name: 'peri3mm', kind: 'shell', mm: 3 },
  ],
};
