// The two renderers of one report description: the PDF (page size, embedded fonts, the notice on every page, the
// sentences the board reads, the kinetic-curve hook) and the HTML page (the same sentences, escaped), and the key
// image (outlines drawn where the tumour is, the window stated, no crash at the edge of the image).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import type { Volume } from '@heron/radiomics';
import type { BoardReport } from './board-report';
import { largestSlice, renderKeyImage, sliceDilations } from './key-image';
import { reportMain } from './report-html';
import { renderReportPdf } from './report-pdf';
import { decisionLine, waterfallRows } from './report-text';
import { peritumoralShell } from '@heron/radiomics';

const dir = mkdtempSync(join(tmpdir(), 'heron-report-render-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function grid(size: [number, number, number], fill: (i: number, j: number, k: number) => number, mask = false): Volume {
  const data = mask ? new Uint8Array(size[0] * size[1] * size[2]) : new Float32Array(size[0] * size[1] * size[2]);
  for (let k = 0, p = 0; k < size[2]; k++)
    for (let j = 0; j < size[1]; j++) for (let i = 0; i < size[0]; i++, p++) data[p] = fill(i, j, k);
  return { data, size, spacing: [1, 1, 2], origin: [0, 0, 0], direction: [1, 0, 0, 0, 1, 0, 0, 0, 1] };
}

/** A ball of radius r voxels (in-plane) centred at c, flattened along k by the 2 mm slices. */
const ball = (c: [number, number, number], r: number) => (i: number, j: number, k: number) =>
  (i - c[0]) ** 2 + (j - c[1]) ** 2 + (2 * (k - c[2])) ** 2 <= r * r ? 1 : 0;

/** The RGB pixels of a PNG our encoder wrote (one IDAT, filter 0 on every row). */
function pixels(png: Buffer): { width: number; height: number; rgb: Uint8Array } {
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  const idatLength = png.readUInt32BE(33);
  const raw = inflateSync(png.subarray(41, 41 + idatLength));
  const rgb = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++)
    rgb.set(raw.subarray(y * (width * 3 + 1) + 1, (y + 1) * (width * 3 + 1)), y * width * 3);
  return { width, height, rgb };
}

const has = (rgb: Uint8Array, c: readonly number[]) => {
  for (let p = 0; p < rgb.length; p += 3)
    if (rgb[p] === c[0] && rgb[p + 1] === c[1] && rgb[p + 2] === c[2]) return true;
  return false;
};

async function sampleReport(over: Partial<BoardReport> = {}): Promise<BoardReport> {
  const tumour = grid([80, 80, 12], ball([40, 40, 6], 9), true);
  const image = grid([80, 80, 12], (i, j, k) => 100 + 400 * ball([40, 40, 6], 9)(i, j, k) + ((i * 7 + j * 3) % 11));
  const key = await renderKeyImage({ label: 'DCE phase 2', image, tumour });
  return {
    patient: { name: 'Ada <script>alert(1)</script> Lovelace', id: 'P-1' },
    study: { instanceUID: '1.2.3', date: '2026-03-01', accession: 'A1' },
    analysedAt: '2026-03-02 10:00',
    question: 'Probability that the tumour is HER2-positive (rather than HER2-negative)',
    model: { name: 'Demo model', version: '1.0.0', sha256: 'a'.repeat(64), synthetic: true, installed: true },
    result: {
      probability: 0.625,
      threshold: 0.379,
      classes: ['HER2-negative', 'HER2-positive'],
      predictedClass: 'HER2-positive',
      positive: true,
    },
    shap: {
      space: 'log-odds',
      base: -0.5,
      bars: Array.from({ length: 12 }, (_, i) => ({
        input: `DCE2/intra/feature_${i}`,
        value: i * 1.5,
        shap: (i % 2 ? -1 : 1) * (0.4 - i * 0.03),
      })),
    },
    explanation: 'The largest push towards HER2-positive came from DCE2/intra/feature_0 (+0.40 log-odds).',
    outOfRange: [{ input: 'DCE2/intra/feature_3', value: 4.5, min: 5, max: 9 }],
    modelCard: {
      trainingData: 'Synthetic phantom cohort',
      trainingCases: 300,
      performance: [{ set: 'test', n: 150, auc: 0.758, aucCi95: [0.678, 0.839] }],
      calibration: { set: 'test', intercept: 0.01, slope: 1.02, brier: 0.177 },
      generalization: { gdi: 0.08, zone: 'safe' },
      intendedUse: 'Research decision support next to a radiologist reading breast MRI.',
      limitations: ['Synthetic data only.'],
      thresholdRule: 'Youden J on the training set',
    },
    decision: { state: 'UNVERIFIED' },
    keyImages: key ? [key] : [],
    heronVersion: '0.1.0',
    uids: { sr: '1.2.3.4', seg: '1.2.3.5' },
    ...over,
  };
}

