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

/** A value built from frames (a volume), kept while the metadata it was built on is the one the cache gives out. */
interface Built {
  /** The series metadata array it was built on: another array (the series was read again) is another version. */
  version: object;
  pending: Promise<unknown>;
  /** Counted once built. */
  bytes?: number;
}

export class FrameCache {
  private readonly entries = new Map<string, Entry>();
  private readonly built = new Map<string, Built>();
  private held = 0;

  /** `limitBytes` 0 keeps nothing (every read goes to the PACS; concurrent reads of one frame are still shared). */
  constructor(readonly limitBytes: number) {
    if (!Number.isFinite(limitBytes) || limitBytes < 0)
      throw new Error(`cache limit must be ≥ 0 bytes, got ${limitBytes}`);
  }

  /** Bytes of the frames and built values held (those still being read or built are counted once they arrive). */
  get bytes(): number {
    return this.held;
  }

  /** Frames held or being read. */
  get size(): number {
    return this.entries.size;
  }

  /** Built values (volumes) held or being built. */
  get builtSize(): number {
    return this.built.size;
  }

  /**
   * The value `key` built on `version` (the series metadata it was planned from): the one held when it was built on
   * the same version, else `build()`'s, kept and counted in the same byte limit as the frames. Building a volume from
   * frames held takes a few hundred milliseconds of CPU for a standard study; the same frames and the same plan give
   * the same voxels, so the copy kept is the value a new build would give. A failed build leaves nothing behind.
   * Callers must not change what they are given: it is shared.
   */
  async builtFrom<T>(key: string, version: object, bytes: (value: T) => number, build: () => Promise<T>): Promise<T> {
    const held = this.built.get(key);
    if (held && held.version === version) {
      this.built.delete(key);
      this.built.set(key, held);
      return held.pending as Promise<T>;
    }
    if (held) this.forget(key, held);
    if (this.limitBytes === 0) return build();
    const entry: Built = { version, pending: build() };
    this.built.set(key, entry);
    entry.pending.then(
      (value) => {
        if (this.built.get(key) !== entry) return;
        entry.bytes = bytes(value as T);
        this.held += entry.bytes;
        this.evict();
      },
      () => {
        if (this.built.get(key) === entry) this.built.delete(key);
      },
    );
    return entry.pending as Promise<T>;
  }

  /** The value `key` built on `version` when one is held or being built, without building it. */
  heldBuilt<T>(key: string, version: object): Promise<T> | undefined {
    const held = this.built.get(key);
    if (!held || held.version !== version) return undefined;
    this.built.delete(key);
    this.built.set(key, held);
    return held.pending as Promise<T>;
  }

  private forget(key: string, entry: Built): void {
    this.built.delete(key);
    if (entry.bytes !== undefined) this.held -= entry.bytes;
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
    this.built.clear();
    this.held = 0;
  }

  /**
   * Built values first (they are rebuilt from frames in a fraction of a PACS read), then frames, least recently used
   * first, until what is held fits the limit; what is being read or built is never dropped.
   */
  private evict(): void {
    if (this.held <= this.limitBytes) return;
    for (const [key, entry] of this.built) {
      if (this.held <= this.limitBytes) return;
      if (entry.bytes !== undefined) this.forget(key, entry);
    }
    for (const [key, entry] of this.entries) {
      if (this.held <= this.limitBytes) break;
      if (entry.bytes === undefined) continue;
      this.entries.delete(key);
      this.held -= entry.bytes.byteLength;
    }
  }
}
