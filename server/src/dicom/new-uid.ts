import { randomUUID } from 'node:crypto';

/**
 * A new, globally unique UID under the 2.25 root: the decimal form of a random UUID (PS3.5 B.2, ITU-T X.667).
 * Every object Heron writes gets new UIDs: Orthanc silently keeps the old content when a UID is re-sent.
 */
export function newUid(): string {
  return `2.25.${BigInt(`0x${randomUUID().replace(/-/g, '')}`).toString()}`;
}
