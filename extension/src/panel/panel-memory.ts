// What the panel must remember while OHIF hides it: OHIF unmounts a side panel when another tab opens (it opens its
// segmentation panel when a labelmap is added), and a proposal waiting to be kept or discarded must survive that.
// One PanelMemory per extension instance, passed down; values are kept per key (study UID and what they hold).
import { useCallback, useEffect, useState } from 'react';

export class PanelMemory {
  private readonly values = new Map<string, unknown>();
  private readonly listeners = new Map<string, Set<() => void>>();

  get<T>(key: string, fallback: T): T {
    return this.values.has(key) ? (this.values.get(key) as T) : fallback;
  }

  set<T>(key: string, value: T): void {
    this.values.set(key, value);
    this.listeners.get(key)?.forEach((cb) => cb());
  }

  subscribe(key: string, cb: () => void): () => void {
    const set = this.listeners.get(key) ?? new Set();
    set.add(cb);
    this.listeners.set(key, set);
    return () => set.delete(cb);
  }
}

/** useState whose value lives in `memory` under `key`: it outlives the component and updates after an unmount. */
export function useRemembered<T>(memory: PanelMemory, key: string, initial: T): [T, (value: T) => void] {
  const [value, setValue] = useState<T>(() => memory.get(key, initial));
  useEffect(() => {
    setValue(memory.get(key, initial));
    return memory.subscribe(key, () => setValue(memory.get(key, initial)));
    // `initial` is only the fallback of a key never set: a new object each render must not resubscribe.
  }, [memory, key]);
  const set = useCallback((next: T) => memory.set(key, next), [memory, key]);
  return [value, set];
}
