import { FieldsRefused } from '../shared/field-errors.js';
import type { Db, Tx } from '../../db/schema.js';
import type { PaymentContext } from '../payments/payment-context.js';
import type { RefundRow } from '../payments/payments.repository.js';
import { recordStaffCancelRefund, type StaffCancelRefund } from './policy-refund.service.js';
import { sendRefunds, voucherPartOf } from './refund.service.js';
import { listActivityEntries } from '../activity-log/activity-log.repository.js';
import { recordActivity } from '../activity-log/activity-log.service.js';
import type { ActivityEntry } from '../activity-log/activity-log.js';
import { findSlotWithActivity } from '../availability/slot.repository.js';
import type { Clock } from '../shared/clock.js';
import { DomainError } from '../shared/errors.js';
import type { FieldRefusal, FormResult } from '../shared/field-errors.js';
import { isKey, newId } from '../shared/ids.js';
import { addLocalDays, localDateOf, startOfLocalDay } from '../shared/time.js';
import { type VenueScope, venueScopeOf } from '../shared/venue-scope.js';
import type { StaffMember } from '../staff/staff.js';
import { HOLDING_STATUSES, HOLDS_PLACES } from '../shared/booking-status.js';
import {
  type BookingFilter,
  type BookingListItem,
  type BookingPage,
  BOOKINGS_PER_PAGE,
  type DaySchedule,
  parseNoteBody,
  type ScheduleVenue,
  type StaffBookingDetails,
} from '../bookings/booking-admin.js';
import {
  type ActivityChoice,
  type BookingQuery,
  countBookings,
  findBookingInScope,
  insertBookingNote,
  listActivityChoices,
  listBookingItems,
  listBookingNotes,
  listBookingsOfSlots,
  listBookingStarts,
  listScheduleSlots,
  updatePaidAt,
} from '../bookings/booking-admin.repository.js';
import { enqueueBookingMail } from '../bookings/mail-snapshot.js';
import { moneyOf } from '../payments/payments.repository.js';
import { recordBookingEvent } from '../bookings/booking-history.js';
import { changeBookingAsStaff, type StaffChange } from './booking-changes.service.js';
import { parseStaffEdit } from '../bookings/staff-booking-input.js';
import { extendOptionRow } from '../bookings/booking-lifecycle.repository.js';
import { type BookingRow, loadBookingDetails } from '../bookings/booking.repository.js';
import { type StatusAction, statusAfter } from '../bookings/booking-status.js';
import { extendedDeadline } from '../bookings/option.js';
import { bookingToChange, changeStatus } from './status-change.service.js';

/** Who makes a change in the back office, for the scope and the activity log. */
export interface StaffActor {
  member: StaffMember;
  /** The client's network, as the activity log keeps it. */
  client: string | null;
}

/** Days the schedule's "upcoming" summary covers, after the day shown. */
export const UPCOMING_DAYS = 7;

/** A day's slots and groups per venue, and the groups of the days after it. */
export async function readDaySchedule(db: Db, scope: VenueScope, date: string, venueId?: string): Promise<DaySchedule> {
  const slots = await listScheduleSlots(db, scope, venueId, startOfLocalDay(date), startOfLocalDay(addLocalDays(date, 1)));
  const groups = await listBookingsOfSlots(
    db,
    scope,
    slots.map(({ slot }) => slot.id),
  );
  const venues: ScheduleVenue[] = [];
  for (const { venue, slot, activityTitle } of slots) {
    let last = venues.at(-1);
    if (last?.venue.id !== venue.id) {
      last = { venue, slots: [] };
      venues.push(last);
    }
    last.slots.push({ slot, activityTitle, groups: groups.filter((group) => group.slotId === slot.id) });
  }

  const first = addLocalDays(date, 1);
  const starts = await listBookingStarts(
    db,
    scope,
    venueId,
    HOLDING_STATUSES,
    startOfLocalDay(first),
    startOfLocalDay(addLocalDays(first, UPCOMING_DAYS)),
  );
  const upcoming = Array.from({ length: UPCOMING_DAYS }, (_, i) => ({ date: addLocalDays(first, i), groups: 0, persons: 0 }));
  for (const start of starts) {
    const day = upcoming.find((d) => d.date === localDateOf(new Date(start.starts_at)));
    if (day) {
      day.groups += 1;
      day.persons += start.group_size;
    }
  }
  return { date, venues, upcoming };
}

function toQuery({ from, to, ...filter }: BookingFilter): BookingQuery {
  return {
    ...filter,
    ...(from ? { startsFrom: startOfLocalDay(from) } : {}),
    ...(to ? { startsBefore: startOfLocalDay(addLocalDays(to, 1)) } : {}),
  };
}

/** One page (from 1) of the bookings the filter finds. */
export async function searchBookings(db: Db, scope: VenueScope, filter: BookingFilter, page: number): Promise<BookingPage> {
  const query = toQuery(filter);
  const total = await countBookings(db, scope, query);
  const pages = Math.max(1, Math.ceil(total / BOOKINGS_PER_PAGE));
  const items = await listBookingItems(db, scope, query, { limit: BOOKINGS_PER_PAGE, offset: (page - 1) * BOOKINGS_PER_PAGE });
  return { items, total, page, pages };
}

