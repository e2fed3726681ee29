/** @jsxRuntime automatic */
// (The pragma lets the unit tests' tsx loader, which reads the root tsconfig without `jsx`, compile this file the way
// the extension's tsconfig does.)
import type { CurveType, InitialPhase, KineticsResult } from '../kinetics/kinetics-result';
import { curveChart, curveProblem } from './kinetic-curve-geometry';
import { rs } from './result-styles';
import { colors, s } from './styles';

const WIDTH = 320;
const HEIGHT = 170;
const MARGIN = { left: 44, right: 10, top: 10, bottom: 34 };
const SMALL = 10;

export const kineticColors = { mean: colors.accent, hotspot: '#ff9f43' };

// BI-RADS MRI lexicon (ACR BI-RADS Atlas, 5th ed., 2013): the delayed-phase curve types, with the Kuhl 1999 type
// numbers readers also use.
export const CURVE_TYPE_LABELS: Record<CurveType, string> = {
  persistent: 'persistent (type I)',
  plateau: 'plateau (type II)',
  washout: 'wash-out (type III)',
};
export const INITIAL_PHASE_LABELS: Record<InitialPhase, string> = { slow: 'slow', medium: 'medium', rapid: 'rapid' };

const signed = (v: number, digits = 0) => `${v > 0 ? '+' : v < 0 ? '−' : ''}${Math.abs(v).toFixed(digits)}`;

/**
 * The outline's enhancement kinetics: the time-intensity curve (outline mean and its most enhancing 3×3×3
 * neighbourhood), the BI-RADS initial phase and delayed curve type, and the values they come from; or, when the
 * server could not compute them, its reason.
 */
export function KineticCurveChart({ kinetics }: { kinetics: KineticsResult }) {
  if (kinetics.status === 'unavailable') {
    return (
      <div data-testid="heron-kinetics">
        <div style={s.sectionTitle}>Enhancement kinetics</div>
        <div style={s.warning} data-testid="heron-kinetics-unavailable">
          No kinetic curve: {kinetics.reason}
        </div>
      </div>
    );
  }
  const problem = curveProblem(kinetics.curve);
  const chart = problem ? null : curveChart(kinetics.curve, WIDTH, HEIGHT, MARGIN);
  const polyline = (points: { x: number; y: number }[]) => points.map((p) => `${p.x},${p.y}`).join(' ');
  return (
    <div data-testid="heron-kinetics">
      <div style={s.sectionTitle}>Enhancement kinetics</div>
      {/* The server classifies the hotspot curve (the most enhancing part decides, as readers place their ROI). */}
      <p style={rs.sentence} data-testid="heron-kinetics-class">
        Most enhancing part: initial phase <strong>{INITIAL_PHASE_LABELS[kinetics.initialPhase]}</strong> (
        {signed(kinetics.initialEnhancementPercent)} %), delayed phase{' '}
        <strong>{CURVE_TYPE_LABELS[kinetics.curveType]}</strong> ({signed(kinetics.delayedChangePercent)} %).
      </p>
      {problem && (
        <div style={s.warning} data-testid="heron-kinetics-unavailable">
          The curve cannot be drawn: {problem}
        </div>
      )}
      {chart && (
        <svg
          viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
          style={rs.waterfall}
          role="img"
          aria-label={`Time-intensity curve, ${kinetics.curve.timeS.length} phases: ${CURVE_TYPE_LABELS[kinetics.curveType]}`}
          data-testid="heron-kinetic-curve"
        >
          <line
            x1={chart.plot.left}
            x2={chart.plot.right}
            y1={chart.plot.bottom}
            y2={chart.plot.bottom}
            stroke={colors.muted}
          />
          <line
            x1={chart.plot.left}
            x2={chart.plot.left}
            y1={chart.plot.top}
            y2={chart.plot.bottom}
            stroke={colors.muted}
          />
          {chart.timeTicks.map((t) => (
            <g key={`t${t.label}`}>
              <line x1={t.at} x2={t.at} y1={chart.plot.bottom} y2={chart.plot.bottom + 4} stroke={colors.muted} />
              <text x={t.at} y={chart.plot.bottom + 14} fontSize={SMALL} fill={colors.muted} textAnchor="middle">
                {t.label}
              </text>
            </g>
          ))}
          {chart.signalTicks.map((t) => (
            <g key={`s${t.label}`}>
              <line x1={chart.plot.left - 4} x2={chart.plot.left} y1={t.at} y2={t.at} stroke={colors.muted} />
              <text x={chart.plot.left - 6} y={t.at + 3} fontSize={SMALL} fill={colors.muted} textAnchor="end">
                {t.label}
              </text>
            </g>
          ))}
          <text
            x={(chart.plot.left + chart.plot.right) / 2}
            y={HEIGHT - 4}
            fontSize={SMALL}
            fill={colors.muted}
            textAnchor="middle"
          >
            Time after injection (s)
          </text>
          <polyline
            points={polyline(chart.hotspot)}
            fill="none"
            stroke={kineticColors.hotspot}
            strokeWidth={1.5}
            strokeDasharray="4 3"
          />
          <polyline points={polyline(chart.mean)} fill="none" stroke={kineticColors.mean} strokeWidth={2} />
          {chart.mean.map((p, i) => (
            <circle key={i} cx={p.x} cy={p.y} r={2.5} fill={kineticColors.mean} data-testid="heron-kinetic-point">
              <title>{`${Math.round(p.timeS)} s: mean signal ${p.signal.toFixed(1)}`}</title>
            </circle>
          ))}
        </svg>
      )}
      <div style={rs.legend}>
        <span style={rs.legendItem}>
          <span style={{ ...rs.legendSwatch, background: kineticColors.mean }} />
          outline mean
        </span>
        <span style={rs.legendItem}>
          <span style={{ ...rs.legendSwatch, background: kineticColors.hotspot }} />
          most enhancing 3×3×3 voxels
        </span>
        <span style={rs.legendItem}>signal in scanner units</span>
      </div>
      <dl style={s.facts} data-testid="heron-kinetics-facts">
        <dt style={s.factName}>Peak enhancement</dt>
        <dd style={s.factValue}>{signed(kinetics.peakEnhancementPercent)} %</dd>
        <dt style={s.factName}>Time to peak</dt>
        <dd style={s.factValue}>{Math.round(kinetics.timeToPeakS)} s</dd>
        <dt style={s.factName}>Wash-in slope</dt>
        <dd style={s.factValue}>{signed(kinetics.washInSlopePercentPerMin)} %/min</dd>
        <dt style={s.factName}>SER</dt>
        <dd style={s.factValue}>
          {kinetics.ser === null
            ? 'not computed: the delayed phase is not above pre-contrast'
            : kinetics.ser.toFixed(2)}
        </dd>
      </dl>
    </div>
  );
}
