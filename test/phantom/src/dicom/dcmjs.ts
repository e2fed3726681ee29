// dcmjs ships no type declarations. This module loads it once and types the few calls this package makes.
import { createRequire } from 'node:module';

export interface DicomElement {
  vr: string;
  Value?: unknown[];
}
export type DicomElements = Record<string, DicomElement>;

interface DicomDictInstance {
  dict: DicomElements;
  write(options?: { allowInvalidVRLength?: boolean }): ArrayBuffer;
}

interface Dcmjs {
  data: {
    DicomDict: new (meta: DicomElements) => DicomDictInstance;
    DicomMetaDictionary: {
      denaturalizeDataset(dataset: Record<string, unknown>): DicomElements;
      naturalizeDataset(dict: DicomElements): Record<string, unknown>;
    };
    DicomMessage: {
      readFile(buffer: ArrayBuffer, options?: { ignoreErrors?: boolean }): { meta: DicomElements; dict: DicomElements };
    };
  };
}

const dcmjs = createRequire(import.meta.url)('dcmjs') as Dcmjs;

export const { DicomDict, DicomMetaDictionary, DicomMessage } = dcmjs.data;
