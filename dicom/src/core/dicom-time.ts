import { type DicomJson, text } from './dicom-json';
import { Tag } from './dicom-tags';

const DAY = 86_400;

/**
 * Seconds since midnight for a TM value: "HH", "HHMM", "HHMMSS" or "HHMMSS.FFFFFF" (PS3.5 Table 6.2-1),
 * and the ACR-NEMA form "HH:MM:SS.frac" that the standard still asks readers to accept.
 */
export function parseTime(tm: string): number | undefined {
  const m = /^(\d{2})(?::?(\d{2})(?::?(\d{2})(\.\d{1,6})?)?)?$/.exec(tm.trim());
  if (!m) return undefined;
  const [h, min, s] = [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0)];
  // 60 is allowed for seconds: the standard admits leap seconds.
  if (h > 23 || min > 59 || s > 60) return undefined;
  return h * 3600 + min * 60 + s + (m[4] ? Number(m[4]) : 0);
}

/** Days since 1970-01-01 for a DA value "YYYYMMDD" (or the ACR-NEMA form "YYYY.MM.DD"). */
export function parseDate(da: string): number | undefined {
  const m = /^(\d{4})\.?(\d{2})\.?(\d{2})$/.exec(da.trim());
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return undefined;
  return Date.UTC(y, mo - 1, d) / 1000 / DAY;
}

/**
 * Seconds since 1970-01-01 for a DT value "YYYYMMDDHHMMSS.FFFFFF&ZZXX" that has at least a date and an hour.
 * The UTC offset suffix is ignored on purpose: DA/TM pairs carry no offset, and mixing offset-corrected and
 * local clocks in one study would shift phases by hours.
 */
export function parseDateTime(dt: string): number | undefined {
  const m = /^(\d{8})(\d{2}(?:\d{2}(?:\d{2}(?:\.\d{1,6})?)?)?)(?:[+-]\d{4})?$/.exec(dt.trim());
  if (!m) return undefined;
  const day = parseDate(m[1]);
  const time = parseTime(m[2]);
  return day === undefined || time === undefined ? undefined : day * DAY + time;
}

/** When an image was acquired: seconds since 1970 if a date came with it (`dated`), else since midnight. */
export interface Clock {
  seconds: number;
  dated: boolean;
  source: 'AcquisitionDateTime' | 'AcquisitionTime' | 'ContentTime';
}

function clockFrom(ds: DicomJson, dateTag: string, timeTag: string, source: Clock['source']): Clock | undefined {
  const tm = text(ds, timeTag);
  const time = tm === undefined ? undefined : parseTime(tm);
  if (time === undefined) return undefined;
  // A time is only paired with its own date: SeriesDate/StudyDate may be the day before a series that
  // crossed midnight. Undated clocks are unwrapped later (unwrapMidnight).
  const da = text(ds, dateTag);
  const day = da === undefined ? undefined : parseDate(da);
  return day === undefined
    ? { seconds: time, dated: false, source }
    : { seconds: day * DAY + time, dated: true, source };
}

/**
 * The acquisition clock of one image: AcquisitionDateTime, else AcquisitionDate/Time, else ContentDate/Time
 * (content time is when the image was made, which follows acquisition closely on scanners that reconstruct
 * inline, and is the only clock some exports keep).
 */
export function instanceClock(ds: DicomJson): Clock | undefined {
  const dt = text(ds, Tag.AcquisitionDateTime);
  const seconds = dt === undefined ? undefined : parseDateTime(dt);
  if (seconds !== undefined) return { seconds, dated: true, source: 'AcquisitionDateTime' };
  return (
    clockFrom(ds, Tag.AcquisitionDate, Tag.AcquisitionTime, 'AcquisitionTime') ??
    clockFrom(ds, Tag.ContentDate, Tag.ContentTime, 'ContentTime')
  );
}

/**
 * Puts clocks on one time line. Dated clocks are already absolute. Otherwise times of day are taken relative
 * to the first clock (the caller passes them in their expected order) and moved by a day when they lie more
 * than 12 h away, which undoes a roll-over at midnight: a breast MRI study lasts well under 12 h.
 */
export function unwrapMidnight(clocks: Clock[]): number[] {
  if (clocks.every((c) => c.dated)) return clocks.map((c) => c.seconds);
  const tod = clocks.map((c) => ((c.seconds % DAY) + DAY) % DAY);
  const ref = tod[0];
  return tod.map((t) => {
    let d = t - ref;
    if (d < -DAY / 2) d += DAY;
    if (d > DAY / 2) d -= DAY;
    return ref + d;
  });
}

/** "HH:MM:SS" of a clock value, for messages. */
export function formatClock(seconds: number): string {
  const s = Math.floor(((seconds % DAY) + DAY) % DAY);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(Math.floor(s / 3600))}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`;
}
