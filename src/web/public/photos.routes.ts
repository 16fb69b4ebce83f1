import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app-context.js';
import { parsePhotoPath } from '../../core/photos/photo.js';
import { photoBytes } from '../../core/photos/photo.service.js';
import { DomainError } from '../../core/shared/errors.js';

/**
 * The photos' bytes, from the platform's own origin (no third party sees a visitor). A photo's
 * variants never change under their address (a new upload is a new photo), so they are cached for
 * good; a deleted photo answers 404.
 */
export async function photoRoutes(app: FastifyInstance, { db }: AppContext): Promise<void> {
  app.get<{ Params: { name: string } }>('/photos/:name', { config: { cache: 'asset' } }, async (request, reply) => {
    const variant = parsePhotoPath(request.params.name);
    const bytes = variant && (await photoBytes(db, variant.id, variant.width, variant.format));
    if (!bytes) throw new DomainError('not_found');
    return reply.type(`image/${variant.format}`).send(bytes);
  });
}
