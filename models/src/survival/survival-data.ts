// Right-censored survival data: one follow-up time and one event indicator per case, checked once at the boundary
// so the estimators below can assume them valid.

export interface SurvivalData {
  /** Follow-up time of each case (any unit, >= 0). */
  time: Float64Array;
  /** 1 if the event was observed at `time`, 0 if the case was censored then. */
  event: Uint8Array;
}

/** Validates times and event indicators: finite non-negative times, events 0/1, at least one event. `where(i)` names
 *  case i in messages (a CSV reader names its line). */
export function survivalData(
  time: ArrayLike<number>,
  event: ArrayLike<number>,
  what = 'survival data',
  where: (i: number) => string = (i) => `case ${i + 1}`,
): SurvivalData {
  if (time.length !== event.length) throw new Error(`${what}: ${time.length} times but ${event.length} event flags`);
  if (time.length === 0) throw new Error(`${what}: no cases`);
  const t = new Float64Array(time.length);
  const e = new Uint8Array(time.length);
  let events = 0;
  for (let i = 0; i < time.length; i++) {
    const ti = time[i];
    if (!Number.isFinite(ti) || ti < 0)
      throw new Error(`${what}, ${where(i)}: time ${ti} is not a non-negative number`);
    const ei = event[i];
    if (ei !== 0 && ei !== 1) throw new Error(`${what}, ${where(i)}: event ${ei} must be 0 (censored) or 1 (event)`);
    t[i] = ti;
    e[i] = ei;
    events += ei;
  }
  if (events === 0) throw new Error(`${what}: no events (every case is censored), so nothing can be estimated`);
  return { time: t, event: e };
}

/** Case indices ordered by time, events before censorings at the same time (they leave the risk set later). */
export function timeOrder({ time, event }: SurvivalData): number[] {
  return Array.from(time, (_, i) => i).sort((a, b) => time[a] - time[b] || event[b] - event[a]);
}
