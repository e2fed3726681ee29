import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { RequestHandler } from 'express';
import helmet from 'helmet';

/** The CSP hashes of the inline scripts of the built viewer's index.html (its import map and OHIF's two bootstraps). */
export function inlineScriptHashes(viewerDir: string): string[] {
  const html = readFileSync(join(resolve(viewerDir), 'index.html'), 'utf8');
  const hashes: string[] = [];
  for (const m of html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)) {
    if (m[1].length > 0) hashes.push(`'sha256-${createHash('sha256').update(m[1], 'utf8').digest('base64')}'`);
  }
  return hashes;
}

/**
 * Security headers on every answer. The CSP is what OHIF needs and no more: its own scripts plus the exact inline
 * ones of index.html, WebAssembly compilation for the image codecs ('wasm-unsafe-eval', not 'unsafe-eval'),
 * workers, images and PDF objects from blob: URLs, and inline styles (React sets style attributes). Everything is same-origin,
 * so nothing else may be loaded, framed or posted to. Cross-origin isolation (COOP/COEP) is set by the viewer
 * routes, which need it; helmet leaves it to them.
 */
export function securityHeaders(viewerDir: string | null): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", "'wasm-unsafe-eval'", ...(viewerDir ? inlineScriptHashes(viewerDir) : [])],
        workerSrc: ["'self'", 'blob:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'", 'data:', 'blob:'],
        mediaSrc: ["'self'", 'blob:', 'data:'],
        manifestSrc: ["'self'"],
        // OHIF's PDF viewport shows an Encapsulated PDF (Heron's report) in an <object> of a blob: URL, which the
        // browser treats as a frame; Heron's SR viewport frames the board's report page (same origin).
        objectSrc: ["'self'", 'blob:'],
        frameSrc: ["'self'", 'blob:'],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    crossOriginEmbedderPolicy: false,
    crossOriginOpenerPolicy: false,
    referrerPolicy: { policy: 'same-origin' },
    frameguard: { action: 'deny' },
    // Heron serves plain HTTP on loopback; HSTS belongs to the TLS front end a deployment puts before it.
    strictTransportSecurity: false,
  });
}
