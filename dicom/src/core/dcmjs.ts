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

interface Dcmjs {
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

/** The bytes of a Buffer as the ArrayBuffer dcmjs reads (a Node Buffer may be a view into a larger pool). */
export function arrayBufferOf(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}
