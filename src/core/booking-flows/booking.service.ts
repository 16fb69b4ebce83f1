import type { Db, Executor, Tx } from '../../db/schema.js';
import { groupedTransaction } from '../../db/group-commit.js';
import { insertTogether, type PendingInsert } from '../../db/insert-together.js';
import { invoicedWhenPlaced, reconcileInvoices } from '../invoices/invoice-issuing.service.js';
import { refusalFor, SLOT_REFUSALS } from '../availability/bookability.js';
import { findSlotToQuote, findSlotWithActivity } from '../availability/slot.repository.js';
import { takeResourcePlaces } from '../availability/slot-places.service.js';
import { priceAtRates } from './booking-price.service.js';
import { chooseExtras, holdExtras } from './booking-extras.service.js';
import type { ExtraChoice, HeldExtra } from '../catalog/extras.js';
import type { Clock } from '../shared/clock.js';
import { DomainError, type DomainErrorCode } from '../shared/errors.js';
import { bookingMailInsert, enqueueBookingMail, type HeldBooking } from '../bookings/mail-snapshot.js';
import { hashToken, isKey, newId, newReference } from '../shared/ids.js';
import { issueLink, type LinkPurpose } from '../bookings/booking-links.js';
import type { LinkKey } from '../shared/link-key.js';
import { type BookingLimits, bookingCharges } from '../bookings/booking-limits.js';
import { chargeAttempt, settleRefusal } from '../throttles/throttle.js';
import { type BookingActor, bookingEventInsert } from '../bookings/booking-history.js';
import type { Slot } from '../availability/slot.js';
import type { Activity } from '../catalog/activity.js';
import type { PriceBreakdown } from '../catalog/pricing.js';
import type { BookingDetails } from '../bookings/booking.js';
import type { BookingStatus } from '../shared/booking-status.js';
import { type BookingInput, partyFaults } from '../bookings/booking-input.js';
import { type Party, partyErrors } from '../catalog/price-categories.js';
import { categoriesOf, partyOf } from '../catalog/pricing.js';
import { countOpenOptions, lockOptionPlacing } from '../bookings/booking-lifecycle.repository.js';
import {
  type BookingRow,
  findBookingBySubmission,
  findBookingByTokenHash,
  bookingInsert,
  loadBookingDetails,
  ReadBeforeLockChanged,
  takeCapacityAndRead,
  writePlacedBooking,
} from '../bookings/booking.repository.js';
import { OPTION_REFUSALS, optionDeadline, optionRefusal } from '../bookings/option.js';
import { enqueueStaffNotice, recipientsAmong, staffNoticeInserts } from '../bookings/staff-notice.service.js';
import { termsAsSeen } from '../venues/venue-terms.service.js';
import { mollieKeyFor } from '../payments/mollie-key.js';
import type { PaymentContext } from '../payments/payment-context.js';
import { type PaymentPlan, planPayment } from '../payments/payment-plan.js';
import { billingErrors } from '../payments/billing.js';
import { type OrganiserPayment, organiserPaymentOf } from '../payments/organiser-payment.service.js';
import type { PaymentTerms } from '../payments/organiser-payment.repository.js';
import { FieldsRefused } from '../shared/field-errors.js';
import { bookingTermsOf, type DiscountCode, DiscountRefused } from '../discounts/discount-code.js';
import { discountForBooking } from '../discounts/discount-use.service.js';
import { takeDiscountUse } from '../discounts/discount-codes.repository.js';
import { VoucherRefused } from '../vouchers/voucher.js';
import { redeemVoucher, voucherToPay } from '../vouchers/voucher.service.js';
import { syncPaidStateOf } from './balances.service.js';

/** The statuses a new booking can have: an option, a request the venue decides on, or confirmed. */
export type PlacedStatus = Extract<BookingStatus, 'option' | 'requested' | 'confirmed'>;

