// Reading a study's images into the volume cache before the reader presses Analyze: the series the model reads and
// every DCE phase (the kinetics read a slab of each), so that the analysis takes its pixels from memory.
import type { Logger } from 'pino';
import type { Manifest } from '@heron/models';
import type { DicomwebClient } from '@heron/dicom/dicomweb';
import { classifyStudy, type SeriesMetadataCache, type StudyRoles, studySeries } from '@heron/dicom/roles';
import { type FrameCache, loadVolume } from '@heron/dicom/volumes';
import type { Prefetch } from '../contract';
import { sequenceSources, type SourceImages } from './sequence-sources';

/** 1 GiB holds the DCE phases (206 MB of 16-bit frames), T2 and DWI of three or four standard phantom studies. */
export const DEFAULT_VOLUME_CACHE_MB = 1024;
/** Prefetches at once: each reads a study from the PACS; more would only slow the analyses readers are waiting for. */
export const MAX_PREFETCHES = 2;
/** A study prefetched this recently for the model is not read again (the panel asks on every opening and question). */
export const RECENT_MS = 60_000;

/** What the model reads (as its analysis will ask for it), then the DCE phases the kinetics read. */
function prefetchSources(manifest: Manifest, roles: StudyRoles): SourceImages[] {
  let model: SourceImages[] = [];
  try {
    model = Object.values(sequenceSources(manifest, roles));
  } catch {
    // A sequence the study lacks: the analysis will say so in words; the phases are still worth reading.
  }
  const phases = roles.dcePhases.map((p): SourceImages => ({
    seriesInstanceUID: p.seriesInstanceUID,
    sopInstanceUIDs: p.sopInstanceUIDs,
    ...(p.temporalPositionIdentifier !== undefined
      ? { frames: { temporalPosition: p.temporalPositionIdentifier } }
      : {}),
  }));
  return [...model, ...phases];
}

/** Reads one study into the cache, one selection at a time (a whole phase is ~35 MB of voxels while it is built). */
export async function prefetchStudy(
  pacs: DicomwebClient,
  cache: { frames: FrameCache; metadata?: SeriesMetadataCache },
  manifest: Manifest,
  studyInstanceUID: string,
): Promise<void> {
  const series = await studySeries(pacs, studyInstanceUID, cache.metadata);
  const metadataOf = new Map(series.map((s) => [s.seriesInstanceUID, s.instances]));
  // Classified through the metadata cache, so that an analysis without overrides takes these roles as they are.
  const roles = cache.metadata ? cache.metadata.classify(studyInstanceUID, series) : classifyStudy(series);
  for (const s of prefetchSources(manifest, roles)) {
    await loadVolume(pacs, {
      studyInstanceUID,
      seriesInstanceUID: s.seriesInstanceUID,
      select: s.sopInstanceUIDs ? { sopInstanceUIDs: s.sopInstanceUIDs, ...s.frames } : undefined,
      metadata: metadataOf.get(s.seriesInstanceUID),
      cache: cache.frames,
    });
  }
}

/**
 * Starts prefetches in the background, at most MAX_PREFETCHES at once and one per study and model; a failure is
 * logged and otherwise forgotten: the analysis reads what is missing and reports any failure itself.
 */
export class Prefetcher {
  private readonly running = new Map<string, Promise<void>>();
  /** When each recent prefetch ended. */
  private readonly ended = new Map<string, number>();

  constructor(
    private readonly deps: {
      pacs: DicomwebClient;
      cache: FrameCache;
      metadata?: SeriesMetadataCache;
      log?: Logger;
      maxConcurrent?: number;
    },
  ) {}

  start(studyInstanceUID: string, manifest: Manifest): Prefetch {
    if (this.deps.cache.limitBytes === 0) return { started: false, reason: 'cache-off' };
    const key = `${studyInstanceUID}|${manifest.id}`;
    if (this.running.has(key)) return { started: false, reason: 'already-running' };
    const now = Date.now();
    for (const [k, at] of this.ended) if (now - at >= RECENT_MS) this.ended.delete(k);
    if (this.ended.has(key)) return { started: false, reason: 'recent' };
    if (this.running.size >= (this.deps.maxConcurrent ?? MAX_PREFETCHES)) return { started: false, reason: 'busy' };
    const t0 = performance.now();
    const run = prefetchStudy(
      this.deps.pacs,
      { frames: this.deps.cache, ...(this.deps.metadata ? { metadata: this.deps.metadata } : {}) },
      manifest,
      studyInstanceUID,
    )
      .then(
        () =>
          this.deps.log?.debug(
            {
              study: studyInstanceUID,
              model: manifest.id,
              s: (performance.now() - t0) / 1000,
              cacheMb: this.deps.cache.bytes / 2 ** 20,
            },
            'prefetched',
          ),
        (err: unknown) =>
          this.deps.log?.info(
            { study: studyInstanceUID, model: manifest.id, err: err instanceof Error ? err.message : String(err) },
            'prefetch failed; the analysis will read the study itself',
          ),
      )
      .finally(() => {
        this.running.delete(key);
        this.ended.set(key, Date.now());
      });
    this.running.set(key, run);
    return { started: true, reason: 'started' };
  }

  /** Resolves when every prefetch under way has ended (tests, benchmarks, shutdown). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all(this.running.values());
  }
}
