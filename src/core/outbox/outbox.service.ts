import type { Executor } from '../../db/schema.js';
import type { Clock } from '../shared/clock.js';
import { newId } from '../shared/ids.js';
import type { PlatformMail } from './mail.js';
import { insertOutboxMail } from './outbox.repository.js';

/**
 * Queues a mail that concerns no booking (an alert, an account mail); pass the transaction that
 * makes the change the mail reports. A mail about a booking is queued with the booking's facts by
 * `enqueueBookingMail` (bookings/mail-snapshot.ts): the types keep each kind to its way, so no
 * booking mail is queued without them. False when its dedupe key was queued before.
 */
export async function enqueueMail(db: Executor, clock: Clock, mail: PlatformMail): Promise<boolean> {
  return insertOutboxMail(db, { ...mail, id: newId(), at: clock.now().toISOString() });
}
