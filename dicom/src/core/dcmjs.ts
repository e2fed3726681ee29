// dcmjs ships no type declarations. This module loads it once and types the few calls the DICOM layer makes.
import { createRequire } from 'node:module';
import type { DicomJson } from './dicom-json';

interface DicomDictInstance {
  dict: DicomJson;
  write(options?: { allowInvalidVRLength?: boolean }): ArrayBuffer;
}

export interface ReadOptions {
  ignoreErrors?: boolean;
  /** Stop before this tag, e.g. 'x7fe00010' to skip the pixel data. */
  untilTag?: string;
  includeUntilTagValue?: boolean;
}

interface Logger {
  methodFactory: (method: string, level: number, name: string) => (...args: unknown[]) => void;
  getLevel(): number;
  setLevel(level: number): void;
}

interface Dcmjs {
  log: { getLogger(name: string): Logger };
  data: {
    DicomDict: new (meta: DicomJson) => DicomDictInstance;
    DicomMetaDictionary: {
      denaturalizeDataset(dataset: Record<string, unknown>): DicomJson;
      naturalizeDataset(dict: DicomJson): Record<string, unknown>;
    };
    DicomMessage: {
      readFile(buffer: ArrayBuffer, options?: ReadOptions): { meta: DicomJson; dict: DicomJson };
    };
    datasetToDict(dataset: Record<string, unknown>): DicomDictInstance;
  };
}

const dcmjs = createRequire(import.meta.url)('dcmjs') as Dcmjs;

export const { DicomDict, DicomMetaDictionary, DicomMessage, datasetToDict } = dcmjs.data;

/**
 * In Implicit VR files the data dictionary gives some attributes two possible VRs, written 'ox' (OB or OW: Pixel Data)
 * and 'xs' (US or SS). dcmjs then logs "Invalid vr type ox - using OW" once per file, an error for what is normal
 * DICOM (PS3.5 Annex A.1). Its validation logger drops exactly these two messages and keeps every other one.
 */
function quietAmbiguousVrs(logger: Logger): void {
  const factory = logger.methodFactory;
  logger.methodFactory = (method, level, name) => {
    const write = factory(method, level, name);
    return (...args: unknown[]) => {
      if (args[0] === 'Invalid vr type' && (args[1] === 'ox' || args[1] === 'xs')) return;
      write(...args);
    };
  };
  // loglevel builds its methods when the level is set; setting it again applies the new factory.
  logger.setLevel(logger.getLevel());
}
quietAmbiguousVrs(dcmjs.log.getLogger('validation.dcmjs'));

/** The bytes of a Buffer as the ArrayBuffer dcmjs reads (a Node Buffer may be a view into a larger pool). */
export function arrayBufferOf(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}
