import { type IncomingHttpHeaders, request as httpRequest } from 'node:http';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import { type DicomJson, items, text } from '@heron/dicom/core';
import type { DicomwebClient } from '@heron/dicom/dicomweb';
import type { AuditLog } from '../audit/audit-log';
import { proxyDecision } from './proxy-policy';
import { checkStow, MAX_STOW_BYTES, StowRefused } from './stow-check';

export interface ProxyTarget {
  url: string;
  authorization: string;
}

export interface ProxyOptions {
  target: ProxyTarget;
  /** Used to check that a study exists before a reader's object is stored in it. */
  pacs: DicomwebClient;
  log: Logger;
  audit: AuditLog;
  /** How long Orthanc may stay silent (connecting, or between two chunks of an answer). */
  timeoutMs: number;
}

// Only what a DICOMweb request needs goes to Orthanc: the reader's cookies, Origin and credentials stay here.
// The browser's Host goes along because the DICOMweb plugin builds absolute BulkDataURIs from it.
const FORWARDED_REQUEST = ['accept', 'accept-encoding', 'host', 'range', 'if-none-match', 'if-modified-since'];
const FORWARDED_RESPONSE = [
  'content-type',
  'content-length',
  'content-encoding',
  'content-range',
  'accept-ranges',
  'etag',
  'last-modified',
  'vary',
];

function pick(headers: IncomingHttpHeaders, names: string[]): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const n of names) {
    const v = headers[n];
    if (v !== undefined) out[n] = v;
  }
  return out;
}

/** Orthanc's own error answers say what went wrong in Orthanc's terms; the viewer gets one it can show a reader. */
function pacsMessage(status: number): { status: number; error: string } {
  if (status === 404) return { status: 404, error: 'Not found in the PACS.' };
  if (status === 400) return { status: 400, error: 'The PACS could not answer this request.' };
  if (status === 401 || status === 403)
    return {
      status: 502,
      error: "The PACS refused Heron's service account; ask your administrator to check its configuration.",
    };
  return { status: 502, error: `The PACS (Orthanc) failed to answer (HTTP ${status}); the details are in its log.` };
}

/** SOP Instance UIDs a STOW-RS answer lists as stored (ReferencedSOPSequence, PS3.18 §10.5.3). */
function acceptedInstances(answer: Buffer): Set<string> {
  try {
    const ds = JSON.parse(answer.toString('utf8')) as DicomJson;
    return new Set(
      items(ds, '00081199')
        .map((item) => text(item, '00081155'))
        .filter((u): u is string => !!u),
    );
  } catch {
    return new Set();
  }
}

