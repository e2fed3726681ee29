// One click as the panel makes it: POST the analysis, then follow its server-sent events. It runs in a worker thread
// of the benchmark (latency.ts): the server under test shares the benchmark's event loop, and a client on that loop
// would see an event only once the server's next synchronous stretch (building the SEG, SR and PDF) ends. Plain
// JavaScript: worker threads do not take the benchmark's TypeScript loader.
import { parentPort, workerData } from 'node:worker_threads';

const { url, headers, body } = workerData;
const t0 = performance.now();
const started = await fetch(`${url}/api/analyses`, { method: 'POST', headers, body: JSON.stringify(body) });
const job = await started.json();
const stream = await fetch(`${url}/api/analyses/${job.id}/events`, { headers });
if (!stream.body) throw new Error('no event stream');
let result;
let stored;
let pending = '';
const decoder = new TextDecoder();
const reader = stream.body.getReader();
while (stored === undefined) {
  const { done, value } = await reader.read();
  if (done) break;
  pending += decoder.decode(value, { stream: true });
  const lines = pending.split('\n');
  pending = lines.pop() ?? '';
  for (const line of lines) {
    if (!line.startsWith('data:')) continue;
    const e = JSON.parse(line.slice(5));
    const at = (performance.now() - t0) / 1000;
    if (e.state === 'failed') throw new Error(`analysis failed: ${e.message}`);
    if (e.state !== 'succeeded') continue;
    // The result arrives with storage 'storing', before its store; 'stored' (or none: an older server) ends it.
    result ??= at;
    if (e.storage === 'failed') throw new Error(`store failed: ${e.message}`);
    if (e.storage === undefined || e.storage === 'stored') stored = at;
  }
}
await reader.cancel();
if (result === undefined || stored === undefined) throw new Error('the event stream ended early');
parentPort?.postMessage({ id: job.id, result, stored });
