/**
 * The report as a PDF (pdfkit), A4 or Letter, fonts embedded (DejaVu Sans from the system's fonts-dejavu-core; a
 * PDF that relies on the reader's own fonts may print differently at another site). The layout follows
 * report-html section by section, from the same sentences (report-text).
 */
import { existsSync } from 'node:fs';
import PDFDocument from 'pdfkit';
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

export type Paper = 'A4' | 'LETTER';

const FONT_DIR = '/usr/share/fonts/truetype/dejavu';
export const REPORT_FONTS = { body: `${FONT_DIR}/DejaVuSans.ttf`, bold: `${FONT_DIR}/DejaVuSans-Bold.ttf` };

const INK = '#1a1a1a';
const MUTED = '#555555';
const WARN = '#b00020';
const POSITIVE = '#c62828';
const NEGATIVE = '#1565c0';
const rgb = (c: readonly number[]) => `#${c.map((v) => v.toString(16).padStart(2, '0')).join('')}`;

/** Room kept at the bottom of each page for the footer (notice, version, UIDs, page number). */
const FOOTER = 46;

export async function renderReportPdf(r: BoardReport, paper: Paper = 'A4'): Promise<Uint8Array> {
  for (const f of Object.values(REPORT_FONTS))
    if (!existsSync(f))
      throw new Error(`The report font ${f} is missing; install the Debian package fonts-dejavu-core (npm run setup).`);
  const doc = new PDFDocument({
    size: paper,
    margins: { top: 40, left: 42, right: 42, bottom: 40 + FOOTER },
    bufferPages: true,
    info: {
      Title: `${REPORT_TITLE}: ${r.question}`,
      Author: 'Heron',
      Subject: INTENDED_USE_NOTICE,
      Creator: `Heron ${r.heronVersion}`,
    },
  });
  doc.registerFont('body', REPORT_FONTS.body);
  doc.registerFont('bold', REPORT_FONTS.bold);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });

  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const heading = (t: string) => {
    ensureRoom(doc, 40);
    doc.moveDown(0.6).font('bold').fontSize(11).fillColor(INK).text(t, left, doc.y, { width });
    doc.moveDown(0.2);
  };
  const para = (t: string, colour = INK, size = 9) =>
    doc.font('body').fontSize(size).fillColor(colour).text(t, left, doc.y, { width });

  doc.font('bold').fontSize(16).fillColor(INK).text(REPORT_TITLE, left, doc.y, { width });
  doc.font('bold').fontSize(10).fillColor(WARN).text(INTENDED_USE_NOTICE, { width });
  doc.moveDown(0.3);
  para(patientLine(r));
  if (r.analysedAt) para(`Analysed ${r.analysedAt}.`, MUTED);

  heading('Question and model');
  doc.font('bold').fontSize(10).fillColor(INK).text(r.question, left, doc.y, { width });
  // A conditional answer carries the error of the answer it depends on: said before the result, in warning colour.
  if (r.condition) para(r.condition, WARN);
  para(modelLine(r), r.model.synthetic === false ? INK : WARN);

  heading('Result');
  doc
    .font('bold')
    .fontSize(22)
    .fillColor(r.result.positive ? POSITIVE : NEGATIVE)
    .text(headline(r), left, doc.y, { width });
  para(resultLine(r));
  for (const l of survivalLines(r)) para(l);
  // The gauge draws a probability against its threshold; a survival answer is its group and S(t) instead.
  if (!r.survival) gauge(doc, left, width, r);
  for (const l of calibrationLines(r)) para(l, MUTED, 8);

  heading('Reader decision');
  doc
    .font('bold')
    .fontSize(10)
    .fillColor(r.decision.state === 'UNVERIFIED' ? WARN : INK)
    .text(decisionLine(r), left, doc.y, { width });

  heading('Why: SHAP contributions');
  para(r.explanation);
  waterfall(doc, left, width, r);

  heading('Key images');
  if (r.keyImages.length === 0) para('No key images were rendered for this report.', MUTED);
  else keyImages(doc, left, width, r);

  if (r.kinetics) {
    heading('DCE kinetic curve (tumour mean signal)');
    kineticCurve(doc, left, width, r.kinetics);
  }

  heading('Inputs outside the training range');
  for (const l of outOfRangeLines(r)) para(l, r.outOfRange?.length ? WARN : INK);

  heading('Model card');
  for (const l of modelCardLines(r)) para(l);

  // Every page carries the notice and the identity of what it reports, as the issue of a board printout demands.
  const range = doc.bufferedPageRange();
  for (let p = range.start; p < range.start + range.count; p++) {
    doc.switchToPage(p);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0; // writing inside the bottom margin must not start a new page
    const y = doc.page.height - 40 - FOOTER + 8;
    doc
      .moveTo(left, y - 4)
      .lineTo(left + width, y - 4)
      .lineWidth(0.5)
      .strokeColor('#999999')
      .stroke();
    doc.font('bold').fontSize(8).fillColor(WARN).text(INTENDED_USE_NOTICE, left, y, { width, lineBreak: false });
    doc
      .font('body')
      .fontSize(6.5)
      .fillColor(MUTED)
      .text(`${footerLines(r).join(' ')} · page ${p + 1} of ${range.count}`, left, y + 12, { width });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  await done;
  return new Uint8Array(Buffer.concat(chunks));
}