async function readBody(req: Request, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new StowRefused(`The objects to save are larger than ${limit / 1024 / 1024} MB.`, 413);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/**
 * The viewer's only way to the PACS: the requests proxy-policy.ts allows are sent to Orthanc on a rebuilt path
 * with the service account's credentials (which never leave the server); a reader's STOW is checked object by
 * object (stow-check.ts) and recorded in the audit log. Everything refused is answered here and audited.
 */
export function dicomwebProxy(opts: ProxyOptions) {
  const base = new URL(opts.target.url);
  return async (req: Request, res: Response): Promise<void> => {
    const user = String(res.locals.reader ?? '');
    const address = req.socket.remoteAddress;
    res.setHeader('Cache-Control', 'no-store');
    const refuse = (status: number, message: string, allow?: string) => {
      // An unread body would leave the connection unusable for the browser's next request.
      req.resume();
      opts.audit.record({
        action: 'proxy-refused',
        user,
        address,
        method: req.method,
        path: req.originalUrl.slice(0, 300),
        status,
        message,
      });
      if (allow) res.setHeader('Allow', allow);
      res.status(status).json({ error: message });
    };

    const decision = proxyDecision(req.method, req.originalUrl);
    if (!decision.allowed) return refuse(decision.status, decision.message, decision.allow);

    const headers: Record<string, string | string[]> = {
      ...pick(req.headers, FORWARDED_REQUEST),
      authorization: opts.target.authorization,
    };
    let body: Buffer | undefined;
    let stored: Awaited<ReturnType<typeof checkStow>> = [];
    if (decision.kind === 'store') {
      try {
        body = await readBody(req, MAX_STOW_BYTES);
        stored = await checkStow(opts.pacs, req.headers['content-type'], body, decision.study);
      } catch (err) {
        if (err instanceof StowRefused) return refuse(err.status, err.message);
        throw err;
      }
      headers['content-type'] = req.headers['content-type'] ?? '';
      // The answer is read for the audit (acceptedInstances), so it is asked for in JSON whatever the client prefers.
      headers.accept = 'application/dicom+json';
      headers['content-length'] = String(body.length);
    }

    const upstream = httpRequest(
      {
        hostname: base.hostname,
        port: base.port,
        method: req.method,
        path: decision.path,
        headers,
        timeout: opts.timeoutMs,
      },
      (up) => {
        const status = up.statusCode ?? 502;
        if (status >= 400) {
          let detail = '';
          up.setEncoding('utf8');
          up.on('data', (c: string) => (detail = (detail + c).slice(0, 500)));
          up.on('end', () => {
            opts.log.warn({ status, path: decision.path, detail }, 'PACS refused a proxied request');
            for (const o of stored) {
              opts.audit.record({
                action: 'proxy-store-failed',
                user,
                address,
                study: o.studyInstanceUID,
                sopClassUID: o.sopClassUID,
                sopInstanceUID: o.sopInstanceUID,
                status,
              });
            }
            const m = pacsMessage(status);
            if (!res.headersSent) res.status(m.status).json({ error: m.error });
          });
          return;
        }
        if (decision.kind === 'store') {
          // Orthanc stores the valid objects of a request and lists the others as failed in a 200 answer, so the
          // audit records what its answer says it accepted, not what was sent.
          const chunks: Buffer[] = [];
          up.on('data', (c: Buffer) => chunks.push(c));
          up.on('end', () => {
            const answer = Buffer.concat(chunks);
            const accepted = acceptedInstances(answer);
            for (const o of stored) {
              const action = accepted.has(o.sopInstanceUID) ? 'proxy-stored' : 'proxy-store-failed';
              opts.audit.record({
                action,
                user,
                address,
                study: o.studyInstanceUID,
                sopClassUID: o.sopClassUID,
                sopInstanceUID: o.sopInstanceUID,
                seriesInstanceUID: o.seriesInstanceUID,
              });
            }
            res.writeHead(status, { ...pick(up.headers, FORWARDED_RESPONSE), 'content-length': String(answer.length) });
            res.end(answer);
          });
          return;
        }
        res.writeHead(status, pick(up.headers, FORWARDED_RESPONSE));
        up.pipe(res);
      },
    );
    upstream.on('timeout', () => upstream.destroy(new Error(`no answer within ${opts.timeoutMs} ms`)));
    upstream.on('error', (err) => {
      opts.log.warn({ err: err.message, path: decision.path }, 'PACS unreachable');
      // Orthanc may have stored some of the objects before the connection failed: record who sent them all the same.
      for (const o of stored) {
        opts.audit.record({
          action: 'proxy-store-failed',
          user,
          address,
          study: o.studyInstanceUID,
          sopClassUID: o.sopClassUID,
          sopInstanceUID: o.sopInstanceUID,
          status: 'unknown',
          reason: err.message,
        });
      }
      if (!res.headersSent) {
        const timedOut = err.message.startsWith('no answer');
        res.status(timedOut ? 504 : 502).json({
          error: timedOut
            ? `The PACS (Orthanc) did not answer within ${Math.round(opts.timeoutMs / 1000)} s. Ask your administrator to check it.`
            : 'The PACS (Orthanc) cannot be reached. Ask your administrator to check it is running.',
        });
      } else {
        res.destroy(err);
      }
    });
    res.on('close', () => {
      // A viewer cancelling an image read is routine; a store it abandons is recorded (the error handler audits it).
      if (!res.writableFinished)
        upstream.destroy(decision.kind === 'store' ? new Error('the viewer closed the connection') : undefined);
    });
    upstream.end(body);
  };
}
