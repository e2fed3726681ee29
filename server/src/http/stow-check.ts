/**
 * What a reader may store in the PACS from the viewer: a segmentation or a measurement report they made in OHIF,
 * for a study already in the PACS. Heron's own reports (and the VERIFIED copies that record a sign-off) are
 * written by the server itself, so an object that claims to be one is forged and must never reach the system of
 * record through the proxy.
 */
import { arrayBufferOf, type DicomJson, DicomMessage, SEGMENTATION_STORAGE } from '@heron/dicom/core';
import { type DicomwebClient, dicomwebFailure } from '@heron/dicom/dicomweb';
import { readSr } from '@heron/dicom/sr';

/** SOP classes OHIF saves: DICOM SEG and the measurement SR (TID 1500) in the SR flavours viewers write. */
const STORABLE_CLASSES: Record<string, string> = {
  [SEGMENTATION_STORAGE]: 'segmentation',
  '1.2.840.10008.5.1.4.1.1.88.11': 'measurement report',
  '1.2.840.10008.5.1.4.1.1.88.22': 'measurement report',
  '1.2.840.10008.5.1.4.1.1.88.33': 'measurement report',
  '1.2.840.10008.5.1.4.1.1.88.34': 'measurement report',
};

/** Largest STOW body a reader may send: a bit-packed SEG of a whole breast MRI is a few megabytes. */
export const MAX_STOW_BYTES = 64 * 1024 * 1024;
const MAX_OBJECTS = 16;

export class StowRefused extends Error {
  constructor(
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

export interface CheckedObject {
  sopClassUID: string;
  sopInstanceUID: string;
  studyInstanceUID: string;
  seriesInstanceUID: string;
}

/** The DICOM parts of a multipart/related STOW-RS body (PS3.18 §10.5.1.1). */
export function multipartParts(contentType: string | undefined, body: Buffer): Buffer[] {
  const type = /^\s*multipart\/related\s*;/i.test(contentType ?? '');
  const boundary = /;\s*boundary="?([^";]+)"?/i.exec(contentType ?? '')?.[1];
  const partType = /;\s*type="?([^";]+)"?/i.exec(contentType ?? '')?.[1];
  if (!type || !boundary || (partType && partType.toLowerCase() !== 'application/dicom')) {
    throw new StowRefused('Only DICOM objects (multipart/related; type=application/dicom) can be saved here.', 415);
  }
  const delimiter = Buffer.from(`--${boundary}`);
  const next = Buffer.from(`\r\n--${boundary}`);
  const parts: Buffer[] = [];
  let pos = body.indexOf(delimiter);
  if (pos < 0) throw new StowRefused('The saved objects are not a valid multipart message.');
  for (;;) {
    pos += delimiter.length;
    if (body.subarray(pos, pos + 2).toString('latin1') === '--') break;
    const headerEnd = body.indexOf('\r\n\r\n', pos);
    const end = headerEnd < 0 ? -1 : body.indexOf(next, headerEnd + 4);
    if (end < 0) throw new StowRefused('The saved objects are not a valid multipart message.');
    const headers = body.subarray(pos, headerEnd).toString('latin1');
    const ct = /content-type:\s*([^\r\n;]+)/i.exec(headers)?.[1]?.trim().toLowerCase();
    if (ct && ct !== 'application/dicom') throw new StowRefused('Only DICOM objects can be saved here.', 415);
    parts.push(body.subarray(headerEnd + 4, end));
    if (parts.length > MAX_OBJECTS) throw new StowRefused(`At most ${MAX_OBJECTS} objects can be saved at once.`);
    pos = end + 2;
  }
  if (parts.length === 0) throw new StowRefused('There is nothing to save in this request.');
  return parts;
}

const str = (ds: DicomJson, tag: string): string | undefined => {
  const v = ds[tag]?.Value?.[0];
  return typeof v === 'string' ? v.trim() : undefined;
};

/** One object's header, refused unless a reader could legitimately have made it in the viewer. */
export function checkObject(bytes: Buffer, urlStudy: string | undefined): CheckedObject {
  let dict: DicomJson;
  try {
    // The header is all that is checked; pixel data is left unparsed.
    dict = DicomMessage.readFile(arrayBufferOf(bytes), { untilTag: 'x7fe00010' }).dict;
  } catch {
    throw new StowRefused('One of the saved objects is not a readable DICOM file.');
  }
  const sopClassUID = str(dict, '00080016') ?? '';
  const sopInstanceUID = str(dict, '00080018') ?? '';
  const studyInstanceUID = str(dict, '0020000D') ?? '';
  const seriesInstanceUID = str(dict, '0020000E') ?? '';
  if (!STORABLE_CLASSES[sopClassUID]) {
    throw new StowRefused(
      `Only segmentations and measurement reports can be saved from the viewer; object ${sopInstanceUID || '(no UID)'} is neither.`,
      403,
    );
  }
  if (!sopInstanceUID || !studyInstanceUID || !seriesInstanceUID)
    throw new StowRefused('A saved object lacks its study, series or instance UID.');
  if (urlStudy && urlStudy !== studyInstanceUID)
    throw new StowRefused(`Object ${sopInstanceUID} belongs to study ${studyInstanceUID}, not ${urlStudy}.`, 409);
  const device = [str(dict, '00080070'), str(dict, '00081090')].filter(Boolean).join(' ');
  if (/heron/i.test(device)) {
    throw new StowRefused(
      `Object ${sopInstanceUID} names Heron as the equipment that made it; only Heron itself stores its results.`,
      403,
    );
  }
  if (str(dict, '0040A493')?.toUpperCase() === 'VERIFIED') {
    throw new StowRefused(
      `Object ${sopInstanceUID} claims to be verified; a report is signed off with Accept or Reject in Heron's panel, not saved as verified.`,
      403,
    );
  }
  if (STORABLE_CLASSES[sopClassUID] === 'measurement report' && isHeronReport(dict)) {
    throw new StowRefused(
      `Object ${sopInstanceUID} is laid out as a Heron report; only Heron itself stores its results.`,
      403,
    );
  }
  return { sopClassUID, sopInstanceUID, studyInstanceUID, seriesInstanceUID };
}

function isHeronReport(dict: DicomJson): boolean {
  try {
    readSr(dict);
    return true;
  } catch {
    return false;
  }
}

/** Every object of a STOW body checked, and each study it names found in the PACS. */
export async function checkStow(
  pacs: DicomwebClient,
  contentType: string | undefined,
  body: Buffer,
  urlStudy: string | undefined,
): Promise<CheckedObject[]> {
  const objects = multipartParts(contentType, body).map((part) => checkObject(part, urlStudy));
  for (const study of new Set(objects.map((o) => o.studyInstanceUID))) {
    let series: unknown[];
    try {
      series = await pacs.searchForSeries({ studyInstanceUID: study });
    } catch (err) {
      throw dicomwebFailure(err, `Looking for study ${study}`);
    }
    if (series.length === 0)
      throw new StowRefused(
        `Study ${study} is not in the PACS; a segmentation or report can only be saved with the study it describes.`,
        404,
      );
  }
  return objects;
}