function ensureRoom(doc: PDFKit.PDFDocument, h: number) {
  if (doc.y + h > doc.page.height - doc.page.margins.bottom) doc.addPage();
}

function gauge(doc: PDFKit.PDFDocument, left: number, width: number, r: BoardReport) {
  ensureRoom(doc, 30);
  const y = doc.y + 4;
  const w = Math.min(width, 320);
  doc.rect(left, y, w, 8).fillColor('#e0e0e0').fill();
  doc
    .rect(left, y, w * r.result.probability, 8)
    .fillColor(r.result.positive ? POSITIVE : NEGATIVE)
    .fill();
  if (r.result.threshold !== undefined) {
    const x = left + w * r.result.threshold;
    doc
      .moveTo(x, y - 3)
      .lineTo(x, y + 11)
      .lineWidth(1.5)
      .strokeColor(INK)
      .stroke();
    doc
      .font('body')
      .fontSize(7)
      .fillColor(MUTED)
      .text(`threshold ${percent(r.result.threshold)}`, x - 30, y + 12, {
        width: 60,
        align: 'center',
      });
  }
  doc
    .font('body')
    .fontSize(7)
    .fillColor(MUTED)
    .text('0%', left, y + 12, { lineBreak: false });
  doc.text('100%', left + w - 30, y + 12, { width: 30, align: 'right', lineBreak: false });
  doc.x = left;
  doc.y = y + 24;
}

function waterfall(doc: PDFKit.PDFDocument, left: number, width: number, r: BoardReport) {
  const rows = waterfallRows(r.shap.bars, r.shap.base);
  const rowH = 13;
  ensureRoom(doc, rows.length * rowH + 30);
  const labelW = width * 0.5;
  const plotX = left + labelW + 6;
  const plotW = width - labelW - 6;
  const ends = rows.flatMap((row) => [row.start, row.end]).concat(r.shap.base);
  const lo = Math.min(...ends);
  const hi = Math.max(...ends);
  const pad = (hi - lo || 1) * 0.05;
  const x = (v: number) => plotX + ((v - lo + pad) / (hi - lo + 2 * pad)) * plotW;
  let y = doc.y + 4;
  const top = y;
  for (const row of rows) {
    const label = row.value === undefined ? row.label : `${row.label} = ${value(row.value)}`;
    doc
      .font('body')
      .fontSize(6.5)
      .fillColor(INK)
      .text(label, left, y + 2, { width: labelW, height: rowH, ellipsis: true, lineBreak: false });
    const [a, b] = [x(Math.min(row.start, row.end)), x(Math.max(row.start, row.end))];
    doc
      .rect(a, y + 2, Math.max(b - a, 0.8), rowH - 4)
      .fillColor(row.shap >= 0 ? POSITIVE : NEGATIVE)
      .fill();
    const sign = row.shap >= 0 ? '+' : '−';
    doc
      .font('body')
      .fontSize(6)
      .fillColor(MUTED)
      .text(`${sign}${Math.abs(row.shap).toFixed(3)}`, row.shap >= 0 ? b + 2 : a - 32, y + 3, {
        width: 30,
        align: row.shap >= 0 ? 'left' : 'right',
        lineBreak: false,
      });
    y += rowH;
  }
  const baseX = x(r.shap.base);
  doc.moveTo(baseX, top).lineTo(baseX, y).dash(2, { space: 2 }).lineWidth(0.5).strokeColor(MUTED).stroke().undash();
  doc
    .font('body')
    .fontSize(6.5)
    .fillColor(MUTED)
    .text(
      `Bars start at the average output (base ${r.shap.base.toFixed(3)}, dashed) and add up to this case's output; scale: ${shapUnit(r.shap.space)}. Red pushes towards ${r.result.classes[1]}, blue towards ${r.result.classes[0]}.`,
      left,
      y + 4,
      { width },
    );
}

