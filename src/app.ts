import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import type { Http2SecureServer } from 'node:http2';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyHttp2SecureOptions,
  type FastifyInstance,
  type FastifyServerOptions,
  LogController,
} from 'fastify';
import { sharpImages } from './adapters/images/sharp-images.js';
import { DEFAULT_RETENTION, type RetentionLimits } from './core/privacy/retention.js';
import { mollieProvider } from './adapters/mollie/mollie-provider.js';
import type { PaymentSettings } from './core/payments/payment-settings.js';
import type { ImageProcessor } from './core/photos/photo.js';
import { type BookingLimits, DEFAULT_BOOKING_LIMITS } from './core/bookings/booking-limits.js';
import { deriveLinkKey } from './core/shared/link-key.js';
import { pingDatabase } from './db/ping.js';
import { adminScope } from './web/admin/admin-scope.js';
import type { AppContext } from './web/app-context.js';
import { staffAuthRoutes } from './web/admin/staff-auth.routes.js';
import { SESSION_COOKIE } from './web/admin/session-cookie.js';
import { BODY_LIMIT } from './web/limits.js';
import type { HttpsServerOptions } from './server/https-server.js';
import { type CachePolicy, cachingPlugin } from './web/plugins/caching.js';
import { errorsPlugin, noteOutage, markUnavailable, replyToError } from './web/plugins/errors.js';
import { answerClientError } from './web/plugins/client-errors.js';
import { compressionPlugin } from './web/plugins/compression.js';
import { hostCheckPlugin, hostRefusals, refuseHost } from './web/plugins/host-check.js';
import { LANGUAGE_COOKIE, languagePlugin } from './web/plugins/language.js';
import { requestLogPlugin } from './web/plugins/logging.js';
import { redirectsPlugin } from './web/plugins/redirects.js';
import { sameOriginPlugin } from './web/plugins/same-origin.js';
import { addSecurityHeaders, securityHeadersPlugin } from './web/plugins/security-headers.js';
import { activityRoutes } from './web/public/activities.routes.js';
import { apiRoutes } from './web/public/api.routes.js';
import { assetRoutes } from './web/public/assets.routes.js';
import { bookingRoutes } from './web/public/booking.routes.js';
import { venueRoutes } from './web/public/venues.routes.js';
import { voucherSaleRoutes } from './web/public/voucher-sale.routes.js';
import { calendarRoutes } from './web/public/calendar.routes.js';
import { invoiceRoutes } from './web/public/invoices.routes.js';
import { languageRoutes } from './web/public/language.routes.js';
import { lostLinkRoutes } from './web/public/lost-link.routes.js';
import { manageRoutes } from './web/public/manage.routes.js';
import { manageDataRoutes } from './web/public/manage-data.routes.js';
import { participantRoutes } from './web/public/participants.routes.js';
import { paymentRoutes } from './web/public/payments.routes.js';
import { photoRoutes } from './web/public/photos.routes.js';
import { privacyRoutes } from './web/public/privacy.routes.js';
import { robotsRoutes } from './web/public/robots.routes.js';
import { parseFormBody } from './web/form-body.js';

export interface AppOptions extends Omit<AppContext, 'linkKey' | 'bookingLimits' | 'images' | 'payments' | 'retention'> {
  /** Default: sharp (src/adapters/images/sharp-images.ts). */
  images?: ImageProcessor;
  /** Default: Mollie's own API, no platform key (online payment only with a venue's key), a 30-minute window. */
  payments?: PaymentSettings;
  /** Default: the limits `groupz serve` has by default. */
  bookingLimits?: BookingLimits;
  /** Default: the periods `groupz serve` has by default. */
  retention?: RetentionLimits;
  logger?: FastifyServerOptions['logger'];
  /** A logger `serve` also gives the servers around the app (instead of `logger`). */
  loggerInstance?: FastifyBaseLogger;
  /** HTTPS with HTTP/2 and HTTP/1.1 (src/server/https-server.ts); without it, plain HTTP/1.1. */
  https?: HttpsServerOptions | undefined;
  /**
   * Called after each answered request that may have changed something (any method but GET, HEAD
   * and OPTIONS): `serve` sends the mails such a change queued then, not at the outbox's next poll.
   */
  afterChange?: (() => void) | undefined;
}

/** Each route's method and URL as registered, and the cache policy it opts in to (caching.ts). */
export type RouteInventory = { method: string; url: string; cache?: CachePolicy | undefined }[];

declare module 'fastify' {
  interface FastifyInstance {
    routeInventory: RouteInventory;
  }
}

const READ_ONLY_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The routes check what they take with zod and write their answers themselves: no route has a
 * Fastify schema. Compilers of their own spare Fastify loading its defaults (ajv and
 * fast-json-stringify, about 20 ms of a start); a route given a schema fails the app's start.
 */
function noRouteSchemas(): never {
  throw new Error('routes check their input with zod; Fastify schemas are not compiled (src/app.ts)');
}

