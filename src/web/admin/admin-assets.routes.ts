import type { FastifyInstance } from 'fastify';
import { asset } from '../public/assets.routes.js';

/**
 * The back office's only script, the warning before the idle timeout (pages work without it).
 * Served inside /admin, so like everything there it needs a verified session.
 */
const sessionScript = asset('admin-session.js', 'text/javascript; charset=utf-8');

export const SESSION_SCRIPT_PATH = `/admin${sessionScript.path}`;

export async function adminAssetRoutes(app: FastifyInstance): Promise<void> {
  app.get(sessionScript.path, async (_request, reply) => reply.type(sessionScript.type).send(sessionScript.body));
}
