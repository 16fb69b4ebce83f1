import type { FastifyInstance, FastifyReply } from 'fastify';
import fp from 'fastify-plugin';

declare module 'fastify' {
  interface FastifyReply {
    /** 303 See Other to a path on this site; a target that would leave it (or cannot go in a header) becomes `/`. */
    seeOther(target: string): FastifyReply;
    /** 308 Permanent Redirect (a page that moved), to a path on this site as `seeOther`. */
    movedTo(target: string): FastifyReply;
    /** 303 See Other to a payment provider's hosted checkout (see `checkoutTarget`): the one redirect that leaves the site. */
    toCheckout(url: string): FastifyReply;
  }
}

/** Visible ASCII only: no control character, no whitespace (which browsers strip), nothing a header cannot hold. */
const PRINTABLE_ASCII = /^[!-~]+$/;

/**
 * The path (with query and fragment) that `target` names on the public URL's origin, or `/` when
 * it names another origin, holds anything but printable ASCII, or would read as another host once
 * sent back (`//evil.example`). Parsed as a browser does (WHATWG URL), so `/\evil.example` and
 * `/./\/evil.example` are caught as well.
 */
export function sameOriginPath(target: string, publicUrl: string): string {
  if (!PRINTABLE_ASCII.test(target)) return '/';
  const base = new URL(publicUrl);
  let url: URL;
  try {
    url = new URL(target, base);
  } catch {
    return '/';
  }
  const path = `${url.pathname}${url.search}${url.hash}`;
  return url.origin === base.origin && !path.startsWith('//') ? path : '/';
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * The checkout URL the provider gave, when it may be redirected to: an absolute https URL (plain
 * http only on loopback, where the tests' stand-in serves its checkout) of printable ASCII without
 * user information; else undefined. It comes from the provider's API, never from a request.
 */
export function checkoutTarget(url: string): string | undefined {
  if (!PRINTABLE_ASCII.test(url)) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.username !== '' || parsed.password !== '') return undefined;
  if (parsed.protocol === 'https:' || (parsed.protocol === 'http:' && LOOPBACK.has(parsed.hostname))) return parsed.href;
  return undefined;
}

/** `reply.seeOther(target)` and `reply.movedTo(target)`: every redirect the app makes goes through `sameOriginPath`. */
export const redirectsPlugin = fp(async (app: FastifyInstance, { publicUrl }: { publicUrl: string }) => {
  app.decorateReply('seeOther', function (this: FastifyReply, target: string) {
    return this.redirect(sameOriginPath(target, publicUrl), 303);
  });
  app.decorateReply('movedTo', function (this: FastifyReply, target: string) {
    return this.redirect(sameOriginPath(target, publicUrl), 308);
  });
  app.decorateReply('toCheckout', function (this: FastifyReply, url: string) {
    const target = checkoutTarget(url);
    if (!target) throw new Error('the payment provider gave a checkout URL that is not https');
    return this.redirect(target, 303);
  });
});
