import { randomBytes } from 'node:crypto';
import type { Identity } from './identity';

export interface Session {
  id: string;
  identity: Identity;
  /** Sent back by the viewer in X-CSRF-Token on every state-changing request made with this session's cookie. */
  csrfToken: string;
  /** The provider's ID token, kept for the `id_token_hint` of the logout at the provider. */
  idToken?: string;
  createdAt: number;
  lastSeenAt: number;
  /** Absolute end: the session never outlives this, however active. */
  expiresAt: number;
}

export interface SessionLimits {
  /** Longest a session lasts from sign-in. */
  maxAgeMs: number;
  /** Longest a session lasts without a request. */
  idleMs: number;
  /** Sessions kept at most; the least recently used goes first (memory stays bounded whatever happens). */
  maxSessions?: number;
}

/**
 * Server-side sessions of people signed in through the identity provider: the browser holds only a random id in an
 * HttpOnly cookie; the identity, the CSRF token and the ID token stay here. Kept in memory, so a restart signs everyone
 * out, which the provider's own session makes a single redirect to undo.
 */
export class SessionStore {
  private readonly sessions = new Map<string, Session>();

  constructor(
    private readonly limits: SessionLimits,
    private readonly now: () => number = Date.now,
  ) {}

  create(identity: Identity, idToken?: string): Session {
    const t = this.now();
    const session: Session = {
      id: randomBytes(32).toString('base64url'),
      identity,
      csrfToken: randomBytes(32).toString('base64url'),
      ...(idToken !== undefined ? { idToken } : {}),
      createdAt: t,
      lastSeenAt: t,
      expiresAt: t + this.limits.maxAgeMs,
    };
    this.sessions.set(session.id, session);
    const max = this.limits.maxSessions ?? 10_000;
    // A Map iterates in insertion order, and get() re-inserts: the first key is the least recently used.
    while (this.sessions.size > max) this.sessions.delete(this.sessions.keys().next().value as string);
    return session;
  }

  /** The live session with this id, its idle clock restarted; undefined (and forgotten) once expired. */
  get(id: string | undefined): Session | undefined {
    if (!id) return undefined;
    const s = this.sessions.get(id);
    if (!s) return undefined;
    const t = this.now();
    this.sessions.delete(id);
    if (t >= s.expiresAt || t - s.lastSeenAt >= this.limits.idleMs) return undefined;
    s.lastSeenAt = t;
    this.sessions.set(id, s);
    return s;
  }

  destroy(id: string): Session | undefined {
    const s = this.sessions.get(id);
    this.sessions.delete(id);
    return s;
  }

  get size(): number {
    return this.sessions.size;
  }
}
