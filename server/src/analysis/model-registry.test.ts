// The registry opens a folder with a classifier and a survival package: it lists both (classifiers first) with their
// population, loads the survival package's ONNX graph, and refuses a survival package whose ONNX file does
// not match its manifest.
import { cpSync, mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSurvivalPackage, DEMO_SETTINGS } from '@heron/models';
import { ModelRegistry } from './model-registry';

const her2Demo = new URL('../../../models/her2-demo', import.meta.url).pathname;

async function writeSurvival(dir: string, id: string) {
  const x = Array.from({ length: 40 }, (_, i) => [Math.sin(i) + i / 40, Math.cos(i * 1.7)]);
  const pkg = await buildSurvivalPackage(
    { x, time: x.map((r, i) => 10 + ((i * 7) % 50) - 5 * r[0]), event: x.map((_, i) => (i % 3 === 0 ? 0 : 1)) },
    {
      id,
      name: 'DFS (synthetic)',
      version: '1.0.0',
      created: '2025-01-01',
      event: 'recurrence',
      timeUnit: 'months',
      times: [12, 36],
      inputs: ['DCE2/intra/original_shape_Sphericity', 'clinical/age'],
      sequences: { DCE2: DEMO_SETTINGS.sequences.DCE2 },
      regions: DEMO_SETTINGS.regions,
      intendedUse: 'Research use only.',
      limitations: [],
      trainingData: { description: 'simulated', synthetic: true },
    },
  );
  mkdirSync(join(dir, id));
  writeFileSync(join(dir, id, 'model.onnx'), pkg.onnx);
  writeFileSync(join(dir, id, 'manifest.json'), pkg.text['manifest.json']);
}

describe('ModelRegistry', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'heron-registry-'));
    cpSync(her2Demo, join(dir, 'her2-demo'), { recursive: true });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('lists classifiers, then survival packages, each with its population', async () => {
    await writeSurvival(dir, 'a-dfs');
    const registry = await ModelRegistry.open(dir);
    const list = registry.list();
    expect(list.map((m) => m.id)).toEqual(['her2-demo', 'a-dfs']);
    expect(list[0].population).toBe('invasive breast cancer before treatment');
    expect(list[1]).toMatchObject({ kind: 'survival', classes: ['low risk', 'high risk'] });
    expect(registry.survivalManifests().map((m) => m.id)).toEqual(['a-dfs']);
    expect(registry.survivalModel('a-dfs')?.pkg.model.coefficients).toHaveLength(2);
    expect(registry.survivalModel('her2-demo')).toBeUndefined();
    expect(() => registry.check('a-dfs')).not.toThrow();
    expect(() => registry.check('nope')).toThrow(/available: her2-demo, a-dfs/);
  }, 60_000);

  it('refuses a survival package whose model.onnx does not match its sha256', async () => {
    await writeSurvival(dir, 'b-dfs');
    writeFileSync(join(dir, 'b-dfs', 'model.onnx'), new Uint8Array([1, 2, 3]));
    await expect(ModelRegistry.open(dir)).rejects.toThrow(/does not match the manifest's sha256/);
  }, 60_000);
});
