import type { FastifyInstance } from 'fastify';
import { copyLinkScript, icon, stylesheet } from '../public-assets.js';

export async function assetRoutes(app: FastifyInstance): Promise<void> {
  for (const { path, type, body } of [stylesheet, icon, copyLinkScript]) {
    app.get(path, { config: { cache: 'asset' } }, async (_request, reply) => reply.type(type).send(body));
  }
}