export interface CreatedBooking {
  booking: BookingDetails;
  /** The secret of the manage link; only its hash is stored (see booking-links.ts). */
  manageToken: string;
  /**
   * Its money as its organiser sees it (readOrganiserPayment), as placed: when nothing was paid in
   * placing it; undefined when a voucher paid part of it (read it then).
   */
  payment?: OrganiserPayment;
}

export interface BookingQuote {
  slot: Slot;
  activity: Activity;
  price: PriceBreakdown;
  /** How many of each price category the group counts (partyOf); null for an activity without categories. */
  party: Party | null;
  /** The extras it would take (their lines are in the price). */
  extras: HeldExtra[];
  /** What the booking would be: an option (asked for and allowed), a request or confirmed at once. */
  status: PlacedStatus;
  /** The deadline an option would get; null for any other booking. */
  optionExpiresAt: Date | null;
  /**
   * How it would be paid: at the venue, online (what is due when booking, and whether it would
   * await that payment for the window instead of being confirmed at once), or on invoice.
   */
  payment: PaymentPlan;
  /** The discount code the booking would use (its discount is in the price); undefined for none. */
  discount?: DiscountCode;
  /** The gift voucher that would pay part of it (`cents`, at most the price) when placed; undefined for none. */
  voucher?: { id: string; cents: number; balanceCents: number; validUntil: string };
}

/**
 * Every rule that can refuse a booking that names an existing slot (quoteBooking and createBooking
 * throw only these, through `refuse`): the API documents them as its 409 codes.
 */
export const BOOKING_REFUSALS = [
  ...SLOT_REFUSALS,
  ...OPTION_REFUSALS,
  'price_unavailable',
  'option_limit_reached',
  'submission_reused',
  'terms_changed',
  'extra_sold_out',
] as const satisfies readonly DomainErrorCode[];

function refuse(code: (typeof BOOKING_REFUSALS)[number], details?: Record<string, number>): never {
  throw new DomainError(code, details);
}

/** The ledger of a booking just placed without a voucher: no payment, no refund. */
const NOTHING_PAID = { paidCents: 0, refundedCents: 0, pendingRefundCents: 0 } as const;

/** The mail that tells the organiser what they placed. */
const PLACED_MAIL = {
  option: 'option_placed',
  requested: 'request_received',
  confirmed: 'booking_received',
  awaiting_payment: 'payment_due',
} as const;

/** The slot a booking names (an id from outside: a URL, a request body) with its activity; undefined when the id names no slot. */
export async function findSlotToBook(db: Executor, slotId: string): Promise<{ slot: Slot; activity: Activity } | undefined> {
  return isKey(slotId) ? findSlotWithActivity(db, slotId) : undefined;
}

/**
 * What a group would book and pay, as what (option, request, booking), or the rule that refuses it.
 * Writes nothing. Billing details are not checked here (the form quotes half-filled ones to show
 * how the booking would pay); placing a booking checks them.
 */
