import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';

// One stylesheet, read once; its URL carries a hash of its content so it can be cached forever.
// From src/web/public or dist/web/public alike, the repository root is three levels up.
const css = readFileSync(new URL('../../../assets/app.css', import.meta.url));
const hash = createHash('sha256').update(css).digest('hex').slice(0, 12);

export const STYLESHEET_PATH = `/assets/app.${hash}.css`;

export async function assetRoutes(app: FastifyInstance): Promise<void> {
  app.get(STYLESHEET_PATH, async (_request, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=31536000, immutable').send(css),
  );
}
