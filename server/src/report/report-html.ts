/**
 * The report as an HTML page (the board page and the viewport inside OHIF), section by section as report-pdf draws
 * it and from the same sentences (report-text). Self-contained: key images are data: URLs and the charts are inline
 * SVG, so the page needs nothing but itself under the server's CSP (no scripts at all).
 */
import type { BoardReport, KineticCurve } from './board-report';
import { INTENDED_USE_NOTICE } from './board-report';
import { OUTLINE_COLOURS } from './key-image';
import {
  calibrationLines,
  decisionLine,
  footerLines,
  keyImageCaption,
  modelCardLines,
  modelLine,
  OUTLINE_LEGEND,
  outOfRangeLines,
  patientLine,
  percent,
  REPORT_TITLE,
  headline,
  resultLine,
  survivalLines,
  shapUnit,
  value,
  waterfallRows,
} from './report-text';

/** Escapes text for HTML element content and quoted attribute values. */
export const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

const POSITIVE = '#c62828';
const NEGATIVE = '#1565c0';
const rgb = (c: readonly number[]) => `rgb(${c.join(',')})`;

/** The page's stylesheet, shared with the board list; the print rules put the notice on every printed page. */
export const REPORT_CSS = `
body{font-family:"DejaVu Sans",system-ui,sans-serif;color:#1a1a1a;margin:0;background:#fff}
main{max-width:900px;margin:0 auto;padding:16px 24px 72px}
h1{font-size:22px;margin:0}h2{font-size:15px;margin:18px 0 4px}
.notice{color:#b00020;font-weight:bold}.muted{color:#555}.small{font-size:12px}.warn{color:#b00020}
.big{font-size:30px;font-weight:bold;margin:4px 0}.pos{color:${POSITIVE}}.neg{color:${NEGATIVE}}
.images{display:flex;gap:10px;flex-wrap:wrap}.images figure{margin:0;flex:1 1 240px;max-width:300px}
.images img{width:100%;image-rendering:pixelated;display:block}.images figcaption{font-size:11px}
.legend span{display:inline-block;margin-right:14px;font-size:11px}.legend i{display:inline-block;width:14px;height:5px;margin-right:4px;vertical-align:middle}
footer.page-foot{border-top:1px solid #999;margin-top:24px;padding-top:4px;font-size:10px;color:#555;word-break:break-all}
nav.board{display:flex;gap:12px;align-items:center;padding:8px 24px;background:#f2f2f2;border-bottom:1px solid #ccc;font-size:14px}
nav.board a{color:#1565c0}
table.cases{border-collapse:collapse;width:100%;font-size:13px}table.cases td,table.cases th{border-bottom:1px solid #ddd;padding:4px 6px;text-align:left}
form.filters{display:flex;gap:8px;flex-wrap:wrap;align-items:end;font-size:13px;margin:8px 0}form.filters label{display:flex;flex-direction:column}
@media print{
  nav.board,form.filters,.no-print{display:none}
  main{max-width:none;padding:0 0 40px}
  footer.page-foot{position:fixed;bottom:0;left:0;right:0;background:#fff}
  h2{break-after:avoid}.images,svg{break-inside:avoid}
  @page{size:A4;margin:14mm 12mm 20mm}
}`;

function gauge(r: BoardReport): string {
  const w = 360;
  const p = r.result.probability;
  const t = r.result.threshold;
  return `<svg width="${w + 40}" height="34" role="img" aria-label="probability ${percent(p)}${t === undefined ? '' : ` against threshold ${percent(t)}`}">
<rect x="0" y="6" width="${w}" height="10" fill="#e0e0e0"/><rect x="0" y="6" width="${(w * p).toFixed(1)}" height="10" fill="${r.result.positive ? POSITIVE : NEGATIVE}"/>
${t === undefined ? '' : `<line x1="${(w * t).toFixed(1)}" x2="${(w * t).toFixed(1)}" y1="2" y2="20" stroke="#1a1a1a" stroke-width="2"/><text x="${(w * t).toFixed(1)}" y="31" font-size="10" text-anchor="middle" fill="#555">threshold ${percent(t)}</text>`}
<text x="0" y="31" font-size="10" fill="#555">0%</text><text x="${w}" y="31" font-size="10" text-anchor="end" fill="#555">100%</text></svg>`;
}

function waterfall(r: BoardReport): string {
  const rows = waterfallRows(r.shap.bars, r.shap.base);
  const rowH = 18;
  const labelW = 420;
  const plotW = 360;
  const ends = rows.flatMap((row) => [row.start, row.end]).concat(r.shap.base);
  const lo = Math.min(...ends);
  const hi = Math.max(...ends);
  const pad = (hi - lo || 1) * 0.08;
  const x = (v: number) => labelW + ((v - lo + pad) / (hi - lo + 2 * pad)) * plotW;
  const h = rows.length * rowH + 4;
  const bars = rows
    .map((row, i) => {
      const y = i * rowH + 2;
      const [a, b] = [x(Math.min(row.start, row.end)), x(Math.max(row.start, row.end))];
      const label = row.value === undefined ? row.label : `${row.label} = ${value(row.value)}`;
      const sign = row.shap >= 0 ? '+' : '−';
      return `<text x="0" y="${y + 12}" font-size="11">${esc(label)}</text>
<rect x="${a.toFixed(1)}" y="${y + 3}" width="${Math.max(b - a, 1).toFixed(1)}" height="${rowH - 6}" fill="${row.shap >= 0 ? POSITIVE : NEGATIVE}"/>
<text x="${(row.shap >= 0 ? b + 3 : a - 3).toFixed(1)}" y="${y + 12}" font-size="10" fill="#555" text-anchor="${row.shap >= 0 ? 'start' : 'end'}">${sign}${Math.abs(row.shap).toFixed(3)}</text>`;
    })
    .join('\n');
  const bx = x(r.shap.base).toFixed(1);
  return `<svg viewBox="0 0 ${labelW + plotW + 50} ${h}" width="100%" role="img" aria-label="SHAP waterfall">${bars}
<line x1="${bx}" x2="${bx}" y1="0" y2="${h}" stroke="#555" stroke-dasharray="3 3"/></svg>
<p class="small muted">Bars start at the average output (base ${r.shap.base.toFixed(3)}, dashed) and add up to this case's output; scale: ${esc(shapUnit(r.shap.space))}. Red pushes towards ${esc(r.result.classes[1])}, blue towards ${esc(r.result.classes[0])}.</p>`;
}

