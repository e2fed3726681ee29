/**
 * Stores the objects Heron wrote in one STOW-RS request (PS3.18 10.5) and checks the answer instance by
 * instance. Everything is checked before sending, because Orthanc stores the valid parts of a request that
 * also holds an invalid one (docs/orthanc.md §6); after a failure the error says which objects the PACS
 * holds, found by QIDO.
 */
import { arrayBufferOf, DicomMessage } from '../core/dcmjs';
import { type DicomJson, items, text } from '../core/dicom-json';
import { Tag } from '../core/dicom-tags';
import { type DicomwebClient, dicomwebFailure, isDicomwebHttpError } from './dicomweb';
import type { WrittenObject } from '../seg/seg-writer';

const FAILED_SOP_SEQUENCE = '00081198';
const REFERENCED_SOP_SEQUENCE = '00081199';
const FAILURE_REASON = '00081197';
const REFERENCED_SOP_INSTANCE_UID = '00081155';

function checkBeforeSending(studyInstanceUID: string, objects: WrittenObject[]): void {
  if (objects.length === 0) throw new Error('Nothing to store');
  const seen = new Set<string>();
  for (const o of objects) {
    const name = `object ${o.sopInstanceUID}`;
    if (seen.has(o.sopInstanceUID)) throw new Error(`${name} is given twice; nothing was stored`);
    seen.add(o.sopInstanceUID);
    let ds: DicomJson;
    try {
      ds = DicomMessage.readFile(arrayBufferOf(new Uint8Array(o.bytes)), {
        untilTag: 'x7fe00010',
        includeUntilTagValue: false,
      }).dict;
    } catch (err) {
      throw new Error(
        `${name} is not a readable DICOM file (${err instanceof Error ? err.message : String(err)}); nothing was stored`,
      );
    }
    if (text(ds, Tag.SOPInstanceUID) !== o.sopInstanceUID)
      throw new Error(`${name}: its file holds SOP Instance UID ${text(ds, Tag.SOPInstanceUID)}; nothing was stored`);
    if (text(ds, Tag.StudyInstanceUID) !== studyInstanceUID) {
      throw new Error(
        `${name} belongs to study ${text(ds, Tag.StudyInstanceUID)}, not ${studyInstanceUID}; nothing was stored`,
      );
    }
  }
}

function parseAnswer(answer: unknown): DicomJson | undefined {
  if (typeof answer === 'string') {
    try {
      return answer.trim() ? (JSON.parse(answer) as DicomJson) : undefined;
    } catch {
      return undefined;
    }
  }
  return answer && typeof answer === 'object' ? (answer as DicomJson) : undefined;
}

async function heldByPacs(
  client: DicomwebClient,
  studyInstanceUID: string,
  objects: WrittenObject[],
): Promise<string[]> {
  const held: string[] = [];
  for (const o of objects) {
    try {
      const found = await client.searchForInstances({
        studyInstanceUID,
        seriesInstanceUID: o.seriesInstanceUID,
        queryParams: { SOPInstanceUID: o.sopInstanceUID },
      });
      if (Array.isArray(found) && found.length > 0) held.push(o.sopInstanceUID);
    } catch {
      // The PACS cannot tell us; the error message below says so by listing none as held.
    }
  }
  return held;
}

/** Stores the objects in their study; resolves with their SOP Instance UIDs when every one was accepted. */
export async function storeObjects(
  client: DicomwebClient,
  studyInstanceUID: string,
  objects: WrittenObject[],
): Promise<string[]> {
  checkBeforeSending(studyInstanceUID, objects);
  const names = objects.map((o) => o.sopInstanceUID);
  let answer: DicomJson | undefined;
  try {
    answer = parseAnswer(await client.storeInstances({ datasets: objects.map((o) => o.bytes), studyInstanceUID }));
  } catch (err) {
    const response = isDicomwebHttpError(err)
      ? parseAnswer(
          typeof err.response === 'string'
            ? err.response
            : err.response instanceof ArrayBuffer
              ? new TextDecoder().decode(err.response)
              : undefined,
        )
      : undefined;
    const failures = response
      ? items(response, FAILED_SOP_SEQUENCE).map(
          (f) => `${text(f, REFERENCED_SOP_INSTANCE_UID)} (reason ${text(f, FAILURE_REASON) ?? 'not given'})`,
        )
      : [];
    const reachable = !isDicomwebHttpError(err) || err.status !== 0;
    const held = reachable ? await heldByPacs(client, studyInstanceUID, objects) : [];
    const base = dicomwebFailure(err, `Storing ${names.join(', ')} in study ${studyInstanceUID}`).message;
    const detail = [
      failures.length > 0 ? `refused: ${failures.join(', ')}` : '',
      held.length > 0 ? `the PACS nevertheless holds ${held.join(', ')}` : 'none of them was stored',
    ]
      .filter((s) => s)
      .join('; ');
    throw new Error(`${base}; ${detail}`);
  }
  const failed = answer ? items(answer, FAILED_SOP_SEQUENCE) : [];
  const accepted = new Set(
    (answer ? items(answer, REFERENCED_SOP_SEQUENCE) : []).map((r) => text(r, REFERENCED_SOP_INSTANCE_UID)),
  );
  const missing = names.filter((n) => !accepted.has(n));
  if (failed.length > 0 || missing.length > 0) {
    throw new Error(
      `The PACS did not confirm storing ${missing.join(', ') || failed.map((f) => text(f, REFERENCED_SOP_INSTANCE_UID)).join(', ')} in study ${studyInstanceUID}`,
    );
  }
  return names;
}
