import type { Executor } from '../../db/schema.js';
import type { Clock } from '../shared/clock.js';
import { newId } from '../shared/ids.js';
import { listVenueNoticeEmails } from '../staff/staff.repository.js';
import type { MailKind, NewMail } from './mail.js';
import { insertOutboxMail } from './outbox.repository.js';

/** Queues a mail; pass the transaction that makes the change the mail reports. False when its dedupe key was queued before. */
export async function enqueueMail(db: Executor, clock: Clock, mail: NewMail): Promise<boolean> {
  return insertOutboxMail(db, { ...mail, id: newId(), at: clock.now().toISOString() });
}

/**
 * Queues a notice about a booking for each of its venue's managers and staff. Staff have no
 * language setting, so notices are rendered in Dutch and English together.
 */
export async function enqueueStaffNotice(
  db: Executor,
  clock: Clock,
  notice: { kind: Extract<MailKind, `staff_${string}`>; bookingId: string; venueId: string; detail?: NewMail['detail']; dedupeKey: string },
): Promise<void> {
  for (const recipient of await listVenueNoticeEmails(db, notice.venueId)) {
    const { kind, bookingId, detail, dedupeKey } = notice;
    await enqueueMail(db, clock, { kind, bookingId, recipient, language: 'nl', detail, dedupeKey: `${dedupeKey}:${recipient}` });
  }
}
