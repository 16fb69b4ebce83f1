import type { Executor } from '../../db/schema.js';
import type { BookingMail, MailKind, NewMail } from '../outbox/mail.js';
import { bookingMailInsert, enqueueBookingMail, type HeldBooking } from './mail-snapshot.js';
import type { Clock } from '../shared/clock.js';
import { listNoticeEmails, type NoticeEmails } from '../staff/staff.repository.js';

/**
 * Who hears about a venue's bookings: its managers and staff (set up, not disabled); when it has
 * none, as a venue the platform's admins run for it does, the platform's admins, who are the
 * only ones who can act on its bookings. Not the venue's contact address: that one is public, and
 * whoever reads it may have no account to act with.
 */
export async function noticeRecipients(db: Executor, venueId: string): Promise<string[]> {
  return recipientsAmong(await listNoticeEmails(db, venueId));
}

/** noticeRecipients with the venue's staff and the admins already read (listNoticeEmails). */
export function recipientsAmong({ venueStaff, admins }: NoticeEmails): string[] {
  return venueStaff.length > 0 ? venueStaff : admins;
}

/**
 * Queues a notice about a booking for each of its venue's managers and staff (or the admins, see
 * noticeRecipients), but the staff member who made the change (`except`, their address): they know.
 * Staff have no language setting, so notices are rendered in Dutch and English together.
 */
export async function enqueueStaffNotice(
  db: Executor,
  clock: Clock,
  notice: StaffNotice & {
    /** The booking as the caller holds it, for the mails' snapshots (see enqueueBookingMail). */
    held?: HeldBooking | undefined;
  },
): Promise<void> {
  for (const mail of noticeMails(notice, await noticeRecipients(db, notice.venueId)))
    await enqueueBookingMail(db, clock, mail, notice.held);
}

interface StaffNotice {
  kind: Extract<MailKind, `staff_${string}`>;
  bookingId: string;
  venueId: string;
  detail?: NewMail['detail'];
  dedupeKey: string;
  except?: string | undefined;
}

/**
 * The INSERTs that queue the notice (see enqueueStaffNotice) for `recipients` (noticeRecipients,
 * read by the caller), about a booking the caller holds; not yet run: for insertTogether.
 */
export function staffNoticeInserts(db: Executor, clock: Clock, notice: StaffNotice, recipients: readonly string[], held: HeldBooking) {
  return noticeMails(notice, recipients).map((mail) => bookingMailInsert(db, clock, mail, held));
}

/** The notice's mail to each recipient but the staff member who made the change. */
function noticeMails(notice: StaffNotice, recipients: readonly string[]): BookingMail[] {
  const { kind, bookingId, detail, dedupeKey, except } = notice;
  return recipients
    .filter((recipient) => recipient !== except)
    .map((recipient) => ({ kind, bookingId, recipient, language: 'nl', detail, dedupeKey: `${dedupeKey}:${recipient}` }));
}
