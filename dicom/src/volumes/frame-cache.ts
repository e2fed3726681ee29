/**
 * Decoded frames kept in memory between reads of the same images: what makes an analysis after a prefetch (or a
 * second analysis of the same study) read no pixel from the PACS. Bounded by bytes, least recently used out.
 * Frames, not volumes, are the unit, so a whole-series read fills what a later slab read of the same images takes,
 * and the other way round.
 */

/** The pixels of some frames of one instance as the PACS (or Heron's own decoder) gave them. */
export interface InstanceFrames {
  /** One native little-endian frame per requested frame number, in the order asked. */
  frames: ArrayBuffer[];
  /** Set when Heron decoded the frames from a lossy syntax itself (the warning loadVolume gives). */
  lossy?: string;
}

interface Entry {
  /** Undefined while the frame is being read: callers then wait on `pending`. */
  bytes?: ArrayBuffer;
  pending: Promise<ArrayBuffer>;
  lossy?: string;
}

export class FrameCache {
  private readonly entries = new Map<string, Entry>();
  private held = 0;

  /** `limitBytes` 0 keeps nothing (every read goes to the PACS; concurrent reads of one frame are still shared). */
  constructor(readonly limitBytes: number) {
    if (!Number.isFinite(limitBytes) || limitBytes < 0)
      throw new Error(`cache limit must be ≥ 0 bytes, got ${limitBytes}`);
  }

  /** Bytes of the frames held (frames still being read are counted once they arrive). */
  get bytes(): number {
    return this.held;
  }

  /** Frames held or being read. */
  get size(): number {
    return this.entries.size;
  }

  /**
   * The frames `frameNumbers` of the instance `instanceKey` (study, series and SOP instance UIDs): those held come
   * from memory; the others are read with one call of `read`, which callers asking at the same time share. A failed
   * read leaves nothing behind, so the next caller tries again.
   */
  async frames(
    instanceKey: string,
    frameNumbers: number[],
    read: (missing: number[]) => Promise<InstanceFrames>,
  ): Promise<InstanceFrames> {
    const keys = frameNumbers.map((n) => `${instanceKey}#${n}`);
    const missing: number[] = [];
    const missingKeys: string[] = [];
    keys.forEach((key, i) => {
      const entry = this.entries.get(key);
      if (entry) {
        // Re-inserting moves the frame to the most recently used end of the map's order.
        this.entries.delete(key);
        this.entries.set(key, entry);
      } else if (!missingKeys.includes(key)) {
        missing.push(frameNumbers[i]);
        missingKeys.push(key);
      }
    });
    if (missing.length > 0) {
      const reading = read(missing);
      missingKeys.forEach((key, i) => {
        const entry = {} as Entry;
        entry.pending = reading.then((r) => {
          if (r.frames.length !== missing.length)
            throw new Error(`${instanceKey}: ${r.frames.length} frames read for ${missing.length} asked`);
          if (r.lossy) entry.lossy = r.lossy;
          return r.frames[i];
        });
        this.entries.set(key, entry);
        entry.pending.then(
          (bytes) => {
            if (this.entries.get(key) !== entry) return;
            entry.bytes = bytes;
            this.held += bytes.byteLength;
            this.evict();
          },
          () => {
            if (this.entries.get(key) === entry) this.entries.delete(key);
          },
        );
      });
    }
    const entries = keys.map((key) => this.entries.get(key) as Entry);
    const frames = await Promise.all(entries.map((e) => e.pending));
    const lossy = entries.find((e) => e.lossy)?.lossy;
    return { frames, ...(lossy ? { lossy } : {}) };
  }

  /** Drops everything held (frames being read still reach their callers). */
  clear(): void {
    this.entries.clear();
    this.held = 0;
  }

  /** Least recently used first, until the frames held fit the limit; frames being read are never dropped. */
  private evict(): void {
    if (this.held <= this.limitBytes) return;
    for (const [key, entry] of this.entries) {
      if (this.held <= this.limitBytes) break;
      if (entry.bytes === undefined) continue;
      this.entries.delete(key);
      this.held -= entry.bytes.byteLength;
    }
  }
}
