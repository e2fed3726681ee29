/**
 * Open progress streams per reader. Each server-sent event stream holds a connection and a subscription until the
 * analysis ends; the panel needs one per analysis, so a handful per reader is plenty and more is a runaway client.
 */
export class StreamLimit {
  private readonly open = new Map<string, number>();

  constructor(readonly perUser = 8) {}

  /** A release function for a new stream, or null when the reader already has `perUser` open. */
  acquire(user: string): (() => void) | null {
    const n = this.open.get(user) ?? 0;
    if (n >= this.perUser) return null;
    this.open.set(user, n + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.open.get(user) ?? 1) - 1;
      if (left > 0) this.open.set(user, left);
      else this.open.delete(user);
    };
  }
}
