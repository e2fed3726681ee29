// Minimal SVG line and bar charts for the evaluation report: deterministic text, no dependencies.

export interface Series {
  label: string;
  points: [number, number][];
  colour: string;
  dashed?: boolean;
}

const W = 420;
const H = 320;
const PAD = { l: 52, r: 12, t: 28, b: 44 };
const f = (v: number) => (Math.round(v * 100) / 100).toString();
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function lineChart(
  title: string,
  xLabel: string,
  yLabel: string,
  series: Series[],
  range: { x: [number, number]; y: [number, number] },
): string {
  const sx = (x: number) => PAD.l + ((x - range.x[0]) / (range.x[1] - range.x[0])) * (W - PAD.l - PAD.r);
  const sy = (y: number) =>
    H -
    PAD.b -
    ((Math.min(Math.max(y, range.y[0]), range.y[1]) - range.y[0]) / (range.y[1] - range.y[0])) * (H - PAD.t - PAD.b);
  const ticks = (lo: number, hi: number) => Array.from({ length: 6 }, (_, i) => lo + ((hi - lo) * i) / 5);
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="11">`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
    `<text x="${W / 2}" y="16" text-anchor="middle" font-size="13">${esc(title)}</text>`,
    `<rect x="${PAD.l}" y="${PAD.t}" width="${W - PAD.l - PAD.r}" height="${H - PAD.t - PAD.b}" fill="none" stroke="#888"/>`,
  ];
  for (const t of ticks(...range.x))
    out.push(`<text x="${f(sx(t))}" y="${H - PAD.b + 14}" text-anchor="middle">${f(t)}</text>`);
  for (const t of ticks(...range.y))
    out.push(`<text x="${PAD.l - 4}" y="${f(sy(t) + 4)}" text-anchor="end">${f(t)}</text>`);
  out.push(`<text x="${W / 2}" y="${H - 8}" text-anchor="middle">${esc(xLabel)}</text>`);
  out.push(`<text x="12" y="${H / 2}" text-anchor="middle" transform="rotate(-90 12 ${H / 2})">${esc(yLabel)}</text>`);
  series.forEach((s, k) => {
    const d = s.points.map(([x, y], i) => `${i ? 'L' : 'M'}${f(sx(x))},${f(sy(y))}`).join(' ');
    out.push(
      `<path d="${d}" fill="none" stroke="${s.colour}" stroke-width="1.6"${s.dashed ? ' stroke-dasharray="5,4"' : ''}/>`,
    );
    out.push(`<text x="${PAD.l + 8}" y="${PAD.t + 14 + 13 * k}" fill="${s.colour}">${esc(s.label)}</text>`);
  });
  out.push('</svg>');
  return out.join('\n') + '\n';
}

export function barChart(title: string, bars: { label: string; value: number }[]): string {
  const rowH = 16;
  const h = PAD.t + bars.length * rowH + 20;
  const labelW = 260;
  const max = Math.max(...bars.map((b) => Math.abs(b.value)), 1e-12);
  const mid = labelW + (W + 200 - labelW) / 2;
  const half = (W + 200 - labelW) / 2 - 10;
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W + 200}" height="${h}" viewBox="0 0 ${W + 200} ${h}" font-family="sans-serif" font-size="10">`,
    `<rect width="${W + 200}" height="${h}" fill="white"/>`,
    `<text x="${(W + 200) / 2}" y="16" text-anchor="middle" font-size="13">${esc(title)}</text>`,
    `<line x1="${mid}" y1="${PAD.t - 4}" x2="${mid}" y2="${h - 10}" stroke="#888"/>`,
  ];
  bars.forEach((b, i) => {
    const y = PAD.t + i * rowH;
    const len = (Math.abs(b.value) / max) * half;
    const x = b.value >= 0 ? mid : mid - len;
    out.push(`<text x="${labelW - 6}" y="${y + 11}" text-anchor="end">${esc(b.label)}</text>`);
    out.push(
      `<rect x="${f(x)}" y="${y + 2}" width="${f(len)}" height="${rowH - 5}" fill="${b.value >= 0 ? '#c0392b' : '#2471a3'}"/>`,
    );
    out.push(
      `<text x="${f(b.value >= 0 ? mid + len + 3 : mid - len - 3)}" y="${y + 11}" text-anchor="${b.value >= 0 ? 'start' : 'end'}">${b.value.toFixed(3)}</text>`,
    );
  });
  out.push('</svg>');
  return out.join('\n') + '\n';
}