export async function quoteBooking(
  db: Executor,
  clock: Clock,
  payments: PaymentContext,
  input: Pick<BookingInput, 'slotId' | 'groupSize' | 'party' | 'payBy' | 'billing' | 'discountCode' | 'voucherCode'> & {
    /** The organiser's choice of extras (required ones are taken anyway); refused with FieldsRefused or `extra_sold_out`. */
    extras?: ExtraChoice | undefined;
    option?: boolean;
    status?: PlacedStatus;
    termsVersion?: number | null | undefined;
    /** Staff's booking for a caller is paid at the venue unless they choose otherwise (`payBy`). */
    byStaff?: boolean;
  },
): Promise<BookingQuote> {
  // The slot with its activity, whether the activity has extras, the VAT rates and the venue's terms: one statement.
  const found = isKey(input.slotId) ? await findSlotToQuote(db, input.slotId) : undefined;
  if (!found) throw new DomainError('not_found');
  const { slot, activity, anyExtras, vatRates, termsVersion } = found;
  const now = clock.now();
  const status: PlacedStatus =
    input.status ?? (input.option ? 'option' : activity.rules.bookingMode === 'request' ? 'requested' : 'confirmed');
  const refusal =
    refusalFor(activity, slot, input.groupSize, now) ??
    (status === 'option' ? optionRefusal(activity.rules.options, slot, now) : undefined);
  if (refusal) refuse(refusal);
  const partyFaulted = partyFaults(activity, input.party);
  if (partyFaulted.length > 0) throw new FieldsRefused(partyFaulted);
  termsAsSeen(termsVersion, input.termsVersion);
  const party = partyOf(activity.pricing, input);
  // The party taken for a size alone (no counts sent) keeps to the categories' limits too.
  const defaulted = party && !input.party ? partyErrors(categoriesOf(activity.pricing), party) : [];
  if (defaulted.length > 0) throw new FieldsRefused(defaulted);
  const extras = await chooseExtras(db, { id: slot.id, activityId: activity.id, anyExtras }, input.extras ?? {}, input.groupSize);
  // A code typed is checked for this booking (throws DiscountRefused); its use is taken when placed.
  const discount = input.discountCode
    ? await discountForBooking(db, input.discountCode, {
        venueId: activity.venue.id,
        activityId: activity.id,
        groupSize: input.groupSize,
        now,
      })
    : undefined;
  const price = priceAtRates(vatRates, activity.pricing, slot.startsAt, {
    groupSize: input.groupSize,
    party,
    extras,
    discount: discount?.terms ?? null,
  });
  const optionExpiresAt = status === 'option' ? optionDeadline(activity.rules.options, slot, now) : null;
  const planned = !input.byStaff || input.payBy !== undefined;
  const online =
    planned && activity.payment.mode !== 'venue'
      ? (await mollieKeyFor(db, payments.secretKey, payments.settings, activity.venue.id)) !== null
      : false;
  const plan = planPayment({
    terms: planned ? activity.payment : { ...activity.payment, mode: 'venue', invoiceAllowed: false },
    online,
    choice: input.payBy,
    status,
    totalCents: price.totalCents,
    startsAt: slot.startsAt,
    now,
    windowMinutes: payments.settings.windowMinutes,
  });
  const voucher = input.voucherCode ? await voucherForQuote(db, clock, input.voucherCode, activity, status, price.totalCents) : undefined;
  const payment = voucher ? paidInPart(plan, voucher.cents) : plan;
  return {
    slot,
    activity,
    price,
    party,
    extras,
    status,
    optionExpiresAt,
    payment,
    ...(discount && { discount }),
    ...(voucher && { voucher }),
  };
}

/**
 * The voucher a code typed for a booking would pay with, and how much of the price (all it holds, at
 * most the price): throws VoucherRefused for a code that cannot pay, and for an option or a request,
 * which may never be confirmed (their organiser pays with it from the manage link once it is).
 */
async function voucherForQuote(
  db: Executor,
  clock: Clock,
  code: string,
  activity: Activity,
  status: PlacedStatus,
  totalCents: number,
): Promise<BookingQuote['voucher']> {
  if (status === 'option' || status === 'requested') throw new VoucherRefused('voucher_not_now');
  const voucher = await voucherToPay(db, clock, code, activity.venue.id);
  const cents = Math.min(voucher.balanceCents, totalCents);
  return cents > 0 ? { id: voucher.id, cents, balanceCents: voucher.balanceCents, validUntil: voucher.validUntil } : undefined;
}

/** A plan with `cents` paid by voucher when placed: a booking whose first payment that covers is confirmed at once. */
function paidInPart(plan: PaymentPlan, cents: number): PaymentPlan {
  return plan.status === 'awaiting_payment' && cents >= plan.dueAtBookingCents
    ? { ...plan, status: 'confirmed', paymentExpiresAt: null, dueAtBookingCents: 0 }
    : { ...plan, dueAtBookingCents: Math.max(0, plan.dueAtBookingCents - cents) };
}

