import express, { type Router } from 'express';
import { auditQuerySchema, type Me } from '../../contract';
import type { AuditLog } from '../../audit/audit-log';
import { identityOf, requireRole } from '../../auth/require-role';
import { capabilities } from '../../auth/route-roles';
import type { Session } from '../../auth/sessions';
import { validBody } from './validation';

/**
 * GET /api/me     who is signed in and what the viewer may offer them (any signed-in person)
 * GET /api/audit  the newest audit log entries (administrators; the route table in auth/route-roles.ts says so)
 */
export function identityRoutes(audit: AuditLog): Router {
  const router = express.Router();

  router.get('/me', (_req, res) => {
    const identity = identityOf(res);
    const session = res.locals.session as Session | undefined;
    const me: Me = {
      login: identity.login,
      displayName: identity.displayName,
      roles: identity.roles,
      source: identity.source,
      may: capabilities(identity.roles),
      ...(session ? { csrfToken: session.csrfToken, logout: '/auth/logout' } : {}),
    };
    res.json(me);
  });

  // The route table already limits it to administrators; the log names every user, so the route says so itself too.
  router.get('/audit', requireRole(audit, 'admin'), (req, res) => {
    const { limit } = validBody(auditQuerySchema, req.query);
    res.json({ entries: audit.latest(limit) });
  });

  return router;
}
