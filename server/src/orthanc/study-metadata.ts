import type { DicomJson, SeriesInput } from '../dicom/series-roles';

export interface DicomwebSource {
  /** Orthanc's base URL, e.g. http://127.0.0.1:8642 */
  url: string;
  authorization: string;
}

/** An answer from the PACS that is not what we asked for; `status` 404 means the object is not there. */
export class PacsError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

async function getJson<T>(src: DicomwebSource, path: string): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`${src.url}${path}`, {
      headers: { Authorization: src.authorization, Accept: 'application/dicom+json' },
    });
  } catch {
    throw new PacsError('The PACS (Orthanc) cannot be reached.', 502);
  }
  if (res.status === 404) throw new PacsError(`Not found in the PACS: ${path}`, 404);
  if (!res.ok) throw new PacsError(`The PACS answered ${res.status} for ${path}`, 502);
  const text = await res.text();
  // Orthanc answers an empty QIDO search with an empty body rather than [].
  return (text ? JSON.parse(text) : []) as T;
}

function uidOf(ds: DicomJson, tag: string): string {
  const v = ds[tag]?.Value?.[0];
  if (typeof v !== 'string') throw new PacsError(`The PACS returned an object without ${tag}`, 502);
  return v;
}

/** Every series of a study with its instance-level metadata, over QIDO-RS and WADO-RS. */
export async function fetchStudySeries(src: DicomwebSource, studyUid: string): Promise<SeriesInput[]> {
  const st = encodeURIComponent(studyUid);
  const series = await getJson<DicomJson[]>(src, `/dicom-web/studies/${st}/series`);
  if (series.length === 0) throw new PacsError(`Study ${studyUid} is not in the PACS.`, 404);
  return Promise.all(
    series.map(async (s) => {
      const seriesInstanceUID = uidOf(s, '0020000E');
      const instances = await getJson<DicomJson[]>(
        src,
        `/dicom-web/studies/${st}/series/${encodeURIComponent(seriesInstanceUID)}/metadata`,
      );
      return { seriesInstanceUID, instances };
    }),
  );
}
