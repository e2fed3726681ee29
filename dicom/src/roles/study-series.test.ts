import type { DicomJson } from '../core/dicom-json';
import type { DicomwebClient } from '../dicomweb/dicomweb';
import { classifyStudy } from './series-roles';
import { SeriesMetadataCache, studySeries } from './study-series';

const uid = (v: string) => ({ vr: 'UI', Value: [v] });

/** A PACS holding series A (2 instances, then 3 once one more arrives) and B (1 instance), counting metadata reads. */
function fakePacs() {
  const held: Record<string, number> = { A: 2, B: 1 };
  const reads: string[] = [];
  const pacs = {
    searchForSeries: async () =>
      Object.entries(held).map(([s, n]) => ({ '0020000E': uid(s), '00201209': { vr: 'IS', Value: [n] } })),
    retrieveSeriesMetadata: async ({ seriesInstanceUID }: { seriesInstanceUID: string }) => {
      reads.push(seriesInstanceUID);
      return Array.from({ length: held[seriesInstanceUID] }, (_, i): DicomJson => ({
        '00080018': uid(`${seriesInstanceUID}.${i}`),
      }));
    },
  } as unknown as DicomwebClient;
  return { pacs, held, reads };
}

describe('studySeries with a SeriesMetadataCache', () => {
  it('reads a series again only when the PACS counts other instances in it', async () => {
    const { pacs, held, reads } = fakePacs();
    const cache = new SeriesMetadataCache();
    const first = await studySeries(pacs, '1.2', cache);
    expect(reads.sort()).toEqual(['A', 'B']);
    const again = await studySeries(pacs, '1.2', cache);
    expect(reads).toHaveLength(2);
    expect(again).toEqual(first);
    held.A = 3; // an image arrives
    const grown = await studySeries(pacs, '1.2', cache);
    expect(reads.slice(2)).toEqual(['A']);
    expect(grown.find((s) => s.seriesInstanceUID === 'A')?.instances).toHaveLength(3);
  });

  it('without a cache reads every time', async () => {
    const { pacs, reads } = fakePacs();
    await studySeries(pacs, '1.2');
    await studySeries(pacs, '1.2');
    expect(reads).toHaveLength(4);
  });

  it('keeps at most maxSeries series, least recently used out', () => {
    const cache = new SeriesMetadataCache(2);
    const md = (n: number) => Array.from({ length: n }, () => ({}) as DicomJson);
    cache.set('A', md(1));
    cache.set('B', md(1));
    expect(cache.get('A', 1)).toBeDefined(); // A is now the most recent
    cache.set('C', md(1));
    expect(cache.get('B', 1)).toBeUndefined();
    expect(cache.get('A', 1)).toBeDefined();
    expect(cache.get('C', 1)).toBeDefined();
    expect(cache.get('C', 2)).toBeUndefined();
  });

  it('classifies a study again only when a series was read again or the overrides differ', async () => {
    const { pacs, held } = fakePacs();
    const cache = new SeriesMetadataCache();
    const roles = cache.classify('1.2', await studySeries(pacs, '1.2', cache));
    expect(cache.classify('1.2', await studySeries(pacs, '1.2', cache))).toBe(roles);
    expect(cache.classify('1.2', await studySeries(pacs, '1.2', cache), {})).toBe(roles);
    const overridden = cache.classify('1.2', await studySeries(pacs, '1.2', cache), { B: 't2' });
    expect(overridden).not.toBe(roles);
    expect(overridden.series.find((s) => s.seriesInstanceUID === 'B')?.role).toBe('t2');
    held.A = 3;
    const grown = cache.classify('1.2', await studySeries(pacs, '1.2', cache), { B: 't2' });
    expect(grown).not.toBe(overridden);
    expect(grown).toEqual(classifyStudy(await studySeries(pacs, '1.2'), { B: 't2' }));
  });
});
