import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

/**
 * The Host values under which the platform answers: the host[:port] of its public URL, also with
 * the scheme's default port written out (`bookings.groupz.now:443`), as some clients send it.
 */
export function acceptedHosts(publicUrl: string): Set<string> {
  const url = new URL(publicUrl);
  const hosts = new Set([url.host]);
  if (url.port === '') hosts.add(`${url.host}:${url.protocol === 'https:' ? 443 : 80}`);
  return hosts;
}

/** Whether a request is for another host than the public URL's (HTTP/2: by its :authority). */
export function misdirectedRequests(publicUrl: string): (request: FastifyRequest) => boolean {
  const hosts = acceptedHosts(publicUrl);
  return (request) => !hosts.has(request.host.toLowerCase());
}

/** 421 Misdirected Request, with no content. */
export function refuseMisdirected(reply: FastifyReply): FastifyReply {
  return reply.code(421).send();
}

/**
 * Host separation: a request for any other host (the public website's, an IP address, anything)
 * gets 421 with no content before any route, asset, 404 or health check runs. (Requests the
 * router rejects before this hook, such as a malformed URL, are caught in `buildApp`.)
 */
export const hostCheckPlugin = fp(async (app: FastifyInstance, { publicUrl }: { publicUrl: string }) => {
  const misdirected = misdirectedRequests(publicUrl);
  app.addHook('onRequest', async (request, reply) => {
    if (misdirected(request)) return refuseMisdirected(reply);
  });
});
