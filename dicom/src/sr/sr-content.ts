/**
 * Content items of an SR tree as naturalized dcmjs objects (PS3.3 C.17.3 SR Document Content module), one type per
 * value type Heron writes. The tree is built by hand because dcmjs' SR template classes cannot build TID 1500
 * measurement groups (docs/dicom-sr-seg.md §3).
 */
import { decimalString } from '../core/decimal-string';
import type { Code } from '../core/codes';

export type Relationship = 'CONTAINS' | 'HAS CONCEPT MOD' | 'HAS OBS CONTEXT' | 'HAS PROPERTIES' | 'INFERRED FROM';

/** What every content item has; the document root alone has no relationship (PS3.3 C.17.3.2.4). */
type Item<ValueType extends string> = {
  RelationshipType?: Relationship;
  ValueType: ValueType;
  ConceptNameCodeSequence: [Code];
  ContentSequence?: ContentItem[];
};

export type ContainerItem = Item<'CONTAINER'> & {
  ContinuityOfContent: 'SEPARATE';
  ContentTemplateSequence?: [{ MappingResource: 'DCMR'; TemplateIdentifier: string }];
};
export type CodeItem = Item<'CODE'> & { ConceptCodeSequence: [Code] };
export type TextItem = Item<'TEXT'> & { TextValue: string };
export type UidRefItem = Item<'UIDREF'> & { UID: string };
export type PersonNameItem = Item<'PNAME'> & { PersonName: string };
export type NumItem = Item<'NUM'> & {
  MeasuredValueSequence: [{ MeasurementUnitsCodeSequence: [Code]; NumericValue: string; FloatingPointValue: number }];
};
export type ImageItem = Item<'IMAGE'> & {
  ReferencedSOPSequence: [
    { ReferencedSOPClassUID: string; ReferencedSOPInstanceUID: string; ReferencedSegmentNumber?: number },
  ];
};

export type ContentItem = ContainerItem | CodeItem | TextItem | UidRefItem | PersonNameItem | NumItem | ImageItem;

const children = (items: ContentItem[]) => (items.length > 0 ? { ContentSequence: items } : {});

/** The root container of a document: a container without a relationship, named after its template. */
export function documentRoot(concept: Code, items: ContentItem[], template: string): ContainerItem {
  return {
    ValueType: 'CONTAINER',
    ConceptNameCodeSequence: [concept],
    ContinuityOfContent: 'SEPARATE',
    ContentTemplateSequence: [{ MappingResource: 'DCMR', TemplateIdentifier: template }],
    ...children(items),
  };
}

export function container(rel: Relationship, concept: Code, items: ContentItem[], template?: string): ContainerItem {
  return {
    RelationshipType: rel,
    ValueType: 'CONTAINER',
    ConceptNameCodeSequence: [concept],
    ContinuityOfContent: 'SEPARATE',
    ...(template ? { ContentTemplateSequence: [{ MappingResource: 'DCMR', TemplateIdentifier: template }] } : {}),
    ...children(items),
  };
}

export function codeItem(rel: Relationship, concept: Code, value: Code, items: ContentItem[] = []): CodeItem {
  return {
    RelationshipType: rel,
    ValueType: 'CODE',
    ConceptNameCodeSequence: [concept],
    ConceptCodeSequence: [value],
    ...children(items),
  };
}

export function textItem(rel: Relationship, concept: Code, value: string, items: ContentItem[] = []): TextItem {
  return {
    RelationshipType: rel,
    ValueType: 'TEXT',
    ConceptNameCodeSequence: [concept],
    TextValue: value,
    ...children(items),
  };
}

export function uidItem(rel: Relationship, concept: Code, uid: string): UidRefItem {
  return { RelationshipType: rel, ValueType: 'UIDREF', ConceptNameCodeSequence: [concept], UID: uid };
}

export function personItem(rel: Relationship, concept: Code, name: string): PersonNameItem {
  return { RelationshipType: rel, ValueType: 'PNAME', ConceptNameCodeSequence: [concept], PersonName: name };
}

/**
 * NUM with the value twice (PS3.3 C.18.1): NumericValue as DS, at most 16 characters, and the exact double in
 * FloatingPointValue (FD), which readers prefer when present.
 */
export function numItem(concept: Code, value: number, unit: Code, items: ContentItem[] = []): NumItem {
  if (!Number.isFinite(value)) throw new Error(`${concept.CodeMeaning}: ${value} is not a finite number`);
  return {
    RelationshipType: 'CONTAINS',
    ValueType: 'NUM',
    ConceptNameCodeSequence: [concept],
    MeasuredValueSequence: [
      { MeasurementUnitsCodeSequence: [unit], NumericValue: decimalString(value), FloatingPointValue: value },
    ],
    ...children(items),
  };
}

export function imageItem(
  concept: Code,
  sopClassUID: string,
  sopInstanceUID: string,
  segmentNumber?: number,
): ImageItem {
  return {
    RelationshipType: 'CONTAINS',
    ValueType: 'IMAGE',
    ConceptNameCodeSequence: [concept],
    ReferencedSOPSequence: [
      {
        ReferencedSOPClassUID: sopClassUID,
        ReferencedSOPInstanceUID: sopInstanceUID,
        ...(segmentNumber !== undefined ? { ReferencedSegmentNumber: segmentNumber } : {}),
      },
    ],
  };
}
