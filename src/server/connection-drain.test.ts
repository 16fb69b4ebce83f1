import assert from 'node:assert/strict';
import { once } from 'node:events';
import { Agent, createServer, type IncomingMessage, request, type Server, type ServerResponse } from 'node:http';
import { connect, createSecureServer, type Http2SecureServer, type Http2ServerRequest, type Http2ServerResponse } from 'node:http2';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { AddressInfo } from 'node:net';
import { after, describe, test } from 'node:test';
import { INSTALL_OPENSSL } from '../../test/certificates.js';
import { makeCertificate, SITE_HOST } from '../../test/tls-site.js';
import { hasTool, missingRequirement } from '../../test/tools.js';
import { trackConnections } from './connection-drain.js';

/** Answers `/held` once the test lets it, everything else at once. */
function handler() {
  const held: (() => void)[] = [];
  const handle = (req: IncomingMessage | Http2ServerRequest, res: ServerResponse | Http2ServerResponse) => {
    const answer = () => res.end(`answered ${req.url}`);
    if (req.url === '/held') held.push(answer);
    else answer();
  };
  return { handle, held, waitHeld: (count: number) => until(() => held.length >= count) };
}

async function until(done: () => boolean): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!done()) {
    assert.ok(Date.now() < deadline, 'gave up waiting');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** A GET through `agent`: status, Connection header and body, or the error's code. */
function get(url: string, agent: Agent | HttpsAgent, https = false) {
  const send = https ? httpsRequest : request;
  return new Promise<{ status?: number; connection?: string | undefined; body?: string; error?: string }>((resolve) => {
    const req = send(url, { agent, servername: SITE_HOST, rejectUnauthorized: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, connection: res.headers.connection, body }));
    });
    req.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
    req.end();
  });
}

async function listen(server: Server | Http2SecureServer): Promise<number> {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return (server.address() as AddressInfo).port;
}

describe('draining a plain HTTP/1.1 server', () => {
  test('closes idle keep-alive connections at once, answers the busy one with Connection: close, then refuses', async () => {
    const app = handler();
    const server = createServer(app.handle);
    const drain = trackConnections(server);
    const base = `http://127.0.0.1:${await listen(server)}`;
    const idle = new Agent({ keepAlive: true });
    const busyAgent = new Agent({ keepAlive: true });
    try {
      // Two keep-alive connections: one idle after an answer, one busy.
      assert.equal((await get(`${base}/idle`, idle)).connection, 'keep-alive');
      const idleSocket = Object.values(idle.freeSockets).flat()[0]!;
      const busy = get(`${base}/held`, busyAgent);
      await app.waitHeld(1);
      const idleClosed = once(idleSocket, 'close');

      let drained = false;
      const draining = drain.drain(10_000).then(() => (drained = true));
      await idleClosed;
      assert.equal((await get(`${base}/new`, new Agent())).error, 'ECONNREFUSED', 'no new connection');
      assert.equal(drained, false, 'the drain waits for the busy request');
      app.held[0]!();
      assert.deepEqual(await busy, { status: 200, connection: 'close', body: 'answered /held' });
      await draining;
    } finally {
      idle.destroy();
      busyAgent.destroy();
    }
  });

  test('cuts what is still open when the grace ends', async () => {
    const app = handler();
    const server = createServer(app.handle);
    const drain = trackConnections(server);
    const base = `http://127.0.0.1:${await listen(server)}`;
    const busy = get(`${base}/held`, new Agent());
    await app.waitHeld(1);
    const start = Date.now();
    await drain.drain(100);
    assert.ok(Date.now() - start < 2000);
    assert.equal((await busy).error, 'ECONNRESET');
  });
});

if (!hasTool('openssl')) missingRequirement('openssl', INSTALL_OPENSSL);
else
  describe('draining the HTTPS server (HTTP/2, and HTTP/1.1 beside it)', () => {
    const certificate = makeCertificate();
    after(() => certificate.remove());

    test('an HTTP/2 stream under way and an HTTP/1.1 request under way are both answered; the session gets a GOAWAY', async () => {
      const app = handler();
      const server = createSecureServer({ allowHTTP1: true, cert: certificate.cert, key: certificate.key }, app.handle);
      const drain = trackConnections(server);
      const port = await listen(server);
      const session = connect(`https://127.0.0.1:${port}`, { servername: SITE_HOST, rejectUnauthorized: false });
      const agent = new HttpsAgent({ keepAlive: true });
      try {
        const stream = session.request({ ':path': '/held' });
        let h2Body = '';
        stream.setEncoding('utf8');
        stream.on('data', (chunk: string) => (h2Body += chunk));
        const h2Ended = once(stream, 'end');
        const h1 = get(`https://127.0.0.1:${port}/held`, agent, true);
        await app.waitHeld(2);
        const goaway = once(session, 'goaway');

        const draining = drain.drain(10_000);
        await goaway;
        app.held.forEach((answer) => answer());
        await h2Ended;
        assert.equal(h2Body, 'answered /held');
        assert.deepEqual(await h1, { status: 200, connection: 'close', body: 'answered /held' });
        await draining;
      } finally {
        session.destroy();
        agent.destroy();
      }
    });
  });
