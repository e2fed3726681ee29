import { dataset, expectedUids, mrSeries } from '../testing/dicom-builder';
import { SIEMENS_T2_TSE } from '../testing/vendor-presets';
import { maxImagesPerPosition, sortAlongNormal } from './slice-order';
import { text } from '../core/dicom-json';

const uids = (list: ReturnType<typeof sortAlongNormal>['instances']) => list.map((ds) => text(ds, '00080018'));

describe('sortAlongNormal', () => {
  it.each(['axial', 'sagittal', 'oblique'] as const)(
    'orders %s slices along the normal, not by InstanceNumber',
    (orientation) => {
      const series = mrSeries({ uid: '1.2.826.0.1.3680043.10.1453.9', tags: SIEMENS_T2_TSE, slices: 7, orientation });
      const order = sortAlongNormal(series.instances);
      expect(order.basis).toBe('slice normal');
      expect(uids(order.instances)).toEqual(expectedUids(series.seriesInstanceUID, 0, 7));
      expect(order.positions.every((p, i) => i === 0 || (p as number) > (order.positions[i - 1] as number))).toBe(true);
      expect(maxImagesPerPosition(order)).toBe(1);
    },
  );

  it('counts images sharing a slice position', () => {
    const series = mrSeries({ uid: '1.2.826.0.1.3680043.10.1453.10', tags: SIEMENS_T2_TSE, slices: 4, repeats: 3 });
    expect(maxImagesPerPosition(sortAlongNormal(series.instances))).toBe(3);
  });

  it('falls back to SliceLocation, then InstanceNumber, and says so', () => {
    const a = dataset({ SOPInstanceUID: '1.1', SliceLocation: 10, InstanceNumber: 1 });
    const b = dataset({ SOPInstanceUID: '1.2', SliceLocation: -5, InstanceNumber: 2 });
    expect(sortAlongNormal([a, b])).toMatchObject({ basis: 'slice location', positions: [-5, 10] });
    const c = dataset({ SOPInstanceUID: '1.3', InstanceNumber: 3 });
    const d = dataset({ SOPInstanceUID: '1.4', InstanceNumber: 2 });
    const byNumber = sortAlongNormal([c, d]);
    expect(byNumber.basis).toBe('instance number');
    expect(uids(byNumber.instances)).toEqual(['1.4', '1.3']);
    expect(byNumber.positions).toEqual([undefined, undefined]);
    expect(sortAlongNormal([dataset({ SOPInstanceUID: '1.5' })]).basis).toBe('input order');
  });
});
