import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { isApiRequest, sendError } from './errors.js';

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

/** 421: the request names another host. 400: it names none, names one twice, or carries userinfo. */
export type HostRefusal = 400 | 421;

/** What the check reads of a request: Node's IncomingMessage, or the HTTP/2 compatibility request. */
export type HostedRequest = Pick<IncomingMessage, 'rawHeaders' | 'url' | 'socket'>;

/** The values of a header in the request as it came, however many times it came. */
function rawHeaderValues(request: HostedRequest, name: string): string[] {
  const raw = request.rawHeaders;
  const values: string[] = [];
  for (let i = 0; i < raw.length; i += 2) if (raw[i]!.toLowerCase() === name) values.push(raw[i + 1]!);
  return values;
}

/** An absolute-form request target (`GET https://x.example/ HTTP/1.1`); null when the target is a path, undefined when it is not a URL. */
function absoluteTarget(target: string): URL | null | undefined {
  if (target.startsWith('/') || target === '*') return null;
  try {
    return new URL(target);
  } catch {
    return undefined;
  }
}

/**
 * The host check for requests to the given origins (the public URL's, for the app): whether a
 * request is for another origin than these, by every name it carries. The Host header (exactly
 * one) and the HTTP/2 `:authority` must each be one of their hosts; an absolute-form target must
 * have one of their origins exactly (scheme, host and port; no userinfo, which is 400); the server
 * name (SNI) its TLS connection asked for must be their host name. Any other is 421.
 */
export function hostRefusals(origins: string[]): (request: HostedRequest) => HostRefusal | undefined {
  const urls = origins.map((origin) => new URL(origin));
  const hosts = new Set(urls.flatMap((url) => [...acceptedHosts(url.href)]));
  const accepted = new Set(urls.map((url) => url.origin));
  const hostnames = new Set(urls.map((url) => url.hostname));
  return (request) => {
    const host = rawHeaderValues(request, 'host');
    const authority = rawHeaderValues(request, ':authority');
    const target = absoluteTarget(request.url ?? '');
    if (host.length > 1 || authority.length > 1 || target === undefined) return 400;
    if (target && (target.username !== '' || target.password !== '')) return 400;
    const names = [...host, ...authority];
    if (names.length === 0 && !target) return 400;
    if (names.some((name) => !hosts.has(name.toLowerCase()))) return 421;
    if (target && !accepted.has(target.origin)) return 421;
    // `servername` is false or undefined without SNI (a client that connected by address).
    const servername = (request.socket as TLSSocket | null | undefined)?.servername;
    if (typeof servername === 'string' && !hostnames.has(servername.toLowerCase())) return 421;
    return undefined;
  };
}

/**
 * 421 Misdirected Request: with no content, but on the API with its `{ code, message }` like every
 * API answer; 400 as every bad request (the API's `{ code, message }`, or a page).
 */
export function refuseHost(request: FastifyRequest, reply: FastifyReply, refusal: HostRefusal): FastifyReply {
  if (refusal === 421) {
    return isApiRequest(request)
      ? sendError(request, reply, 421, 'http.misdirected_request', 'misdirected_request')
      : reply.code(421).send();
  }
  return sendError(request, reply, 400, 'http.bad_request', 'bad_request');
}

/**
 * Host separation: a request for any other host (the public website's, an IP address, anything)
 * gets 421 with no content before any route, asset, 404 or health check runs. (Requests the
 * router rejects before this hook, such as a malformed URL, are caught in `buildApp`.)
 */
export const hostCheckPlugin = fp(async (app: FastifyInstance, { publicUrl }: { publicUrl: string }) => {
  const refusal = hostRefusals([publicUrl]);
  app.addHook('onRequest', async (request, reply) => {
    const refused = refusal(request.raw);
    if (refused) return refuseHost(request, reply, refused);
  });
});