/** Who submits a booking, for the booking limits: the client's address (null when unknown) and the limits in force. */
export interface Submitter {
  client: string | null;
  limits: BookingLimits;
}

/**
 * The answer to an organiser's submission: the booking placed now, with the token of its manage
 * link; or, for a submission key that placed a booking before, that booking's reference and status
 * as they are now, and no link: a key is not a credential, and a link staff re-issued stays revoked.
 * The first answer and the mail to the organiser's address carry the link.
 */
export type Submission = ({ replayed: false } & CreatedBooking) | { replayed: true; reference: string; status: BookingStatus };

/**
 * What an organiser's booking (the form's or the API's) goes through. With a submission key, once:
 * the same booking sent again with that key (a double click, a retry after a lost answer, a racing
 * twin) gets the first one's reference and status. The key's hash is unique in the database, so
 * two submissions racing each other cannot both place one; the loser finds the winner's booking. A
 * key sent with another slot or e-mail address is refused: it opens nobody else's booking.
 * Anything else is charged against the booking limits (throws `throttled`, failing closed when the
 * counters cannot be read) before it is placed.
 */
export async function submitBooking(
  db: Db,
  clock: Clock,
  linkKey: LinkKey,
  payments: PaymentContext,
  input: BookingInput,
  submitter: Submitter,
): Promise<Submission> {
  const submission = input.submissionKey === undefined ? null : hashToken(input.submissionKey);
  const earlier = submission && (await findSubmittedBooking(db, submission, input));
  if (earlier) return earlier;
  const charges = bookingCharges(submitter.limits, { client: submitter.client, email: input.email });
  // The charges' writes commit in a group too: on SQLite a booking would otherwise pay for their commit alone.
  if (charges.length > 0) await groupedTransaction(db, (trx) => chargeAttempt(trx, clock, charges));
  try {
    return { replayed: false, ...(await placeBooking(db, clock, linkKey, payments, input, submission)) };
  } catch (error) {
    // A twin that committed first: a unique violation, or a refusal for the places the twin took.
    const twin = submission && (await findBookingBySubmission(db, submission));
    // Nothing placed (a refusal, or the twin's booking): the organiser's address gets its charge back.
    if ((twin || error instanceof DomainError || error instanceof FieldsRefused) && charges.length > 0) {
      await groupedTransaction(db, (trx) => settleRefusal(trx, charges));
    }
    if (twin) return replayOf(twin, input);
    throw error;
  }
}

/**
 * Who places a booking, as its history records it, and the status they chose (staff may choose a
 * status; an organiser's follows from the activity and their option choice).
 */
export interface Placing {
  by: BookingActor;
  action: 'booking.created' | 'booking.booked_by_phone';
  status?: PlacedStatus;
}

const BY_ORGANISER: Placing = { by: { by: 'organiser' }, action: 'booking.created' };

/**
 * Books a slot for a group at once (see placeBooking), without the limits nor the answer to a
 * repeated key (a key used before is refused by the database): for the platform's own callers,
 * such as staff booking for a caller (see phone-booking.service.ts) and the tests' and the
 * benchmark's set-up. Organisers' bookings go through submitBooking.
 */
export async function createBooking(
  db: Db,
  clock: Clock,
  linkKey: LinkKey,
  payments: PaymentContext,
  input: BookingInput,
  placing: Placing = BY_ORGANISER,
): Promise<CreatedBooking> {
  const submission = input.submissionKey === undefined ? null : hashToken(input.submissionKey);
  return placeBooking(db, clock, linkKey, payments, input, submission, placing);
}

async function findSubmittedBooking(db: Db, submission: string, input: BookingInput): Promise<Submission | undefined> {
  const row = await findBookingBySubmission(db, submission);
  return row && replayOf(row, input);
}

