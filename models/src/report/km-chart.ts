// Kaplan-Meier curves as an SVG step plot for reports and `heron stats risk-groups --plot`, drawn with the report's
// line chart so every figure of a report looks alike.
import type { KaplanMeier } from '../survival/kaplan-meier';
import { lineChart, type Series } from './svg';

/** The step function as polyline points: flat until each time, then the drop (survfit's right-continuous steps). */
function steps(km: KaplanMeier): [number, number][] {
  const points: [number, number][] = [[0, 1]];
  let s = 1;
  km.time.forEach((t, k) => {
    if (km.survival[k] === s) return;
    points.push([t, s], [t, km.survival[k]]);
    s = km.survival[k];
  });
  const last = km.time.at(-1) ?? 0;
  if (points.at(-1)![0] < last) points.push([last, s]);
  return points;
}

export function kmChart(
  title: string,
  curves: { label: string; km: KaplanMeier; colour: string }[],
  timeLabel = 'time',
  /** Lines printed under the legend (e.g. the search-adjusted p of an optimal cut-off). */
  notes: string[] = [],
): string {
  const end = Math.max(0, ...curves.map((c) => c.km.time.at(-1) ?? 0));
  // lineChart writes its legend top left, where survival curves start; ours goes bottom left (above the x axis at
  // y = 276 in lineChart's 420 × 320 frame), where they rarely are.
  const series: Series[] = curves.map((c) => ({ label: '', colour: c.colour, points: steps(c.km) }));
  const svg = lineChart(title, timeLabel, 'survival probability', series, { x: [0, end || 1], y: [0, 1] });
  const legend = [
    ...curves.map((c) => ({ text: c.label, colour: c.colour })),
    ...notes.map((text) => ({ text, colour: '#555' })),
  ];
  const text = legend.map(
    (l, k) =>
      `<text x="60" y="${268 - 13 * (legend.length - 1 - k)}" fill="${l.colour}">${l.text.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</text>`,
  );
  return svg.replace('</svg>', [...text, '</svg>'].join('\n'));
}
