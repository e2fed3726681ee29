import type { DicomwebClient } from '@heron/dicom/dicomweb';

type Reads = Omit<DicomwebClient, 'storeInstances'>;

/**
 * A PACS client that reads each thing once: every search and retrieval is kept (as its promise) and answered again
 * from memory, while stores go through. The stratified reading runs two models on the same study and outline; with
 * this client the second model reads no image, no metadata and no series list the first already read, so both
 * answers rest on one fetch of the study, and the second sees the study as the first did (not with the first step's
 * own SEG and SR, stored in between). A failed read is forgotten so that a retry asks the PACS again.
 */
export function readOnce(pacs: DicomwebClient): DicomwebClient & { reads: () => number } {
  const kept = new Map<string, Promise<unknown>>();
  let reads = 0;
  function once<K extends keyof Reads>(method: K): Reads[K] {
    return ((o: Parameters<Reads[K]>[0]) => {
      const key = `${method} ${JSON.stringify(o)}`;
      let p = kept.get(key);
      if (!p) {
        reads += 1;
        p = (pacs[method] as (o: unknown) => Promise<unknown>).call(pacs, o);
        p.catch(() => kept.delete(key));
        kept.set(key, p);
      }
      // ArrayBuffers are copied: a caller may transfer or detach what it was given, and the next one must not see it.
      return p.then(copied);
    }) as Reads[K];
  }
  return {
    searchForSeries: once('searchForSeries'),
    searchForInstances: once('searchForInstances'),
    retrieveSeriesMetadata: once('retrieveSeriesMetadata'),
    retrieveInstanceFrames: once('retrieveInstanceFrames'),
    retrieveInstance: once('retrieveInstance'),
    storeInstances: (o) => pacs.storeInstances(o),
    reads: () => reads,
  };
}

function copied(v: unknown): unknown {
  if (v instanceof ArrayBuffer) return v.slice(0);
  if (Array.isArray(v) && v.some((x) => x instanceof ArrayBuffer))
    return v.map((x: unknown) => (x instanceof ArrayBuffer ? x.slice(0) : x));
  return v;
}
