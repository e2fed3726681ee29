import type { Server } from 'node:http';
import type { Socket } from 'node:net';

/**
 * Requests Node refuses before Express sees them (headers or URL too large, malformed HTTP) get a short JSON body
 * saying why, instead of a bare status line the viewer cannot explain.
 */
export function answerClientErrors(server: Server): void {
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => {
    if (!socket.writable) return socket.destroy();
    const [status, error] =
      err.code === 'HPE_HEADER_OVERFLOW'
        ? ['431 Request Header Fields Too Large', 'The request address or headers are too large for Heron.']
        : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? ['408 Request Timeout', 'The request took too long to arrive.']
          : ['400 Bad Request', 'The request is not valid HTTP.'];
    const body = JSON.stringify({ error });
    socket.end(
      `HTTP/1.1 ${status}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}
