import type { Executor } from '../../db/schema.js';
import type { MailKind, NewMail } from '../outbox/mail.js';
import { enqueueMail } from '../outbox/outbox.service.js';
import type { Clock } from '../shared/clock.js';
import { listVenueNoticeEmails } from '../staff/staff.repository.js';

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