/** The Fastify app with every route, not listening: `serve` listens, tests inject. */
export async function buildApp({ logger = false, loggerInstance, https, afterChange, ...options }: AppOptions): Promise<FastifyInstance> {
  const context: AppContext = {
    ...options,
    bookingLimits: options.bookingLimits ?? DEFAULT_BOOKING_LIMITS,
    images: options.images ?? sharpImages,
    retention: options.retention ?? DEFAULT_RETENTION,
    payments: options.payments ?? { provider: mollieProvider(), platformKey: null, windowMinutes: 30 },
    linkKey: deriveLinkKey(options.auth.secretKey),
  };
  const hostRefusal = hostRefusals([context.publicUrl]);
  const settings: FastifyServerOptions = {
    ...(loggerInstance ? { loggerInstance } : { logger }),
    // Fastify's own request logs would hold the URL (capability tokens): requestLogPlugin logs instead.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: BODY_LIMIT,
    // Serving's drain (src/server/connection-drain.ts) answers what arrives on an open connection
    // while it stops, with `Connection: close`, rather than a 503 for the client to retry.
    return503OnClosing: false,
    // Errors the router meets before a route runs (bad URL encoding, over-long parameters).
    frameworkErrors: (error, request, reply) => {
      // The router's refusals skip the hooks: the headers and the host rule apply to them as well.
      addSecurityHeaders(reply);
      const refused = hostRefusal(request.raw);
      return refused ? refuseHost(request, reply, refused) : replyToError(error, request, reply);
    },
    // Requests the HTTP parser refuses before the app sees them: answered in contract too.
    clientErrorHandler: answerClientError,
    schemaController: { compilersFactory: { buildValidator: () => noRouteSchemas, buildSerializer: () => noRouteSchemas } },
  };
  // Over HTTP/2 the routes see the same request and reply API (Node's compatibility layer), so the
  // app keeps one type whichever server carries it.
  const app = https
    ? (Fastify({ ...settings, ...https } as unknown as FastifyHttp2SecureOptions<Http2SecureServer>) as unknown as FastifyInstance)
    : // A request without Host reaches the host check (400 in contract) instead of Node's bare 400.
      Fastify({ ...settings, http: { requireHostHeader: false } });
  // Only the body types the surfaces use; anything else (text/plain included) gets 415.
  app.removeContentTypeParser('text/plain');
  // Every route, as registered, for the tests that enumerate them (the admin guard test among them).
  const routes: RouteInventory = [];
  app.decorate('routeInventory', routes);
  app.addHook('onRoute', ({ method, url, config }) => {
    for (const m of [method].flat()) routes.push({ method: m, url, cache: config?.cache });
  });
  // First, so that a request for another host reaches nothing else (421, no content).
  await app.register(hostCheckPlugin, { publicUrl: context.publicUrl });
  await app.register(requestLogPlugin);
  if (afterChange) {
    app.addHook('onResponse', async (request) => {
      if (!READ_ONLY_METHODS.has(request.method)) afterChange();
    });
  }
  await app.register(cookie);
  await app.register(securityHeadersPlugin);
  // Before the routes: it hooks each route as it is added.
  await app.register(compressionPlugin);
  await app.register(cachingPlugin);
  await app.register(languagePlugin);
  await app.register(sameOriginPlugin, { publicUrl: context.publicUrl });
  await app.register(errorsPlugin, { clock: context.clock });
  await app.register(redirectsPlugin, { publicUrl: context.publicUrl });

  // JSON whatever happens, for a load balancer or systemd: 200 when the database answers and has
  // refused no request lately (SQLite's full disk refuses writes but answers reads), else 503
  // naming the check that failed (never why: no internals).
  app.get('/healthz', async (request, reply) => {
    const unavailable = () =>
      markUnavailable(reply)
        .code(503)
        .send({ status: 'unavailable', checks: { database: 'unavailable' } });
    try {
      await pingDatabase(context.db);
    } catch (error) {
      noteOutage(request, error);
      return unavailable();
    }
    if (app.databaseRefusals.recent()) return unavailable();
    return reply.send({ status: 'ok' });
  });
  await app.register(assetRoutes);
  await app.register(robotsRoutes);
  await app.register(photoRoutes, context);
  // The HTML surface takes urlencoded forms; the API takes JSON only.
  await app.register(async (pages) => {
    await pages.register(formbody, { bodyLimit: BODY_LIMIT, parser: parseFormBody });
    await pages.register(languageRoutes, context);
    await pages.register(activityRoutes, context);
    await pages.register(bookingRoutes, context);
    await pages.register(manageRoutes, context);
    await pages.register(manageDataRoutes, context);
    await pages.register(paymentRoutes, context);
    await pages.register(lostLinkRoutes, context);
    await pages.register(participantRoutes, context);
    await pages.register(calendarRoutes, context);
    await pages.register(invoiceRoutes, context);
    await pages.register(venueRoutes, context);
    await pages.register(privacyRoutes, { ...context, cookies: { language: LANGUAGE_COOKIE, session: SESSION_COOKIE } });
    await pages.register(voucherSaleRoutes, context);
    await pages.register(staffAuthRoutes, { ...context, prefix: '/staff' });
  });
  await app.register(adminScope, { ...context, prefix: '/admin' });
  await app.register(apiRoutes, { ...context, prefix: '/api/v1' });
  return app;
}
