import { request as httpRequest } from 'node:http';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';

export interface ProxyTarget {
  url: string;
  authorization: string;
}

// Hop-by-hop headers (RFC 9110 §7.6.1) belong to one connection and must not be forwarded.
const HOP_BY_HOP = ['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'trailer'];

/**
 * The request path for Orthanc. PS3.18 §8.3.4.1 lets `includefield` carry a comma-separated list, which
 * OHIF sends; Orthanc's DICOMweb plugin 1.7 only understands one attribute per parameter and silently
 * drops the list, so it is spelled out as repeated parameters.
 */
export function upstreamPath(originalUrl: string): string {
  const q = originalUrl.indexOf('?');
  if (q < 0 || !/includefield=[^&]*(,|%2C)/i.test(originalUrl)) return originalUrl;
  const params = new URLSearchParams(originalUrl.slice(q + 1));
  const out = new URLSearchParams();
  for (const [key, value] of params) {
    if (key.toLowerCase() === 'includefield') for (const v of value.split(',')) out.append(key, v.trim());
    else out.append(key, value);
  }
  return `${originalUrl.slice(0, q)}?${out.toString()}`;
}

/**
 * Streams `/dicom-web/*` and `/wado*` to Orthanc on the same path. The browser's Host goes along
 * unchanged because the DICOMweb plugin builds absolute BulkDataURIs from it; the reader's own
 * credentials are replaced by the service account's, which never leave the server.
 */
export function dicomwebProxy(target: ProxyTarget, log: Logger) {
  const base = new URL(target.url);
  return (req: Request, res: Response): void => {
    const headers = { ...req.headers };
    for (const h of HOP_BY_HOP) delete headers[h];
    headers.authorization = target.authorization;
    const upstream = httpRequest(
      { hostname: base.hostname, port: base.port, method: req.method, path: upstreamPath(req.originalUrl), headers },
      (up) => {
        const out = { ...up.headers };
        for (const h of HOP_BY_HOP) delete out[h];
        // Orthanc's own login challenge must not reach the browser: the reader is already logged in to Heron.
        delete out['www-authenticate'];
        res.writeHead(up.statusCode ?? 502, out);
        up.pipe(res);
      },
    );
    upstream.on('error', (err) => {
      log.warn({ err: err.message, path: req.originalUrl }, 'PACS unreachable');
      if (!res.headersSent) {
        res.status(502).json({ error: 'The PACS (Orthanc) cannot be reached. Ask your administrator to check it is running.' });
      } else {
        res.destroy(err);
      }
    });
    req.on('aborted', () => upstream.destroy());
    req.pipe(upstream);
  };
}
