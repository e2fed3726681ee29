import type { DicomJson } from '../core/dicom-json';
import { type DicomwebClient, dicomwebFailure, isDicomwebHttpError, PacsError } from '../dicomweb/dicomweb';
import type { SeriesInput } from './series-roles';

const seriesUid = (s: DicomJson) => s['0020000E']?.Value?.[0];

/** Every series of a study with its instance-level metadata (QIDO-RS, then WADO-RS metadata per series). */
export async function studySeries(pacs: DicomwebClient, studyInstanceUID: string): Promise<SeriesInput[]> {
  const missing = new PacsError(`Study ${studyInstanceUID} is not in the PACS.`, 404);
  let series: DicomJson[];
  try {
    series = await pacs.searchForSeries({ studyInstanceUID });
  } catch (err) {
    if (isDicomwebHttpError(err) && err.status === 404) throw missing;
    throw dicomwebFailure(err, `Looking up study ${studyInstanceUID}`);
  }
  if (series.length === 0) throw missing;
  return Promise.all(
    series.map(async (s) => {
      const uid = seriesUid(s);
      if (typeof uid !== 'string')
        throw new PacsError(`The PACS listed a series of study ${studyInstanceUID} without its UID`, 502);
      try {
        return {
          seriesInstanceUID: uid,
          instances: await pacs.retrieveSeriesMetadata({ studyInstanceUID, seriesInstanceUID: uid }),
        };
      } catch (err) {
        throw dicomwebFailure(err, `Reading series ${uid}`);
      }
    }),
  );
}
