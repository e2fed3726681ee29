// `heron extract`: the features of one image and mask with a PyRadiomics parameter file, straight from DICOM (a
// series folder with its RTSTRUCT or SEG) or from NRRD / NIfTI, written as the `feature,value` CSV that
// heron-radiomics writes. Radiomics for research: nothing here is a prediction or a diagnosis.
import { writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { ExtractionPool, formatFeatureCsv, readParamsFile } from '@heron/radiomics/node';
import { type Command, parseOptions, UsageError } from './command';
import { extractInputs } from './extract-inputs';

function positiveInteger(text: string, option: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${option} must be a positive integer, got '${text}'`);
  return n;
}

export const extractCommand: Command = {
  name: 'extract',
  summary: 'extract radiomics features of one image and mask (DICOM folder + RTSTRUCT/SEG, or NRRD/NIfTI) into a CSV',
  usage:
    'heron extract --image DIR|FILE --mask FILE [--roi NAME | --segment N] [--series UID] --params F --out F.csv [--threads N]\n' +
    '  --image: a DICOM series folder, or an NRRD / NIfTI file\n' +
    '  --mask: an RTSTRUCT or SEG (on a series of the --image folder), or an NRRD / NIfTI label map\n' +
    '  --roi: the RTSTRUCT ROI (or SEG segment label); --segment: the SEG segment, RTSTRUCT ROI number or label value\n' +
    '  --params: a PyRadiomics parameter file (YAML or JSON)',
  async run(argv) {
    const v = parseOptions(argv, {
      image: { type: 'string' },
      mask: { type: 'string' },
      roi: { type: 'string' },
      segment: { type: 'string' },
      series: { type: 'string' },
      params: { type: 'string' },
      out: { type: 'string' },
      threads: { type: 'string' },
    });
    if (!v.image) throw new UsageError('--image DIR|FILE is required');
    if (!v.mask) throw new UsageError('--mask FILE is required');
    if (!v.params) throw new UsageError('--params FILE (a PyRadiomics parameter file) is required');
    if (!v.out) throw new UsageError('--out features.csv is required');
    if (v.roi !== undefined && v.segment !== undefined)
      throw new UsageError('give either --roi NAME or --segment N, not both');
    const segment = v.segment === undefined ? undefined : positiveInteger(v.segment, '--segment');
    const threads = v.threads === undefined ? undefined : positiveInteger(v.threads, '--threads');

    // The parameter file first: a typo in it should not wait for a folder of images to be read.
    const params = await readParamsFile(v.params);
    const inputs = await extractInputs({ image: v.image, mask: v.mask, roi: v.roi, segment, series: v.series });
    const pool = new ExtractionPool(threads);
    let features;
    try {
      features = await pool.extract(inputs.image, inputs.mask, params, { label: inputs.label });
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      // The engine's messages speak of "image and mask"; say which files they are.
      throw new Error(`${basename(v.mask)} on ${basename(v.image)}: ${message}`);
    } finally {
      await pool.close();
    }
    await writeFile(v.out, formatFeatureCsv(features));
    console.log(inputs.summary);
    console.log(`${features.size} features (parameters ${basename(v.params)}) written to ${v.out}`);
    return 0;
  },
};
