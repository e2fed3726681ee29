/**
 * What the DICOMweb proxy lets through to Orthanc. The proxy speaks to Orthanc with a service account that may
 * do far more than a reader (delete, modify, shut down), so the reader's URL is never forwarded: it is decoded
 * once, every segment is checked, and only the QIDO-RS / WADO-RS / WADO-URI routes the viewer uses are rebuilt
 * from the checked parts. Anything that would need a second decoding or dot-segment resolution is refused here,
 * before Orthanc sees it.
 */

export type ProxyDecision =
  | { allowed: true; kind: 'read' | 'store'; path: string; study?: string }
  | { allowed: false; status: number; message: string; allow?: string };

const UID = /^[0-9]+(\.[0-9]+)*$/;
const FRAMES = /^[1-9][0-9]{0,5}(,[1-9][0-9]{0,5}){0,999}$/;
// A bulk data URI walks the tag path: tags (8 hex digits) and sequence item numbers.
const BULK_STEP = /^([0-9A-Fa-f]{8}|[0-9]{1,4})$/;
const PARAM_NAME = /^[A-Za-z0-9]{1,64}$/;

/** Longest path and query the viewer ever sends; longer ones are refused before they are parsed. */
export const MAX_PATH_CHARS = 2048;
export const MAX_QUERY_CHARS = 8192;
export const MAX_QUERY_PARAMS = 64;

const READ_METHODS = 'GET, HEAD';

type Token = 'U' | 'F' | 'B' | string;

/** The read routes below /dicom-web, as segments: U a UID, F a frame list, B the rest of a bulk data path. */
const READ_ROUTES: Token[][] = [
  'studies',
  'series',
  'instances',
  'studies/U',
  'studies/U/metadata',
  'studies/U/series',
  'studies/U/instances',
  'studies/U/rendered',
  'studies/U/thumbnail',
  'studies/U/series/U',
  'studies/U/series/U/metadata',
  'studies/U/series/U/instances',
  'studies/U/series/U/rendered',
  'studies/U/series/U/thumbnail',
  'studies/U/series/U/instances/U',
  'studies/U/series/U/instances/U/metadata',
  'studies/U/series/U/instances/U/rendered',
  'studies/U/series/U/instances/U/thumbnail',
  'studies/U/series/U/instances/U/frames/F',
  'studies/U/series/U/instances/U/frames/F/rendered',
  'studies/U/series/U/instances/U/bulk/B',
].map((r) => r.split('/'));

/** STOW-RS (PS3.18 §10.5): the only writes, checked object by object before they reach Orthanc (stow-check.ts). */
const STORE_ROUTES: Token[][] = ['studies', 'studies/U'].map((r) => r.split('/'));

function matches(route: Token[], segments: string[]): boolean {
  for (let i = 0; i < route.length; i++) {
    const t = route[i];
    const s = segments[i];
    if (s === undefined) return false;
    if (t === 'B') return segments.slice(i).length <= 16 && segments.slice(i).every((x) => BULK_STEP.test(x));
    if (t === 'U' ? !(UID.test(s) && s.length <= 64) : t === 'F' ? !FRAMES.test(s) : t !== s) return false;
  }
  return segments.length === route.length;
}

const refuse = (status: number, message: string, allow?: string): ProxyDecision => ({
  allowed: false,
  status,
  message,
  ...(allow ? { allow } : {}),
});

