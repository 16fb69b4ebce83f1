import type { Executor } from '../../db/schema.js';
import type { Clock } from '../shared/clock.js';
import { newId } from '../shared/ids.js';
import type { NewMail, StoredSnapshot } from './mail.js';
import { insertOutboxMail } from './outbox.repository.js';

/**
 * Queues a mail; pass the transaction that makes the change the mail reports. `snapshot` is the
 * booking's facts as they are then, for a mail about a booking: queue those with
 * `enqueueBookingMail` (bookings/mail-snapshot.ts), which takes it. Null for a mail that concerns
 * no booking (an alert, an account mail): the outbox knows nothing of bookings. False when its
 * dedupe key was queued before.
 */
export async function enqueueMail(db: Executor, clock: Clock, mail: NewMail, snapshot: StoredSnapshot | null): Promise<boolean> {
  return insertOutboxMail(db, { ...mail, id: newId(), at: clock.now().toISOString(), snapshot: snapshot ?? undefined });
}
