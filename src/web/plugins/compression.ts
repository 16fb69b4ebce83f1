import compress from '@fastify/compress';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { preferredEncoding } from '../accept-encoding.js';
import { type CompressedBody, type Encoding, encodeOnce } from '../compressed-body.js';
import { addVary } from './caching.js';

/** Below this many bytes a response goes as it is: compressing it saves less than it costs. */
export const COMPRESSION_THRESHOLD = 1024;

/**
 * Pages that hold a secret the same in every response of a session, next to text a visitor can
 * put there: the back office and the staff sign-in and setup (the session's CSRF token, an HMAC of
 * the session; the TOTP secret). Compressing them would give BREACH an oracle, so they go
 * uncompressed; they are few and small next to the public catalogue.
 */
export function holdsSessionSecrets(url: string): boolean {
  return /^\/(?:admin|staff)(?:\/|$)/.test(url);
}

/** Text: HTML, CSS, JavaScript, CSV, calendars, JSON, XML and SVG; not images, fonts, PDFs or zips. */
const COMPRESSIBLE = /^text\/|[/+](?:json|xml)(?:;|$)/iu;

/** The encoding the request asks for, the same for every answer: see `preferredEncoding`. */
function encodingFor(request: FastifyRequest): Encoding | null {
  return preferredEncoding(request.headers['accept-encoding'], request.headers['x-no-compression'] !== undefined);
}

/**
 * Whether the answer goes compressed for a client that asks: text of 1 KiB and more, not labelled
 * with an encoding already (`sendCompressed`), not a part of a body (206), on no page holding a
 * session secret (the route's path, which the router decoded, or the request's, for a 404).
 */
function mayCompress(request: FastifyRequest, reply: FastifyReply, body: string | Buffer): boolean {
  return (
    Buffer.byteLength(body) >= COMPRESSION_THRESHOLD &&
    COMPRESSIBLE.test(String(reply.getHeader('content-type') ?? '')) &&
    !reply.hasHeader('content-encoding') &&
    reply.statusCode !== 206 &&
    !holdsSessionSecrets(request.routeOptions.url ?? '') &&
    !holdsSessionSecrets(request.url)
  );
}

/**
 * Text answers of 1 KiB and more, whatever their status and route (a 404 page too), go brotli or
 * gzip compressed as the client's Accept-Encoding prefers (brotli at quality 4, for on-the-fly
 * compression), each with `Vary: Accept-Encoding`, also when it goes as it is; images and fonts
 * that are compressed already go as they are. The hook runs after the onSend hooks registered
 * before it: register this before any that changes a body. Bodies sent many times go through
 * `sendCompressed` instead, compressed once. @fastify/compress only decompresses request bodies:
 * its answers missed the 404 handler, and its negotiation read `*` as gzip, even refused.
 *
 * BREACH needs a secret that stays the same across responses, next to text the attacker chooses,
 * in responses the attacker can make the victim's browser request. The public pages' secrets are
 * capability links (/b/, /p/) whose own URL holds the token: whoever can make a browser request them
 * has the secret already. The booking answers (manage link) come only from a POST that a cross-site
 * page cannot send (same-origin check, JSON only on the API). The back office and staff pages are
 * left out (see `holdsSessionSecrets`).
 */
export const compressionPlugin = fp(async (app: FastifyInstance) => {
  await app.register(compress, { globalCompression: false });
  app.addHook('onSend', async (request, reply, payload) => {
    if (!(typeof payload === 'string' || Buffer.isBuffer(payload)) || !mayCompress(request, reply, payload)) return payload;
    addVary(reply, ['Accept-Encoding']);
    const encoding = encodingFor(request);
    if (!encoding) return payload;
    let bytes: Buffer;
    try {
      bytes = encodeOnce(encoding, Buffer.from(payload));
    } catch (error) {
      // Short of memory for a zlib context: the answer still goes, as it is.
      request.log.warn({ err: error }, 'compressing an answer failed: sent as it is');
      return payload;
    }
    reply.header('content-encoding', encoding).header('content-length', bytes.length);
    return bytes;
  });
});

/**
 * Sends `body` as the client's Accept-Encoding prefers, as the plugin compresses other answers,
 * but in the encoding made once for the body rather than compressed again; the plugin passes an
 * answer with a Content-Encoding on as it is. Only for text that holds no session secret (see
 * `holdsSessionSecrets`).
 */
export function sendCompressed(request: FastifyRequest, reply: FastifyReply, body: CompressedBody): FastifyReply {
  if (body.identity.length < COMPRESSION_THRESHOLD) return reply.send(body.identity);
  addVary(reply, ['Accept-Encoding']);
  const encoding = encodingFor(request);
  if (!encoding) return reply.send(body.identity);
  // Made before the header is set: if compressing fails, the error page goes out unlabelled.
  const bytes = body.in(encoding);
  return reply.header('content-encoding', encoding).send(bytes);
}
