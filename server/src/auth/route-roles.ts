import type { Role } from './identity';

/**
 * Who may use which route: the one place to read (and to change) Heron's access rules. The first rule whose method
 * and path match decides; a request no rule matches is refused (403). An API path with no rule of its own falls to
 * the catch-all that lets the API answer 404 or 405; route-roles.test.ts fails for any route of the OpenAPI
 * document that has no rule of its own, so a new route cannot be left open by forgetting this table. Paths are matched against the request path without its query, in
 * lower case and without a trailing slash, as Express routes them.
 *
 * reader: opens studies, analyses, proposes and picks outlines, accepts / rejects / amends reports.
 * board:  reads studies, Heron's reports and the board page; no analysis, no sign-off.
 * admin:  models, configuration and the audit log; not a clinical signer unless also a reader.
 */
export interface RouteRule {
  methods: readonly string[] | '*';
  path: RegExp;
  roles: readonly Role[] | 'anyone';
  /** What the route does, for the 403 message ("Analysing a study needs the reader role"). */
  what: string;
}

const READ = ['GET', 'HEAD'] as const;

/** The rule for API paths no route serves; exported so the test can tell a route that fell to it. */
export const API_CATCH_ALL: RouteRule = {
  methods: '*',
  path: /^\/api(\/.*)?$/,
  roles: 'anyone',
  what: 'The Heron API',
};
const UID = '[^/]+';

export const ROUTE_RULES: readonly RouteRule[] = [
  { methods: READ, path: /^\/api\/me$/, roles: 'anyone', what: 'Your own account' },
  { methods: READ, path: /^\/api\/openapi\.json$/, roles: 'anyone', what: 'The API description' },
  { methods: READ, path: /^\/api\/models$/, roles: ['reader', 'board', 'admin'], what: 'The model list' },
  { methods: ['POST'], path: /^\/api\/analyses$/, roles: ['reader'], what: 'Analysing a study' },
  { methods: READ, path: new RegExp(`^/api/analyses/${UID}(/events)?$`), roles: ['reader'], what: 'An analysis' },
  {
    methods: ['POST'],
    path: new RegExp(`^/api/analyses/${UID}/store$`),
    roles: ['reader'],
    what: "Storing an analysis's result",
  },
  {
    methods: READ,
    path: new RegExp(`^/api/studies/${UID}/results$`),
    roles: ['reader', 'board'],
    what: "A study's Heron reports",
  },
  {
    methods: ['POST'],
    path: new RegExp(`^/api/results/${UID}/(accept|reject|amend)$`),
    roles: ['reader'],
    what: 'Signing off a report',
  },
  {
    methods: READ,
    path: new RegExp(`^/api/studies/${UID}/(series-roles|outlines)$`),
    roles: ['reader', 'board'],
    what: "A study's series and outlines",
  },
  {
    methods: ['POST'],
    path: new RegExp(`^/api/studies/${UID}/(series-roles|proposals|outlines/mask|prefetch)$`),
    roles: ['reader'],
    what: 'Preparing an analysis',
  },
  {
    methods: ['POST'],
    path: new RegExp(`^/api/studies/${UID}/kinetic-map$`),
    roles: ['reader'],
    what: 'The kinetic colour map of a study',
  },
  { methods: READ, path: /^\/api\/audit$/, roles: ['admin'], what: 'The audit log' },
  // The tumour-board page and its API (built on its own branch): board members and readers read it.
  { methods: READ, path: /^\/(api\/)?board(\/.*)?$/, roles: ['board', 'reader'], what: 'The tumour-board page' },
  // Any other API path is answered by the API's own 404 / 405, which tells nothing about a study.
  API_CATCH_ALL,
  // The PACS through the proxy: readers and board members read images; only readers store (outlines, reports).
  { methods: READ, path: /^\/(dicom-web|wado)/, roles: ['reader', 'board'], what: 'Reading images' },
  { methods: '*', path: /^\/(dicom-web|wado)/, roles: ['reader'], what: 'Storing into the PACS' },
  // The viewer's files (GET only; any other method there is answered 404): every signed-in person.
  { methods: '*', path: /^\//, roles: 'anyone', what: 'The viewer' },
];

/** The rule that decides a request, or undefined when none does (then it is refused). */
export function ruleFor(
  method: string,
  path: string,
  rules: readonly RouteRule[] = ROUTE_RULES,
): RouteRule | undefined {
  const m = method.toUpperCase();
  // Express routes match without regard to case or a trailing slash: the table must see the path the same way.
  const p = path.toLowerCase().replace(/\/+$/, '') || '/';
  return rules.find((r) => (r.methods === '*' || r.methods.includes(m)) && r.path.test(p));
}

export function allowedBy(rule: RouteRule | undefined, roles: readonly Role[]): boolean {
  if (!rule) return false;
  return rule.roles === 'anyone' || rule.roles.some((r) => roles.includes(r));
}

/** What an identity may do, for GET /api/me and the panel: one flag per capability the viewer offers or hides. */
export function capabilities(roles: readonly Role[]) {
  const may = (method: string, path: string) => allowedBy(ruleFor(method, path), roles);
  return {
    openStudies: may('GET', '/dicom-web/studies'),
    analyse: may('POST', '/api/analyses'),
    signOff: may('POST', '/api/results/x/accept'),
    readReports: may('GET', '/api/studies/x/results'),
    readBoard: may('GET', '/board'),
    readAuditLog: may('GET', '/api/audit'),
  };
}
export type Capabilities = ReturnType<typeof capabilities>;
