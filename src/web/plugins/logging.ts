import type { FastifyServerOptions } from 'fastify';

/** Capability tokens in paths (`/b/<token>`) never reach a log line. */
export function redactPath(url: string): string {
  return url.replace(/^\/b\/[^/?#]*/, '/b/[redacted]');
}

/**
 * JSON logs without personal data: method, path (tokens redacted), status, time. No IP
 * addresses, no headers, no bodies.
 */
export function loggerOptions(level: string): FastifyServerOptions['logger'] {
  return {
    level,
    serializers: {
      req: (req: { method: string; url: string }) => ({ method: req.method, url: redactPath(req.url) }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  };
}
