import { resourcesRefusal } from '../resources/resource-hold.service.js';
import { slotResourceIds } from '../resources/resource.repository.js';
import type { Db, Tx } from '../../db/schema.js';
import { enqueueBookingMail } from '../bookings/mail-snapshot.js';
import type { Clock } from '../shared/clock.js';
import { DomainError } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import type { PaymentContext } from '../payments/payment-context.js';
import type { RefundRow } from '../payments/payments.repository.js';
import { recordPolicyRefund } from './policy-refund.service.js';
import { sendRefunds, voucherPartOf } from './refund.service.js';
import type { BookingDetails, OrganiserContact } from '../bookings/booking.js';
import { cancelRefusal, isChangeable, staffChangeRefusal } from '../bookings/booking-changes.js';
import { type BookingState, findBookingState, moveBookedPersons, updateGroupSize } from '../bookings/booking-changes.repository.js';
import { type BookingActor, recordBookingEvent } from '../bookings/booking-history.js';
import { enqueueStaffNotice } from '../bookings/staff-notice.service.js';
import { applyPriceChange } from './balances.service.js';
import { changeStatus, detailsToChange } from './status-change.service.js';
import { groupAfterChange, priceForGroup } from './group-size-quote.service.js';
import { type Group, type Party, partyWords, sameGroup } from '../catalog/price-categories.js';
import { categoriesOf, changedGroup } from '../catalog/pricing.js';
import { bookingPricing } from '../bookings/booking-pricing.js';
import { formatCount } from '../i18n/format.js';
import { heldExtrasOf, resizeExtras } from './booking-extras.service.js';

/**
 * The organiser's changes through the manage link (a new group size and a cancellation), and staff's
 * change of the size and the organiser's details on the booking's page. Each is
 * decided on the booking as read, then made in one transaction whose updates are conditional on
 * that state: the places on the slot first (the same lock order as a new booking: slot, then
 * booking), then the booking `WHERE status = <read> AND group_size = <read>`. When a concurrent
 * change (staff, expiry, another tab) came first, nothing is written and the organiser is told.
 */

/** Thrown inside a transaction when the booking or its slot is no longer as read; rolls it back. */
class ChangedMeanwhile extends Error {}

async function changeAsRead(
  db: Db,
  booking: BookingDetails,
  contact: OrganiserContact | undefined,
  work: (trx: Tx, state: BookingState) => Promise<void>,
): Promise<void> {
  const { id, status, groupSize, name, email, phone, organisation, notes } = booking;
  const party = booking.party && JSON.stringify(booking.party);
  const state: BookingState = { id, status, groupSize, party, ...(contact && { contact: { name, email, phone, organisation, notes } }) };
  try {
    await db.transaction().execute((trx) => work(trx, state));
  } catch (error) {
    if (!(error instanceof ChangedMeanwhile)) throw error;
    const now = await findBookingState(db, booking.id);
    throw new DomainError(now && isChangeable(now.status) ? 'booking_changed' : 'booking_not_active');
  }
}

/** What a group-size change did: nothing when the booking already had that size. */
export type GroupSizeChange = { changed: false } | { changed: true; from: number; to: number; refundCents: number };

/**
 * Sends the refunds a change recorded, once its transaction committed: without the payment
 * settings (or when Mollie does not take them now) they wait, `creating`, for the refunds job.
 */
async function sendAfterCommit(db: Db, clock: Clock, payments: PaymentContext | undefined, refunds: RefundRow[]): Promise<void> {
  if (payments && refunds.length > 0) await sendRefunds(db, clock, payments, refunds);
}

/** Two spellings of one mailbox: the domain, and in practice the local part, ignore case. */
function sameAddress(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** "a***@example.nl": enough for the previous address's owner to recognise, not to copy. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  return `${email.slice(0, Math.min(1, at))}***${email.slice(at)}`;
}

/** The organiser's fields whose values differ between two sets of details, in the form's order. */
function changedFields(before: OrganiserContact, after: OrganiserContact): (keyof OrganiserContact)[] {
  return (['name', 'email', 'phone', 'organisation', 'notes'] as const).filter((field) => before[field] !== after[field]);
}

/**
 * Makes a change decided on the booking as read, in one transaction: the places on the slot first
 * (more only while they fit: `slot_full`), then the booking, conditional on its state as read
 * (its organiser's details too when they change), its history and the organiser's mail, at the
 * address the booking has after the change. The venue's staff are told of the organiser's changes.
 */
