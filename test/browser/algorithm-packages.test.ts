// Every classifier's ONNX graph gives in Chromium's onnxruntime-web (WebAssembly backend, as the viewer runs it) the
// probabilities it gives in onnxruntime-web under Node, within 1e-6: what a package predicts does not depend on where
// it runs. The page loads onnxruntime-web's own ESM build from node_modules, served on loopback.
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import * as ort from 'onnxruntime-web';
import {
  ALGORITHM_NAMES,
  algorithmOnnx,
  createPredictor,
  gaussian,
  mulberry32,
  predictProbability,
  trainAlgorithm,
} from '@heron/models';
import { openBrowser, type TestBrowser } from '../support/browser';
import { repoRoot } from '../support/paths';

const ORT_DIST = join(repoRoot, 'node_modules', 'onnxruntime-web', 'dist');
const TYPES: Record<string, string> = { mjs: 'text/javascript', wasm: 'application/wasm', html: 'text/html' };

let server: Server;
let base: string;
let browser: TestBrowser;

beforeAll(async () => {
  server = createServer((req, res) => {
    const name = (req.url ?? '/').split('?')[0];
    const send = (body: string | Buffer, type: string) => {
      res.writeHead(200, { 'content-type': type });
      res.end(body);
    };
    if (name === '/') return send('<!doctype html><title>ort</title>', TYPES.html);
    const file = /^\/ort\/([\w.-]+\.(mjs|wasm))$/.exec(name);
    if (!file) return void res.writeHead(404).end();
    readFile(join(ORT_DIST, file[1])).then(
      (body) => send(body, TYPES[file[2]]),
      () => void res.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await openBrowser({ username: 'unused', password: 'unused' });
  await browser.page.goto(`${base}/`);
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

function cohort(n: number, m: number, seed: number): { x: Float64Array; y: number[] } {
  const random = mulberry32(seed);
  const normal = gaussian(random);
  const x = new Float64Array(n * m);
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    y.push(i % 2);
    for (let j = 0; j < m; j++) x[i * m + j] = 10 * (j + 1) + (j < 2 ? 1.2 * y[i] * (j + 1) : 0) + (j + 1) * normal();
  }
  return { x, y };
}

test('each algorithm predicts the same probabilities in Chromium as in Node', async () => {
  const m = 4;
  const train = cohort(160, m, 5);
  const probe = cohort(50, m, 6);
  const models = ALGORITHM_NAMES.map((name) => {
    const model = trainAlgorithm(name, train.x, train.y, m, 2);
    return { name, model, bytes: algorithmOnnx(model) };
  });
  const inBrowser = (await browser.page.evaluate(
    async ({ graphs, x, n, width }) => {
      const url = '/ort/ort.wasm.min.mjs';
      const web = await import(/* webpackIgnore: true */ url);
      web.env.wasm.numThreads = 1;
      web.env.wasm.wasmPaths = '/ort/';
      const out: Record<string, number[]> = {};
      for (const g of graphs) {
        const session = await web.InferenceSession.create(Uint8Array.from(g.bytes));
        const result = await session.run({ features: new web.Tensor('float32', Float32Array.from(x), [n, width]) }, [
          'probability',
        ]);
        out[g.name] = Array.from(result.probability.data as Float32Array);
        await session.release();
      }
      return out;
    },
    {
      graphs: models.map((g) => ({ name: g.name, bytes: Array.from(g.bytes) })),
      x: Array.from(probe.x),
      n: 50,
      width: m,
    },
  )) as Record<string, number[]>;
  for (const { name, model, bytes } of models) {
    const predictor = await createPredictor(ort, bytes, m);
    const node = (await predictor.predict(probe.x, 50)).probability;
    await predictor.release();
    const exact = predictProbability(model, probe.x, 50);
    const browserP = inBrowser[name];
    expect(browserP).toHaveLength(50);
    let worst = 0;
    let worstExact = 0;
    browserP.forEach((p, i) => {
      worst = Math.max(worst, Math.abs(p - node[i]));
      worstExact = Math.max(worstExact, Math.abs(p - exact[i]));
    });
    expect({ name, agrees: worst < 1e-6 && worstExact < 1e-6 }).toEqual({ name, agrees: true });
  }
}, 120_000);
