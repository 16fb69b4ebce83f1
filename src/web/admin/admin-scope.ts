import formbody from '@fastify/formbody';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app-context.js';
import { recordActivityEvent } from '../../core/activity-log/activity-log.service.js';
import { resolveSession, type Session } from '../../core/staff/session.service.js';
import type { StaffMember } from '../../core/staff/staff.js';
import { BODY_LIMIT } from '../limits.js';
import { HttpError, notFoundHandler } from '../plugins/errors.js';
import { formField, parseFormBody } from '../form-body.js';
import { accountRoutes } from './account.routes.js';
import { activityRoutes } from './activities.routes.js';
import { bookingAdminRoutes } from './bookings.routes.js';
import { balanceRoutes } from './balances.routes.js';
import { invoiceFileRoutes } from './invoice-files.routes.js';
import { invoiceRegisterRoutes } from './invoices.routes.js';
import { phoneBookingRoutes } from './phone-booking.routes.js';
import { scheduleRoutes } from './schedule.routes.js';
import { securityRoutes } from './security.routes.js';
import { activityLogRoutes } from './activity-log.routes.js';
import { backupRoutes } from './backups.routes.js';
import { privacyRegisterRoutes } from './privacy-register.routes.js';
import { photoAdminRoutes } from './photos.routes.js';
import { adminAssetRoutes } from './admin-assets.routes.js';
// Declares request.staff and request.staffSession, which the hook below sets.
import './admin-request.js';
import { CSRF_FIELD, isValidCsrfToken } from '../csrf.js';
import { clearSessionCookie, SESSION_COOKIE } from './session-cookie.js';
import { staffRoutes } from './staff.routes.js';
import { venueAdminRoutes } from './venues.routes.js';
import { voucherRoutes } from './vouchers.routes.js';
import { discountRoutes } from './discounts.routes.js';
import { resourceRoutes } from './resources.routes.js';
import { personalDataRoutes } from './personal-data.routes.js';

/** Where the hook sends anyone without a verified session. */
export function loginUrl(reason?: 'expired'): string {
  return reason ? `/staff/login?reason=${reason}` : '/staff/login';
}

/**
 * The back office, everything under /admin. ONE hook guards the whole scope: no route, page or
 * action runs without a session that passed both password and second factor. Every response is
 * `no-store`; every POST needs the session's CSRF token (the app-wide same-origin check runs too).
 */
export async function adminScope(app: FastifyInstance, options: AppContext & { prefix?: string }): Promise<void> {
  const { prefix: _prefix, ...context } = options;
  const { db, clock, auth } = context;
  app.decorateRequest('staff', null as unknown as StaffMember);
  app.decorateRequest('staffSession', null as unknown as Session);
  await app.register(formbody, { bodyLimit: BODY_LIMIT, parser: parseFormBody });

  app.addHook('onRequest', async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    const lookup = token ? await resolveSession(db, clock, auth, token) : ({ state: 'none' } as const);
    if (lookup.state === 'valid' && lookup.session.twoFactorVerified) {
      request.staff = lookup.staff;
      request.staffSession = lookup.session;
      return;
    }
    if (token && lookup.state !== 'valid') clearSessionCookie(reply);
    return reply.seeOther(loginUrl(lookup.state === 'expired' ? 'expired' : undefined));
  });

  // Bodies are parsed after onRequest; the token is checked before any handler sees the body.
  app.addHook('preHandler', async (request) => {
    if (request.method === 'GET' || request.method === 'HEAD') return;
    if (!isValidCsrfToken(auth.secretKey, request.staffSession.tokenHash, formField(request.body, CSRF_FIELD))) {
      await recordActivityEvent(db, clock, {
        actor: request.staff,
        venueId: request.staff.venueId,
        action: 'security.csrf_refused',
        target: request.routeOptions.url ?? null,
      });
      throw new HttpError(403, 'forbidden');
    }
  });

  // Unknown admin URLs pass the hook too: without a session nobody learns which pages exist.
  app.setNotFoundHandler(notFoundHandler(app));

  await app.register(adminAssetRoutes);
  await app.register(accountRoutes, context);
  await app.register(activityRoutes, context);
  await app.register(venueAdminRoutes, context);
  await app.register(scheduleRoutes, context);
  await app.register(bookingAdminRoutes, context);
  await app.register(balanceRoutes, context);
  await app.register(invoiceFileRoutes, context);
  await app.register(invoiceRegisterRoutes, context);
  await app.register(phoneBookingRoutes, context);
  await app.register(staffRoutes, context);
  await app.register(activityLogRoutes, context);
  await app.register(securityRoutes, context);
  await app.register(backupRoutes, context);
  await app.register(privacyRegisterRoutes, context);
  await app.register(photoAdminRoutes, context);
  await app.register(discountRoutes, context);
  await app.register(voucherRoutes, context);
  await app.register(resourceRoutes, context);
  await app.register(personalDataRoutes, context);
}
