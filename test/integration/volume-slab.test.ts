// Slab reads and the frame cache on real scanner images (IBSI soft-tissue sarcoma MR, one file per slice): a slab is
// voxel for voxel the same slices of the whole volume, on the same grid; a read through the cache gives the same
// volume, and a second read takes every frame from memory.
import { join } from 'node:path';
import { type DicomwebClient, FolderDicomweb } from '@heron/dicom/dicomweb';
import { studySeries } from '@heron/dicom/roles';
import { cutSlab, FrameCache, loadVolume } from '@heron/dicom/volumes';
import { repoRoot } from '../support/paths';

const STS = join(repoRoot, '..', 'shared', 'reference', 'real-dicom', 'ibsi-sts-mr');

/** The client, counting the frame requests that reach it. */
function counted(client: FolderDicomweb) {
  const counter = { frames: 0 };
  const wrapped: DicomwebClient = Object.create(client);
  wrapped.retrieveInstanceFrames = (o) => {
    counter.frames += o.frameNumbers.length;
    return client.retrieveInstanceFrames(o);
  };
  return { wrapped, counter };
}

describe.each(['STS_001', 'STS_003'])('%s', (name) => {
  it('a slab equals those slices of the whole volume; the cache gives the same volume', async () => {
    const folder = await FolderDicomweb.open(join(STS, name, 'image'));
    const { wrapped: client, counter } = counted(folder);
    const study = folder.studyInstanceUID;
    const [series] = (await studySeries(client, study)).filter((s) =>
      s.instances.some((ds) => ds['00080060']?.Value?.[0] === 'MR'),
    );
    const request = {
      studyInstanceUID: study,
      seriesInstanceUID: series.seriesInstanceUID,
      metadata: series.instances,
    };
    const whole = await loadVolume(client, request);
    const nz = whole.volume.size[2];
    const slab = { first: Math.floor(nz / 3), count: Math.max(1, Math.floor(nz / 4)) };
    const read = await loadVolume(client, { ...request, slab });
    const cut = cutSlab(whole, slab);
    expect(Array.from(read.volume.data)).toEqual(Array.from(cut.volume.data));
    expect(read.volume.size).toEqual(cut.volume.size);
    read.volume.origin.forEach((v, i) => expect(v).toBeCloseTo(cut.volume.origin[i], 3));
    expect(read.slices).toEqual(cut.slices);
    expect(read.slab).toEqual({ first: slab.first, whole: expect.objectContaining({ size: whole.volume.size }) });

    const cache = new FrameCache(2 ** 30);
    counter.frames = 0;
    const first = await loadVolume(client, { ...request, cache });
    expect(counter.frames).toBe(nz);
    const again = await loadVolume(client, { ...request, cache });
    const slabAgain = await loadVolume(client, { ...request, slab, cache });
    expect(counter.frames).toBe(nz);
    expect(Array.from(first.volume.data)).toEqual(Array.from(whole.volume.data));
    expect(Array.from(again.volume.data)).toEqual(Array.from(whole.volume.data));
    expect(Array.from(slabAgain.volume.data)).toEqual(Array.from(read.volume.data));
    expect(again.warnings).toEqual(whole.warnings);
  }, 60_000);
});