/** The activities of the venues in the scope, for the list's filter. */
export async function listActivityFilterChoices(db: Db, scope: VenueScope): Promise<ActivityChoice[]> {
  return listActivityChoices(db, scope);
}

/** Every booking the filter finds, for the export. */
export async function listBookingsForExport(db: Db, scope: VenueScope, filter: BookingFilter): Promise<BookingListItem[]> {
  return listBookingItems(db, scope, toQuery(filter));
}

/** A booking row of the scope; another venue's id (or no id at all) is not_found. */
export async function findOrRefuse(db: Db, scope: VenueScope, id: string): Promise<BookingRow> {
  const row = isKey(id) ? await findBookingInScope(db, scope, id) : undefined;
  if (!row) throw new DomainError('not_found');
  return row;
}

/** A booking of the scope with everything staff see; another venue's id is not found. */
export async function readStaffBooking(db: Db, scope: VenueScope, id: string): Promise<StaffBookingDetails> {
  const row = await findOrRefuse(db, scope, id);
  const [booking, internalNotes] = await Promise.all([loadBookingDetails(db, row), listBookingNotes(db, row.id)]);
  if (!booking) throw new DomainError('not_found');
  return {
    ...booking,
    venueId: row.venue_id,
    paidAt: row.paid_at === null ? null : new Date(row.paid_at),
    cancelledAt: row.cancelled_at === null ? null : new Date(row.cancelled_at),
    internalNotes,
  };
}

/** The activity log entries about a booking, newest first. */
export async function listBookingActivityEntries(db: Db, scope: VenueScope, reference: string): Promise<ActivityEntry[]> {
  return listActivityEntries(db, { scope, target: reference, limit: 200 });
}

/** The history entry of each staff action. */
const STAFF_ACTION_EVENTS: Record<StatusAction, `booking.${string}`> = {
  accept: 'booking.accepted',
  decline: 'booking.declined',
  confirm: 'booking.confirmed',
  cancel: 'booking.cancelled',
};

/**
 * Changes a booking's status by one of the actions of the status table, in one transaction (see
 * changeStatus): the status, conditional on the one read, so of two concurrent requests only one
 * changes anything; the places when the new status no longer holds them; the history entry; the
 * organiser's mail. Confirming an option needs its deadline still ahead (`option_expired`).
 * Returns false when nothing changed: the action does not apply to the status, or another request
 * was first.
 */
export async function changeBookingStatus(
  db: Db,
  clock: Clock,
  actor: StaffActor,
  id: string,
  action: StatusAction,
  money: StaffCancelMoney = { refund: 'none' },
): Promise<boolean> {
  const row = await findOrRefuse(db, venueScopeOf(actor.member), id);
  const booking = bookingToChange(row);
  const to = statusAfter(booking.status, action);
  if (!to) return false;
  const keepsOption = booking.status === 'option' && HOLDS_PLACES[to];
  if (keepsOption && (row.option_expires_at ?? '') <= clock.now().toISOString()) throw new DomainError('option_expired');
  const by = { by: 'staff', member: actor.member, client: actor.client } as const;
  let refunds: RefundRow[] = [];
  const refund =
    // Even with nothing back the cancellation records what the venue keeps (the booking's adjustment).
    to === 'cancelled'
      ? async (trx: Tx) => {
          const slot = await findSlotWithActivity(trx, row.slot_id);
          if (!slot) throw new DomainError('not_found');
          const recorded = await recordStaffCancelRefund(trx, clock, {
            bookingId: row.id,
            startsAt: slot.slot.startsAt,
            totalCents: row.total_cents,
            choice: money.refund,
            by,
          });
          refunds = recorded.refunds;
          // The organiser's mail: the policy's refund, or the venue's choice (all paid, or nothing).
          const ledger = await moneyOf(trx, row.id);
          const paidCents = ledger.paidCents - ledger.refundedCents + recorded.amountCents;
          return {
            cents: recorded.amountCents,
            by: money.refund === 'policy' ? ('policy' as const) : ('venue' as const),
            paidCents,
            voucherCents: await voucherPartOf(trx, recorded.refunds),
          };
        }
      : undefined;
  const changed = await db.transaction().execute((trx) =>
    changeStatus(trx, clock, booking, {
      to,
      actor: by,
      action: STAFF_ACTION_EVENTS[action],
      ...(keepsOption ? { option: 'open' as const } : {}),
      ...(refund && { refund }),
    }),
  );
  if (changed && money.payments && refunds.length > 0) await sendRefunds(db, clock, money.payments, refunds);
  return changed;
}

/** What staff's cancellation gives back (by the policy, all paid, or nothing) and how it reaches Mollie. */
export interface StaffCancelMoney {
  refund: StaffCancelRefund;
  /** Sends the refunds after the commit; without it they wait for the refunds job. */
  payments?: PaymentContext | undefined;
}