async function applyChange(
  db: Db,
  clock: Clock,
  booking: BookingDetails,
  actor: BookingActor,
  change: { group: Group; contact?: OrganiserContact; fields: readonly string[] },
  payments: PaymentContext | undefined,
): Promise<number> {
  const from = booking.groupSize;
  const { group, contact } = change;
  const { groupSize } = group;
  const delta = groupSize - from;
  const regrouped = !sameGroup(group, booking);
  // Only a change of the group prices the booking again (by the price rules it was made under); new contact details keep its price.
  const price = regrouped ? await priceForGroup(db, booking, group) : booking.price;
  // A new size changes its per-person extras; a new party of the same size does not.
  const extras = delta === 0 ? [] : await heldExtrasOf(db, booking.activity.id, booking.id);
  const at = clock.now().toISOString();
  const venueId = booking.activity.venue.id;
  let refund: { amountCents: number; refunds: RefundRow[] } = { amountCents: 0, refunds: [] };
  await changeAsRead(db, booking, contact, async (trx, state) => {
    // First statement: takes the extra places (or gives places back) conditionally.
    if (delta !== 0 && !(await moveBookedPersons(trx, booking.slot.id, delta))) {
      if (delta > 0) throw new DomainError('slot_full');
      throw new ChangedMeanwhile();
    }
    if (!(await updateGroupSize(trx, state, { group, price, at, ...(contact && { contact }) }))) throw new ChangedMeanwhile();
    // Another size on a boat or in a room the slot shares with other activities: only while it fits
    // there too; checked with the booking at its new size, as its subgroups (if it splits) will be
    // (fewer persons may make larger subgroups: 41 in three of 14, 40 in two of 20).
    const refusal = delta !== 0 ? await resourcesRefusal(trx, booking.slot, await slotResourceIds(trx, booking.slot)) : undefined;
    if (refusal) throw new DomainError(refusal);
    // Its per-person extras follow the group: more units taken (or `extra_sold_out`), or given back.
    await resizeExtras(trx, booking.slot.id, booking.id, extras, groupSize);
    const event = { ...actor, venueId, reference: booking.reference } as const;
    if (regrouped) {
      // The party by its categories' names, in the booking's language (as its mails name them).
      const party = group.party && partyWords(categoriesOf(bookingPricing(booking)), group.party, formatCount)[booking.language];
      const detail = { from, to: groupSize, total_cents: price.totalCents, ...(party && { party }) };
      await recordBookingEvent(trx, clock, { ...event, action: 'booking.group_size_changed', detail });
    }
    if (change.fields.length > 0) {
      await recordBookingEvent(trx, clock, { ...event, action: 'booking.details_changed', detail: { fields: change.fields.join(',') } });
    }
    // A smaller group pays less: what was paid beyond the new price goes back as the policy says.
    if (price.totalCents < booking.price.totalCents) {
      refund = await recordPolicyRefund(trx, clock, {
        bookingId: booking.id,
        startsAt: booking.slot.startsAt,
        cause: 'size_change',
        by: actor,
        remainingPriceCents: price.totalCents,
        cancelledCents: booking.price.totalCents - price.totalCents,
      });
    }
    // More to pay (a larger group, or the policy's fee on a smaller one beyond what was paid) adds
    // to the balance with a due date, and "paid" follows the ledger: after the refund and its fee.
    if (regrouped) await applyPriceChange(trx, clock, booking.id, booking.price.totalCents);
    const refundToVoucher = await voucherPartOf(trx, refund.refunds);
    await enqueueBookingMail(trx, clock, {
      kind: 'changed',
      bookingId: booking.id,
      recipient: contact?.email ?? booking.email,
      language: booking.language,
      detail: {
        ...(regrouped && { from_group_size: from, to_group_size: groupSize }),
        ...(refund.amountCents > 0 && { refund_cents: refund.amountCents }),
        ...(refundToVoucher > 0 && { refund_voucher_cents: refundToVoucher }),
      },
      dedupeKey: `changed:${booking.id}:${newId()}`,
    });
    if (contact && !sameAddress(contact.email, booking.email)) {
      // The previous address hears where the booking went, without the link: a wrong change is noticed.
      await enqueueBookingMail(trx, clock, {
        kind: 'contact_changed',
        bookingId: booking.id,
        recipient: booking.email,
        language: booking.language,
        detail: { to_email: maskEmail(contact.email) },
        dedupeKey: `contact_changed:${booking.id}:${newId()}`,
      });
    }
    if (actor.by !== 'organiser') return;
    await enqueueStaffNotice(trx, clock, {
      kind: 'staff_booking_changed',
      bookingId: booking.id,
      venueId,
      detail: { change: 'group_size', from_group_size: from, to_group_size: groupSize },
      dedupeKey: `staff_booking_changed:${booking.id}:${newId()}`,
    });
  });
  await sendAfterCommit(db, clock, payments, refund.refunds);
  return refund.amountCents;
}

