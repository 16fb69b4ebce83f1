import type { Executor } from '../../db/schema.js';
import { takeMailSnapshot } from '../mail/mail-snapshot.js';
import type { Clock } from '../shared/clock.js';
import { newId } from '../shared/ids.js';
import { isAccountKind, isAlertKind, type NewMail } from './mail.js';
import { insertOutboxMail } from './outbox.repository.js';

/**
 * Queues a mail; pass the transaction that makes the change the mail reports (after the change:
 * a mail about a booking keeps the booking's facts as they are then, see mail-snapshot.ts). False
 * when its dedupe key was queued before.
 */
export async function enqueueMail(db: Executor, clock: Clock, mail: NewMail): Promise<boolean> {
  const snapshot =
    mail.bookingId !== null && !isAlertKind(mail.kind) && !isAccountKind(mail.kind)
      ? await takeMailSnapshot(db, mail.bookingId)
      : undefined;
  return insertOutboxMail(db, { ...mail, id: newId(), at: clock.now().toISOString(), snapshot });
}
