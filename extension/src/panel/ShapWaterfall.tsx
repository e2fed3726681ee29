/** @jsxRuntime automatic */
// (The pragma lets the unit tests' tsx loader, which reads the root tsconfig without `jsx`, compile this file the way
// the extension's tsconfig does.)
import type { Explanation } from '@heron/server/contract';
import {
  describeInput,
  formatContribution,
  formatInputValue,
  formatOutput,
  readableInput,
  readableWarning,
  spaceUnit,
} from '../result-text';
import { resultColors, rs } from './result-styles';
import { colors } from './styles';
import { type Waterfall, type WaterfallBar, waterfall, wrapWords } from './waterfall-geometry';

// Drawn in a fixed coordinate system and scaled to the panel's width by the viewBox.
const WIDTH = 320;
const PLOT_LEFT = 8;
const PLOT_RIGHT = WIDTH - 8;
const FONT = 11;
const SMALL = 10;
const LINE = 13;
// Average glyph width in em: server-side and first renders cannot measure text, so labels are wrapped and placed by it.
const CHAR_WIDTH = 0.56;
const BAR_HEIGHT = 12;
const ARROW = 5;
const ROW_GAP = 8;
const HEADER = 22;
const AXIS = 48;
// A label this close to either end is anchored at its start or end so that it stays inside the chart.
const EDGE = 60;

interface Line {
  text: string;
  muted: boolean;
}

interface Row {
  bar: WaterfallBar;
  lines: Line[];
  top: number;
  barTop: number;
}

function labelLines(bar: WaterfallBar): Line[] {
  if (bar.kind === 'rest') return [{ text: `${bar.count} other inputs`, muted: false }];
  const d = describeInput(bar.input);
  const flag = bar.outOfRange ? '⚠ ' : '';
  const where = [d.where, `value ${formatInputValue(bar.inputValue)}`].filter(Boolean).join(' · ');
  return [
    ...wrapWords(flag + d.what, Math.floor((PLOT_RIGHT - PLOT_LEFT) / (FONT * CHAR_WIDTH))).map((text) => ({
      text,
      muted: false,
    })),
    ...wrapWords(where, Math.floor((PLOT_RIGHT - PLOT_LEFT) / (SMALL * CHAR_WIDTH))).map((text) => ({
      text,
      muted: true,
    })),
  ];
}

function layout(w: Waterfall): { rows: Row[]; plotBottom: number } {
  const rows: Row[] = [];
  let y = HEADER;
  for (const bar of w.bars) {
    const lines = labelLines(bar);
    rows.push({ bar, lines, top: y, barTop: y + lines.length * LINE + 2 });
    y += lines.length * LINE + 2 + BAR_HEIGHT + ROW_GAP;
  }
  return { rows, plotBottom: y };
}

function anchorFor(x: number): 'start' | 'middle' | 'end' {
  return x < PLOT_LEFT + EDGE ? 'start' : x > PLOT_RIGHT - EDGE ? 'end' : 'middle';
}

export interface ShapWaterfallProps {
  explanation: Explanation;
  /** How many inputs get a bar of their own; the others are summed in one bar. */
  topN?: number;
}

/**
 * The SHAP waterfall of one case: from the model's output for the average (background) case at the bottom, each of
 * the largest contributions pushes the output up or down until it reaches this case's output at the top.
 */
