import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { answerClientError } from '../web/plugins/client-errors.js';
import { hostRefusals } from '../web/plugins/host-check.js';
import { SECURITY_HEADERS } from '../web/plugins/security-headers.js';

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

/**
 * Port 80 with TLS on: answers ACME HTTP-01 challenges and sends everything else, with the same
 * path and query, to the https address of the public URL (301). Nothing else: no cookies, no
 * content. It answers only the public host, under the public URL's port, port 80 or the port it
 * listens on (`httpPort`: ACME validates there), by the app's own host check (every Host header, an absolute-form target's origin); other hosts get 421 with
 * no content, a request without Host or with two 400. Every answer carries the platform's
 * security headers (HSTS too: browsers ignore it over HTTP, and the set stays one), the parser's
 * refusals included.
 */
export function createRedirectServer({
  publicUrl,
  httpPort,
  challenges,
}: {
  publicUrl: string;
  httpPort: number;
  challenges: ChallengeResponses;
}): Server {
  const { origin, hostname } = new URL(publicUrl);
  const hostRefusal = hostRefusals([publicUrl, `http://${hostname}`, `http://${hostname}:${httpPort}`]);
  // Without Host, the 400 below (with the headers) instead of Node's bare one.
  const server = createServer({ requireHostHeader: false }, (request: IncomingMessage, response: ServerResponse) => {
    response.setHeaders(new Map(Object.entries(SECURITY_HEADERS)));
    const refused = hostRefusal(request);
    if (refused) {
      response.writeHead(refused, { 'content-length': 0 }).end();
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
