import type { DicomJson } from '@heron/dicom/core';
import type { DicomwebClient } from '@heron/dicom/dicomweb';
import { dicomwebFailure } from '@heron/dicom/dicomweb';
import { readSr } from '@heron/dicom/sr';
import type { StoredResult } from '../contract';

const str = (ds: DicomJson, tag: string) => {
  const v = ds[tag]?.Value?.[0];
  return typeof v === 'string' ? v : undefined;
};

function createdAt(ds: DicomJson): string | null {
  const d = str(ds, '00080023');
  const t = str(ds, '00080033') ?? '000000';
  if (!d) return null;
  return `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}T${t.slice(0, 2)}:${t.slice(2, 4)}:${t.slice(4, 6)}`;
}

/** Every Heron report of a study, newest first; SRs that are not Heron reports are left out. */
export async function studyResults(pacs: DicomwebClient, studyInstanceUID: string): Promise<StoredResult[]> {
  let series: DicomJson[];
  try {
    series = await pacs.searchForSeries({ studyInstanceUID, queryParams: { Modality: 'SR' } });
  } catch (err) {
    throw dicomwebFailure(err, `Looking for reports in study ${studyInstanceUID}`);
  }
  const results: StoredResult[] = [];
  for (const s of series) {
    const seriesInstanceUID = str(s, '0020000E');
    if (!seriesInstanceUID) continue;
    const instances = await pacs.retrieveSeriesMetadata({ studyInstanceUID, seriesInstanceUID });
    for (const ds of instances) {
      let report;
      try {
        report = readSr(ds);
      } catch {
        continue;
      }
      results.push({
        srSopInstanceUID: str(ds, '00080018') ?? '',
        srSeriesInstanceUID: seriesInstanceUID,
        createdAt: createdAt(ds),
        verification: report.verificationFlag,
        ...(report.verifyingObserverName ? { verifiedBy: report.verifyingObserverName } : {}),
        signoff: report.signoff,
        replaces: report.predecessorSopInstanceUIDs,
        question: report.classifier.question,
        ...(report.classifier.condition ? { condition: report.classifier.condition } : {}),
        algorithm: {
          name: report.classifier.algorithmName,
          version: report.classifier.algorithmVersion,
          sha256: report.classifier.modelSha256,
        },
        probability: report.classifier.probability,
        predictedClass: report.classifier.predictedClass,
        ...(report.survival
          ? {
              survival: {
                riskScore: report.survival.riskScore,
                groupName: report.survival.groupNames[report.survival.group === 'high' ? 1 : 0],
                timeUnit: report.survival.timeUnit,
                survival: report.survival.survival,
              },
            }
          : {}),
      });
    }
  }
  // A report replaced by a decision and then by its amendment (which replaces both) is superseded by the amendment:
  // of the documents replacing one, the one no other of them replaces.
  for (const earlier of results) {
    const replacing = results.filter((r) => r.replaces.includes(earlier.srSopInstanceUID));
    const latest =
      replacing.find((r) => !replacing.some((o) => o.replaces.includes(r.srSopInstanceUID))) ?? replacing[0];
    if (latest) earlier.supersededBy = latest.srSopInstanceUID;
  }
  return results.sort((a, b) => (b.createdAt ?? '').localeCompare(a.createdAt ?? ''));
}