/**
 * Changes the group size within the activity's limits and the slot's capacity, until the booking
 * cut-off; a confirmed booking gets smaller only until the cancellation deadline. The price is
 * computed again by the price rules the booking was made under (priceForGroup) with the VAT of the
 * visit date; a lower price refunds what the booking's cancellation policy gives for the places
 * given up (cause `size_change`, sent through `payments` after the commit). Mails the organiser
 * and the venue's staff.
 */
export async function changeGroupSize(
  db: Db,
  clock: Clock,
  booking: BookingDetails,
  change: number | Party,
  payments?: PaymentContext,
): Promise<GroupSizeChange> {
  const group = groupAfterChange(booking, change, clock.now());
  const from = booking.groupSize;
  if (sameGroup(group, booking)) return { changed: false };
  const refundCents = await applyChange(db, clock, booking, { by: 'organiser' }, { group, fields: [] }, payments);
  return { changed: true, from, to: group.groupSize, refundCents };
}

/** What a staff member's change did: the size (when it changed) and the organiser's fields that changed. */
export interface StaffChange {
  groupSize: GroupSizeChange;
  fields: (keyof OrganiserContact)[];
}

/**
 * A staff member's change of the group size and the organiser's details: the organiser's rules
 * but not their deadlines (see staffChangeRefusal), the same conditional updates, so a concurrent
 * change (by the organiser, other staff, expiry) is reported (`booking_changed`) and the slot is
 * never overbooked, the same history (with the staff member) and the same mail to the organiser.
 * Nothing is written when nothing differs.
 */
export async function changeBookingAsStaff(
  db: Db,
  clock: Clock,
  actor: Extract<BookingActor, { by: 'staff' }>,
  booking: BookingDetails,
  edit: { groupSize: number; party?: Party | undefined; contact: OrganiserContact },
  payments?: PaymentContext,
): Promise<StaffChange> {
  const refusal = staffChangeRefusal(booking, edit.groupSize, clock.now());
  if (refusal) throw new DomainError(refusal);
  const from = booking.groupSize;
  const fields = changedFields(booking, edit.contact);
  // The counts per category staff typed; a size alone (an activity without categories) as it is.
  const group = changedGroup(bookingPricing(booking), booking, edit.party ?? edit.groupSize);
  const regrouped = !sameGroup(group, booking);
  if (!regrouped && fields.length === 0) return { groupSize: { changed: false }, fields };
  const refundCents = await applyChange(db, clock, booking, actor, { group, contact: edit.contact, fields }, payments);
  return { groupSize: regrouped ? { changed: true, from, to: edit.groupSize, refundCents } : { changed: false }, fields };
}

/**
 * Cancels the booking for the organiser: an option or request any time before the start, a
 * confirmed booking until the activity's cancellation deadline. Its places go back to the slot
 * in the same transaction, with the refund the booking's cancellation policy gives now (cause
 * `policy`), recorded there and sent through `payments` after the commit (else by the refunds
 * job); the organiser (told the refund) and the venue's staff are mailed. Returns the refund.
 */
export async function cancelByOrganiser(
  db: Db,
  clock: Clock,
  booking: BookingDetails,
  payments?: PaymentContext,
): Promise<{ refundCents: number }> {
  const refusal = cancelRefusal(booking, clock.now());
  if (refusal) throw new DomainError(refusal);
  let refund: { amountCents: number; refunds: RefundRow[] } = { amountCents: 0, refunds: [] };
  await changeAsRead(db, booking, undefined, async (trx) => {
    const actor = { by: 'organiser' } as const;
    const change = {
      to: 'cancelled',
      actor,
      action: 'booking.cancelled',
      refund: async (inner: Tx) => {
        refund = await recordPolicyRefund(inner, clock, {
          bookingId: booking.id,
          startsAt: booking.slot.startsAt,
          cause: 'policy',
          by: actor,
          remainingPriceCents: 0,
          cancelledCents: booking.price.totalCents,
        });
        const cents = refund.amountCents;
        return { cents, by: 'policy' as const, paidCents: cents, voucherCents: await voucherPartOf(inner, refund.refunds) };
      },
    } as const;
    if (!(await changeStatus(trx, clock, detailsToChange(booking), change))) throw new ChangedMeanwhile();
  });
  await sendAfterCommit(db, clock, payments, refund.refunds);
  return { refundCents: refund.amountCents };
}
