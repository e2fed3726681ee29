import type { NextFunction, Request, Response } from 'express';
import type { AuditLog } from '../audit/audit-log';
import type { Identity, Role } from './identity';
import { allowedBy, ROUTE_RULES, type RouteRule, ruleFor } from './route-roles';

/** The identity authentication put on the request; routes behind `authenticate` always have one. */
export function identityOf(res: Response): Identity {
  const identity = res.locals.identity as Identity | undefined;
  if (!identity) throw new Error('No identity on the request: the route is not behind authentication.');
  return identity;
}

function refuse(res: Response, audit: AuditLog, req: Request, identity: Identity, what: string, roles: string): void {
  audit.record({
    action: 'role-refused',
    user: identity.login,
    address: req.socket.remoteAddress,
    method: req.method,
    path: req.originalUrl.slice(0, 300),
  });
  req.resume();
  const yours = identity.roles.length ? identity.roles.join(', ') : 'no role';
  res
    .status(403)
    .json({ error: `${what} needs the ${roles} role; you are signed in as ${identity.login} (${yours}).` });
}

/** Checks every request against the route table (route-roles.ts): what no rule allows is refused with 403. */
export function enforceRouteRoles(audit: AuditLog, rules: readonly RouteRule[] = ROUTE_RULES) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const identity = identityOf(res);
    const rule = ruleFor(req.method, req.path, rules);
    if (allowedBy(rule, identity.roles)) return next();
    const roles = rule && rule.roles !== 'anyone' ? rule.roles.join(' or ') : 'right';
    refuse(res, audit, req, identity, rule?.what ?? 'This request', roles);
  };
}

/** A route's own check, for a router mounted outside the table's reach: one of `roles` or 403. */
export function requireRole(audit: AuditLog, ...roles: Role[]) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const identity = identityOf(res);
    if (roles.some((r) => identity.roles.includes(r))) return next();
    refuse(res, audit, req, identity, 'This', roles.join(' or '));
  };
}
