import { useCallback, useEffect, useRef, useState } from 'react';
import type { StudyRoles } from '@heron/server/contract';
import type { ExistingOutline, OutlineApi } from '../outline/outline-api';
import type { ViewerActions } from '../viewer-actions';
import { type PanelMemory, useRemembered } from './panel-memory';
import { s } from './styles';

type ProposalState =
  | { kind: 'idle' }
  | { kind: 'waiting' }
  | { kind: 'working' }
  | { kind: 'proposed'; segmentationId: string; text: string }
  | { kind: 'accepted'; text: string }
  | { kind: 'message'; text: string };

type ExistingState =
  { kind: 'loading' } | { kind: 'ready'; outlines: ExistingOutline[] } | { kind: 'error'; message: string };

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** The post-contrast phase shown in the clicked series, when that series holds exactly one; else the server's default. */
function phaseOf(seriesInstanceUID: string | undefined, roles: StudyRoles | null): number | undefined {
  const phases = roles?.dcePhases.filter((p) => p.seriesInstanceUID === seriesInstanceUID) ?? [];
  return phases.length === 1 && phases[0].phaseIndex >= 1 ? phases[0].phaseIndex : undefined;
}

export interface ProposalSectionProps {
  outlines: OutlineApi;
  viewer: ViewerActions;
  studyUid: string;
  roles: StudyRoles | null;
  memory: PanelMemory;
}

/**
 * Outlines the reader does not draw: a proposal from one click in the lesion (kept, edited with the brush, or
 * discarded), or an outline already in the study (a SEG segment or an RTSTRUCT ROI from another tool).
 */
export function ProposalSection({ outlines, viewer, studyUid, roles, memory }: ProposalSectionProps) {
  const [proposal, setProposal] = useRemembered<ProposalState>(memory, `${studyUid}/proposal`, { kind: 'idle' });
  const [existing, setExisting] = useState<ExistingState>({ kind: 'loading' });
  const [taken, setTaken] = useRemembered<string | null>(memory, `${studyUid}/taken`, null);
  const cancel = useRef<AbortController | null>(null);

  useEffect(() => {
    let live = true;
    outlines
      .list(studyUid)
      .then((list) => live && setExisting({ kind: 'ready', outlines: list }))
      .catch((err: unknown) => live && setExisting({ kind: 'error', message: message(err) }));
    return () => {
      live = false;
    };
  }, [outlines, studyUid]);

  const propose = useCallback(async () => {
    cancel.current?.abort();
    const controller = new AbortController();
    cancel.current = controller;
    setProposal({ kind: 'waiting' });
    try {
      const click = await viewer.pickPoint(controller.signal);
      setProposal({ kind: 'working' });
      const result = await outlines.propose(studyUid, click.point, phaseOf(click.seriesInstanceUID, roles));
      const segmentationId = await viewer.showOutline(result.outline, 'Proposed outline');
      setProposal({
        kind: 'proposed',
        segmentationId,
        text:
          `Proposed on ${result.phase}: ${result.voxelCount.toLocaleString('en-US')} voxels, ${result.volumeMl.toFixed(2)} mL. ` +
          'Check it on every slice; edit it with the brush, or discard it.',
      });
    } catch (err) {
      if (controller.signal.aborted) return;
      setProposal({ kind: 'message', text: message(err) });
    }
  }, [outlines, viewer, studyUid, roles, setProposal]);

  const take = useCallback(
    async (from: ExistingOutline, item: { number: number; name: string }) => {
      setTaken(null);
      try {
        const result = await outlines.mask(studyUid, from, item);
        viewer.showSeries(result.outline.seriesInstanceUID);
        await viewer.showOutline(result.outline, result.name);
        setTaken(`Taken: “${result.name}” (${result.voxelCount.toLocaleString('en-US')} voxels). Analyze uses it.`);
      } catch (err) {
        setTaken(message(err));
      }
    },
    [outlines, viewer, studyUid, setTaken],
  );

  return (
    <div data-testid="heron-proposal">
      <div style={s.sectionTitle}>Propose or take an outline</div>
      {proposal.kind !== 'waiting' && proposal.kind !== 'working' && proposal.kind !== 'proposed' && (
        <button type="button" style={s.rowButton} data-testid="heron-propose" onClick={() => void propose()}>
          Propose an outline from one click in the lesion
        </button>
      )}
      {proposal.kind === 'waiting' && (
        <div style={s.warning} data-testid="heron-proposal-waiting">
          Click inside the lesion on a DCE phase.{' '}
          <button
            type="button"
            style={s.rowButton}
            onClick={() => (cancel.current?.abort(), setProposal({ kind: 'idle' }))}
          >
            Cancel
          </button>
        </div>
      )}
      {proposal.kind === 'working' && <div data-testid="heron-proposal-working">Finding the lesion…</div>}
      {proposal.kind === 'proposed' && (
        <div data-testid="heron-proposal-proposed">
          <div style={s.warning}>{proposal.text}</div>
          <button
            type="button"
            style={s.rowButton}
            data-testid="heron-proposal-accept"
            onClick={() => setProposal({ kind: 'accepted', text: 'Proposed outline kept: Analyze uses it.' })}
          >
            Keep this outline
          </button>
          <button
            type="button"
            style={s.rowButton}
            data-testid="heron-proposal-discard"
            onClick={() => {
              viewer.removeOutline(proposal.segmentationId);
              setProposal({ kind: 'idle' });
            }}
          >
            Discard it
          </button>
        </div>
      )}
      {proposal.kind === 'accepted' && <div data-testid="heron-proposal-accepted">{proposal.text}</div>}
      {proposal.kind === 'message' && (
        <div style={s.error} role="alert" data-testid="heron-proposal-message">
          {proposal.text}
        </div>
      )}
      {existing.kind === 'error' && <div style={s.error}>{existing.message}</div>}
      {existing.kind === 'ready' && existing.outlines.length > 0 && (
        <div data-testid="heron-existing-outlines">
          <div style={s.detail}>Outlines already in this study:</div>
          {existing.outlines.flatMap((o) =>
            o.items.map((item) => (
              <button
                key={`${o.sopInstanceUID}/${item.number}`}
                type="button"
                style={s.rowButton}
                data-testid="heron-existing-outline"
                title={`${o.kind === 'seg' ? 'SEG segment' : 'RTSTRUCT ROI'} ${item.number} of ${o.seriesDescription ?? o.sopInstanceUID}`}
                onClick={() => void take(o, item)}
              >
                <span style={s.roleTag}>{o.kind === 'seg' ? 'SEG' : 'RTSTRUCT'}</span>
                <span style={s.detail}>
                  {item.name}
                  {o.seriesDescription ? ` · ${o.seriesDescription}` : ''}
                </span>
              </button>
            )),
          )}
        </div>
      )}
      {taken && <div data-testid="heron-existing-taken">{taken}</div>}
    </div>
  );
}
