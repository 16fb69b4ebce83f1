import type { FastifyInstance } from 'fastify';

/**
 * What crawlers may visit: the catalogue. Not the booking forms, the private links (manage `/b/`,
 * participants `/p/`), the back office (`/staff/`, `/admin/`) or the API; those pages also say
 * `noindex` themselves (caching.ts), for a link a crawler finds elsewhere.
 */
const ROBOTS_TXT = [
  'User-agent: *',
  'Allow: /',
  ...['/book/', '/b/', '/p/', '/staff/', '/admin/', '/api/', '/language'].map((path) => `Disallow: ${path}`),
  '',
].join('\n');

export async function robotsRoutes(app: FastifyInstance): Promise<void> {
  app.get('/robots.txt', { config: { cache: 'data' } }, async (_request, reply) =>
    reply.type('text/plain; charset=utf-8').send(ROBOTS_TXT),
  );
}
