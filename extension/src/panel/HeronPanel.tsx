import { useCallback, useEffect, useState } from 'react';
import type { Me, SeriesRole, StudyRoles } from '@heron/server/contract';
import type { ApiClient } from '../api-client';
import { ROLE_LABELS, roleRows } from '../roles-display';
import type { ViewerActions } from '../viewer-actions';
import { AnalysisSection } from './AnalysisSection';
import { KineticMapSection } from './KineticMapSection';
import { LayoutSection } from './LayoutSection';
import { OutlineSection } from './OutlineSection';
import { ProposalSection } from './ProposalSection';
import type { OutlineApi } from '../outline/outline-api';
import type { PanelMemory } from './panel-memory';
import { s } from './styles';
import { AccountNote } from './AccountNote';

const ROLES: SeriesRole[] = ['dce', 't2', 'dwi', 'adc', 'other'];

type State = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; roles: StudyRoles };

export interface HeronPanelProps {
  api: ApiClient;
  viewer: ViewerActions;
  studyUid: string | null;
  outlines: OutlineApi;
  memory: PanelMemory;
}

/** The Heron panel: which series the study holds for each role, and the reader's reassignments. */
export function HeronPanel({ api, viewer, studyUid, outlines, memory }: HeronPanelProps) {
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [overrides, setOverrides] = useState<Record<string, SeriesRole>>({});
  const [me, setMe] = useState<Me | { error: string } | null>(null);

  // What the panel offers is what the server's route table allows this person: asked once, never guessed.
  useEffect(() => {
    let live = true;
    api
      .me()
      .then((m) => live && setMe(m))
      .catch((err: unknown) => live && setMe({ error: err instanceof Error ? err.message : String(err) }));
    return () => {
      live = false;
    };
  }, [api]);
  const may = me && 'may' in me ? me.may : null;

  useEffect(() => {
    if (!studyUid) {
      setState({ kind: 'error', message: 'No study is open.' });
      return;
    }
    let live = true;
    setState((prev) => (prev.kind === 'ready' ? prev : { kind: 'loading' }));
    api
      .seriesRoles(studyUid, overrides)
      .then((roles) => live && setState({ kind: 'ready', roles }))
      .catch(
        (err: unknown) =>
          live && setState({ kind: 'error', message: err instanceof Error ? err.message : String(err) }),
      );
    return () => {
      live = false;
    };
  }, [api, studyUid, overrides]);

  const reassign = useCallback((uid: string, role: SeriesRole) => {
    setOverrides((prev) => ({ ...prev, [uid]: role }));
  }, []);

  return (
    <div style={s.panel} data-testid="heron-panel-content">
      <h2 style={s.title}>Heron · breast MRI</h2>
      <div style={s.banner} data-testid="heron-intended-use">
        For research use only. Not a diagnosis and not a medical device.
      </div>
      {me && 'error' in me && (
        <div style={s.error} role="alert">
          {me.error}
        </div>
      )}
      {me && 'may' in me && <AccountNote me={me} api={api} />}
      {state.kind === 'loading' && <div>Reading the series of this study…</div>}
      {state.kind === 'error' && (
        <div style={s.error} role="alert">
          {state.message}
        </div>
      )}
      <LayoutSection viewer={viewer} />
      {may?.analyse && <OutlineSection viewer={viewer} roles={state.kind === 'ready' ? state.roles : null} />}
      {studyUid && may?.analyse && (
        <ProposalSection
          outlines={outlines}
          viewer={viewer}
          studyUid={studyUid}
          roles={state.kind === 'ready' ? state.roles : null}
          memory={memory}
        />
      )}
      {studyUid && may?.readReports && (
        <AnalysisSection
          api={api}
          viewer={viewer}
          studyUid={studyUid}
          overrides={overrides}
          canAnalyse={may.analyse}
          canSignOff={may.signOff}
        />
      )}
      {studyUid && may?.analyse && (
        <KineticMapSection api={api} viewer={viewer} studyUid={studyUid} overrides={overrides} memory={memory} />
      )}
      {state.kind === 'ready' && (
        <RolesView
          roles={state.roles}
          onReassign={reassign}
          onShow={(uid) => viewer.showSeries(uid)}
          canReassign={may?.analyse ?? false}
        />
      )}
    </div>
  );
}

interface RolesViewProps {
  roles: StudyRoles;
  /** Reassigning a role prepares an analysis: a reader's step. */
  canReassign: boolean;
  onReassign: (uid: string, role: SeriesRole) => void;
  onShow: (uid: string) => void;
}

function RolesView({ roles, onReassign, onShow, canReassign }: RolesViewProps) {
  const rows = roleRows(roles);
  return (
    <>
      <div style={s.sectionTitle}>Sequences found</div>
      {roles.warnings.map((w) => (
        <div key={w} style={s.warning}>
          {w}
        </div>
      ))}
      <div data-testid="heron-roles">
        {rows.map((r) => (
          <button
            key={r.key}
            type="button"
            style={s.rowButton}
            data-testid="heron-role-row"
            data-role={r.role}
            title="Show this series in the active viewport"
            onClick={() => onShow(r.seriesInstanceUID)}
          >
            <span style={s.roleTag}>{r.title}</span>
            <span style={s.detail} title={r.detail}>
              {r.detail}
            </span>
          </button>
        ))}
      </div>
      <div style={s.sectionTitle}>Series (change a role if it is wrong)</div>
      {roles.series.map((x) => (
        <div key={x.seriesInstanceUID} style={s.row} title={x.reason}>
          <span style={s.seriesName}>
            {x.seriesNumber !== undefined ? `#${x.seriesNumber} ` : ''}
            {x.seriesDescription ?? '(no description)'}
          </span>
          <select
            style={s.select}
            aria-label={`Role of series ${x.seriesDescription ?? x.seriesInstanceUID}`}
            value={x.role}
            disabled={!canReassign}
            onChange={(e) => onReassign(x.seriesInstanceUID, e.target.value as SeriesRole)}
          >
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {ROLE_LABELS[role]}
              </option>
            ))}
          </select>
        </div>
      ))}
    </>
  );
}
