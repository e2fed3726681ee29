import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { appConfigScript, type ViewerHeronConfig } from './app-config';

/** Paths the single-page fallback must never answer with index.html. */
const NOT_VIEWER = /^\/(api|dicom-web|wado|healthz)(\/|$|\?)/;

// OHIF uses SharedArrayBuffer for volume loading when the page is cross-origin isolated.
function isolation(_req: Request, res: Response, next: NextFunction): void {
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Embedder-Policy', 'require-corp');
  next();
}

/** One file of the viewer, served as is (for the few the browser fetches without credentials). */
export function viewerFile(dir: string, name: string) {
  const file = join(resolve(dir), name);
  return (_req: Request, res: Response): void => res.sendFile(file);
}

/**
 * Hosts the assembled OHIF viewer (build/viewer) at the origin root, which its prebuilt bundles
 * require, with our app-config and a fallback to index.html for OHIF's client-side routes.
 */
export function viewerRoutes(dir: string, heron: ViewerHeronConfig): Router {
  const viewerDir = resolve(dir);
  const index = join(viewerDir, 'index.html');
  if (!existsSync(index)) {
    throw new Error(`The viewer is not built (${index} missing). Run: npm run build:viewer`);
  }
  const router = express.Router();
  const configJs = appConfigScript(heron);
  router.use(isolation);
  router.get('/app-config.js', (_req, res) => {
    res.type('text/javascript').setHeader('Cache-Control', 'no-cache');
    res.send(configJs);
  });
  router.use(
    express.static(viewerDir, {
      index: false,
      setHeaders(res, path) {
        // Our plugins and index.html keep their names across builds; OHIF's chunks are content-hashed.
        if (path.endsWith('.html') || path.includes('/plugins/')) res.setHeader('Cache-Control', 'no-cache');
      },
    }),
  );
  router.get(/.*/, (req, res, next) => {
    if (NOT_VIEWER.test(req.path)) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
  return router;
}
