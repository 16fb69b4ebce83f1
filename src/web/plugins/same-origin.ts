import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { HttpError } from './errors.js';

/**
 * CSRF defence for every state-changing request: a browser that says the request comes from
 * another site (Sec-Fetch-Site) or another origin (Origin) is refused before any handler runs.
 * Clients that send neither header (API integrations, curl) are not browsers and pass.
 */
export const sameOriginPlugin = fp(async (app: FastifyInstance, { publicUrl }: { publicUrl: string }) => {
  const publicOrigin = new URL(publicUrl).origin;
  app.addHook('onRequest', async (request) => {
    if (request.method === 'GET' || request.method === 'HEAD') return;
    const site = request.headers['sec-fetch-site'];
    if (site !== undefined && site !== 'same-origin' && site !== 'none') throw new HttpError(403, 'forbidden');
    const origin = request.headers.origin;
    // Under `Referrer-Policy: no-referrer` a browser's own form posts say `Origin: null`; its
    // Sec-Fetch-Site (which no page can set) then tells whether the post came from this origin.
    if (origin === 'null' && site === 'same-origin') return;
    // The platform's public origin, or the origin this request reached directly (development, tests).
    if (origin !== undefined && origin !== publicOrigin && origin !== `${request.protocol}://${request.host}`) {
      throw new HttpError(403, 'forbidden');
    }
  });
});
