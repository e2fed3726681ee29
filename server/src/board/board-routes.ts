/**
 * The tumour board's pages under /board. app.ts mounts this router in one place, behind the reader login; a `board`
 * role check belongs at that mount. Everything shown is read from the PACS on each request.
 */
import { type NextFunction, type Request, type Response, Router } from 'express';
import { type DicomJson, text } from '@heron/dicom/core';
import { type DicomwebClient, dicomwebFailure, PacsError } from '@heron/dicom/dicomweb';
import { readSr } from '@heron/dicom/sr';
import { type BoardQuery, boardQuerySchema, dicomUidSchema } from '../contract';
import type { ModelRegistry } from '../analysis/model-registry';
import { boardReport } from '../report/board-report';
import { keyImagesFromPacs, seriesOf } from '../report/report-sources';
import { boardCases } from './board-cases';
import { filterQuery, listPage, messagePage, reportHref, reportPage } from './board-pages';

export interface BoardDeps {
  pacs: DicomwebClient;
  models: ModelRegistry;
  version: string;
}

/** A board page that cannot be shown, answered as a page (not JSON): the board is read in a browser. */
class PageError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    message: string,
  ) {
    super(message);
  }
}

function uid(value: unknown, what: string): string {
  if (typeof value !== 'string' || !dicomUidSchema.safeParse(value).success)
    throw new PageError(400, 'Not a valid link', `The ${what} in this link is not a DICOM UID.`);
  return value;
}

function boardQuery(req: Request): BoardQuery {
  // An empty form field means "any": the filter form sends every field.
  const raw = Object.fromEntries(
    Object.entries(req.query).filter(([k, v]) => typeof v === 'string' && v !== '' && k !== 'embed'),
  );
  const parsed = boardQuerySchema.safeParse(raw);
  if (!parsed.success)
    throw new PageError(
      400,
      'These filters are not valid',
      parsed.error.issues.map((i) => `${i.path.join('.') || 'query'}: ${i.message}`).join('; '),
    );
  return parsed.data;
}

/** When nothing is chosen, the board shows the last 30 days: a meeting discusses recent cases. */
function withDefaultRange(q: BoardQuery, now = new Date()): BoardQuery {
  if (q.from || q.to) return q;
  const day = (d: Date) => d.toISOString().slice(0, 10);
  return { ...q, from: day(new Date(now.getTime() - 30 * 86_400_000)), to: day(now) };
}

/**
 * The report page may be framed by Heron's own viewer (the SR viewport in OHIF): same-origin framing only, and
 * the cross-origin isolation headers the viewer's page requires of what it embeds.
 */
function allowSameOriginFrame(res: Response) {
  const csp = String(res.getHeader('Content-Security-Policy') ?? '');
  res.setHeader('Content-Security-Policy', csp.replace("frame-ancestors 'none'", "frame-ancestors 'self'"));
  res.setHeader('X-Frame-Options', 'SAMEORIGIN');
  res.setHeader('Cross-Origin-Embedder-Policy', 'require-corp');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
}

async function srMetadata(pacs: DicomwebClient, study: string, sr: string): Promise<DicomJson> {
  const series = await seriesOf(pacs, study, sr);
  if (!series) throw new PageError(404, 'Report not found', `The study does not hold a report ${sr}.`);
  let instances: DicomJson[];
  try {
    instances = await pacs.retrieveSeriesMetadata({ studyInstanceUID: study, seriesInstanceUID: series });
  } catch (err) {
    throw dicomwebFailure(err, `Reading report ${sr}`);
  }
  const ds = instances.find((i) => text(i, '00080018') === sr);
  if (!ds) throw new PageError(404, 'Report not found', `The study does not hold a report ${sr}.`);
  return ds;
}

export function boardRoutes(deps: BoardDeps): Router {
  const router = Router();
  router.use((_req, res, next) => {
    // Patient data: no browser or proxy may keep a copy.
    res.setHeader('Cache-Control', 'no-store');
    next();
  });

  router.get('/', async (req, res) => {
    const q = withDefaultRange(boardQuery(req));
    res.type('html').send(listPage(await boardCases(deps.pacs, q), q));
  });

  router.get('/studies/:study', async (req, res) => {
    const study = uid(req.params.study, 'study UID');
    res.type('html').send(listPage(await boardCases(deps.pacs, { studyInstanceUID: study }), {}, study));
  });

  router.get('/reports/:study/:sr', async (req, res) => {
    const study = uid(req.params.study, 'study UID');
    const sr = uid(req.params.sr, 'report UID');
    const embed = req.query.embed === '1';
    const q = boardQuery(req);
    if (embed) allowSameOriginFrame(res);
    const ds = await srMetadata(deps.pacs, study, sr);
    let read;
    try {
      read = readSr(ds);
    } catch (err) {
      throw new PageError(
        200,
        'Not a Heron report',
        `This structured report was not written by Heron, so the board has no report for it (${err instanceof Error ? err.message : String(err)}).`,
      );
    }
    const c = read.classifier;
    const manifest = deps.models
      .manifests()
      .find((m) => m.name === c.algorithmName && m.version === c.algorithmVersion);
    const survivalManifest = deps.models
      .survivalManifests()
      .find((m) => m.name === c.algorithmName && m.version === c.algorithmVersion);
    // Pictures are worth less than the report: a SEG that cannot be read leaves the report without key images.
    const keyImages = await keyImagesFromPacs(deps.pacs, study, read, manifest ?? survivalManifest).catch(() => []);
    const report = boardReport({
      sr: ds,
      ...(manifest ? { manifest } : {}),
      ...(survivalManifest ? { survivalManifest } : {}),
      keyImages,
      heronVersion: deps.version,
    });
    if (embed) {
      res.type('html').send(reportPage(report, null));
      return;
    }
    // Next and previous walk the list the reader came from (its filters travel in the query string).
    const list = (await boardCases(deps.pacs, withDefaultRange(q))).cases;
    const at = list.findIndex((x) => x.studyInstanceUID === study && x.srSopInstanceUID === sr);
    res.type('html').send(
      reportPage(report, {
        back: `/board${filterQuery(q)}`,
        ...(at > 0 ? { previous: reportHref(list[at - 1], q) } : {}),
        ...(at >= 0 && at < list.length - 1 ? { next: reportHref(list[at + 1], q) } : {}),
        ...(at >= 0 ? { position: [at + 1, list.length] as [number, number] } : {}),
      }),
    );
  });

  router.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    const embed = req.query.embed === '1';
    if (embed) allowSameOriginFrame(res);
    if (err instanceof PageError) {
      res
        .status(err.status)
        .type('html')
        .send(messagePage(err.title, err.message, !embed));
      return;
    }
    const status = err instanceof PacsError ? err.status : 500;
    if (status >= 500) req.log?.error({ err }, 'board page failed');
    res
      .status(status)
      .type('html')
      .send(
        messagePage(
          'The board cannot show this page',
          err instanceof PacsError
            ? err.summary
            : 'Something went wrong in the Heron server; the details are in its log.',
          !embed,
        ),
      );
  });
  return router;
}
