import { once } from 'node:events';
import type { Http2SecureServer } from 'node:http2';
import type { Server as TlsServer } from 'node:tls';
import type { FastifyInstance } from 'fastify';
import type { BaseLogger } from 'pino';
import type { Config, TlsConfig } from '../config.js';
import type { Clock } from '../core/shared/clock.js';
import { acmeAccountKey, acmeCertificates, acmeDirectory, readAcmeCa } from './certificates/acme-certificates.js';
import { type CertificateSource, hostOf } from './certificates/certificate.js';
import { fileCertificates } from './certificates/file-certificates.js';
import { httpsServerOptions, type HttpsServerOptions, useCertificate } from './https-server.js';
import { type ChallengeResponses, createRedirectServer } from './redirect-server.js';
import { trackConnections } from './connection-drain.js';

export interface Serving {
  /**
   * Stops listening and lets the requests under way finish, for at most `graceMs` (see
   * connection-drain.ts), then closes the app.
   */
  close(graceMs: number): Promise<void>;
}

type TlsOn = Exclude<TlsConfig, { mode: 'off' }>;

async function certificateSource(config: Config, tls: TlsOn, clock: Clock, log: BaseLogger, challenges: ChallengeResponses) {
  const host = hostOf(config.publicUrl);
  if (tls.mode === 'files') {
    return { source: fileCertificates({ ...tls, host, clock, log }), everySeconds: tls.reloadIntervalSeconds };
  }
  // Loaded only here: the ACME client and its dependencies take a good part of a start's time.
  const { acmeIssuer } = await import('../adapters/acme/acme-issuer.js');
  const dir = acmeDirectory(config.dataDir);
  const issue = acmeIssuer({ ...tls, ca: readAcmeCa(tls.caFile), accountKey: acmeAccountKey(dir), challenges, log });
  return { source: acmeCertificates({ host, dir, renewDays: tls.renewDays, clock, log, issue }), everySeconds: tls.checkIntervalSeconds };
}

/** Every `everySeconds`, never two at once: a new certificate from the source goes to new connections. */
function watchCertificates(source: CertificateSource, everySeconds: number, server: TlsServer, log: BaseLogger): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    source
      .check()
      .then((certificate) => certificate && useCertificate(server, certificate))
      .catch((error: unknown) => log.error({ err: error }, 'certificate check failed'))
      .finally(() => {
        running = false;
      });
  }, everySeconds * 1000);
  timer.unref();
  return () => clearInterval(timer);
}

/**
 * The app listening as configured. GROUPZ_TLS=off: plain HTTP on GROUPZ_HOST:PORT. Otherwise
 * HTTPS (HTTP/2 and HTTP/1.1) on the HTTPS port with a certificate from files or ACME, kept
 * current without a restart, and the port-80 server for ACME challenges and redirects. Throws
 * (a CertificateError naming the problem) when there is no certificate to start with.
 */
export async function startServing(
  config: Config,
  clock: Clock,
  log: BaseLogger,
  makeApp: (https?: HttpsServerOptions) => Promise<FastifyInstance>,
): Promise<Serving> {
  const { tls } = config;
  if (tls.mode === 'off') {
    const app = await makeApp();
    const connections = trackConnections(app.server);
    await app.listen({ port: config.port, host: config.host });
    return {
      close: async (graceMs) => {
        await connections.drain(graceMs);
        await app.close();
      },
    };
  }
  const challenges: ChallengeResponses = new Map();
  const redirect = createRedirectServer({ publicUrl: config.publicUrl, httpPort: tls.httpPort, challenges });
  const redirectConnections = trackConnections(redirect);
  const closeRedirect = (graceMs = 0) => redirectConnections.drain(graceMs);
  redirect.listen(tls.httpPort, config.host);
  await once(redirect, 'listening');
  try {
    const { source, everySeconds } = await certificateSource(config, tls, clock, log, challenges);
    const app = await makeApp(httpsServerOptions(await source.initial()));
    // buildApp types its server as HTTP/1; with `https` it is Node's HTTP/2 secure server.
    const connections = trackConnections(app.server as unknown as Http2SecureServer);
    await app.listen({ port: tls.httpsPort, host: config.host });
    // buildApp types its server as HTTP/1; with `https` it is Node's HTTP/2 secure server, a TLS server.
    const stopWatching = watchCertificates(source, everySeconds, app.server as unknown as TlsServer, log);
    return {
      close: async (graceMs) => {
        stopWatching();
        await Promise.all([connections.drain(graceMs).then(() => app.close()), closeRedirect(graceMs)]);
      },
    };
  } catch (error) {
    await closeRedirect();
    throw error;
  }
}
