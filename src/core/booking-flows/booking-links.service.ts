import type { Db } from '../../db/schema.js';
import { enqueueBookingMail } from '../bookings/mail-snapshot.js';
import type { Clock } from '../shared/clock.js';
import { DomainError } from '../shared/errors.js';
import { isKey, newId } from '../shared/ids.js';
import { venueScopeOf } from '../shared/venue-scope.js';
import type { BookingDetails } from '../bookings/booking.js';
import { findBookingInScope } from '../bookings/booking-admin.repository.js';
import type { StaffActor } from './booking-admin.service.js';
import { isChangeable } from '../bookings/booking-changes.js';
import { updateLinkVersion } from '../bookings/booking-changes.repository.js';
import { recordBookingEvent } from '../bookings/booking-history.js';
import { toBooking } from '../bookings/booking.repository.js';
import { issueLink, type LinkPurpose } from '../bookings/booking-links.js';
import type { LinkKey } from '../shared/link-key.js';

/** A resent link goes out at most once per window of this length per booking. */
export const RESEND_WINDOW_MS = 10 * 60_000;

/**
 * Mails the manage link to the booking's own address (never to an address the visitor names), at
 * most once per ten-minute window: the dedupe key carries the window's number. The answer to the
 * visitor is the same whether a mail was queued or not; only a queued one enters the history.
 */
export async function resendManageLink(db: Db, clock: Clock, booking: BookingDetails): Promise<void> {
  if (!isChangeable(booking.status)) throw new DomainError('booking_not_active');
  const window = Math.floor(clock.now().getTime() / RESEND_WINDOW_MS);
  await db.transaction().execute(async (trx) => {
    const queued = await enqueueBookingMail(trx, clock, {
      kind: 'manage_link',
      bookingId: booking.id,
      recipient: booking.email,
      language: booking.language,
      dedupeKey: `manage_link:${booking.id}:${window}`,
    });
    if (!queued) return;
    await recordBookingEvent(trx, clock, {
      by: 'organiser',
      venueId: booking.activity.venue.id,
      reference: booking.reference,
      action: 'booking.manage_link_resent',
    });
  });
}

/**
 * Staff revoke a booking's manage or participant link and issue the next one: the version goes up
 * and the new token's hash replaces the old, so the old link finds nothing from then on. A new
 * manage link is mailed to the organiser (the mail is rendered with the current version); the
 * organiser finds a new participant link on their manage page. The history records the version,
 * never a token. False when a concurrent re-issue came first.
 */
export async function reissueBookingLink(
  db: Db,
  clock: Clock,
  linkKey: LinkKey,
  actor: StaffActor,
  id: string,
  purpose: LinkPurpose,
): Promise<boolean> {
  const row = isKey(id) ? await findBookingInScope(db, venueScopeOf(actor.member), id) : undefined;
  if (!row) throw new DomainError('not_found');
  const organiser = toBooking(row);
  // A cancelled, expired or completed booking has nothing left to manage: no new link, no mail.
  if (!isChangeable(organiser.status)) return false;
  const fromVersion = purpose === 'manage' ? row.manage_link_version : row.participant_link_version;
  const { hash } = issueLink(linkKey, purpose, row.id, fromVersion + 1);
  const at = clock.now().toISOString();
  return db.transaction().execute(async (trx) => {
    if (!(await updateLinkVersion(trx, row.id, purpose, { fromVersion, hash, at }))) return false;
    await recordBookingEvent(trx, clock, {
      by: 'staff',
      ...actor,
      venueId: row.venue_id,
      reference: row.reference,
      action: purpose === 'manage' ? 'booking.manage_link_reissued' : 'booking.participant_link_reissued',
      detail: { version: fromVersion + 1 },
    });
    if (purpose === 'manage') {
      await enqueueBookingMail(trx, clock, {
        kind: 'manage_link',
        bookingId: row.id,
        recipient: organiser.email,
        language: organiser.language,
        dedupeKey: `manage_link:${row.id}:${newId()}`,
      });
    }
    return true;
  });
}
