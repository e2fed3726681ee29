import { createServer } from 'node:net';

function tryListen(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(false));
    srv.listen({ port, host, exclusive: true }, () => srv.close(() => resolve(true)));
  });
}

/**
 * Fails with a message naming the port and its purpose when something already listens there.
 * Checks the wildcard address too, because Orthanc 1.10 always binds 0.0.0.0.
 */
export async function ensurePortFree(port: number, purpose: string, envVar: string): Promise<void> {
  const free = (await tryListen(port, '127.0.0.1')) && (await tryListen(port, '0.0.0.0'));
  if (!free) {
    throw new Error(
      `Port ${port} (${purpose}) is already in use. Stop whatever uses it, or choose another port with ${envVar}=<port>.`,
    );
  }
}

/** A port the OS reports free right now (for tests that start their own servers). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}