function keyImages(doc: PDFKit.PDFDocument, left: number, width: number, r: BoardReport) {
  const gap = 8;
  const n = r.keyImages.length;
  const w = (width - gap * (n - 1)) / Math.max(n, 3);
  const tallest = Math.max(...r.keyImages.map((k) => (w * k.height) / k.width));
  ensureRoom(doc, tallest + 40);
  const y = doc.y + 4;
  r.keyImages.forEach((k, i) => {
    const x = left + i * (w + gap);
    doc.image(k.png, x, y, { width: w });
    doc
      .font('body')
      .fontSize(6.5)
      .fillColor(INK)
      .text(keyImageCaption(k), x, y + (w * k.height) / k.width + 3, { width: w });
  });
  doc.x = left;
  doc.y = y + tallest + 26;
  // The legend repeats the colours the images use, so a greyscale print still says which line is which.
  const swatches: [string, readonly number[]][] = [
    ['tumour', OUTLINE_COLOURS.tumour],
    ['1 mm', OUTLINE_COLOURS[1]],
    ['3 mm', OUTLINE_COLOURS[3]],
    ['5 mm', OUTLINE_COLOURS[5]],
  ];
  let sx = left;
  for (const [name, c] of swatches) {
    doc
      .rect(sx, doc.y + 2, 10, 4)
      .fillColor(rgb(c))
      .fill();
    doc
      .font('body')
      .fontSize(6.5)
      .fillColor(INK)
      .text(name, sx + 13, doc.y, { lineBreak: false });
    sx += 50;
  }
  doc.x = left;
  doc.y += 10;
  doc.font('body').fontSize(6.5).fillColor(MUTED).text(OUTLINE_LEGEND, left, doc.y, { width });
}

function kineticCurve(doc: PDFKit.PDFDocument, left: number, width: number, k: KineticCurve) {
  const h = 90;
  const w = Math.min(width, 300);
  ensureRoom(doc, h + 24);
  const y0 = doc.y + 4;
  const [t0, t1] = [Math.min(...k.timeS), Math.max(...k.timeS)];
  const [s0, s1] = [Math.min(...k.meanSignal), Math.max(...k.meanSignal)];
  const px = (t: number) => left + 30 + ((t - t0) / (t1 - t0 || 1)) * (w - 30);
  const py = (s: number) => y0 + h - ((s - s0) / (s1 - s0 || 1)) * h;
  doc
    .rect(left + 30, y0, w - 30, h)
    .lineWidth(0.5)
    .strokeColor('#999999')
    .stroke();
  k.timeS.forEach((t, i) =>
    i === 0 ? doc.moveTo(px(t), py(k.meanSignal[i])) : doc.lineTo(px(t), py(k.meanSignal[i])),
  );
  doc.lineWidth(1.2).strokeColor(POSITIVE).stroke();
  doc.font('body').fontSize(6.5).fillColor(MUTED);
  doc.text(value(s1), left, y0, { width: 28, align: 'right', lineBreak: false });
  doc.text(value(s0), left, y0 + h - 7, { width: 28, align: 'right', lineBreak: false });
  doc.text(`${value(t0)} s`, left + 30, y0 + h + 2, { lineBreak: false });
  doc.text(`${value(t1)} s`, left + w - 40, y0 + h + 2, { width: 40, align: 'right', lineBreak: false });
  doc.x = left;
  doc.y = y0 + h + 14;
}
