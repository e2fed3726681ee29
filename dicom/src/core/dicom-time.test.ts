import { formatClock, instanceClock, parseDate, parseDateTime, parseTime, unwrapMidnight } from './dicom-time';
import { dataset } from '../testing/dicom-builder';

describe('DICOM dates and times', () => {
  it('parses TM in its full, shortened and ACR-NEMA forms', () => {
    expect(parseTime('103205.250000')).toBeCloseTo(10 * 3600 + 32 * 60 + 5.25, 6);
    expect(parseTime('1032')).toBe(10 * 3600 + 32 * 60);
    expect(parseTime('10')).toBe(36000);
    expect(parseTime('10:32:05.5')).toBeCloseTo(37925.5, 6);
    expect(parseTime('256100')).toBeUndefined();
    expect(parseTime('noon')).toBeUndefined();
  });

  it('parses DA and DT (ignoring the UTC offset, as DA/TM pairs have none)', () => {
    expect(parseDate('20240315')).toBe(Date.UTC(2024, 2, 15) / 86400000);
    expect(parseDate('2024.03.15')).toBe(parseDate('20240315'));
    expect(parseDate('20241315')).toBeUndefined();
    expect(parseDateTime('20240315103205.5+0100')).toBeCloseTo((parseDate('20240315') as number) * 86400 + 37925.5, 3);
    expect(parseDateTime('2024')).toBeUndefined();
  });

  it('takes the acquisition clock before the content clock, with its own date only', () => {
    expect(instanceClock(dataset({ AcquisitionTime: '103205', ContentTime: '103301' }))).toEqual({
      seconds: 37925,
      dated: false,
      source: 'AcquisitionTime',
    });
    expect(instanceClock(dataset({ ContentDate: '20240315', ContentTime: '103301' }))).toMatchObject({
      dated: true,
      source: 'ContentTime',
    });
    expect(instanceClock(dataset({ AcquisitionDateTime: '20240315103205' }))).toMatchObject({
      source: 'AcquisitionDateTime',
    });
    // A series date is not the acquisition's date (the series may have crossed midnight).
    expect(instanceClock(dataset({ SeriesDate: '20240315', AcquisitionTime: '000105' }))?.dated).toBe(false);
    expect(instanceClock(dataset({}))).toBeUndefined();
  });

  it('unwraps undated clocks across midnight relative to the first', () => {
    const c = (seconds: number) => ({ seconds, dated: false, source: 'AcquisitionTime' as const });
    expect(unwrapMidnight([c(86340), c(86390), c(40), c(100)])).toEqual([86340, 86390, 86440, 86500]);
    expect(unwrapMidnight([c(40), c(86390)])).toEqual([40, -10]);
    expect(formatClock(86440)).toBe('00:00:40');
  });
});
