// The committed demonstration model: it loads and verifies (sha256, ops, inputs, engine check), it reads the
// sequences and regions the issue names, and it says everywhere that it was trained on synthetic data.
import { readFileSync } from 'node:fs';
import { readModelPackage } from './node';

const dir = new URL('../her2-demo/', import.meta.url).pathname;

describe('models/her2-demo', () => {
  it('loads and verifies against its manifest', async () => {
    const pkg = await readModelPackage(dir, { checkEngine: true });
    const m = pkg.manifest;
    expect(m.id).toBe('her2-demo');
    expect(m.task.question).toBe('her2-positive-vs-negative');
    expect(m.sequences.DCE2.source).toEqual({ role: 'dce', phase: 2 });
    expect(m.sequences.DCE2.regions).toEqual(['intra', 'peri3mm']);
    expect(m.sequences.T2.regions).toEqual(['intra']);
    expect(m.sequences.DWI.source).toEqual({ role: 'dwi', bValue: 800 });
    expect(m.regions).toContainEqual({ name: 'peri3mm', kind: 'shell', mm: 3 });
    expect(m.trainingData.synthetic).toBe(true);
    expect(m.trainingData.n).toBeGreaterThanOrEqual(300);
    expect(m.performance.find((p) => p.set === 'test')?.n).toBeGreaterThan(0);
  }, 60_000);

  it('says on its card that it was trained on synthetic data and is not for clinical use', () => {
    const card = readFileSync(`${dir}MODEL_CARD.md`, 'utf8');
    expect(card).toMatch(/Trained on synthetic data\. Not for clinical use\./);
  });
});
