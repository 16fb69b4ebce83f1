import type { FastifyReply, FastifyRequest } from 'fastify';
import { clientNetwork } from '../../core/activity-log/activity-log.js';
import type { StaffActor } from '../../core/booking-flows/booking-admin.service.js';
import { DomainError } from '../../core/shared/errors.js';
import type { ClientInfo } from '../../core/staff/login.service.js';
import { isOutage, noteOutage, markUnavailable, statusOfDomainError } from '../plugins/errors.js';
import type { Ui } from '../views/ui.js';

/** The signed-in member and their client's network: who makes a change in the back office. */
export function staffActorOf(request: FastifyRequest): StaffActor {
  return { member: request.staff, client: clientOf(request).network };
}

/** The client as the activity log and the throttles see it: its network, never the full address. */
export function clientOf(request: FastifyRequest): ClientInfo {
  return { network: clientNetwork(request.ip), userAgent: String(request.headers['user-agent'] ?? '') };
}

/**
 * A refusal of the auth domain, for a form to show: its status and translated message; a wait
 * also goes out as Retry-After. The database's unavailability too, as 503 with Retry-After: the
 * form is drawn again (with the email typed, never a password or code), which the error handler's
 * page cannot do, as these forms hold secrets. Anything else is rethrown for the error handler.
 */
export function authRefusal(error: unknown, ui: Ui, reply: FastifyReply): { status: number; message: string } {
  if (isOutage(error)) {
    noteOutage(reply.request, error);
    markUnavailable(reply);
    return { status: 503, message: ui.t('http.unavailable') };
  }
  if (!(error instanceof DomainError)) throw error;
  const status = statusOfDomainError(error.code);
  if (error.code === 'throttled') {
    const seconds = Number(error.details.retryAfter ?? 60);
    reply.header('retry-after', String(seconds));
    return { status, message: ui.t('error.throttled', { minutes: Math.max(1, Math.ceil(seconds / 60)) }) };
  }
  return { status, message: ui.t(`error.${error.code}`) };
}
