// The read-once PACS client of the stratified reading: a second identical read costs no request, a store always goes
// through, a failed read is asked again, and each caller gets its own copy of a buffer.
import type { DicomwebClient } from '@heron/dicom/dicomweb';
import { readOnce } from './study-read-once';

function countingPacs() {
  const calls: string[] = [];
  let failNext = false;
  const pacs: DicomwebClient = {
    searchForSeries: async (o) => (calls.push(`series ${o.studyInstanceUID}`), [{ n: calls.length }] as never),
    searchForInstances: async () => (calls.push('instances'), []),
    retrieveSeriesMetadata: async (o) => {
      calls.push(`metadata ${o.seriesInstanceUID}`);
      if (failNext) {
        failNext = false;
        throw new Error('PACS down');
      }
      return [];
    },
    retrieveInstanceFrames: async (o) => (calls.push(`frames ${o.frameNumbers.join(',')}`), [new ArrayBuffer(4)]),
    retrieveInstance: async () => (calls.push('instance'), new ArrayBuffer(2)),
    storeInstances: async () => (calls.push('store'), {}),
  };
  return { pacs, calls, failOnce: () => (failNext = true) };
}

describe('readOnce', () => {
  it('answers a repeated read from memory and passes every store through', async () => {
    const { pacs, calls } = countingPacs();
    const once = readOnce(pacs);
    const a = await once.searchForSeries({ studyInstanceUID: '1.2' });
    const b = await once.searchForSeries({ studyInstanceUID: '1.2' });
    expect(b).toEqual(a);
    await once.searchForSeries({ studyInstanceUID: '1.3' });
    const f = { studyInstanceUID: '1', seriesInstanceUID: '2', sopInstanceUID: '3' };
    await once.retrieveInstanceFrames({ ...f, frameNumbers: [1] });
    await once.retrieveInstanceFrames({ ...f, frameNumbers: [1] });
    await once.retrieveInstanceFrames({ ...f, frameNumbers: [2] });
    await once.storeInstances({ datasets: [] });
    await once.storeInstances({ datasets: [] });
    expect(calls).toEqual(['series 1.2', 'series 1.3', 'frames 1', 'frames 2', 'store', 'store']);
    expect(once.reads()).toBe(4);
  });

  it('asks again after a failed read', async () => {
    const { pacs, calls, failOnce } = countingPacs();
    const once = readOnce(pacs);
    failOnce();
    await expect(once.retrieveSeriesMetadata({ studyInstanceUID: '1', seriesInstanceUID: '2' })).rejects.toThrow(
      'PACS down',
    );
    await expect(once.retrieveSeriesMetadata({ studyInstanceUID: '1', seriesInstanceUID: '2' })).resolves.toEqual([]);
    expect(calls).toEqual(['metadata 2', 'metadata 2']);
  });

  it('gives each caller its own copy of the bytes', async () => {
    const { pacs } = countingPacs();
    const once = readOnce(pacs);
    const o = { studyInstanceUID: '1', seriesInstanceUID: '2', sopInstanceUID: '3' };
    const first = await once.retrieveInstance(o);
    new Uint8Array(first)[0] = 9;
    expect(new Uint8Array(await once.retrieveInstance(o))[0]).toBe(0);
  });
});
