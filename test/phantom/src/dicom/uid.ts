// Deterministic DICOM UIDs under the 2.25 root (ISO/IEC 9834-8: a UUID as one decimal integer), here a 128-bit
// hash of what identifies the object, so re-writing a seed gives the same UIDs and other seeds never collide.
import { createHash } from 'node:crypto';

export function hashUid(...parts: Array<string | number>): string {
  const digest = createHash('sha256').update(parts.join('|')).digest();
  let value = 0n;
  for (let i = 0; i < 16; i++) value = (value << 8n) | BigInt(digest[i]);
  return `2.25.${value.toString(10)}`;
}
