import type { Server } from 'node:http';
import type { Socket } from 'node:net';

/**
 * Requests Node refuses before Express sees them (headers or URL too large, malformed HTTP) get a short JSON body
 * saying why, instead of a bare status line the viewer cannot explain.
 */
export function answerClientErrors(server: Server): void {
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => {
    if (!socket.writable) return socket.destroy();
    const tooLarge = err.code === 'HPE_HEADER_OVERFLOW';
    const status = tooLarge ? '431 Request Header Fields Too Large' : '400 Bad Request';
    const body = JSON.stringify({ error: tooLarge ? 'The request address or headers are too large for Heron.' : 'The request is not valid HTTP.' });
    socket.end(`HTTP/1.1 ${status}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  });
}
