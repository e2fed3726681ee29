// Who and when: patient, study and timing attributes shared by every series of one written study.
import type { PhantomStudy } from '../phantom';
import { mix32 } from '../random';
import { hashUid } from '@heron/dicom/core';

export interface WriteOptions {
  patientId?: string;
  patientName?: string;
  /** YYYYMMDD or YYYY-MM-DD. */
  studyDate?: string;
  vendor?: 'siemens' | 'ge' | 'philips';
  /** Write TriggerTime in a single dynamic series (see planSeries: dciodvfy flags it on ungated scans). */
  triggerTime?: boolean;
  /** One Enhanced MR Image instance per series (functional groups) instead of one MR Image per slice. */
  enhanced?: boolean;
}

export interface StudyIdentity {
  patientId: string;
  patientName: string;
  birthDate: string;
  age: string;
  studyDate: string;
  /** Study start, seconds after midnight. */
  studyStartS: number;
  accessionNumber: string;
  studyId: string;
  studyInstanceUID: string;
  frameOfReferenceUID: string;
  /** Prefix every series and instance UID of this study is hashed with. */
  uidKey: string;
}

/** Deterministic default date: a weekday within 2024-2025 chosen by the seed. */
function defaultStudyDate(seed: number): string {
  const day = new Date(Date.UTC(2024, 0, 2) + (mix32(seed ^ 0x51ed27) % 700) * 86400000);
  while (day.getUTCDay() === 0 || day.getUTCDay() === 6) day.setUTCDate(day.getUTCDate() + 1);
  return day.toISOString().slice(0, 10).replace(/-/g, '');
}

function normaliseDate(text: string): string {
  const compact = text.replace(/-/g, '');
  if (!/^\d{8}$/.test(compact)) throw new Error(`studyDate must be YYYYMMDD or YYYY-MM-DD, got '${text}'`);
  const d = new Date(`${compact.slice(0, 4)}-${compact.slice(4, 6)}-${compact.slice(6, 8)}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10).replace(/-/g, '') !== compact) {
    throw new Error(`studyDate '${text}' is not a calendar date`);
  }
  return compact;
}

/** Checks a value against a DICOM VR's character repertoire and length before it reaches a file. */
function checkText(name: string, value: string, maxLength: number): string {
  if (
    value.length === 0 ||
    value.length > maxLength ||
    /[\\\u0000-\u001f]/.test(value) ||
    !/^[\x20-\x7e]*$/.test(value)
  ) {
    throw new Error(`${name} must be 1-${maxLength} printable ASCII characters without backslash, got '${value}'`);
  }
  return value;
}

export function studyIdentity(study: PhantomStudy, options: WriteOptions): StudyIdentity {
  const seed = study.seed;
  const patientId = checkText('patientId', options.patientId ?? `PHANTOM-${seed}`, 64);
  const patientName = checkText('patientName', options.patientName ?? `PHANTOM^SEED ${seed}`, 64);
  const studyDate = options.studyDate ? normaliseDate(options.studyDate) : defaultStudyDate(seed);
  const birthYear = Number(studyDate.slice(0, 4)) - study.anatomy.ageYears;
  const uidKey = `heron-phantom|${patientId}|${seed}|${studyDate}`;
  return {
    patientId,
    patientName,
    birthDate: `${birthYear}${studyDate.slice(4, 6)}01`,
    age: `${String(study.anatomy.ageYears).padStart(3, '0')}Y`,
    studyDate,
    studyStartS: 7.5 * 3600 + (mix32(seed ^ 0x7a11) % 600) * 60,
    accessionNumber: `HP${String(mix32(seed ^ 0xacce55) % 1e8).padStart(8, '0')}`,
    studyId: String(1 + (mix32(seed ^ 0x57d1) % 99999)),
    studyInstanceUID: hashUid(uidKey, 'study'),
    frameOfReferenceUID: hashUid(uidKey, 'frame-of-reference'),
    uidKey,
  };
}

/** DICOM TM of a time of day in seconds (HHMMSS.FFFFFF). */
export function dicomTime(seconds: number): string {
  const s = ((seconds % 86400) + 86400) % 86400;
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = s - h * 3600 - m * 60;
  const whole = Math.floor(rest);
  const micro = Math.round((rest - whole) * 1e6);
  return `${String(h).padStart(2, '0')}${String(m).padStart(2, '0')}${String(whole).padStart(2, '0')}.${String(micro).padStart(6, '0')}`;
}
