import { maxHeaderSize } from 'node:http';
import type { SecureServerOptions } from 'node:http2';
import type { SecureContextOptions, Server as TlsServer } from 'node:tls';
import type { Certificate } from './certificates/certificate.js';

/**
 * TLS 1.3 only, with the Mozilla "modern" suites and curves; the client picks among them (they
 * are equally strong). Node takes the TLS 1.3 suites through `ciphers`.
 */
export const TLS_POLICY = {
  minVersion: 'TLSv1.3',
  ciphers: 'TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256',
  ecdhCurve: 'X25519:prime256v1:secp384r1',
  honorCipherOrder: false,
} as const satisfies SecureContextOptions;

/** Fastify's server options for HTTPS: HTTP/2, and HTTP/1.1 for clients without it (ALPN). */
export interface HttpsServerOptions {
  http2: true;
  https: SecureServerOptions & { allowHTTP1: true };
}

/**
 * What one HTTP/2 connection may ask of the server, advertised in its SETTINGS (Node's defaults are
 * unlimited streams and header lists): 100 streams at once (RFC 9113's recommended minimum, more
 * than a page's assets need), a header list as large as HTTP/1.1 allows (Node's maxHeaderSize,
 * 16 KiB), and 10 MB of session memory (Node's default, written down) before new streams are refused.
 */
export const HTTP2_LIMITS = {
  settings: { maxConcurrentStreams: 100, maxHeaderListSize: maxHeaderSize },
  maxSessionMemory: 10,
} as const satisfies SecureServerOptions;

export function httpsServerOptions(certificate: Certificate): HttpsServerOptions {
  return {
    http2: true,
    https: { allowHTTP1: true, ...TLS_POLICY, ...HTTP2_LIMITS, cert: certificate.cert, key: certificate.key },
  };
}

/**
 * Serves `certificate` to new connections from now on; open connections keep theirs. The whole
 * policy goes again with it: `setSecureContext` resets every option it is not given.
 */
export function useCertificate(server: TlsServer, certificate: Certificate): void {
  server.setSecureContext({ ...TLS_POLICY, cert: certificate.cert, key: certificate.key });
}
