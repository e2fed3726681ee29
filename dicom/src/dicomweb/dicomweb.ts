/**
 * The DICOMweb client Heron's server uses toward Orthanc: dicomweb-client (XHR-based) with the xhr2 polyfill
 * in Node, and the Authorization header on every request (its username/password options are never sent,
 * docs/orthanc.md §5). The interface types only the calls Heron makes.
 */
import { createRequire } from 'node:module';
import type { DicomJson } from '../core/dicom-json';

const require = createRequire(import.meta.url);

/** Explicit VR Little Endian (PS3.5 A.2): the uncompressed syntax Orthanc transcodes frames into. */
export const EXPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2.1';

interface MediaType {
  mediaType: string;
  transferSyntaxUID?: string;
}

export interface DicomwebClient {
  /** Without a study: the matching series of every study (QIDO-RS /series), e.g. all SRs for the board page. */
  searchForSeries(o: { studyInstanceUID?: string; queryParams?: Record<string, string> }): Promise<DicomJson[]>;
  searchForInstances(o: {
    studyInstanceUID: string;
    seriesInstanceUID?: string;
    queryParams?: Record<string, string>;
  }): Promise<DicomJson[]>;
  retrieveSeriesMetadata(o: { studyInstanceUID: string; seriesInstanceUID: string }): Promise<DicomJson[]>;
  retrieveInstanceFrames(o: {
    studyInstanceUID: string;
    seriesInstanceUID: string;
    sopInstanceUID: string;
    frameNumbers: number[];
    mediaTypes?: MediaType[];
  }): Promise<ArrayBuffer[]>;
  retrieveInstance(o: {
    studyInstanceUID: string;
    seriesInstanceUID: string;
    sopInstanceUID: string;
    mediaTypes?: MediaType[];
  }): Promise<ArrayBuffer>;
  storeInstances(o: { datasets: ArrayBuffer[]; studyInstanceUID?: string }): Promise<unknown>;
}

/** The library's client, with the two members the retrieveInstance workaround below uses. */
interface LibraryClient extends DicomwebClient {
  wadoURL: string;
  _httpGetMultipartApplicationDicom(url: string, mediaTypes: MediaType[], params: false): Promise<ArrayBuffer[]>;
}

export interface DicomwebConnection {
  /** The DICOMweb root, e.g. http://127.0.0.1:8042/dicom-web */
  url: string;
  /** A complete Authorization header value (Basic or Bearer). */
  authorization: string;
  /**
   * How long the PACS may stay silent (connecting, or between two chunks of an answer) before the request fails
   * as unreachable; without it a hung PACS holds the request forever.
   */
  timeoutMs?: number;
}

/** An HTTP failure as dicomweb-client rejects it: status 0 when the server could not be reached. */
export interface DicomwebHttpError {
  status: number;
  response?: unknown;
}

export function isDicomwebHttpError(err: unknown): err is DicomwebHttpError {
  return !!err && typeof err === 'object' && typeof (err as { status?: unknown }).status === 'number';
}

export function connectDicomweb(connection: DicomwebConnection): DicomwebClient {
  if (!/^https?:\/\/\S+$/.test(connection.url))
    throw new Error(`DICOMweb URL '${connection.url}' is not an http(s) URL`);
  if (!connection.authorization.trim()) throw new Error('DICOMweb access needs an Authorization header value');
  const g = globalThis as { XMLHttpRequest?: unknown };
  g.XMLHttpRequest ??= require('xhr2');
  const { api } = require('dicomweb-client') as { api: { DICOMwebClient: new (o: object) => LibraryClient } };
  const client = new api.DICOMwebClient({
    url: connection.url.replace(/\/+$/, ''),
    headers: { Authorization: connection.authorization },
    verbose: false,
    // dicomweb-client only accepts hooks declared with both of its arguments (request, metadata).
    ...(connection.timeoutMs
      ? {
          requestHooks: [
            (xhr: { timeout: number }, _metadata: unknown) => Object.assign(xhr, { timeout: connection.timeoutMs }),
          ],
        }
      : {}),
  });
  // dicomweb-client 0.11's retrieveInstance compares the type part of the media types ('application/') with
  // 'application/dicom' and so refuses every mediaTypes it is given; its own multipart request takes them as meant.
  const retrieveInstance = client.retrieveInstance.bind(client);
  client.retrieveInstance = (o) => {
    if (!o.mediaTypes) return retrieveInstance(o);
    const url = `${client.wadoURL}/studies/${o.studyInstanceUID}/series/${o.seriesInstanceUID}/instances/${o.sopInstanceUID}`;
    return client._httpGetMultipartApplicationDicom(url, o.mediaTypes, false).then((parts) => parts[0]);
  };
  return client;
}

/** Turns a dicomweb-client rejection into an error that says what we were doing and what the PACS answered. */
/**
 * A PACS answer that stops the request; `status` is what the Heron API answers (404 not found, 502 otherwise).
 * `summary` says what failed in the reader's terms; `detail` is the PACS's own words, kept in the message for the
 * command line and the server log but never sent to a browser.
 */
export class PacsError extends Error {
  constructor(
    readonly summary: string,
    readonly status: number,
    readonly detail = '',
  ) {
    super(detail ? `${summary} (${detail})` : summary);
  }
}

export function dicomwebFailure(err: unknown, what: string): Error {
  if (!isDicomwebHttpError(err)) return err instanceof Error ? err : new Error(`${what}: ${String(err)}`);
  if (err.status === 0) return new PacsError(`${what}: the PACS (Orthanc) cannot be reached`, 502);
  if (err.status === 401 || err.status === 403)
    return new PacsError(`${what}: the PACS refused our credentials (HTTP ${err.status})`, 502);
  if (err.status === 404) return new PacsError(`${what}: not found in the PACS (HTTP 404)`, 404);
  return new PacsError(`${what}: the PACS answered HTTP ${err.status}`, 502, responseText(err.response));
}

function responseText(response: unknown): string {
  let s = '';
  if (typeof response === 'string') s = response;
  else if (response instanceof ArrayBuffer) s = new TextDecoder().decode(response);
  return s.replace(/\s+/g, ' ').trim().slice(0, 200);
}
