import type { FastifyInstance } from 'fastify';
import { copyLinkScript, icon, stylesheet } from '../public-assets.js';
import { sendCompressed } from '../plugins/compression.js';

export async function assetRoutes(app: FastifyInstance): Promise<void> {
  for (const { path, type, body } of [stylesheet, icon, copyLinkScript]) {
    app.get(path, { config: { cache: 'asset' } }, async (request, reply) => sendCompressed(request, reply.type(type), body));
  }
}
