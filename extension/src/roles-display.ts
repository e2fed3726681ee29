import type { SeriesRole, StudyRoles } from '@heron/server/contract';

export const ROLE_LABELS: Record<SeriesRole, string> = {
  dce: 'DCE',
  t2: 'T2',
  dwi: 'DWI',
  adc: 'ADC',
  other: 'Other',
};

/** "+75 s" after the first post-contrast phase, "-80 s" before it, "time unknown" without timing. */
export function formatPhaseTime(seconds: number | null): string {
  if (seconds === null) return 'time unknown';
  const rounded = Math.round(seconds);
  return `${rounded >= 0 ? '+' : '−'}${Math.abs(rounded)} s`;
}

export interface RoleRow {
  key: string;
  role: SeriesRole;
  title: string;
  detail: string;
  seriesInstanceUID: string;
}

function seriesName(roles: StudyRoles, uid: string): string {
  const s = roles.series.find((x) => x.seriesInstanceUID === uid);
  if (!s) return uid;
  const num = s.seriesNumber !== undefined ? `#${s.seriesNumber} ` : '';
  return `${num}${s.seriesDescription ?? '(no description)'}`;
}

/** The rows the panel lists, grouped by role in reading order: DCE phases by time, T2, DWI by b-value, ADC, other. */
export function roleRows(roles: StudyRoles): RoleRow[] {
  const rows: RoleRow[] = [];
  for (const p of roles.dcePhases) {
    rows.push({
      key: `dce-${p.seriesInstanceUID}-${p.phaseIndex}`,
      role: 'dce',
      title: p.phaseIndex === 0 ? 'Pre-contrast' : `Post-contrast ${p.phaseIndex}`,
      detail: `${formatPhaseTime(p.secondsAfterFirstPost)} · ${seriesName(roles, p.seriesInstanceUID)}`,
      seriesInstanceUID: p.seriesInstanceUID,
    });
  }
  for (const uid of roles.t2) {
    rows.push({ key: `t2-${uid}`, role: 't2', title: 'T2', detail: seriesName(roles, uid), seriesInstanceUID: uid });
  }
  for (const b of roles.dwi) {
    rows.push({
      key: `dwi-${b.seriesInstanceUID}-${b.bValue}`,
      role: 'dwi',
      title: `DWI b=${b.bValue}`,
      detail: seriesName(roles, b.seriesInstanceUID),
      seriesInstanceUID: b.seriesInstanceUID,
    });
  }
  for (const uid of roles.adc) {
    rows.push({ key: `adc-${uid}`, role: 'adc', title: 'ADC', detail: seriesName(roles, uid), seriesInstanceUID: uid });
  }
  for (const uid of roles.other) {
    rows.push({
      key: `other-${uid}`,
      role: 'other',
      title: 'Other',
      detail: seriesName(roles, uid),
      seriesInstanceUID: uid,
    });
  }
  return rows;
}
