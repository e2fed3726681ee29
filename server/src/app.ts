import express, { type NextFunction, type Request, type Response } from 'express';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import { AnalysisJobs } from './analysis/analysis-jobs';
import type { AnalysisResult } from './analysis/analysis-result';
import type { ModelRegistry } from './analysis/model-registry';
import { connectDicomweb, PacsError } from '@heron/dicom/dicomweb';
import { analysisRoutes } from './http/api/analysis-routes';
import { openApiDocument } from './http/api/openapi';
import { outlineRoutes } from './http/api/outline-routes';
import { seriesRolesRoutes } from './http/api/series-roles-route';
import { HERON_VERSION, heronDevice } from './version';
import { dicomwebProxy } from './http/dicomweb-proxy';
import { requireReader, type Readers } from './http/reader-auth';
import { viewerFile, viewerRoutes } from './http/viewer-routes';
import { orthancAuthHeader, type OrthancCredentials } from './orthanc/orthanc-process';

export interface AppOptions {
  viewerDir: string;
  orthanc: { url: string; credentials: OrthancCredentials };
  readers: Readers;
  models: ModelRegistry;
  /** Written into the objects Heron stores as the reader's organisation. */
  organization?: string;
  log: Logger;
}

/** The Heron HTTP service: viewer, DICOMweb proxy and API on one origin, behind the reader login. */
export function createApp(opts: AppOptions): express.Express {
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

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  // Browsers fetch the web manifest without credentials; it holds nothing but the app's name and icons.
  app.get('/manifest.json', viewerFile(opts.viewerDir, 'manifest.json'));

  app.use(requireReader(opts.readers));

  const pacs = { url: opts.orthanc.url, authorization: orthancAuthHeader(opts.orthanc.credentials) };
  const proxy = dicomwebProxy(pacs, opts.log);
  app.use(['/dicom-web', '/wado'], (req, res) => proxy(req, res));

  const client = connectDicomweb({ url: `${opts.orthanc.url}/dicom-web`, authorization: pacs.authorization });
  app.use('/api', seriesRolesRoutes(client));
  app.use('/api', outlineRoutes(client));
  app.use(
    '/api',
    analysisRoutes({
      jobs: new AnalysisJobs<AnalysisResult>(),
      models: opts.models,
      pacs: client,
      pipeline: { device: heronDevice(), version: HERON_VERSION },
      organization: opts.organization ?? 'Heron',
    }),
  );
  app.get('/api/openapi.json', (_req, res) => {
    res.json(openApiDocument(HERON_VERSION));
  });
  app.use('/api', (_req, res) => {
    res.status(404).json({ error: 'No such Heron API endpoint.' });
  });

  app.use(viewerRoutes(opts.viewerDir, { apiBase: '/api' }));

  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    const status = err instanceof PacsError ? err.status : ((err as { status?: number }).status ?? 500);
    const clientError = status >= 400 && status < 500;
    if (!clientError) req.log.error({ err }, 'request failed');
    const message =
      err instanceof Error && (clientError || err instanceof PacsError)
        ? err.message
        : 'Something went wrong in the Heron server; the details are in its log.';
    res.status(status).json({ error: message });
  });
  return app;
}
