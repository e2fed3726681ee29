import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A recording pass-through in front of a test Orthanc: every request that reaches Orthanc is listed, as sent. */
export interface OrthancTap {
  url: string;
  /** Method and raw path of every request forwarded to Orthanc, oldest first. */
  seen: string[];
  close(): Promise<void>;
}

export async function startOrthancTap(orthancUrl: string): Promise<OrthancTap> {
  const target = new URL(orthancUrl);
  const seen: string[] = [];
  const server: Server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    const up = request(
      { hostname: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    up.on('error', () => res.destroy());
    req.pipe(up);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}
