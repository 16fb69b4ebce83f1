import type { FastifyInstance } from 'fastify';
import { sessionScript } from '../admin-assets.js';

export async function adminAssetRoutes(app: FastifyInstance): Promise<void> {
  app.get(sessionScript.path, async (_request, reply) => reply.type(sessionScript.type).send(sessionScript.body.identity));
}
