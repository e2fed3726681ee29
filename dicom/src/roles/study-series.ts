import { type DicomJson, numberOf } from '../core/dicom-json';
import { type DicomwebClient, dicomwebFailure, isDicomwebHttpError, PacsError } from '../dicomweb/dicomweb';
import { classifyStudy, type SeriesInput, type SeriesRole, type StudyRoles } from './series-roles';

const seriesUid = (s: DicomJson) => s['0020000E']?.Value?.[0];

/** (0020,1209) Number of Series Related Instances, which QIDO-RS answers at series level (PS3.18 10.6.3.3.1). */
const SERIES_INSTANCES = '00201209';

/**
 * Series metadata kept between reads of a study, least recently used out. An entry is used only while the PACS still
 * counts as many instances in the series as the entry holds: an image added to or removed from a series (a series
 * still arriving) makes it read again. Reading a standard study's metadata takes Orthanc most of a second.
 */
export class SeriesMetadataCache {
  private readonly entries = new Map<string, DicomJson[]>();

  /** The roles last given per study, with the metadata arrays and overrides they were classified from. */
  private readonly classified = new Map<string, { versions: DicomJson[][]; overrides: string; roles: StudyRoles }>();

  constructor(
    readonly maxSeries = 256,
    readonly maxStudies = 32,
  ) {}

  /**
   * classifyStudy's answer for a study read through this cache: the one given before while every series is the same
   * metadata array in the same order (nothing re-read) and the overrides are the same, else classified now. Classifying
   * a standard study takes a few hundred milliseconds of CPU for what is, on the same metadata, the same answer.
   * Callers must not change the roles they are given: they are shared.
   */
  classify(studyInstanceUID: string, series: SeriesInput[], overrides: Record<string, SeriesRole> = {}): StudyRoles {
    const wanted = JSON.stringify(Object.entries(overrides).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    const held = this.classified.get(studyInstanceUID);
    if (
      held &&
      held.overrides === wanted &&
      held.versions.length === series.length &&
      held.versions.every((v, i) => v === series[i].instances)
    ) {
      this.classified.delete(studyInstanceUID);
      this.classified.set(studyInstanceUID, held);
      return held.roles;
    }
    const roles = classifyStudy(series, overrides);
    this.classified.delete(studyInstanceUID);
    this.classified.set(studyInstanceUID, { versions: series.map((s) => s.instances), overrides: wanted, roles });
    for (const key of this.classified.keys()) {
      if (this.classified.size <= this.maxStudies) break;
      this.classified.delete(key);
    }
    return roles;
  }

  get(seriesInstanceUID: string, instances: number): DicomJson[] | undefined {
    const held = this.entries.get(seriesInstanceUID);
    if (!held || held.length !== instances) return undefined;
    this.entries.delete(seriesInstanceUID);
    this.entries.set(seriesInstanceUID, held);
    return held;
  }

  set(seriesInstanceUID: string, metadata: DicomJson[]): void {
    this.entries.delete(seriesInstanceUID);
    this.entries.set(seriesInstanceUID, metadata);
    for (const key of this.entries.keys()) {
      if (this.entries.size <= this.maxSeries) break;
      this.entries.delete(key);
    }
  }
}

/**
 * Every series of a study with its instance-level metadata (QIDO-RS, then WADO-RS metadata per series, or the
 * metadata `cache` holds for a series whose instance count is unchanged).
 */
export async function studySeries(
  pacs: DicomwebClient,
  studyInstanceUID: string,
  cache?: SeriesMetadataCache,
): Promise<SeriesInput[]> {
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
      const count = numberOf(s, SERIES_INSTANCES);
      const held = cache && count !== undefined ? cache.get(uid, count) : undefined;
      if (held) return { seriesInstanceUID: uid, instances: held };
      try {
        const instances = await pacs.retrieveSeriesMetadata({ studyInstanceUID, seriesInstanceUID: uid });
        if (cache && count !== undefined && Array.isArray(instances) && instances.length === count)
          cache.set(uid, instances);
        return { seriesInstanceUID: uid, instances };
      } catch (err) {
        throw dicomwebFailure(err, `Reading series ${uid}`);
      }
    }),
  );
}
