import { appendFileSync, closeSync, existsSync, fstatSync, mkdirSync, openSync, readSync } from 'node:fs';
import { dirname } from 'node:path';

/** What the audit log records: every write, every decision, and every refused attempt. */
export type AuditAction =
  | 'login-failed'
  | 'login-locked'
  | 'login'
  | 'analysis-started'
  | 'analysis-stored'
  | 'analysis-failed'
  | 'analysis-store-failed'
  | 'analysis-store-retried'
  | 'report-accepted'
  | 'report-rejected'
  | 'decision-amended'
  | 'decision-refused'
  | 'proxy-stored'
  | 'proxy-store-failed'
  | 'proxy-refused'
  | 'cross-site-refused'
  | 'role-refused'
  | 'logout'
  | 'user-added'
  | 'user-removed';

export interface AuditEvent {
  action: AuditAction;
  /** The login name of the person who caused it; absent only when nobody was authenticated. */
  user?: string;
  /** The client's IP address as the server saw it. */
  address?: string;
  study?: string;
  /** Action-specific facts (UIDs stored, the reason given, the path refused). */
  [detail: string]: unknown;
}

/**
 * The audit trail: one JSON object per line, appended to a file in the state folder. Written synchronously so
 * that an entry is on disk before the answer that depends on it leaves the server (a crash cannot lose a
 * decision that the reader was told about); opened in append mode so existing lines are never rewritten.
 */
export class AuditLog {
  constructor(readonly file: string) {
    mkdirSync(dirname(file), { recursive: true });
  }

  record(event: AuditEvent): void {
    const line = JSON.stringify({ time: new Date().toISOString(), ...event });
    appendFileSync(this.file, line + '\n', { mode: 0o600 });
  }

  /** The newest entries, oldest first: read from the file's last megabyte, so a long log costs no more to show. */
  latest(limit: number): Record<string, unknown>[] {
    if (!existsSync(this.file)) return [];
    const fd = openSync(this.file, 'r');
    try {
      const size = fstatSync(fd).size;
      const length = Math.min(size, 1024 * 1024);
      const buf = Buffer.alloc(length);
      readSync(fd, buf, 0, length, size - length);
      const lines = buf.toString('utf8').split('\n').filter(Boolean);
      // The first line may have been cut by the window; only whole lines parse.
      const entries: Record<string, unknown>[] = [];
      for (const line of lines.slice(-limit - 1)) {
        try {
          entries.push(JSON.parse(line) as Record<string, unknown>);
        } catch {
          // a cut line
        }
      }
      return entries.slice(-limit);
    } finally {
      closeSync(fd);
    }
  }
}
