import compress from '@fastify/compress';
import { negotiate } from '@fastify/accept-negotiator';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { type CompressedBody, ENCODINGS } from '../compressed-body.js';
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

/**
 * Text responses (HTML, CSS, JSON, SVG) of 1 KiB and more go brotli or gzip compressed, as the
 * client's Accept-Encoding prefers (brotli at quality 4, the plugin's choice for on-the-fly
 * compression), with `Vary: Accept-Encoding`; images and fonts that are compressed already go as
 * they are. Routes are hooked as they are added: register this before them. Bodies sent many times
 * go through `sendCompressed` instead, compressed once.
 *
 * BREACH needs a secret that stays the same across responses, next to text the attacker chooses,
 * in responses the attacker can make the victim's browser request. The public pages' secrets are
 * capability links (/b/, /p/) whose own URL holds the token: whoever can make a browser request them
 * has the secret already. The booking answers (manage link) come only from a POST that a cross-site
 * page cannot send (same-origin check, JSON only on the API). The back office and staff pages are
 * left out (see `holdsSessionSecrets`).
 */
export const compressionPlugin = fp(async (app: FastifyInstance) => {
  // Before the plugin's own onRoute hook, which reads `compress` from each route.
  app.addHook('onRoute', (route) => {
    if (holdsSessionSecrets(route.url ?? '')) route.compress = false;
  });
  await app.register(compress, { encodings: ['br', 'gzip'], threshold: COMPRESSION_THRESHOLD });
});

/**
 * Sends `body` as the client's Accept-Encoding prefers, like the plugin (its negotiation, `*` and
 * `x-gzip` read as gzip; no header, or `x-no-compression`: identity), but in the encoding made
 * once for the body rather than compressed again; the plugin passes an answer with a
 * Content-Encoding on as it is. Only for text that holds no session secret (see
 * `holdsSessionSecrets`).
 */
export function sendCompressed(request: FastifyRequest, reply: FastifyReply, body: CompressedBody): FastifyReply {
  if (body.identity.length < COMPRESSION_THRESHOLD) return reply.send(body.identity);
  addVary(reply, ['Accept-Encoding']);
  const accepted = request.headers['accept-encoding'];
  // As the plugin: a client that sends x-no-compression gets the identity body.
  const encoding =
    accepted && request.headers['x-no-compression'] === undefined
      ? negotiate(accepted.toLowerCase().replace(/\*|x-gzip/gu, 'gzip'), [...ENCODINGS])
      : null;
  if (!encoding) return reply.send(body.identity);
  // Made before the header is set: if compressing fails, the error page goes out unlabelled.
  const bytes = body.in(encoding);
  return reply.header('content-encoding', encoding).send(bytes);
}
