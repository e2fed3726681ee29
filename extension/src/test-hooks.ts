import type { ViewerActions } from './viewer-actions';

/**
 * Test/support hook: `window.__heron.getOutline()` lets the browser tests (test/browser) read the outline
 * exactly as the panel does, to compare it with the phantom's ground truth. Read-only; nothing in the
 * viewer depends on it.
 */
export function exposeTestHooks(viewer: ViewerActions): void {
  (window as unknown as { __heron?: unknown }).__heron = { getOutline: () => viewer.getOutline() };
}
