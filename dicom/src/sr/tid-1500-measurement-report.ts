/**
 * TID 1500 Measurement Report: the document's root, with its language (TID 1204), observers (TID 1001), the
 * procedure reported, an empty image library (TID 1600) and the imaging measurements (TID 1411 groups).
 */
import { SR } from './sr-codes';
import { type ContainerItem, type ContentItem, codeItem, container, documentRoot } from './sr-content';

export function tid1500MeasurementReport(
  observationContext: ContentItem[],
  measurementGroups: ContainerItem[],
): ContainerItem {
  return documentRoot(
    SR.report,
    [
      codeItem('HAS CONCEPT MOD', SR.language, SR.englishUS),
      ...observationContext,
      codeItem('HAS CONCEPT MOD', SR.procedureReported, SR.mri),
      container('CONTAINS', SR.imageLibrary, []),
      container('CONTAINS', SR.imagingMeasurements, measurementGroups),
    ],
    '1500',
  );
}
