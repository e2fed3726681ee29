/**
 * Content items of an SR tree as naturalized dcmjs objects (PS3.3 C.17.3 SR Document Content module). The
 * tree is built by hand because dcmjs' SR template classes cannot build TID 1500 measurement groups
 * (docs/dicom-sr-seg.md §3).
 */
import { decimalString } from '../core/decimal-string';
import type { Code } from '../core/codes';

export type Relationship = 'CONTAINS' | 'HAS CONCEPT MOD' | 'HAS OBS CONTEXT' | 'HAS PROPERTIES' | 'INFERRED FROM';
export type ContentItem = Record<string, unknown>;

function item(rel: Relationship, valueType: string, concept: Code, extra: Record<string, unknown>): ContentItem {
  return { RelationshipType: rel, ValueType: valueType, ConceptNameCodeSequence: [concept], ...extra };
}

export function container(rel: Relationship, concept: Code, children: ContentItem[], template?: string): ContentItem {
  return item(rel, 'CONTAINER', concept, {
    ContinuityOfContent: 'SEPARATE',
    ...(template ? { ContentTemplateSequence: [{ MappingResource: 'DCMR', TemplateIdentifier: template }] } : {}),
    ...(children.length > 0 ? { ContentSequence: children } : {}),
  });
}

export function codeItem(rel: Relationship, concept: Code, value: Code, children: ContentItem[] = []): ContentItem {
  return item(rel, 'CODE', concept, { ConceptCodeSequence: [value], ...(children.length > 0 ? { ContentSequence: children } : {}) });
}

export function textItem(rel: Relationship, concept: Code, value: string): ContentItem {
  return item(rel, 'TEXT', concept, { TextValue: value });
}

export function uidItem(rel: Relationship, concept: Code, uid: string): ContentItem {
  return item(rel, 'UIDREF', concept, { UID: uid });
}

export function personItem(rel: Relationship, concept: Code, name: string): ContentItem {
  return item(rel, 'PNAME', concept, { PersonName: name });
}

/**
 * NUM with the value twice (PS3.3 C.18.1): NumericValue as DS, at most 16 characters, and the exact double in
 * FloatingPointValue (FD), which readers prefer when present.
 */
export function numItem(concept: Code, value: number, unit: Code, children: ContentItem[] = []): ContentItem {
  if (!Number.isFinite(value)) throw new Error(`${concept.CodeMeaning}: ${value} is not a finite number`);
  return item('CONTAINS', 'NUM', concept, {
    MeasuredValueSequence: [{ MeasurementUnitsCodeSequence: [unit], NumericValue: decimalString(value), FloatingPointValue: value }],
    ...(children.length > 0 ? { ContentSequence: children } : {}),
  });
}

export function imageItem(concept: Code, sopClassUID: string, sopInstanceUID: string, segmentNumber?: number): ContentItem {
  return item('CONTAINS', 'IMAGE', concept, {
    ReferencedSOPSequence: [
      { ReferencedSOPClassUID: sopClassUID, ReferencedSOPInstanceUID: sopInstanceUID, ...(segmentNumber !== undefined ? { ReferencedSegmentNumber: segmentNumber } : {}) },
    ],
  });
}
