import type { DicomJson } from '@heron/dicom/core';
import type { DicomwebClient } from '@heron/dicom/dicomweb';
import { SeriesMetadataCache } from '@heron/dicom/roles';
import type { AnalysisRequest } from '../contract';
import { precheckAnalysis } from './analysis-precheck';

const v = (vr: string, value: string | number) => ({ vr, Value: [value] });
const image = (uid: string): DicomJson => ({
  '00080018': v('UI', uid),
  '00080016': v('UI', '1.2.840.10008.5.1.4.1.1.4'),
  '00280010': v('US', 2),
  '00280011': v('US', 3),
});

/** A PACS with one series S of images I1 and I2, counting its instance searches. */
function fakePacs() {
  const searches: string[] = [];
  const pacs = {
    searchForSeries: async () => [{ '0020000E': v('UI', 'S'), '00201209': v('IS', 2) }],
    searchForInstances: async ({ seriesInstanceUID }: { seriesInstanceUID: string }) => {
      searches.push(seriesInstanceUID);
      return [image('I1'), image('I2')];
    },
  } as unknown as DicomwebClient;
  return { pacs, searches };
}

const request = (images: string[]): AnalysisRequest =>
  ({
    studyInstanceUID: '1.2',
    modelId: 'm',
    outline: {
      kind: 'mask',
      seriesInstanceUID: 'S',
      sopInstanceUIDs: images,
      size: [3, 2, images.length],
      spacing: [1, 1, 1],
      origin: [0, 0, 0],
      direction: [1, 0, 0, 0, 1, 0, 0, 0, 1],
      runs: [6 * images.length],
    },
  }) as AnalysisRequest;

describe('precheckAnalysis', () => {
  it('takes the outline series from the metadata cache while the PACS counts the same instances', async () => {
    const { pacs, searches } = fakePacs();
    const cache = new SeriesMetadataCache();
    await precheckAnalysis(pacs, request(['I1', 'I2']), cache);
    expect(searches).toEqual(['S']);
    cache.set('S', [image('I1'), image('I2')]);
    await precheckAnalysis(pacs, request(['I1', 'I2']), cache);
    expect(searches).toEqual(['S']);
    // The same refusal as from the search: an image the series does not hold.
    await expect(precheckAnalysis(pacs, request(['I1', 'I3']), cache)).rejects.toThrow(/names image I3/);
    expect(searches).toEqual(['S']);
  });

  it('searches again when the cache holds another count of the series', async () => {
    const { pacs, searches } = fakePacs();
    const cache = new SeriesMetadataCache();
    cache.set('S', [image('I1')]);
    await precheckAnalysis(pacs, request(['I1', 'I2']), cache);
    expect(searches).toEqual(['S']);
  });
});
