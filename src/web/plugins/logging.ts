import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { type DestinationStream, type Logger, pino } from 'pino';

/**
 * JSON logs (pino) at the configured level, for the app and the servers around it, on stdout unless
 * a destination is given. `time` is an ISO 8601 instant in UTC (`"2026-12-05T09:40:00.000Z"`), readable
 * without converting epoch milliseconds. Fastify's own request logging is off: see below.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino({ level, timestamp: pino.stdTimeFunctions.isoTime }, destination);
}

/**
 * One line per request with method, the matched route's pattern (`/b/:token`, never the path
 * itself), status and duration. So no capability token, no query string and no personal data can
 * reach a log, whatever encoding a client uses in the URL; and no IP addresses are logged.
 */
export const requestLogPlugin = fp(async (app: FastifyInstance) => {
  app.addHook('onResponse', async (request, reply) => {
    request.log.info(
      {
        method: request.method,
        route: request.routeOptions.url ?? '(no route)',
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
      },
      'request',
    );
  });
});
