import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
};

export interface StaticOhif {
  url: string;
  close(): Promise<void>;
}

/**
 * A site's own OHIF as an administrator runs it, standing in for nginx: the stock OHIF dist as static files, their
 * app-config.js, a folder of extra static files (Heron's drop-in plugins) under a path, and `/dicom-web` proxied to
 * Orthanc with the site's service account (Orthanc has no CORS, so every OHIF proxies it on its own origin). No Heron
 * code runs here.
 */
export async function startStaticOhif(opts: {
  distDir: string;
  appConfig: string;
  mounts: Record<string, string>;
  orthanc: { url: string; authorization: string };
}): Promise<StaticOhif> {
  const orthanc = new URL(opts.orthanc.url);
  const sendFile = (res: import('node:http').ServerResponse, file: string) => {
    res.writeHead(200, {
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      'Content-Length': statSync(file).size,
    });
    createReadStream(file).pipe(res);
  };
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent((req.url ?? '/').split('?')[0]);
    if (path.startsWith('/dicom-web/') || path.startsWith('/wado')) {
      const headers = { ...req.headers, authorization: opts.orthanc.authorization };
      const up = httpRequest(
        { hostname: orthanc.hostname, port: orthanc.port, method: req.method, path: req.url, headers },
        (r) => {
          res.writeHead(r.statusCode ?? 502, r.headers);
          r.pipe(res);
        },
      );
      up.on('error', () => res.writeHead(502).end());
      req.pipe(up);
      return;
    }
    if (path === '/app-config.js') {
      res.writeHead(200, { 'Content-Type': TYPES['.js'], 'Cache-Control': 'no-cache' });
      res.end(opts.appConfig);
      return;
    }
    for (const [prefix, dir] of Object.entries(opts.mounts)) {
      if (!path.startsWith(`${prefix}/`)) continue;
      const file = resolve(dir, normalize(path.slice(prefix.length + 1)));
      if (file.startsWith(resolve(dir)) && existsSync(file) && statSync(file).isFile()) return sendFile(res, file);
      res.writeHead(404).end();
      return;
    }
    const file = resolve(opts.distDir, normalize(path.slice(1)));
    if (file.startsWith(resolve(opts.distDir)) && existsSync(file) && statSync(file).isFile())
      return sendFile(res, file);
    // OHIF's client-side routes (e.g. /heron?StudyInstanceUIDs=…) are answered with its index.html.
    sendFile(res, join(opts.distDir, 'index.html'));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}
