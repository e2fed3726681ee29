import express, { type NextFunction, type Request, type Response } from 'express';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import { InProcessQueue } from './analysis/in-process-queue';
import type { JobQueue } from './analysis/job-queue';
import { type AnalysisInput, analysisRunner } from './analysis/analysis-runner';
import type { AuditLog } from './audit/audit-log';
import { DecisionLock, type DecisionSerializer } from './analysis/decision-lock';
import { StreamLimit } from './http/api/stream-limit';
import type { AnalysisResult } from './contract';
import type { ModelRegistry } from './analysis/model-registry';
import { connectDicomweb, PacsError } from '@heron/dicom/dicomweb';
import { analysisRoutes } from './http/api/analysis-routes';
import { openApiDocument } from './http/api/openapi';
import { outlineRoutes } from './http/api/outline-routes';
import { kineticMapRoutes } from './http/api/kinetic-map-route';
import { prefetchRoutes } from './http/api/prefetch-route';
import { DEFAULT_VOLUME_CACHE_MB, Prefetcher } from './analysis/prefetch';
import { FrameCache } from '@heron/dicom/volumes';
import { SeriesMetadataCache } from '@heron/dicom/roles';
import { seriesRolesRoutes } from './http/api/series-roles-route';
import { HERON_VERSION, heronDevice } from './version';
import { dicomwebProxy } from './http/dicomweb-proxy';
import { AccountBook, type Readers } from './auth/account-book';
import { authenticate } from './auth/authenticate';
import { OidcRelyingParty } from './auth/oidc-relying-party';
import { oidcRoutes } from './auth/oidc-routes';
import type { OidcSettings } from './auth/oidc-settings';
import { enforceRouteRoles } from './auth/require-role';
import { SessionStore } from './auth/sessions';
import { identityRoutes } from './http/api/identity-routes';
import { viewerFile, viewerRoutes } from './http/viewer-routes';
import { boardRoutes } from './board/board-routes';
import { apiFallback } from './http/api/api-methods';
import { corsAllowList } from './http/cors';
import { LoginThrottle } from './http/login-throttle';
import { sameOriginWrites } from './http/origin-check';
import { readinessRoute } from './http/readiness';
import { securityHeaders } from './http/security-headers';
import { orthancAuthHeader, type OrthancCredentials } from './orthanc/orthanc-process';

export interface AppOptions {
  /** The assembled OHIF viewer to host at `/`; null when the site serves its own OHIF. */
  viewerDir: string | null;
  /** Origins of an OHIF served elsewhere that may call the API and DICOMweb proxy (with the reader's login). */
  corsOrigins?: string[];
  /** timeoutMs: how long Orthanc may stay silent before a request to it fails (30 s when not given). */
  orthanc: { url: string; credentials: OrthancCredentials; timeoutMs?: number };
  /** Plain `user: password` logins, each a reader: the demo's generated reader, a site's older readers file. */
  readers: Readers;
  /** The local accounts file (`heron user add`), re-read when it changes; none when not given. */
  usersFile?: string;
  /** Single sign-on through an OpenID Connect provider; Basic logins of local accounts keep working beside it. */
  oidc?: OidcSettings;
  models: ModelRegistry;
  /** Written into the objects Heron stores as the reader's organisation. */
  organization?: string;
  log: Logger;
  /** Longest an analysis may run before its watchdog fails it and frees the study (10 minutes when not given). */
  analysisTimeoutMs?: number;
  /** Where every write, decision and refused attempt is recorded with the person who caused it. */
  audit: AuditLog;
  /**
   * The shared queue and decision lock when Heron runs on Redis (startServer builds them from `queue`); without
   * them analyses run in this process and decisions queue here.
   */
  shared?: { jobs: JobQueue<AnalysisInput, AnalysisResult>; decisions: DecisionSerializer };
  /** Memory for decoded frames kept between analyses and filled by prefetches (MB; 0 keeps none). */
  volumeCacheMb?: number;
}

