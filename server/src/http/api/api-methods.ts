import type { Request, Response } from 'express';

/** Path templates of the OpenAPI document ('/api/analyses/{id}') as patterns, with the methods each allows. */
function routes(paths: Record<string, object>): Array<{ pattern: RegExp; methods: string[] }> {
  return Object.entries(paths).map(([template, ops]) => ({
    pattern: new RegExp(`^${template.replace(/[.]/g, '\\.').replace(/\{[^}]+\}/g, '[^/]+')}$`),
    methods: Object.keys(ops).map((m) => m.toUpperCase()),
  }));
}

/**
 * The answer for an API request no route took: 405 with the allowed methods when the path exists (the OpenAPI
 * document is the list of what exists, so the two cannot disagree), 404 otherwise.
 */
export function apiFallback(paths: Record<string, object>) {
  const table = routes(paths);
  return (req: Request, res: Response): void => {
    const path = req.originalUrl.split('?')[0];
    const route = table.find((r) => r.pattern.test(path));
    if (route) {
      res.setHeader('Allow', route.methods.join(', '));
      res.status(405).json({ error: `${req.method} is not allowed here; use ${route.methods.join(' or ')}.` });
      return;
    }
    res.status(404).json({ error: 'No such Heron API endpoint.' });
  };
}
