// The kinetics read from slabs of the DCE phases equal, number for number, the kinetics of whole phases (what
// Heron computed before slabs), for both DCE layouts, an outline on the DCE grid or on another, and slabs cut
// out of phases the analysis had read whole.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generatePhantom, writePhantomStudy, type DceLayout } from '@heron/phantom';
import { analyseKinetics, mapMask, sameGrid, type KineticsResult, type Volume } from '@heron/radiomics';
import { FolderDicomweb } from '@heron/dicom/dicomweb';
import { studySeries, type SeriesInput } from '@heron/dicom/roles';
import { cutSlab, loadVolume } from '@heron/dicom/volumes';
import { loadDceSeries } from './dce-series';
import { outlineKinetics } from './outline-kinetics';

const dir = mkdtempSync(join(tmpdir(), 'heron-kinetics-slab-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Kinetics as Heron computed them before slabs: every phase read whole. */
async function wholePhases(client: FolderDicomweb, study: string, series: SeriesInput[], mask: Volume) {
  const dce = await loadDceSeries(client, study, series);
  const grid = dce.volumes[0].volume;
  return analyseKinetics({
    phases: dce.volumes.map((v) => v.volume),
    timeS: dce.timeS,
    mask: sameGrid(mask, grid) ? mask : mapMask(mask, grid),
  });
}

async function studyOf(seed: number, layout: DceLayout) {
  const study = generatePhantom({ seed, crop: { marginMm: 6 }, dceLayout: layout });
  const written = await writePhantomStudy(study, join(dir, `${seed}-${layout}`));
  const client = await FolderDicomweb.open(join(dir, `${seed}-${layout}`));
  const uid = written.studyInstanceUID;
  return { study, client, uid, series: await studySeries(client, uid) };
}

const ok = (r: KineticsResult) => {
  expect(r.status).toBe('ok');
  return r;
};

describe.each<[number, DceLayout]>([
  [5, 'series-per-phase'],
  [11, 'single-series'],
])('seed %i, %s', (seed, layout) => {
  it('gives the same kinetics from slabs as from whole phases, on the DCE grid and from the T2 grid', async () => {
    const { study, client, uid, series } = await studyOf(seed, layout);
    const slab = ok(await outlineKinetics(client, uid, series, study.mask));
    expect(slab).toEqual(await wholePhases(client, uid, series, study.mask));
    // An outline drawn on another series is mapped onto the DCE grid before the slab is chosen.
    const onT2 = mapMask(study.mask, study.t2);
    expect(await outlineKinetics(client, uid, series, onT2)).toEqual(await wholePhases(client, uid, series, onT2));
    // The analysis' loader cuts the slab out of a phase it read whole: the same again.
    let cut = 0;
    const reused = await outlineKinetics(client, uid, series, study.mask, {
      load: async (seriesInstanceUID, sopInstanceUIDs, frames, within) => {
        const whole = await loadVolume(client, {
          studyInstanceUID: uid,
          seriesInstanceUID,
          select: { sopInstanceUIDs, ...frames },
        });
        if (!within) return whole;
        cut++;
        expect(within.count).toBeLessThan(whole.volume.size[2]);
        return cutSlab(whole, within);
      },
    });
    expect(cut).toBe(study.dce.phases.length);
    expect(reused).toEqual(slab);
  }, 120_000);
});
