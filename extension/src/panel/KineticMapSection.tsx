/** @jsxRuntime automatic */
// (The pragma lets the unit tests' tsx loader, which reads the root tsconfig without `jsx`, compile this file the way
// the extension's tsconfig does.)
import { useState } from 'react';
import type { SeriesRole } from '@heron/server/contract';
import type { ApiClient } from '../api-client';
import { KINETIC_MAP_SEGMENTS, type KineticMap } from '../kinetics/kinetic-map';
import type { ViewerActions } from '../viewer-actions';
import { type PanelMemory, useRemembered } from './panel-memory';
import { rs } from './result-styles';
import { s } from './styles';

type Shown = { kind: 'off' } | { kind: 'on'; segmentationId: string; map: KineticMap };

const rgb = ([r, g, b]: number[]) => `rgb(${r}, ${g}, ${b})`;

/**
 * The kinetic colour map toggle: per voxel of the breast that enhances enough early on, its delayed curve type in
 * colour over the first post-contrast phase, with the legend and how many voxels of each type the server found.
 */
export function KineticMapSection({
  api,
  viewer,
  studyUid,
  overrides,
  memory,
}: {
  api: ApiClient;
  viewer: ViewerActions;
  studyUid: string;
  overrides: Record<string, SeriesRole>;
  memory: PanelMemory;
}) {
  // Remembered: OHIF unmounts the panel when another tab opens, and the overlay stays on the images meanwhile.
  const [shown, setShown] = useRemembered<Shown>(memory, `kinetic-map:${studyUid}`, { kind: 'off' });
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  async function toggle() {
    setMessage(null);
    if (shown.kind === 'on') {
      viewer.removeOutline(shown.segmentationId);
      setShown({ kind: 'off' });
      return;
    }
    setBusy(true);
    try {
      const map = await api.kineticMap(studyUid, overrides);
      const segmentationId = await viewer.showKineticMap(map);
      setShown({ kind: 'on', segmentationId, map });
    } catch (e) {
      setMessage(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div data-testid="heron-kinetic-map">
      <div style={s.sectionTitle}>Kinetic colour map</div>
      <button
        type="button"
        style={s.secondaryButton}
        disabled={busy}
        aria-pressed={shown.kind === 'on'}
        data-testid="heron-kinetic-map-toggle"
        onClick={() => void toggle()}
      >
        {busy ? 'Computing the map…' : shown.kind === 'on' ? 'Hide the kinetic map' : 'Show the kinetic map'}
      </button>
      {message && (
        <div style={s.error} role="alert" data-testid="heron-kinetic-map-message">
          {message}
        </div>
      )}
      {shown.kind === 'on' && (
        <>
          <div style={rs.legend} data-testid="heron-kinetic-map-legend">
            {shown.map.labels.map((l) => {
              const seg = KINETIC_MAP_SEGMENTS[l.curveType];
              return (
                <span key={l.label} style={rs.legendItem}>
                  <span style={{ ...rs.legendSwatch, background: rgb(seg.rgba) }} />
                  {seg.name} · {l.voxelCount.toLocaleString('en-US')} voxels
                </span>
              );
            })}
          </div>
          <div style={s.muted}>
            Voxels whose initial enhancement reaches {shown.map.thresholds.mapMinimumInitialEnhancementPercent} %,
            coloured by delayed curve type. For research use only.
          </div>
        </>
      )}
    </div>
  );
}
