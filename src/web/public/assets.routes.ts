import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';

/**
 * The self-hosted assets, read once; each URL carries a hash of the content so it can be cached
 * forever. From src/web/public or dist/web/public alike, the repository root is three levels up.
 */
export function asset(file: string, type: string) {
  const body = readFileSync(new URL(`../../../assets/${file}`, import.meta.url));
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
  const [name, extension] = file.split('.');
  return { path: `/assets/${name}.${hash}.${extension}`, type, body };
}

const stylesheet = asset('app.css', 'text/css; charset=utf-8');
const icon = asset('logo.svg', 'image/svg+xml');

export const STYLESHEET_PATH = stylesheet.path;
export const ICON_PATH = icon.path;

export async function assetRoutes(app: FastifyInstance): Promise<void> {
  for (const { path, type, body } of [stylesheet, icon]) {
    app.get(path, { config: { cache: 'asset' } }, async (_request, reply) => reply.type(type).send(body));
  }
}
