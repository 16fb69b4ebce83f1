import type { FastifyReply } from 'fastify';
import { formatTime } from '../../core/i18n/format.js';
import type { Clock } from '../../core/shared/clock.js';
import { DomainError } from '../../core/shared/errors.js';
import type { Ui } from '../views/ui.js';

/** Whether placing a booking was refused by the booking limits. */
export function isThrottled(error: unknown): error is DomainError {
  return error instanceof DomainError && error.code === 'throttled';
}

/** The seconds a throttled request is to wait, at least 1. */
export function retryAfterSeconds(error: DomainError): number {
  return Math.max(1, Number(error.details.retryAfter ?? 60));
}

/**
 * A booking (or another public request, with its own `key`) the limits refused: Retry-After on the
 * reply (its status is the catalogue's for `throttled`), and the translated message naming the
 * minute (Amsterdam time) from which it works again.
 */
export function refuseThrottled(
  error: DomainError,
  ui: Ui,
  reply: FastifyReply,
  clock: Clock,
  key: 'error.booking_throttled' | 'lost_link.throttled' = 'error.booking_throttled',
): string {
  const seconds = retryAfterSeconds(error);
  reply.header('retry-after', String(seconds));
  const minute = Math.ceil((clock.now().getTime() + seconds * 1000) / 60_000) * 60_000;
  return ui.t(key, { time: formatTime(new Date(minute)) });
}
