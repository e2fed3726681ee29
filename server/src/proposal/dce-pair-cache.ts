// The last few DCE pairs read for proposals, so that a reader's second click (or a click on another lesion) does
// not fetch both phases from the PACS again. Small on purpose: a standard breast DCE pair is ~70 MB of voxels.
import type { DicomwebClient } from '@heron/dicom/dicomweb';
import { studySeries } from '@heron/dicom/roles';
import { type DcePair, loadDcePair } from './dce-pair';

const KEEP = 2;

export class DcePairCache {
  private readonly pairs = new Map<string, Promise<DcePair>>();

  constructor(private readonly client: DicomwebClient) {}

  get(studyInstanceUID: string, phaseIndex: number): Promise<DcePair> {
    const key = `${studyInstanceUID}/${phaseIndex}`;
    let pair = this.pairs.get(key);
    if (pair) {
      // Most recently used last.
      this.pairs.delete(key);
      this.pairs.set(key, pair);
      return pair;
    }
    pair = studySeries(this.client, studyInstanceUID).then((series) =>
      loadDcePair(this.client, studyInstanceUID, series, phaseIndex),
    );
    pair.catch(() => this.pairs.delete(key));
    this.pairs.set(key, pair);
    while (this.pairs.size > KEEP) this.pairs.delete(this.pairs.keys().next().value as string);
    return pair;
  }
}