/** The query string re-encoded from its decoded parameters; comma-separated includefield lists spelled out. */
function rebuiltQuery(raw: string): string | ProxyDecision {
  if (raw.length > MAX_QUERY_CHARS) return refuse(414, 'This image request is too long for the PACS.');
  if (/%25/i.test(raw)) return refuse(400, 'This image request is encoded twice; Heron does not forward it.');
  const params = new URLSearchParams(raw);
  const out: string[] = [];
  for (const [key, value] of params) {
    if (!PARAM_NAME.test(key))
      return refuse(400, `'${key.slice(0, 40)}' is not a search or retrieve parameter the viewer uses.`);
    if (value.length > 1024 || /[\u0000-\u001f\u007f]/.test(value))
      return refuse(400, `The value of '${key}' is not one the PACS can search for.`);
    // PS3.18 §8.3.4.1 lets includefield carry a comma-separated list, which OHIF sends; Orthanc's DICOMweb
    // plugin only understands one attribute per parameter and silently drops the list.
    const values = key.toLowerCase() === 'includefield' ? value.split(',').map((v) => v.trim()) : [value];
    for (const v of values) out.push(`${encodeURIComponent(key)}=${encodeURIComponent(v)}`);
  }
  if (out.length > MAX_QUERY_PARAMS)
    return refuse(
      400,
      `This request has ${out.length} parameters; the viewer never sends more than ${MAX_QUERY_PARAMS}.`,
    );
  return out.join('&');
}

/**
 * Decides on one request from its method and raw URL (`req.originalUrl`, exactly as the client sent it).
 * On success `path` is the rebuilt path and query to send to Orthanc.
 */
export function proxyDecision(method: string, rawUrl: string): ProxyDecision {
  const q = rawUrl.indexOf('?');
  const rawPath = q < 0 ? rawUrl : rawUrl.slice(0, q);
  const rawQuery = q < 0 ? '' : rawUrl.slice(q + 1);
  if (rawPath.length > MAX_PATH_CHARS) return refuse(414, 'This image request is too long for the PACS.');
  const rawSegments = rawPath.split('/');
  if (rawSegments[0] !== '') return refuse(400, 'This is not a DICOMweb request Heron forwards.');
  const segments: string[] = [];
  for (const raw of rawSegments.slice(1)) {
    let s: string;
    try {
      s = decodeURIComponent(raw);
    } catch {
      return refuse(400, 'This image request is not a valid address.');
    }
    // Decoded once: what remains must be a plain name. Dot segments, separators that were encoded, a second
    // layer of encoding and empty segments (double slashes) are how a path escapes /dicom-web.
    if (s === '' || s === '.' || s === '..' || /[/\\%\u0000-\u001f\u007f]/.test(s)) {
      return refuse(
        400,
        'This image request contains a path that is not allowed; Heron only forwards plain DICOMweb requests.',
      );
    }
    segments.push(s);
  }

  const query = rebuiltQuery(rawQuery);
  if (typeof query !== 'string') return query;
  // Only segments that matched a route below are joined, and those hold nothing but digits, letters, dots and commas.
  const path = (parts: string[]) => '/' + parts.join('/') + (query ? `?${query}` : '');

  const [root, ...rest] = segments;
  if (root === 'wado' && rest.length === 0) {
    if (new URLSearchParams(rawQuery).get('requestType') !== 'WADO')
      return refuse(400, 'A WADO-URI request needs requestType=WADO.');
    if (method !== 'GET' && method !== 'HEAD') return refuse(405, 'Images can only be read here.', READ_METHODS);
    return { allowed: true, kind: 'read', path: path(segments) };
  }
  if (root !== 'dicom-web') return refuse(404, 'This is not a DICOMweb request the viewer makes.');

  const isRead = READ_ROUTES.some((r) => matches(r, rest));
  const isStore = STORE_ROUTES.some((r) => matches(r, rest));
  if (!isRead && !isStore) return refuse(404, 'This is not a DICOMweb request the viewer makes.');
  if ((method === 'GET' || method === 'HEAD') && isRead) return { allowed: true, kind: 'read', path: path(segments) };
  if (method === 'POST' && isStore) {
    if (query) return refuse(400, 'A store request takes no parameters.');
    return { allowed: true, kind: 'store', path: path(segments), ...(rest[1] ? { study: rest[1] } : {}) };
  }
  return refuse(
    405,
    isStore
      ? 'Here studies can only be searched, read, or have a segmentation or measurement report saved.'
      : 'Images can only be read here.',
    isStore ? `${READ_METHODS}, POST` : READ_METHODS,
  );
}
