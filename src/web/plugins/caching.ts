import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

/**
 * How long a response of a route may be kept, for the routes that opt in with `config: { cache }`:
 * `page` a public catalogue page (it follows the visitor's language: Accept-Language or the `lang`
 * cookie), `data` public catalogue data the same for everyone, `asset` a file whose URL carries a
 * hash of its content. Availability may show a minute late; booking itself always checks.
 */
const POLICIES = {
  page: { cacheControl: 'public, max-age=60', vary: ['Accept-Language', 'Cookie'], indexable: true },
  data: { cacheControl: 'public, max-age=60', vary: [], indexable: false },
  asset: { cacheControl: 'public, max-age=31536000, immutable', vary: [], indexable: false },
} as const;

export type CachePolicy = keyof typeof POLICIES;

declare module 'fastify' {
  interface FastifyContextConfig {
    cache?: CachePolicy;
  }
}

/** The policy that applies to this request's answer, if it may be kept at all. */
function policyOf(request: FastifyRequest, reply: FastifyReply) {
  const policy = request.routeOptions.config?.cache;
  // Only a success without a cookie: a refusal or an error page may echo what was sent.
  if (!policy || reply.statusCode !== 200 || reply.hasHeader('set-cookie')) return undefined;
  return POLICIES[policy];
}

/** Whether a page may be indexed by search engines: a public catalogue page, answered with success. */
export function isIndexable(request: FastifyRequest): boolean {
  return request.routeOptions.config?.cache === 'page';
}

/** Adds the header names to Vary, each once. */
export function addVary(reply: FastifyReply, names: readonly string[]): void {
  if (names.length === 0) return;
  const current = String(reply.getHeader('vary') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const missing = names.filter((name) => !current.some((c) => c.toLowerCase() === name.toLowerCase()));
  reply.header('vary', [...current, ...missing].join(', '));
}

/**
 * `no-store` and `noindex` for every answer (set with the security headers, also on the errors
 * that skip the hooks), unless its route opts in to caching with `config: { cache }`: a new route
 * cannot leak personal data into a cache, or a private link into a search engine, by forgetting.
 */
export const cachingPlugin = fp(async (app: FastifyInstance) => {
  app.addHook('onSend', async (request, reply, payload) => {
    const policy = policyOf(request, reply);
    if (policy) {
      reply.header('cache-control', policy.cacheControl);
      addVary(reply, policy.vary);
      if (policy.indexable) reply.removeHeader('x-robots-tag');
    }
    return payload;
  });
});
