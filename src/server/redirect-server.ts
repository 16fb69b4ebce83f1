import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { answerClientError } from '../web/plugins/client-errors.js';
import { SECURITY_HEADERS } from '../web/plugins/security-headers.js';
import { hostOf } from './certificates/certificate.js';

/** ACME HTTP-01 challenges being answered: token to key authorization. */
export type ChallengeResponses = Map<string, string>;

const CHALLENGE_PATH = /^\/\.well-known\/acme-challenge\/([A-Za-z0-9_-]+)$/;

/** The request's path and query; an absolute-form target (`GET http://x/y`) keeps only its path. */
function pathAndQuery(target: string): string {
  if (target.startsWith('/')) return target;
  try {
    const url = new URL(target);
    return `${url.pathname}${url.search}`;
  } catch {
    return '/';
  }
}

/** The host name of a Host header, without its port and brackets. */
function hostnameOf(header: string | undefined): string | undefined {
  if (!header) return undefined;
  try {
    return hostOf(`http://${header}`).toLowerCase();
  } catch {
    return undefined;
  }
}

/**
 * Port 80 with TLS on: answers ACME HTTP-01 challenges and sends everything else, with the same
 * path and query, to the https address of the public URL (301). Nothing else: no cookies, no
 * content. Like the HTTPS side, it answers only the public host (any port, as the port a client
 * used may be forwarded); other hosts get 421 with no content, a request without Host 400. Every
 * answer carries the platform's security headers (HSTS too: browsers ignore it over HTTP, and the
 * set stays one), the parser's refusals included.
 */
export function createRedirectServer({ publicUrl, challenges }: { publicUrl: string; challenges: ChallengeResponses }): Server {
  const origin = new URL(publicUrl).origin;
  const host = hostOf(publicUrl).toLowerCase();
  // Without Host, the 400 below (with the headers) instead of Node's bare one.
  const server = createServer({ requireHostHeader: false }, (request: IncomingMessage, response: ServerResponse) => {
    response.setHeaders(new Map(Object.entries(SECURITY_HEADERS)));
    if (hostnameOf(request.headers.host) !== host) {
      response.writeHead(request.headers.host === undefined ? 400 : 421, { 'content-length': 0 }).end();
      return;
    }
    const path = pathAndQuery(request.url ?? '/');
    const token = CHALLENGE_PATH.exec(path.split('?')[0]!)?.[1];
    const keyAuthorization = token === undefined ? undefined : challenges.get(token);
    if (keyAuthorization !== undefined && (request.method === 'GET' || request.method === 'HEAD')) {
      response.writeHead(200, { 'content-type': 'text/plain', 'content-length': Buffer.byteLength(keyAuthorization) });
      response.end(request.method === 'HEAD' ? undefined : keyAuthorization);
      return;
    }
    response.writeHead(301, { location: `${origin}${path}`, 'content-length': 0 }).end();
  });
  server.on('clientError', answerClientError);
  return server;
}
