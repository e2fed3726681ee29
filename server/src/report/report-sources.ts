/**
 * What a report needs from the PACS besides its SR: the key images (re-rendered from the SEG and the series the
 * SR names, for a report signed after the analysis or shown on the board page) and the PDF an earlier version of
 * the report was stored as. Heron keeps no database: all of it is found in the study.
 */
import { type DicomJson, items, text } from '@heron/dicom/core';
import { type DicomwebClient, dicomwebFailure } from '@heron/dicom/dicomweb';
import { ENCAPSULATED_PDF_STORAGE, type PdfReference } from '@heron/dicom/pdf';
import { loadSegMasks } from '@heron/dicom/seg';
import type { ReadReport } from '@heron/dicom/sr';
import { loadVolume } from '@heron/dicom/volumes';
import { classifyStudy, studySeries } from '@heron/dicom/roles';
import type { Manifest } from '@heron/models';
import { sequenceSources } from '../analysis/sequence-sources';
import type { KeyImage } from './key-image';
import { keyImagesOf } from './key-images';

const Tag = {
  SeriesInstanceUID: '0020000E',
  SOPInstanceUID: '00080018',
  SOPClassUID: '00080016',
  SourceInstanceSequence: '00420013',
  ReferencedSOPInstanceUID: '00081155',
} as const;

/** The series of an instance of the study, by QIDO; undefined when the study does not hold it. */
export async function seriesOf(pacs: DicomwebClient, studyInstanceUID: string, sop: string) {
  let found: DicomJson[];
  try {
    found = await pacs.searchForInstances({ studyInstanceUID, queryParams: { SOPInstanceUID: sop } });
  } catch (err) {
    throw dicomwebFailure(err, `Looking for instance ${sop} in study ${studyInstanceUID}`);
  }
  return found.map((ds) => text(ds, Tag.SeriesInstanceUID)).find(Boolean);
}

/**
 * Which images of each sequence to load: with the model's manifest, exactly the images the analysis read (one
 * b-value of a DWI series, one phase of a DCE series), found again by the series roles; without it, whole series.
 */
async function selections(
  pacs: DicomwebClient,
  studyInstanceUID: string,
  manifest: Pick<Manifest, 'name' | 'sequences'> | undefined,
): Promise<Record<string, string[]>> {
  if (!manifest) return {};
  try {
    const sources = sequenceSources(manifest, classifyStudy(await studySeries(pacs, studyInstanceUID)));
    return Object.fromEntries(Object.entries(sources).map(([sequence, s]) => [sequence, s.sopInstanceUIDs ?? []]));
  } catch {
    return {};
  }
}

/**
 * The key images of a stored report: the tumour segment of its SEG on the outlined series, and each other series
 * its radiomics groups name. Empty when the SEG is gone; a series that cannot be read any more is left out.
 */
export async function keyImagesFromPacs(
  pacs: DicomwebClient,
  studyInstanceUID: string,
  report: ReadReport,
  manifest?: Pick<Manifest, 'name' | 'sequences'>,
): Promise<KeyImage[]> {
  const tumourGroup = report.radiomics.find((g) => g.segSopInstanceUID);
  if (!tumourGroup) return [];
  const segSeries = await seriesOf(pacs, studyInstanceUID, tumourGroup.segSopInstanceUID);
  if (!segSeries) return [];
  const { target, segments } = await loadSegMasks(pacs, {
    studyInstanceUID,
    seriesInstanceUID: segSeries,
    sopInstanceUID: tumourGroup.segSopInstanceUID,
  });
  // The tumour is segment 1 in every SEG Heron writes (shells follow); a SEG from elsewhere falls back to its first.
  const tumour = segments.find((s) => s.segmentNumber === 1) ?? segments[0];
  if (!tumour) return [];
  const outlined = await loadVolume(pacs, {
    studyInstanceUID,
    seriesInstanceUID: target.seriesInstanceUID,
    select: { sopInstanceUIDs: target.slices.map((s) => s.sopInstanceUID) },
  });
  const others = [];
  const seen = new Set([target.seriesInstanceUID]);
  const selected = await selections(pacs, studyInstanceUID, manifest);
  for (const g of report.radiomics) {
    if (seen.has(g.sourceSeriesInstanceUID) || !g.sourceSeriesInstanceUID) continue;
    seen.add(g.sourceSeriesInstanceUID);
    const sopInstanceUIDs = selected[g.sequence];
    try {
      const v = await loadVolume(pacs, {
        studyInstanceUID,
        seriesInstanceUID: g.sourceSeriesInstanceUID,
        ...(sopInstanceUIDs?.length ? { select: { sopInstanceUIDs } } : {}),
      });
      others.push({ label: `${g.sequence}: ${v.label}`, seriesInstanceUID: v.seriesInstanceUID, image: v.volume });
    } catch {
      // A series deleted, or one that is not a single volume (all DCE phases in one series): no image, no guess.
    }
  }
  return keyImagesOf(
    {
      label: `Outlined series (${outlined.label})`,
      seriesInstanceUID: outlined.seriesInstanceUID,
      image: outlined.volume,
      tumour: { ...target.volume, data: tumour.mask },
    },
    others,
  );
}

/** The newest Heron report PDF of the study made from `srSopInstanceUID`, if the study holds one. */
export async function findReportPdf(
  pacs: DicomwebClient,
  studyInstanceUID: string,
  srSopInstanceUID: string,
): Promise<PdfReference | undefined> {
  let series: DicomJson[];
  try {
    series = await pacs.searchForSeries({ studyInstanceUID, queryParams: { Modality: 'DOC' } });
  } catch (err) {
    throw dicomwebFailure(err, `Looking for report PDFs in study ${studyInstanceUID}`);
  }
  for (const s of series) {
    const seriesInstanceUID = text(s, Tag.SeriesInstanceUID);
    if (!seriesInstanceUID) continue;
    const instances = await pacs.retrieveSeriesMetadata({ studyInstanceUID, seriesInstanceUID });
    for (const ds of instances) {
      if (text(ds, Tag.SOPClassUID) !== ENCAPSULATED_PDF_STORAGE) continue;
      const sources = items(ds, Tag.SourceInstanceSequence).map((r) => text(r, Tag.ReferencedSOPInstanceUID));
      if (sources.includes(srSopInstanceUID))
        return {
          sopClassUID: ENCAPSULATED_PDF_STORAGE,
          sopInstanceUID: text(ds, Tag.SOPInstanceUID) ?? '',
          seriesInstanceUID,
        };
    }
  }
  return undefined;
}
