import { spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';

/** The host name the TLS test sites answer for (reached on 127.0.0.1 with `--connect`). */
export const SITE_HOST = 'bookings.test';

export function opensslAvailable(): boolean {
  return spawnSync('openssl', ['version']).status === 0;
}

export interface TestCertificate {
  /** PEM file of the self-signed certificate: also the CA the audit is given (`--ca`). */
  certFile: string;
  cert: Buffer;
  key: Buffer;
  remove(): void;
}

/** A self-signed ECDSA P-256 certificate for SITE_HOST, valid from now for `days`. */
export function makeCertificate(days = 30): TestCertificate {
  const dir = mkdtempSync(join(tmpdir(), 'groupz-tls-'));
  const certFile = join(dir, 'cert.pem');
  const keyFile = join(dir, 'key.pem');
  const made = spawnSync(
    'openssl',
    ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', keyFile, '-out', certFile].concat([
      '-days',
      String(days),
      '-subj',
      `/CN=${SITE_HOST}`,
      '-addext',
      `subjectAltName=DNS:${SITE_HOST}`,
    ]),
    { encoding: 'utf8' },
  );
  if (made.status !== 0) throw new Error(`openssl req failed: ${made.stderr}`);
  return {
    certFile,
    cert: readFileSync(certFile),
    key: readFileSync(keyFile),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** One way a test site breaks a promise; the good site has none. */
export interface Twist {
  /** TLS options over the good ones (TLS 1.3 only). */
  tls?: https.ServerOptions;
  /** A host name served as well as the site's (the public website's, say). */
  alsoServe?: string;
}

export interface TestSite {
  /** https://bookings.test:<port> */
  url: string;
  port: number;
  /** Where the plain-HTTP redirect server listens. */
  httpPort: number;
  close(): Promise<void>;
}

/**
 * Serves a Fastify app over node:https on 127.0.0.1 (TLS 1.3 only, the given certificate), with a
 * plain-HTTP server beside it that redirects everything to https, as a deployment does. `makeApp`
 * builds the app for the site's URL (`https://bookings.test:<port>`, known once the server listens),
 * so the platform's own host check answers any other Host (421); `alsoServe` hands that host to the
 * app as the site's, as a platform that serves the website too would.
 */
export async function serveOverTls(
  certificate: TestCertificate,
  makeApp: (url: string) => Promise<FastifyInstance>,
  twist: Twist = {},
): Promise<TestSite> {
  let host = '';
  let app: FastifyInstance | undefined;
  const secure = https.createServer(
    { key: certificate.key, cert: certificate.cert, minVersion: 'TLSv1.3', ...twist.tls },
    (request, response) => {
      if ((request.headers.host ?? '').replace(/:\d+$/, '') === twist.alsoServe) {
        // The host check reads the raw headers and the TLS server name too: rewrite them as well.
        request.headers.host = host;
        (request.socket as TLSSocket).servername = SITE_HOST;
        for (let i = 0; i < request.rawHeaders.length; i += 2) {
          if (request.rawHeaders[i]!.toLowerCase() === 'host') request.rawHeaders[i + 1] = host;
        }
      }
      app!.routing(request, response);
    },
  );
  secure.listen(0, '127.0.0.1');
  await once(secure, 'listening');
  const { port } = secure.address() as AddressInfo;
  host = `${SITE_HOST}:${port}`;
  const url = `https://${host}`;
  app = await makeApp(url);
  await app.ready();
  const plain = http.createServer((request, response) => response.writeHead(301, { location: `${url}${request.url ?? '/'}` }).end());
  plain.listen(0, '127.0.0.1');
  await once(plain, 'listening');
  return {
    url,
    port,
    httpPort: (plain.address() as AddressInfo).port,
    close: async () => {
      secure.closeAllConnections();
      plain.closeAllConnections();
      await Promise.all([new Promise((r) => secure.close(r)), new Promise((r) => plain.close(r))]);
    },
  };
}