/** The answer to a key's repeat: the first booking's reference and status, if it is the same booking. */
function replayOf(row: BookingRow, input: BookingInput): Submission {
  if (row.slot_id !== input.slotId || row.organiser_email !== input.email) refuse('submission_reused');
  return { replayed: true, reference: row.reference, status: row.status as BookingStatus };
}

/**
 * Places a booking: an option when asked for (and the activity allows one on this slot), a request
 * when the activity books on request, else a confirmed booking (or the status staff chose). Each holds its places from now.
 * Records the booking's creation and queues the organiser's mail and the staff's notice. The
 * organiser's mail names the address's other active bookings of the slot, if any: a second group
 * booked by mistake is noticed by the address's owner, and by nobody else.
 */
async function placeBooking(
  db: Db,
  clock: Clock,
  linkKey: LinkKey,
  payments: PaymentContext,
  input: BookingInput,
  submission: string | null,
  placing: Placing = BY_ORGANISER,
): Promise<CreatedBooking> {
  const id = newId();
  const manage = issueLink(linkKey, 'manage', id, 0);
  const participants = issueLink(linkKey, 'participants', id, 0);
  const reference = newReference();
  // Quoted and placed in one transaction, committed with the bookings placed at the same moment
  // where the database does that (SQLite): a burst of bookings queues for the writer as it arrives.
  const place = async (trx: Tx, readAfterLock: boolean) => {
    // The time it is placed: after any wait for the writer.
    const now = clock.now();
    const stamp = now.toISOString();
    const quote = await quoteBooking(trx, clock, payments, {
      ...input,
      ...(placing.status && { status: placing.status }),
      byStaff: placing.by.by === 'staff',
    });
    const { slot, activity, price, party, optionExpiresAt, payment, discount, voucher } = quote;
    // Paying on invoice where the activity allows it, with the reference its venue requires: checked
    // with the activity the quote read (billing details the activity refuses throw FieldsRefused).
    const billingFaults = billingErrors(activity, input.payBy, input.billing);
    if (billingFaults.length > 0) throw new FieldsRefused(billingFaults);
    // A booking to be paid now awaits its payment for the window instead of being confirmed at once.
    const status = payment.status;
    // The slot's places: its row's UPDATE takes the slot's lock (PostgreSQL) or the database's (SQLite).
    // With them, what must be read as the lock is granted: the resources the slot's bookings hold,
    // the address's other active bookings of the slot (named only in the mail to that address) and
    // the venue's terms again; and who may hear of it (see readUnderSlotLock). On PostgreSQL in the
    // UPDATE's statement, checked again by the last one (takeCapacityAndRead, writePlacedBooking).
    const onSlot = { slotId: slot.id, activityId: activity.id, email: input.email, venueId: activity.venue.id, bookingId: id };
    // A slot whose activity uses resources (as the quote found it) reads after the lock, as the
    // check of their places (below) runs on what it reads.
    const afterLock = readAfterLock || slot.resourceRoom !== undefined;
    const taken = await takeCapacityAndRead(trx, { ...onSlot, persons: input.groupSize }, { readAfterLock: afterLock });
    if (!taken) refuse('slot_full');
    const locked = taken.read;
    const full = await takeResourcePlaces(trx, slot, input.groupSize, locked.resourceIds);
    if (full) refuse(full);
    // The code's use, under its maximum: the last one taken by a booking placed meanwhile refuses this one.
    if (discount && !(await takeDiscountUse(trx, discount.id))) throw new DiscountRefused('discount_used_up');
    if (status === 'option') {
      // Counted under a lock that spans the insert, so concurrent options cannot pass the limit together.
      await lockOptionPlacing(trx, activity.id);
      if ((await countOpenOptions(trx, activity.id, input.email, stamp)) >= activity.rules.options.maxPerEmail) {
        refuse('option_limit_reached', { max: activity.rules.options.maxPerEmail });
      }
    }
    // The terms the organiser accepts are the venue's version current as the booking is placed:
    // the one they read, when they say which (read again under the lock, so a version published since refuses).
    const terms = termsAsSeen(locked.termsVersion, input.termsVersion);
    const inserted = {
      id,
      reference,
      slot_id: slot.id,
      activity_id: activity.id,
      venue_id: activity.venue.id,
      status,
      group_size: input.groupSize,
      party: party && JSON.stringify(party),
      organiser_name: input.name,
      organiser_email: input.email,
      organiser_phone: input.phone,
      organisation: input.organisation,
      notes: input.notes,
      language: input.language,
      total_cents: price.totalCents,
      vat_cents: price.vatCents,
      price_breakdown: JSON.stringify(price),
      // The price rules it keeps: a later change of its group is priced by them (bookingPricing).
      pricing: JSON.stringify(activity.pricing),
      manage_token_hash: manage.hash,
      participant_token_hash: participants.hash,
      created_at: stamp,
      updated_at: stamp,
      option_expires_at: optionExpiresAt?.toISOString() ?? null,
      confirmed_at: status === 'confirmed' ? stamp : null,
      submission_hash: submission,
      terms_version: terms,
      pay_by: payment.payBy,
      deposit_percent: payment.depositPercent,
      payment_expires_at: payment.paymentExpiresAt?.toISOString() ?? null,
      payment_window_minutes: payment.windowMinutes,
      balance_due_on: payment.balanceDueOn,
      refund_policy: JSON.stringify(activity.refundPolicy),
      // Kept however the booking pays: its invoices (an online payment's receipt too) are addressed by them.
      billing_organisation: input.billing?.organisation ?? null,
      billing_address: input.billing?.address ?? null,
      billing_reference: input.billing?.reference ?? null,
      billing_vat_id: input.billing?.vatId ?? null,
      billing_country: input.billing?.country ?? null,
      discount_code_id: discount?.id ?? null,
      discount_terms: discount ? JSON.stringify(bookingTermsOf(discount)) : null,
    };
    // The rows that follow from the booking and need nothing read back (its row, its history entry,
    // its mails) are written together: on PostgreSQL in one statement (insertTogether), so the slot's
    // row stays locked for one round trip, not one per row. What reads or checks what was written
    // (its extras' stock, a voucher's balance, its invoices) runs after the rows it needs.
    const pending: PendingInsert[] = [bookingInsert(trx, inserted)];
    if (quote.extras.length > 0 || voucher) await insertTogether(trx, pending.splice(0));
    // Its extras' units, taken after the slot's places (the lock order of every change of places).
    await holdExtras(trx, slot.id, id, quote.extras);
    // The voucher's part, paid now: its balance taken under the same rule the quote read (throws when spent meanwhile).
    if (voucher)
      await redeemVoucher(trx, clock, { voucherId: voucher.id, bookingId: id, venueId: activity.venue.id, cents: voucher.cents });
    pending.push(
      bookingEventInsert(trx, clock, {
        ...placing.by,
        venueId: activity.venue.id,
        reference,
        action: placing.action,
        detail: {
          status,
          group_size: input.groupSize,
          terms_version: terms,
          ...(discount && { discount_code: discount.terms.code }),
          ...(voucher && { voucher_cents: voucher.cents }),
          ...(optionExpiresAt ? { option_expires_at: optionExpiresAt.toISOString() } : {}),
          ...(payment.payBy !== 'venue' && { pay_by: payment.payBy }),
          ...(payment.paymentExpiresAt ? { payment_expires_at: payment.paymentExpiresAt.toISOString() } : {}),
        },
      }),
    );
    // The booking's "paid" mark follows its ledger (a voucher may have paid it all).
    if (voucher) {
      await insertTogether(trx, pending.splice(0));
      await syncPaidStateOf(trx, clock, id);
    }
    // Without a voucher its row is the one just written and nothing is paid: its mails' snapshots
    // are taken from them instead of reading them back.
    const held: HeldBooking | undefined = voucher ? undefined : { row: { ...inserted, adjustment_cents: 0 }, money: NOTHING_PAID };
    const mail = {
      kind: PLACED_MAIL[status],
      bookingId: id,
      recipient: input.email,
      language: input.language,
      dedupeKey: `${PLACED_MAIL[status]}:${id}`,
      detail: {
        ...(locked.earlierReferences.length > 0 && { earlier_references: locked.earlierReferences.join(', ') }),
        ...(payment.paymentExpiresAt && {
          ...(voucher && { voucher_cents: voucher.cents }),
          due_now_cents: payment.dueAtBookingCents,
          expires_at: payment.paymentExpiresAt.toISOString(),
          balance_due_on: payment.balanceDueOn,
        }),
      },
    };
    if (held) pending.push(bookingMailInsert(trx, clock, mail, held));
    else await enqueueBookingMail(trx, clock, mail);
    // Confirmed at once (on invoice, say): its invoice is issued with it, its mail after the booking's.
    // Without a voucher nothing is paid yet, and only a booking on invoice has one to issue.
    const invoiced = voucher !== undefined || invoicedWhenPlaced({ status, payBy: payment.payBy, language: input.language, price });
    if (status === 'confirmed' && invoiced) {
      await insertTogether(trx, pending.splice(0));
      await reconcileInvoices(trx, clock, id);
    }
    // A booking awaiting payment is news for the venue once paid (checkout.service.ts), not before.
    if (status !== 'awaiting_payment') {
      const notice = {
        kind: 'staff_new_booking',
        bookingId: id,
        venueId: activity.venue.id,
        dedupeKey: `staff_new_booking:${id}`,
        except: placing.by.by === 'staff' ? placing.by.member.email : undefined,
      } as const;
      if (held) pending.push(...staffNoticeInserts(trx, clock, notice, recipientsAmong(locked.noticeEmails), held));
      else await enqueueStaffNotice(trx, clock, notice);
    }
    await writePlacedBooking(trx, pending, taken, onSlot);
    // Nothing paid (no voucher): its payment terms as written, for its money as placed.
    const unpaid: PaymentTerms | undefined = voucher ? undefined : { ...inserted, adjustment_cents: 0 };
    return { quote, terms, now, unpaid };
  };
  // When what the slot's UPDATE read changed while it waited for the lock (PostgreSQL, rare), the
  // booking is placed again from the start, reading after the lock.
  const placed = await groupedTransaction(db, (trx) => place(trx, false)).catch((error: unknown) => {
    if (error instanceof ReadBeforeLockChanged) return groupedTransaction(db, (trx) => place(trx, true));
    throw error;
  });
  const { quote, terms: termsVersion, now, unpaid } = placed;
  const { slot, activity, price, party, optionExpiresAt, payment } = quote;
  const status = payment.status;
  const { name, email, phone, organisation, notes, language, groupSize } = input;
  const booking: CreatedBooking['booking'] = {
    id,
    reference,
    status,
    groupSize,
    party,
    name,
    email,
    phone,
    organisation,
    notes,
    language,
    price,
    pricingAsBooked: activity.pricing,
    createdAt: now,
    optionExpiresAt,
    optionExtendedAt: null,
    confirmedAt: status === 'confirmed' ? now : null,
    termsVersion,
    slot,
    activity,
  };
  const money = unpaid && organiserPaymentOf(unpaid, { money: NOTHING_PAID, payments: [], refunds: [] }, now);
  return { booking, manageToken: manage.token, ...(money && { payment: money }) };
}

/** The booking a link opens, or undefined for a wrong, malformed, re-issued or unknown token. */
export async function findBookingByLink(db: Db, purpose: LinkPurpose, token: string): Promise<BookingDetails | undefined> {
  if (!isKey(token)) return undefined;
  const row = await findBookingByTokenHash(db, purpose, hashToken(token));
  if (!row) return undefined;
  return loadBookingDetails(db, row);
}
