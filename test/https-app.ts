import { rmSync } from 'node:fs';
import { type ClientHttp2Session, connect as connectHttp2 } from 'node:http2';
import { once } from 'node:events';
import { connect as connectTls } from 'node:tls';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.js';
import { httpsServerOptions } from '../src/server/https-server.js';
import { testAuthSettings } from './app.js';
import { createTestCa, issueTestCertificate, type TestCa } from './certificates.js';
import { TestClock } from './clock.js';
import type { TestDatabase, TestDialect } from './databases.js';

/** The public URL of the in-process HTTPS app (as if port 443 were forwarded to the test's port). */
export const HTTPS_PUBLIC_URL = 'https://bookings.test';

/** The whole app over HTTPS (HTTP/2 and HTTP/1.1) as `serve` runs it, on 127.0.0.1 with a test CA's certificate. */
export interface HttpsApp {
  app: FastifyInstance;
  database: TestDatabase;
  port: number;
  ca: TestCa;
  /** Raw bytes over a new TLS connection (HTTP/1.1 by ALPN), with a server name of choice; all the answer. */
  rawTls(bytes: string | Buffer, servername?: string): Promise<string>;
  /** An HTTP/2 session on a new TLS connection, and the SETTINGS the server sent. */
  http2(servername?: string): Promise<ClientHttp2Session>;
  close(): Promise<void>;
}

export async function listenOverHttps(dialect: TestDialect): Promise<HttpsApp> {
  const ca = createTestCa();
  const certificate = issueTestCertificate(ca);
  const database = await dialect.create();
  const https = httpsServerOptions({ cert: certificate.cert.pem, key: certificate.key.pem });
  const app = await buildApp({ db: database.db, clock: new TestClock(), auth: testAuthSettings(), publicUrl: HTTPS_PUBLIC_URL, https });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as { port: number }).port;
  // Another server name than the certificate's is what some tests send: the client checks nothing but the CA.
  const tlsOptions = (servername: string, alpn: string) => ({
    host: '127.0.0.1',
    port,
    servername,
    ca: ca.cert.pem,
    ALPNProtocols: [alpn],
    checkServerIdentity: () => undefined,
  });
  return {
    app,
    database,
    port,
    ca,
    rawTls: (bytes, servername = 'bookings.test') =>
      new Promise((resolve) => {
        const socket = connectTls(tlsOptions(servername, 'http/1.1'), () => socket.write(bytes));
        let text = '';
        socket.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')));
        const done = () => resolve(text);
        socket.on('close', done);
        socket.on('error', done);
        // A server that answered and keeps the connection open: end our side after a moment.
        setTimeout(() => socket.end(), 1000);
      }),
    http2: async (servername = 'bookings.test') => {
      const socket = connectTls(tlsOptions(servername, 'h2'));
      const session = connectHttp2(HTTPS_PUBLIC_URL, { createConnection: () => socket });
      session.on('error', () => {});
      await once(session, 'remoteSettings');
      return session;
    },
    close: async () => {
      await app.close();
      await database.close();
      rmSync(ca.dir, { recursive: true, force: true });
    },
  };
}

/** A request on an HTTP/2 session with the given headers (pseudo-headers too): the status and headers. */
export function http2Request(
  session: ClientHttp2Session,
  headers: Record<string, string>,
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const stream = session.request(headers);
    let head: Record<string, unknown> = {};
    let body = '';
    stream.on('response', (h) => (head = h));
    stream.on('data', (chunk: Buffer) => (body += chunk.toString()));
    stream.on('end', () => resolve({ status: Number(head[':status']), headers: head, body }));
    stream.on('error', reject);
    stream.end();
  });
}

/** The status and the header block of a raw HTTP/1.1 answer. */
export function parseRawAnswer(text: string): { status: number | undefined; headers: Record<string, string>; body: string } {
  const end = text.indexOf('\r\n\r\n');
  const [statusLine = '', ...lines] = text.slice(0, end < 0 ? undefined : end).split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const status = /^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1];
  return { status: status ? Number(status) : undefined, headers, body: end < 0 ? '' : text.slice(end + 4) };
}
