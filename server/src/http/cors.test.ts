import type { AddressInfo } from 'node:net';
import express from 'express';
import { corsAllowList } from './cors';

const OHIF = 'https://ohif.example.org';
let url: string;
let close: () => void;

beforeAll(async () => {
  const app = express();
  app.use(corsAllowList([OHIF]));
  // Stands in for the login check that follows the CORS middleware in the app.
  app.use((_req, res) => res.status(401).json({ error: 'login' }));
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => server.close();
});
afterAll(() => close());

it('answers a preflight from a listed origin before the login, with credentials and the API headers', async () => {
  const res = await fetch(`${url}/api/analyses`, {
    method: 'OPTIONS',
    headers: { Origin: OHIF, 'Access-Control-Request-Method': 'POST' },
  });
  expect(res.status).toBe(204);
  expect(res.headers.get('access-control-allow-origin')).toBe(OHIF);
  expect(res.headers.get('access-control-allow-credentials')).toBe('true');
  expect(res.headers.get('access-control-allow-headers')).toMatch(/Idempotency-Key/);
  expect(res.headers.get('access-control-allow-headers')).toMatch(/X-CSRF-Token/);
  expect(res.headers.get('vary')).toMatch(/Origin/);
});

it('labels a listed origin’s requests and leaves every other origin without CORS headers', async () => {
  const listed = await fetch(`${url}/api/models`, { headers: { Origin: OHIF } });
  expect(listed.status).toBe(401);
  expect(listed.headers.get('access-control-allow-origin')).toBe(OHIF);
  for (const origin of ['https://evil.example', 'https://ohif.example.org.evil.example', 'null']) {
    const res = await fetch(`${url}/api/analyses`, {
      method: 'OPTIONS',
      headers: { Origin: origin, 'Access-Control-Request-Method': 'POST' },
    });
    expect(res.status).toBe(401);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  }
});