function pdfFile(name: string, pdf: Uint8Array): string {
  const file = join(dir, `${name}.pdf`);
  writeFileSync(file, pdf);
  return file;
}
const pdftotext = (file: string) => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });

describe('renderReportPdf', () => {
  it('writes A4 and Letter pages with embedded fonts, the notice on every page and the sentences the board reads', async () => {
    const report = await sampleReport();
    for (const [paper, size] of [
      ['A4', '595.28 x 841.89 pts (A4)'],
      ['LETTER', '612 x 792 pts (letter)'],
    ] as const) {
      const file = pdfFile(paper, await renderReportPdf(report, paper));
      const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
      expect(info).toContain(size);
      const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' });
      // Every font row says "yes" in the emb column: nothing depends on the reader's machine.
      const rows = fonts.split('\n').slice(2).filter(Boolean);
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) expect(row).toMatch(/DejaVuSans\S*\s+CID TrueType\s+Identity-H\s+yes/);
      const pages = pdftotext(file)
        .split('\f')
        .filter((p) => p.trim());
      for (const page of pages) expect(page).toContain('Research use only — not a diagnosis.');
      const text = pages.join(' ').replace(/\s+/g, ' ');
      for (const expected of [
        'Probability that the tumour is HER2-positive',
        '62.5% HER2-positive',
        'against a decision threshold of 37.9%',
        'Model: Demo model, version 1.0.0 (trained on synthetic data',
        'Reader decision: awaiting review.',
        'Intended use: Research decision support next to a radiologist reading breast MRI.',
        'AUC 0.758 (95% CI 0.678–0.839)',
        'DCE2/intra/feature_3 = 4.5 (training range 5 to 9)',
        'DCE phase 2, slice 7 of 12; window',
        '4 other inputs',
        'SR 1.2.3.4 · SEG 1.2.3.5',
      ])
        expect(text).toContain(expected);
      expect(text).not.toContain('kinetic curve');
    }
  }, 60_000);

  it('draws the kinetic curve when the analysis carries one, and says what is unknown without the model package', async () => {
    const report = await sampleReport({
      kinetics: { timeS: [0, 60, 120, 180], meanSignal: [100, 260, 240, 230] },
      model: { name: 'Gone model', version: '3', sha256: '', synthetic: null, installed: false },
      modelCard: null,
      outOfRange: null,
      keyImages: [],
      decision: { state: 'REJECTED', reader: 'Curie^Marie', at: '2026-03-04T09:30:00', reason: 'Wrong lesion.' },
    });
    const text = pdftotext(pdfFile('no-package', await renderReportPdf(report))).replace(/\s+/g, ' ');
    expect(text).toContain('DCE kinetic curve (tumour mean signal)');
    expect(text).toContain('model package not installed on this server');
    expect(text).toContain('Cannot be checked: the model package (with its training ranges) is not installed.');
    expect(text).toContain('No key images were rendered for this report.');
    expect(text).toContain('Reader decision: rejected by Marie Curie on 2026-03-04 09:30. Reason: Wrong lesion.');
  }, 60_000);
});