/**
 * Staff's one extension of an option: `hours` more (the activity's option length), never past the
 * start of the visit, and a new expiry reminder for the new deadline. Refused when the option was
 * extended before (`option_already_extended`) or its deadline has passed (`option_expired`).
 * Returns false when the booking is no option (any more) or another request was first.
 */
export async function extendOption(db: Db, clock: Clock, actor: StaffActor, id: string): Promise<boolean> {
  const row = await findOrRefuse(db, venueScopeOf(actor.member), id);
  if (row.status !== 'option' || row.option_expires_at === null) return false;
  if (row.option_extended_at !== null) throw new DomainError('option_already_extended');
  const at = clock.now().toISOString();
  if (row.option_expires_at <= at) throw new DomainError('option_expired');
  const found = await findSlotWithActivity(db, row.slot_id);
  if (!found) throw new DomainError('not_found');
  const change = {
    from: row.option_expires_at,
    to: extendedDeadline(found.activity.rules.options, found.slot, new Date(row.option_expires_at)).toISOString(),
    at,
  };
  return db.transaction().execute(async (trx) => {
    if (!(await extendOptionRow(trx, row.id, change))) return false;
    await recordBookingEvent(trx, clock, {
      by: 'staff',
      ...actor,
      venueId: row.venue_id,
      reference: row.reference,
      action: 'booking.option_extended',
      detail: { from: change.from, to: change.to },
    });
    const language = row.language === 'en' ? 'en' : 'nl';
    const mail = { kind: 'option_extended', bookingId: row.id, recipient: row.organiser_email, language } as const;
    await enqueueBookingMail(trx, clock, { ...mail, dedupeKey: `option_extended:${row.id}` });
    return true;
  });
}

/**
 * Staff's change of a booking's group size and its organiser's details (see changeBookingAsStaff:
 * the organiser's rules without their deadlines, history and mail alike); every refused field at
 * once. `raw.groupSize` is a number, or the text typed; for an activity with price categories,
 * `raw.party` the counts of each.
 */
export async function editBookingAsStaff(
  db: Db,
  clock: Clock,
  actor: StaffActor,
  id: string,
  raw: Record<string, unknown>,
  payments?: PaymentContext,
): Promise<FormResult<StaffChange>> {
  const row = await findOrRefuse(db, venueScopeOf(actor.member), id);
  const booking = await loadBookingDetails(db, row);
  if (!booking) throw new DomainError('not_found');
  const parsed = parseStaffEdit(raw, booking);
  if (!parsed.ok) return parsed;
  const { groupSize, party, ...contact } = parsed.value;
  const edit = { groupSize, party, contact };
  try {
    return { ok: true, value: await changeBookingAsStaff(db, clock, { by: 'staff', ...actor }, booking, edit, payments) };
  } catch (error) {
    // A size its discount code is not for (the code's minimum): at the group size staff typed.
    if (error instanceof FieldsRefused) return { ok: false, errors: error.errors.map((e) => ({ ...e, field: 'groupSize' })) };
    throw error;
  }
}

/**
 * Records that a booking paid at the venue is paid (or no longer is); false when it already was
 * so. A booking paying online or on invoice, or with money in its ledger, is paid when its ledger
 * says so (see core/booking-flows/balances.service.ts): the mark is not staff's to set, false.
 */
export async function setBookingPaid(db: Db, clock: Clock, actor: StaffActor, id: string, paid: boolean): Promise<boolean> {
  const row = await findOrRefuse(db, venueScopeOf(actor.member), id);
  if (row.pay_by !== 'venue' || (await moneyOf(db, row.id)).paidCents > 0) return false;
  const at = clock.now().toISOString();
  return db.transaction().execute(async (trx) => {
    if (!(await updatePaidAt(trx, row.id, paid ? at : null, at))) return false;
    await recordActivity(trx, clock, {
      actor: actor.member,
      venueId: row.venue_id,
      action: paid ? 'booking.paid' : 'booking.unpaid',
      target: row.reference,
      detail: { total_cents: row.total_cents },
      client: actor.client,
    });
    return true;
  });
}

/** Adds an internal note, or says why the text is refused. */
export async function addBookingNote(
  db: Db,
  clock: Clock,
  actor: StaffActor,
  id: string,
  text: string,
): Promise<{ ok: true } | FieldRefusal> {
  const row = await findOrRefuse(db, venueScopeOf(actor.member), id);
  const parsed = parseNoteBody(text);
  if (!parsed.ok) return parsed;
  const note = {
    id: newId(),
    bookingId: row.id,
    authorId: actor.member.id,
    authorName: actor.member.name,
    body: parsed.value,
    createdAt: clock.now().toISOString(),
  };
  await db.transaction().execute(async (trx) => {
    await insertBookingNote(trx, note);
    await recordActivity(trx, clock, {
      actor: actor.member,
      venueId: row.venue_id,
      action: 'booking.note_added',
      target: row.reference,
      detail: { note: note.id, length: note.body.length },
      client: actor.client,
    });
  });
  return { ok: true };
}
