import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Http2SecureServer, Http2ServerRequest, Http2ServerResponse, ServerHttp2Session } from 'node:http2';
import type { Socket } from 'node:net';
import { Server as TlsServer, type TLSSocket } from 'node:tls';

/**
 * How long a connection accepted before the drain, still without a request, has to send its first
 * one: it was opened to send one, which is normally on its way already.
 */
const FIRST_REQUEST_MS = 1000;

/** Destroys an idle connection once the last answer it carried has left. */
function closeIdle(socket: Socket): void {
  if (socket.writableLength === 0) socket.destroy();
  else socket.once('drain', () => socket.destroy());
}

/** Stops a server gracefully; see `trackConnections`. */
export interface ConnectionDrain {
  /**
   * Stops accepting connections and lets the requests under way finish: idle HTTP/1.1 keep-alive
   * connections close at once, busy ones after their response (which says `Connection: close`
   * when its headers are still to go), HTTP/2 sessions get a GOAWAY. After `graceMs`, whatever is
   * still open is cut. Resolves once every connection is closed.
   */
  drain(graceMs: number): Promise<void>;
}

/**
 * Follows the server's connections and the requests on each, for `drain`. Call it before the
 * server listens. Works for plain HTTP/1.1 and for the HTTPS server (HTTP/2, and HTTP/1.1 for
 * clients without it), which closes no connection of its own accord.
 */
export function trackConnections(server: Server | Http2SecureServer): ConnectionDrain {
  /** Every TCP connection, TLS handshakes under way included: what the end of the grace cuts. */
  const connections = new Set<Socket>();
  /** HTTP/1.1 connections (the TLS socket with HTTPS) and their responses under way. */
  const http1 = new Map<Socket, Set<ServerResponse>>();
  /** HTTP/1.1 connections that have carried a request. */
  const answered = new WeakSet<Socket>();
  const sessions = new Set<ServerHttp2Session>();
  let draining = false;

  server.on('connection', (socket: Socket) => {
    connections.add(socket);
    socket.once('close', () => connections.delete(socket));
  });
  const follow = (socket: Socket) => {
    // An HTTP/2 connection is followed as its session.
    if ((socket as TLSSocket).alpnProtocol === 'h2') return;
    http1.set(socket, new Set());
    socket.once('close', () => http1.delete(socket));
  };
  if (server instanceof TlsServer) server.on('secureConnection', follow);
  else server.on('connection', follow);
  server.on('session', (session: ServerHttp2Session) => {
    sessions.add(session);
    session.once('close', () => sessions.delete(session));
    // A TLS handshake the drain found under way.
    if (draining) session.close();
  });
  // Before the app's listener, so that the header is set before a route writes anything.
  server.prependListener('request', (request: IncomingMessage | Http2ServerRequest, reply: ServerResponse | Http2ServerResponse) => {
    if (request.httpVersionMajor >= 2) return;
    const socket = request.socket as Socket;
    const response = reply as ServerResponse;
    const underWay = http1.get(socket);
    if (!underWay) return;
    underWay.add(response);
    answered.add(socket);
    if (draining) response.setHeader('connection', 'close');
    response.once('close', () => {
      underWay.delete(response);
      // A response that promised keep-alive before the drain began: its connection ends once it
      // is written (after one that said close, Node ends the connection itself).
      if (draining && underWay.size === 0) socket.destroySoon();
    });
  });

  return {
    async drain(graceMs) {
      draining = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const [socket, underWay] of http1) {
        for (const response of underWay) if (!response.headersSent) response.setHeader('connection', 'close');
        if (underWay.size > 0) continue;
        // An idle keep-alive connection closes at once (a client may see any of them closed), with
        // nothing to write: a request arriving now meets a reset, never a connection that reads it
        // and cannot answer. One that has yet to carry its first request gets a moment for it.
        if (answered.has(socket)) closeIdle(socket);
        else setTimeout(() => http1.get(socket)?.size === 0 && !answered.has(socket) && closeIdle(socket), FIRST_REQUEST_MS).unref();
      }
      for (const session of sessions) session.close();
      const cut = setTimeout(() => {
        for (const socket of connections) socket.destroy();
        for (const session of sessions) session.destroy();
      }, graceMs);
      await closed;
      clearTimeout(cut);
    },
  };
}