/** The Heron HTTP service: viewer, DICOMweb proxy and API on one origin, behind the login and the route roles. */
export function createApp(opts: AppOptions): express.Express {
  // Built once: generating the JSON schemas of every body is work no request should repeat.
  const apiDocument = openApiDocument(HERON_VERSION);
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  app.use(
    pinoHttp({
      logger: opts.log,
      // The viewer makes hundreds of image requests and every browser session starts with a 401
      // login challenge: only real failures are worth a line.
      customLogLevel: (_req, res, err) => {
        if (err || res.statusCode >= 500) return 'error';
        if (res.statusCode >= 400 && res.statusCode !== 401) return 'warn';
        return 'debug';
      },
      serializers: {
        req: (req: { method: string; url: string }) => ({ method: req.method, url: req.url }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      quietReqLogger: true,
    }),
  );

  app.use(securityHeaders(opts.viewerDir));
  if (opts.corsOrigins?.length) app.use(corsAllowList(opts.corsOrigins));

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', readinessRoute({ orthanc: opts.orthanc, models: opts.models }));
  // Browsers fetch the web manifest without credentials; it holds nothing but the app's name and icons.
  if (opts.viewerDir) app.get('/manifest.json', viewerFile(opts.viewerDir, 'manifest.json'));

  let sso;
  if (opts.oidc) {
    const party = new OidcRelyingParty(opts.oidc);
    const sessions = new SessionStore({ maxAgeMs: opts.oidc.sessionMaxAgeMs, idleMs: opts.oidc.sessionIdleMs });
    sso = { party, sessions, secureCookies: opts.oidc.secureCookies };
    app.use(oidcRoutes({ ...sso, audit: opts.audit, log: opts.log }));
  }
  app.use(
    authenticate({
      accounts: new AccountBook(opts.usersFile, opts.readers),
      throttle: new LoginThrottle(),
      audit: opts.audit,
      ...(sso ? { oidc: sso } : {}),
    }),
  );
  app.use(sameOriginWrites(opts.audit, opts.corsOrigins ?? []));
  // Who may use which route: one table, auth/route-roles.ts.
  app.use(enforceRouteRoles(opts.audit));

  const pacs = { url: opts.orthanc.url, authorization: orthancAuthHeader(opts.orthanc.credentials) };
  const timeoutMs = opts.orthanc.timeoutMs ?? 30_000;
  const client = connectDicomweb({
    url: `${opts.orthanc.url}/dicom-web`,
    authorization: pacs.authorization,
    timeoutMs,
  });
  const proxy = dicomwebProxy({ target: pacs, pacs: client, log: opts.log, audit: opts.audit, timeoutMs });
  // Every path that starts like the PACS routes, in any case or with any separator after it, meets the proxy's
  // policy rather than the viewer's fallback page.
  app.use((req, res, next) => (/^\/(dicom-web|wado)/i.test(req.originalUrl) ? proxy(req, res) : next()));

  // Every API answer is about a patient's study: no browser or proxy may keep a copy.
  app.use('/api', (_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  app.use('/api', identityRoutes(opts.audit));
  app.use('/api', seriesRolesRoutes(client));
  app.use('/api', outlineRoutes(client));
  app.use('/api', kineticMapRoutes(client));
  // The cache lives where analyses run: here with the in-process queue; in each `heron worker` with Redis.
  const frames = new FrameCache((opts.volumeCacheMb ?? DEFAULT_VOLUME_CACHE_MB) * 2 ** 20);
  const metadata = new SeriesMetadataCache();
  const pipeline = { device: heronDevice(), version: HERON_VERSION, frames, metadata };
  app.use(
    '/api',
    prefetchRoutes({
      models: opts.models,
      ...(opts.shared ? {} : { prefetcher: new Prefetcher({ pacs: client, cache: frames, metadata, log: opts.log }) }),
    }),
  );
  app.use(
    '/api',
    analysisRoutes({
      jobs:
        opts.shared?.jobs ??
        new InProcessQueue(
          analysisRunner({
            pacs: client,
            models: opts.models,
            audit: opts.audit,
            pipeline,
          }),
          opts.analysisTimeoutMs,
        ),
      models: opts.models,
      pacs: client,
      pipeline,
      organization: opts.organization ?? 'Heron',
      decisions: opts.shared?.decisions ?? new DecisionLock(),
      audit: opts.audit,
      streams: new StreamLimit(),
    }),
  );
  app.get('/api/openapi.json', (_req, res) => {
    res.json(apiDocument);
  });
  app.use('/api', apiFallback(apiDocument.paths as Record<string, object>));

  // The tumour board's pages, behind the same login; the route table (auth/route-roles.ts) lets board and reader in.
  app.use('/board', boardRoutes({ pacs: client, models: opts.models, version: HERON_VERSION }));

  if (opts.viewerDir) app.use(viewerRoutes(opts.viewerDir, { apiBase: '/api' }));
  // What the viewer does not serve (a POST to a page, a missing file) is answered in JSON, not Express's HTML page.
  app.use((req, res) => {
    req.resume();
    res.status(404).json({ error: 'There is nothing here.' });
  });

  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    const status = err instanceof PacsError ? err.status : ((err as { status?: number }).status ?? 500);
    const clientError = status >= 400 && status < 500;
    if (!clientError) req.log.error({ err }, 'request failed');
    // The PACS's own error text stays in the log: the reader gets what failed, not Orthanc's internals.
    const message =
      err instanceof PacsError
        ? err.summary
        : err instanceof Error && clientError
          ? err.message
          : 'Something went wrong in the Heron server; the details are in its log.';
    res.status(status).json({ error: message });
  });
  return app;
}
