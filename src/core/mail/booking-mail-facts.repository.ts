import type { Executor } from '../../db/schema.js';
import { findSlotsWithActivity } from '../availability/slot.repository.js';
import type { BookingDetails } from '../bookings/booking.js';
import { type BookingRow, toBooking } from '../bookings/booking.repository.js';
import { type BookingMoney, moneyOfBookings } from '../payments/payments.repository.js';
import { bookingsProgrammes } from '../resources/programme-view.service.js';
import type { Subgroup } from '../resources/rotation.js';
import { countBookingsEvents } from './calendar.repository.js';

/** What a booking's mails are composed from, as it is now (see composeBookingMail). */
export interface BookingMailFacts {
  row: BookingRow;
  /** The booking with its slot and activity. */
  booking: BookingDetails;
  /** Its ledger's sums, which its payment state follows from (see paymentOfRow). */
  money: BookingMoney;
  /** As bookingProgramme makes it. */
  programme: Subgroup[];
  /** The entries its history holds, which its calendar file's SEQUENCE counts (see bookingCalendarFile). */
  events: number;
}

/**
 * The facts of each of the bookings, by id, in one query per kind of fact however many bookings
 * (the bookings, their slots with their activities, their payments and refunds, their programmes'
 * parts, their histories' counts, and when needed what their slots' resources admit and their
 * parts' moves): a batch's mails are composed from one such read, not from a dozen queries each.
 * Bookings that no longer exist (or whose slot is gone) are absent.
 */
export async function readBookingMailFacts(db: Executor, bookingIds: readonly string[]): Promise<Map<string, BookingMailFacts>> {
  if (bookingIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('bookings')
    .selectAll()
    .where('id', 'in', [...bookingIds])
    .execute();
  const slots = await findSlotsWithActivity(db, [...new Set(rows.map((row) => row.slot_id))]);
  const found = rows.flatMap((row) => {
    const slot = slots.get(row.slot_id);
    return slot ? [{ row, booking: { ...toBooking(row), ...slot } }] : [];
  });
  const ids = found.map(({ row }) => row.id);
  const money = await moneyOfBookings(db, ids);
  const programmes = await bookingsProgrammes(
    db,
    found.map(({ booking }) => booking),
  );
  const events = await countBookingsEvents(
    db,
    found.map(({ booking }) => ({ venueId: booking.activity.venue.id, reference: booking.reference })),
  );
  return new Map(
    found.map(({ row, booking }) => [
      row.id,
      {
        row,
        booking,
        money: money.get(row.id)!,
        programme: programmes.get(row.id)!,
        events: events(booking.activity.venue.id, booking.reference),
      },
    ]),
  );
}
