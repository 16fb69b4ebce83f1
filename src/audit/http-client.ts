import http, { type IncomingHttpHeaders } from 'node:http';
import https from 'node:https';

/** An answer as the audit reads it. */
export interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  /** The body as text, cut at MAX_BODY bytes. */
  body: string;
}

export interface Exchange {
  scheme: 'http' | 'https';
  /** Where to connect (an IP address or a name). */
  address: string;
  port: number;
  /** The Host header. */
  host: string;
  /** SNI for https; empty sends none. */
  servername?: string;
  method?: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

const MAX_BODY = 2 * 1024 * 1024;
const TIMEOUT_MS = 10_000;

/**
 * One HTTP/1.1 exchange on its own connection, no redirect followed and no cookie kept. The
 * certificate is not verified here: the certificate checks judge it, and the other checks still
 * report on a deployment whose certificate is wrong.
 */
export function exchange(request: Exchange): Promise<Answer> {
  const options = {
    host: request.address,
    port: request.port,
    method: request.method ?? 'GET',
    path: request.path,
    headers: { host: request.host, 'user-agent': 'groupz-audit', ...request.headers },
    agent: false as const,
    timeout: TIMEOUT_MS,
  };
  return new Promise((resolve, reject) => {
    const callback = (response: http.IncomingMessage) => {
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        if (size < MAX_BODY) chunks.push(chunk);
        size += chunk.length;
      });
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          body: Buffer.concat(chunks).subarray(0, MAX_BODY).toString('utf8'),
        }),
      );
      response.on('error', reject);
    };
    const outgoing =
      request.scheme === 'https'
        ? https.request({ ...options, servername: request.servername ?? '', rejectUnauthorized: false }, callback)
        : http.request(options, callback);
    outgoing.on('timeout', () =>
      outgoing.destroy(Object.assign(new Error(`no answer within ${TIMEOUT_MS / 1000} s`), { code: 'ETIMEDOUT' })),
    );
    outgoing.on('error', reject);
    outgoing.end(request.body);
  });
}

/**
 * A failure in a few words: OpenSSL's reason ("tlsv1 alert protocol version") with Node's code, or
 * the code and message of any other error.
 */
export function describeError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  const message = error instanceof Error ? error.message.split('\n')[0]! : String(error);
  // OpenSSL's form: <hex>:error:<code>:<library>:<function>:<reason>:<file>:<line>:...
  const openssl = /^[0-9A-F]+:error:[0-9A-F]+:[^:]*:[^:]*:([^:]+):/.exec(message)?.[1];
  if (openssl) return code ? `${openssl} (${code})` : openssl;
  return code && !message.includes(code) ? `${code}: ${message}` : message;
}
