/** @jsxRuntime automatic */
// (The pragma lets the unit tests' tsx loader, which reads the root tsconfig without `jsx`, compile this file the way
// the extension's tsconfig does.)
import type { ViewerActions } from '../viewer-actions';
import { s } from './styles';

/**
 * The breast layout's two stages: reading (first post-contrast, T2, DWI, ADC side by side, scrolled together) and
 * outlining (the first post-contrast phase alone, large enough to paint on).
 */
export function LayoutSection({ viewer }: { viewer: ViewerActions }) {
  return (
    <div data-testid="heron-layout">
      <div style={s.sectionTitle}>Layout</div>
      <div style={{ display: 'flex', gap: 8 }}>
        <button
          type="button"
          style={s.secondaryButton}
          data-testid="heron-layout-reading"
          onClick={() => viewer.setLayoutStage('reading')}
        >
          Read 2×2
        </button>
        <button
          type="button"
          style={s.secondaryButton}
          data-testid="heron-layout-outlining"
          onClick={() => viewer.setLayoutStage('outlining')}
        >
          Outline 1×1
        </button>
      </div>
    </div>
  );
}
