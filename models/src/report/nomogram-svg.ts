// A nomogram as SVG, in the layout of rms::nomogram's plot: a points ruler (0-100) on top, one axis per variable
// placed under the points it earns, a total-points ruler, and the probability axis under the totals it needs.
import type { Nomogram } from '../stats/nomogram';

const LEFT = 150;
const WIDTH = 420;
const ROW = 42;
const f = (v: number) => (Math.round(v * 100) / 100).toString();
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const label = (v: number) => Number(v.toPrecision(3)).toString();

function axis(y: number, name: string, ticks: { x: number; text: string }[]): string[] {
  const xs = ticks.map((t) => t.x);
  const out = [
    `<text x="${LEFT - 10}" y="${y + 4}" text-anchor="end">${esc(name)}</text>`,
    `<line x1="${f(Math.min(...xs))}" y1="${y}" x2="${f(Math.max(...xs))}" y2="${y}" stroke="#333"/>`,
  ];
  for (const t of ticks)
    out.push(
      `<line x1="${f(t.x)}" y1="${y}" x2="${f(t.x)}" y2="${y - 5}" stroke="#333"/>`,
      `<text x="${f(t.x)}" y="${y + 14}" text-anchor="middle">${esc(t.text)}</text>`,
    );
  return out;
}

export function nomogramSvg(title: string, n: Nomogram, outcome = 'Probability'): string {
  const rows = n.variables.length + 3;
  const height = 40 + rows * ROW;
  const px = (points: number) => LEFT + (points / 100) * WIDTH;
  const totalMax = Math.max(n.maxTotal, 1);
  const tx = (total: number) => LEFT + (total / totalMax) * WIDTH;
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${LEFT + WIDTH + 30}" height="${height}" viewBox="0 0 ${LEFT + WIDTH + 30} ${height}" font-family="sans-serif" font-size="11">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="${(LEFT + WIDTH + 30) / 2}" y="18" text-anchor="middle" font-size="13">${esc(title)}</text>`,
  ];
  let y = 50;
  out.push(
    ...axis(
      y,
      'Points',
      [0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100].map((p) => ({ x: px(p), text: String(p) })),
    ),
  );
  for (const v of n.variables) {
    y += ROW;
    out.push(
      ...axis(
        y,
        v.name,
        v.ticks.map((t) => ({ x: px(t.points), text: label(t.value) })),
      ),
    );
  }
  y += ROW;
  const step = totalMax > 200 ? 50 : totalMax > 100 ? 20 : 10;
  const totals = Array.from({ length: Math.floor(totalMax / step) + 1 }, (_, k) => k * step);
  out.push(
    ...axis(
      y,
      'Total points',
      totals.map((t) => ({ x: tx(t), text: String(t) })),
    ),
  );
  y += ROW;
  if (n.probability.length)
    out.push(
      ...axis(
        y,
        outcome,
        n.probability.map((t) => ({ x: tx(t.points), text: label(t.p) })),
      ),
    );
  out.push('</svg>');
  return out.join('\n') + '\n';
}