function keyImages(r: BoardReport): string {
  if (r.keyImages.length === 0) return '<p class="muted">No key images were rendered for this report.</p>';
  const figures = r.keyImages
    .map(
      (k) =>
        `<figure><img alt="${esc(k.label)}" src="data:image/png;base64,${k.png.toString('base64')}" width="${k.width}" height="${k.height}"><figcaption>${esc(keyImageCaption(k))}</figcaption></figure>`,
    )
    .join('');
  const legend = (
    [
      ['tumour', OUTLINE_COLOURS.tumour],
      ['1 mm', OUTLINE_COLOURS[1]],
      ['3 mm', OUTLINE_COLOURS[3]],
      ['5 mm', OUTLINE_COLOURS[5]],
    ] as const
  )
    .map(([name, c]) => `<span><i style="background:${rgb(c)}"></i>${name}</span>`)
    .join('');
  return `<div class="images">${figures}</div><div class="legend">${legend}</div><p class="small muted">${esc(OUTLINE_LEGEND)}</p>`;
}

function kineticCurve(k: KineticCurve): string {
  const [w, h] = [360, 120];
  const [t0, t1] = [Math.min(...k.timeS), Math.max(...k.timeS)];
  const [s0, s1] = [Math.min(...k.meanSignal), Math.max(...k.meanSignal)];
  const pts = k.timeS
    .map(
      (t, i) =>
        `${(40 + ((t - t0) / (t1 - t0 || 1)) * (w - 40)).toFixed(1)},${(h - ((k.meanSignal[i] - s0) / (s1 - s0 || 1)) * (h - 10) - 5).toFixed(1)}`,
    )
    .join(' ');
  return `<svg width="${w}" height="${h + 16}" role="img" aria-label="kinetic curve"><rect x="40" y="0" width="${w - 40}" height="${h}" fill="none" stroke="#999"/>
<polyline points="${pts}" fill="none" stroke="${POSITIVE}" stroke-width="2"/>
<text x="36" y="10" font-size="10" text-anchor="end">${value(s1)}</text><text x="36" y="${h}" font-size="10" text-anchor="end">${value(s0)}</text>
<text x="40" y="${h + 13}" font-size="10">${value(t0)} s</text><text x="${w}" y="${h + 13}" font-size="10" text-anchor="end">${value(t1)} s</text></svg>`;
}

const lines = (ls: string[], cls = '') => ls.map((l) => `<p${cls ? ` class="${cls}"` : ''}>${esc(l)}</p>`).join('\n');

/** The report's <main> (the board page wraps it with its navigation). */
export function reportMain(r: BoardReport): string {
  return `<main data-testid="heron-board-report">
<h1>${esc(REPORT_TITLE)}</h1>
<p class="notice">${esc(INTENDED_USE_NOTICE)}</p>
<p>${esc(patientLine(r))}</p>
${r.analysedAt ? `<p class="muted small">Analysed ${esc(r.analysedAt)}.</p>` : ''}
<h2>Question and model</h2>
<p><strong data-testid="heron-board-question">${esc(r.question)}</strong></p>
<p class="${r.model.synthetic === false ? '' : 'warn'}">${esc(modelLine(r))}</p>
<h2>Result</h2>
<p class="big ${r.result.positive ? 'pos' : 'neg'}" data-testid="heron-board-probability">${r.survival ? esc(headline(r)) : `${percent(r.result.probability)} ${esc(r.result.predictedClass)}`}</p>
<p>${esc(resultLine(r))}</p>
${lines(survivalLines(r))}
${r.survival ? '' : gauge(r)}
${lines(calibrationLines(r), 'small muted')}
<h2>Reader decision</h2>
<p data-testid="heron-board-decision"><strong class="${r.decision.state === 'UNVERIFIED' ? 'warn' : ''}">${esc(decisionLine(r))}</strong></p>
<h2>Why: SHAP contributions</h2>
<p>${esc(r.explanation)}</p>
${waterfall(r)}
<h2>Key images</h2>
${keyImages(r)}
${r.kinetics ? `<h2>DCE kinetic curve (tumour mean signal)</h2>${kineticCurve(r.kinetics)}` : ''}
<h2>Inputs outside the training range</h2>
${lines(outOfRangeLines(r), r.outOfRange?.length ? 'warn' : '')}
<h2>Model card</h2>
${lines(modelCardLines(r))}
<footer class="page-foot"><span class="notice">${esc(INTENDED_USE_NOTICE)}</span> ${esc(footerLines(r).join(' '))}</footer>
</main>`;
}

/** A whole HTML document around `body`, with the report stylesheet. */
export function htmlPage(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${esc(title)}</title><style>${REPORT_CSS}</style></head><body>${body}</body></html>`;
}
