import type { TLSSocket } from 'node:tls';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { sendError } from './errors.js';

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

/** 421: the request names another host. 400: it names none, or names one twice. */
export type HostRefusal = 400 | 421;

/** The values of a header in the request as it came, however many times it came. */
function rawHeaderValues(request: FastifyRequest, name: string): string[] {
  const raw = request.raw.rawHeaders;
  const values: string[] = [];
  for (let i = 0; i < raw.length; i += 2) if (raw[i]!.toLowerCase() === name) values.push(raw[i + 1]!);
  return values;
}

/** The authority of an absolute-form request target (`GET https://x.example/ HTTP/1.1`); null when the target is a path. */
function targetAuthority(target: string): string | null | undefined {
  if (target.startsWith('/') || target === '*') return null;
  try {
    return new URL(target).host;
  } catch {
    return undefined;
  }
}

/**
 * Whether a request is for another host than the public URL's, by every name it carries: the Host
 * header (exactly one), the HTTP/2 `:authority`, the authority of an absolute-form target, and the
 * server name (SNI) its TLS connection asked for. Each must be the public host; any other is 421.
 */
export function hostRefusals(publicUrl: string): (request: FastifyRequest) => HostRefusal | undefined {
  const hosts = acceptedHosts(publicUrl);
  const hostname = new URL(publicUrl).hostname;
  return (request) => {
    const host = rawHeaderValues(request, 'host');
    const authority = rawHeaderValues(request, ':authority');
    const target = targetAuthority(request.raw.url ?? '');
    if (host.length > 1 || authority.length > 1 || target === undefined) return 400;
    const names = [...host, ...authority, ...(target === null ? [] : [target])];
    if (names.length === 0) return 400;
    if (names.some((name) => !hosts.has(name.toLowerCase()))) return 421;
    // `servername` is false or undefined without SNI (a client that connected by address).
    const servername = (request.raw.socket as TLSSocket | undefined)?.servername;
    if (typeof servername === 'string' && servername.toLowerCase() !== hostname) return 421;
    return undefined;
  };
}

/** 421 Misdirected Request with no content; 400 as every bad request (the API's `{ code, message }`, or a page). */
export function refuseHost(request: FastifyRequest, reply: FastifyReply, refusal: HostRefusal): FastifyReply {
  if (refusal === 421) return reply.code(421).send();
  return sendError(request, reply, 400, 'http.bad_request', 'bad_request');
}

/**
 * Host separation: a request for any other host (the public website's, an IP address, anything)
 * gets 421 with no content before any route, asset, 404 or health check runs. (Requests the
 * router rejects before this hook, such as a malformed URL, are caught in `buildApp`.)
 */
export const hostCheckPlugin = fp(async (app: FastifyInstance, { publicUrl }: { publicUrl: string }) => {
  const refusal = hostRefusals(publicUrl);
  app.addHook('onRequest', async (request, reply) => {
    const refused = refusal(request);
    if (refused) return refuseHost(request, reply, refused);
  });
});
