import { createHash, randomUUID } from 'node:crypto';

/**
 * A new, globally unique UID under the 2.25 root: the decimal form of a random UUID (PS3.5 B.2, ITU-T X.667).
 * Every object Heron writes gets new UIDs: Orthanc silently keeps the old content when a UID is re-sent.
 */
export function newUid(): string {
  return `2.25.${BigInt(`0x${randomUUID().replace(/-/g, '')}`).toString()}`;
}

/**
 * A deterministic UID under the 2.25 root: the first 128 bits of a SHA-256 of what identifies the object, as one
 * decimal integer. Writing the same thing again gives the same UIDs; other inputs never collide in practice.
 * For generated test and demonstration data, which must be reproducible, and for the objects of one analysis, derived
 * from its random id (analysisObjectUids), so that storing them again sends the same instances and never a copy.
 */
export function hashUid(...parts: Array<string | number>): string {
  const digest = createHash('sha256').update(parts.join('|')).digest();
  let value = 0n;
  for (let i = 0; i < 16; i++) value = (value << 8n) | BigInt(digest[i]);
  return `2.25.${value.toString(10)}`;
}

/** SOP Class UIDs of the outline objects Heron reads and writes (PS3.4 B.5). */
export const SEGMENTATION_STORAGE = '1.2.840.10008.5.1.4.1.1.66.4';
export const RT_STRUCTURE_SET_STORAGE = '1.2.840.10008.5.1.4.1.1.481.3';

/** The identity of a written object in the PACS, when its writer is told which UIDs to give it. */
export interface ObjectUids {
  sopInstanceUID: string;
  seriesInstanceUID: string;
}

/**
 * The UIDs of one object an analysis writes (`role`: 'seg', 'sr', 'pdf'), fixed by the analysis id alone: a retried or
 * rerun store of the same analysis sends the same SOP instances, which the PACS keeps once, and a store that did
 * happen can be found by the SR's UID before storing again. The analysis id is a random UUID, so the UIDs are as
 * unique as newUid's.
 */
export const analysisObjectUids = (analysisId: string, role: string): ObjectUids => ({
  sopInstanceUID: hashUid('heron-analysis-object', analysisId, role, 'instance'),
  seriesInstanceUID: hashUid('heron-analysis-object', analysisId, role, 'series'),
});
