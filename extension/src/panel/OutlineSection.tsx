import { useEffect, useState } from 'react';
import type { StudyRoles } from '@heron/server/contract';
import { OutlineError } from '../outline/outline';
import { type OutlineSummary, outlineWarning, summarizeOutline } from '../outline/outline-stats';
import type { ViewerActions } from '../viewer-actions';
import { s } from './styles';

type Read = { kind: 'ok'; summary: OutlineSummary | null } | { kind: 'error'; message: string };

function read(viewer: ViewerActions): Read {
  try {
    const outline = viewer.getOutline();
    return { kind: 'ok', summary: outline && summarizeOutline(outline) };
  } catch (err) {
    if (err instanceof OutlineError) return { kind: 'error', message: err.message };
    throw err;
  }
}

function seriesName(uid: string, roles: StudyRoles | null): string {
  const series = roles?.series.find((x) => x.seriesInstanceUID === uid);
  if (!series) return uid;
  return `${series.seriesNumber !== undefined ? `#${series.seriesNumber} ` : ''}${series.seriesDescription ?? '(no description)'}`;
}

/** The reader's outline as the analysis will receive it, updated live while they paint. */
export function OutlineSection({ viewer, roles }: { viewer: ViewerActions; roles: StudyRoles | null }) {
  const [state, setState] = useState<Read>(() => read(viewer));
  useEffect(() => {
    setState(read(viewer));
    return viewer.onOutlineChanged(() => setState(read(viewer)));
  }, [viewer]);

  const summary = state.kind === 'ok' ? state.summary : null;
  const warning = state.kind === 'ok' ? outlineWarning(summary) : null;
  return (
    <div data-testid="heron-outline">
      <div style={s.sectionTitle}>Outline</div>
      {state.kind === 'error' && (
        <div style={s.error} role="alert">
          {state.message}
        </div>
      )}
      {summary && (
        <dl style={s.facts} data-testid="heron-outline-facts">
          <dt style={s.factName}>Series</dt>
          <dd style={s.factValue} data-testid="heron-outline-series" title={summary.seriesInstanceUID}>
            {seriesName(summary.seriesInstanceUID, roles)}
          </dd>
          <dt style={s.factName}>Segment</dt>
          <dd style={s.factValue}>{summary.segmentLabel}</dd>
          <dt style={s.factName}>Voxels</dt>
          <dd style={s.factValue} data-testid="heron-outline-voxels">
            {summary.voxels.toLocaleString('en-US')}
          </dd>
          <dt style={s.factName}>Volume</dt>
          <dd style={s.factValue} data-testid="heron-outline-volume">
            {summary.volumeMl.toFixed(2)} mL
          </dd>
          <dt style={s.factName}>Largest extent</dt>
          <dd style={s.factValue} data-testid="heron-outline-extent">
            {summary.extentMm.toFixed(1)} mm
          </dd>
        </dl>
      )}
      {warning && (
        <div style={s.warning} data-testid="heron-outline-warning">
          {warning}
        </div>
      )}
    </div>
  );
}
