import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import type { DeviceIdentity } from '@heron/dicom/core';

/** Heron's version: the server package's, recorded in every object Heron writes. */
export const HERON_VERSION = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

/** How Heron names itself as the equipment that made a SEG or SR (PS3.3 C.7.5.1). */
export function heronDevice(): DeviceIdentity {
  return {
    manufacturer: 'Heron project',
    modelName: 'Heron (research use only)',
    softwareVersion: HERON_VERSION,
    serialNumber: `heron-${hostname()}`,
  };
}