export function ShapWaterfall({ explanation, topN = 5 }: ShapWaterfallProps) {
  const w = waterfall(explanation, topN);
  const { rows, plotBottom } = layout(w);
  const [lo, hi] = w.domain;
  const x = (v: number) => PLOT_LEFT + ((v - lo) / (hi - lo)) * (PLOT_RIGHT - PLOT_LEFT);
  const height = plotBottom + AXIS;
  const axisY = plotBottom;
  const unit = spaceUnit(w.space);

  return (
    <div>
      <svg
        viewBox={`0 0 ${WIDTH} ${height}`}
        style={rs.waterfall}
        role="img"
        aria-label={`Contributions to the model output (${unit}), from ${formatOutput(w.base, w.space)} for the average case to ${formatOutput(w.value, w.space)} for this case`}
        data-testid="heron-waterfall"
      >
        <line x1={x(w.value)} x2={x(w.value)} y1={15} y2={HEADER - 2} stroke={colors.text} />
        <text
          x={x(w.value)}
          y={12}
          fontSize={FONT}
          fill={colors.text}
          textAnchor={anchorFor(x(w.value))}
          data-testid="heron-waterfall-value"
        >
          This case: {formatOutput(w.value, w.space)}
        </text>
        {rows.map((row, i) => (
          <BarRow key={i} row={row} x={x} space={w.space} />
        ))}
        <line x1={PLOT_LEFT} x2={PLOT_RIGHT} y1={axisY} y2={axisY} stroke={colors.muted} />
        <line x1={x(w.base)} x2={x(w.base)} y1={axisY - 8} y2={axisY} stroke={colors.text} strokeWidth={2} />
        {w.ticks.map((t) => (
          <g key={t.label}>
            <line x1={x(t.at)} x2={x(t.at)} y1={axisY} y2={axisY + 4} stroke={colors.muted} />
            <text x={x(t.at)} y={axisY + 14} fontSize={SMALL} fill={colors.muted} textAnchor="middle">
              {t.label}
            </text>
          </g>
        ))}
        <text
          x={x(w.base)}
          y={axisY + 28}
          fontSize={SMALL}
          fill={colors.text}
          textAnchor={anchorFor(x(w.base))}
          data-testid="heron-waterfall-base"
        >
          Average case: {formatOutput(w.base, w.space)}
        </text>
        <text x={WIDTH / 2} y={axisY + 42} fontSize={SMALL} fill={colors.muted} textAnchor="middle">
          Model output ({unit}){w.space === 'probability' ? ' · bars in percentage points (pp)' : ''}
        </text>
      </svg>
      <div style={rs.legend}>
        <span style={rs.legendItem}>
          <span style={{ ...rs.legendSwatch, background: resultColors.raises }} />
          {w.space === 'risk-score' ? 'raises the risk score' : 'raises the probability'}
        </span>
        <span style={rs.legendItem}>
          <span style={{ ...rs.legendSwatch, background: resultColors.lowers }} />
          lowers it
        </span>
      </div>
    </div>
  );
}

function BarRow({ row, x, space }: { row: Row; x: (v: number) => number; space: Explanation['space'] }) {
  const { bar, lines, top, barTop } = row;
  const xs = x(bar.start);
  const xe = x(bar.end);
  const dir = xe >= xs ? 1 : -1;
  const back = xe - dir * Math.min(ARROW, Math.abs(xe - xs));
  const mid = barTop + BAR_HEIGHT / 2;
  const points = [
    [xs, barTop],
    [back, barTop],
    [xe, mid],
    [back, barTop + BAR_HEIGHT],
    [xs, barTop + BAR_HEIGHT],
  ]
    .map((p) => p.join(','))
    .join(' ');
  const fill = bar.shap >= 0 ? resultColors.raises : resultColors.lowers;

  const value = formatContribution(bar.shap, space);
  const width = value.length * SMALL * CHAR_WIDTH + 3;
  const xHigh = Math.max(xs, xe);
  const xLow = Math.min(xs, xe);
  const place =
    PLOT_RIGHT - xHigh >= width
      ? { x: xHigh + 3, anchor: 'start' as const, fill: colors.text }
      : xLow - PLOT_LEFT >= width
        ? { x: xLow - 3, anchor: 'end' as const, fill: colors.text }
        : { x: xHigh - ARROW - 2, anchor: 'end' as const, fill: resultColors.onBar };
  const title =
    bar.kind === 'rest'
      ? `${bar.count} other inputs together: ${value}`
      : `${readableInput(bar.input)} = ${formatInputValue(bar.inputValue)}: ${value}${bar.outOfRange ? ` (${readableWarning(bar.outOfRange)})` : ''}`;

  return (
    <g>
      <title>{title}</title>
      {lines.map((line, i) => (
        <text
          key={i}
          x={PLOT_LEFT}
          y={top + (i + 1) * LINE - 3}
          fontSize={line.muted ? SMALL : FONT}
          fill={line.muted ? colors.muted : bar.kind === 'input' && bar.outOfRange ? colors.warningText : colors.text}
        >
          {line.text}
        </text>
      ))}
      <polygon
        points={points}
        fill={fill}
        fillOpacity={bar.kind === 'rest' ? 0.55 : 1}
        data-testid="heron-waterfall-bar"
        data-kind={bar.kind}
        data-shap={bar.shap}
      />
      <text x={place.x} y={mid + 3.5} fontSize={SMALL} fill={place.fill} textAnchor={place.anchor}>
        {value}
      </text>
    </g>
  );
}
