// A case's outcome as text in Redis. JSON has no NaN or infinities (a feature of a one-voxel region may be NaN), so
// those travel as strings; finite numbers round-trip exactly through JSON's shortest representation.
import type { CaseOutcome } from '../cli/cohort-task';

interface Stored {
  id?: string;
  label?: number;
  values?: [string, number | string][];
  error?: string;
}

export function encodeOutcome(outcome: CaseOutcome): string {
  if ('error' in outcome) return JSON.stringify({ error: outcome.error } satisfies Stored);
  return JSON.stringify({
    id: outcome.id,
    label: outcome.label,
    values: [...outcome.values].map(([k, v]) => [k, Number.isFinite(v) ? v : String(v)]),
  } satisfies Stored);
}

export function decodeOutcome(text: string): CaseOutcome {
  const s = JSON.parse(text) as Stored;
  if (s.error !== undefined) return { error: s.error };
  return {
    id: s.id ?? '',
    label: s.label,
    values: new Map((s.values ?? []).map(([k, v]) => [k, typeof v === 'number' ? v : Number(v)])),
  };
}