describe('reportMain (HTML)', () => {
  it('says the same sentences as the PDF and escapes what comes from the PACS', async () => {
    const html = reportMain(await sampleReport());
    expect(html).not.toContain('<script>');
    expect(html).toContain('Ada &lt;script&gt;alert(1)&lt;/script&gt; Lovelace');
    expect(html).toContain('Reader decision: awaiting review.');
    expect(html).toContain('62.5% HER2-positive');
    expect(html).toContain('data:image/png;base64,');
    expect(html.match(/Research use only — not a diagnosis\./g)?.length).toBe(2);
    expect(html).not.toContain('kinetic curve');
  });
});

describe('waterfallRows and decisionLine', () => {
  it('walks up from the base to the output, the largest contribution on top', async () => {
    const { shap } = await sampleReport();
    const rows = waterfallRows(shap.bars, shap.base, 8);
    expect(rows).toHaveLength(9);
    const output = shap.bars.reduce((s, b) => s + b.shap, shap.base);
    expect(rows[0].end).toBeCloseTo(output, 12);
    expect(rows[0].label).toBe('DCE2/intra/feature_0');
    expect(rows[rows.length - 1]).toMatchObject({ label: '4 other inputs', start: shap.base });
    // One input left over is shown by name rather than as "1 other input".
    expect(waterfallRows(shap.bars.slice(0, 9), shap.base, 8).some((r) => r.label.includes('other'))).toBe(false);
  });

  it('words each decision', async () => {
    const r = await sampleReport({ decision: { state: 'VERIFIED', reader: 'Curie^Marie', at: '2026-03-04T09:30:00' } });
    expect(decisionLine(r)).toBe('Reader decision: accepted by Marie Curie on 2026-03-04 09:30.');
  });
});

describe('renderKeyImage', () => {
  it('shows the slice where the tumour is largest with the tumour and shell outlines, and states the window', async () => {
    const tumour = grid([80, 80, 16], ball([30, 50, 8], 6), true);
    expect(largestSlice(tumour)).toBe(8);
    const image = grid([80, 80, 16], (i) => i * 10);
    const key = await renderKeyImage({ label: 'T2', image, tumour });
    expect(key).not.toBeNull();
    expect(key?.slice).toBe(9);
    expect(key?.slices).toBe(16);
    expect(key?.shellsMm).toEqual([1, 3, 5]);
    expect(key?.window.width).toBeGreaterThan(0);
    const { rgb, width, height } = pixels(key?.png as Buffer);
    expect([width, height]).toEqual([key?.width, key?.height]);
    for (const colour of [
      [230, 40, 40],
      [255, 210, 0],
      [40, 200, 80],
      [0, 190, 255],
    ])
      expect(has(rgb, colour)).toBe(true);
  });

  it('draws shells as far as the image goes, and nothing for a tumour that is not on the grid', async () => {
    const edge = grid([40, 40, 6], (i, j, k) => (i < 3 && j > 10 && j < 20 && k > 1 && k < 4 ? 1 : 0), true);
    const key = await renderKeyImage({ label: 'DWI', image: grid([40, 40, 6], () => 1), tumour: edge });
    expect(key?.shellsMm).toEqual([1, 3, 5]);
    expect(has(pixels(key?.png as Buffer).rgb, [0, 190, 255])).toBe(true);
    expect(
      await renderKeyImage({ label: 'x', image: grid([8, 8, 2], () => 0), tumour: grid([8, 8, 2], () => 0, true) }),
    ).toBeNull();
  });

  it('draws the shells peritumoralShell measures, within a voxel along their edges', () => {
    const tumour = grid([60, 60, 20], ball([30, 30, 10], 7), true);
    tumour.spacing = [0.8, 0.8, 1.5];
    for (const { mm, mask } of sliceDilations(tumour, 10)) {
      const measured = peritumoralShell(tumour, mm, { label: 1, includeTumour: true });
      let differ = 0;
      let inside = 0;
      for (let p = 10 * 3600; p < 11 * 3600; p++) {
        if (measured.data[p]) inside++;
        if (measured.data[p] !== mask.data[p]) differ++;
      }
      // A voxel-wide band along the edge at most: the edge of a disc of ~inside pixels is ~2·sqrt(π·inside) long.
      expect(differ).toBeLessThanOrEqual(2 * Math.sqrt(Math.PI * inside));
      expect(inside).toBeGreaterThan(0);
    }
  });
});
