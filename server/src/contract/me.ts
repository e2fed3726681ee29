import { z } from 'zod';

export const ROLE_NAMES = ['reader', 'board', 'admin'] as const;
export const roleSchema = z.enum(ROLE_NAMES);

/** GET /api/me: who is signed in, how, and what the viewer may offer them. */
export const meSchema = z.object({
  login: z.string(),
  /** DICOM PN form ('Family^Given'): the name a sign-off records. */
  displayName: z.string(),
  roles: z.array(roleSchema),
  source: z.enum(['local', 'oidc']),
  /** One flag per thing the viewer offers; decided by the server's route table, never guessed by the panel. */
  may: z.object({
    openStudies: z.boolean(),
    analyse: z.boolean(),
    signOff: z.boolean(),
    readReports: z.boolean(),
    readBoard: z.boolean(),
    readAuditLog: z.boolean(),
  }),
  /** For a single sign-on session: sent back as X-CSRF-Token on every state-changing request. */
  csrfToken: z.string().optional(),
  /** For a single sign-on session: POST here (with the CSRF token) to sign out. */
  logout: z.string().optional(),
});
export type Me = z.infer<typeof meSchema>;
export type RoleName = z.infer<typeof roleSchema>;

/** GET /api/audit?limit=N: the newest audit log entries, newest last (administrators only). */
export const auditQuerySchema = z.object({ limit: z.coerce.number().int().min(1).max(1000).default(100) });
