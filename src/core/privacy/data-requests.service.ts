import { type Party, partyWords } from '../catalog/price-categories.js';
import { partyCategoriesOf } from '../bookings/booking-pricing.js';
import type { Pricing } from '../catalog/pricing.js';
import { formatCount } from '../i18n/format.js';
import type { Db, Executor, Tx } from '../../db/schema.js';
import { recordActivity } from '../activity-log/activity-log.service.js';
import type { StaffActor } from '../booking-flows/booking-admin.service.js';
import { maskEmail } from '../booking-flows/booking-changes.service.js';
import type { Clock } from '../shared/clock.js';
import { DomainError } from '../shared/errors.js';
import { type FormResult, refused } from '../shared/field-errors.js';
import { type VenueScope, venueScopeOf } from '../shared/venue-scope.js';
import { can } from '../staff/staff.js';
import { isValidEmail, normaliseEmail } from '../staff/staff.service.js';
import {
  type BookingData,
  type BookingErasure,
  erasableNow,
  type PersonData,
  type PersonErasure,
  type VoucherData,
} from './data-requests.js';
import {
  findBookingForExport,
  findErasureState,
  listBookingsOfEmail,
  listExtrasForExport,
  listHistoryForExport,
  listInvoiceNumbers,
  listInvoicesForExport,
  listMailsForExport,
  listParticipantsForExport,
  listPartMovesForExport,
  listPaymentsForExport,
  listRefundsForExport,
  listStaffNotesForExport,
  listVouchersOfEmail,
  markErasureRequested,
} from './data-requests.repository.js';
import { anonymiseVoucher } from './retention.repository.js';
import { anonymiseWhenSettled } from './retention.service.js';

/** A JSON column as the download shows it: parsed, or as stored when it is no JSON. */
function parsed(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function parsedObject(text: string): Record<string, unknown> {
  const value = parsed(text);
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : { value };
}

/**
 * Everything the database holds about one booking, and nothing of another: the booking's own
 * fields, its participants, extras, the venue staff's notes, payments and refunds, the invoices
 * issued for it, the mails queued or sent about it, its programme's moved parts and its history.
 * Never a link's hash, a submission's hash or a provider's account, checkout or secret. The one
 * source of the organiser's download (JSON and page) and of staff's export of a person's data.
 */
export async function gatherBookingData(db: Executor, bookingId: string): Promise<BookingData> {
  const row = await findBookingForExport(db, bookingId);
  if (!row) throw new DomainError('not_found');
  const [participants, extras, notes, payments, refunds, invoices, mails, moves, history] = await Promise.all([
    listParticipantsForExport(db, bookingId),
    listExtrasForExport(db, bookingId),
    listStaffNotesForExport(db, bookingId),
    listPaymentsForExport(db, bookingId),
    listRefundsForExport(db, bookingId),
    listInvoicesForExport(db, bookingId),
    listMailsForExport(db, bookingId),
    listPartMovesForExport(db, bookingId),
    listHistoryForExport(db, row.venue_id, row.reference),
  ]);
  return {
    booking: {
      reference: row.reference,
      status: row.status,
      language: row.language,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      confirmedAt: row.confirmed_at,
      cancelledAt: row.cancelled_at,
      paidAt: row.paid_at,
      venue: row.venue_name,
      activity: { nl: row.title_nl, en: row.title_en },
      visit: { startsAt: row.starts_at, endsAt: row.ends_at },
      organiser: { name: row.organiser_name, email: row.organiser_email, phone: row.organiser_phone, organisation: row.organisation },
      notes: row.notes,
      billing: {
        organisation: row.billing_organisation,
        address: row.billing_address,
        reference: row.billing_reference,
        vatId: row.billing_vat_id,
        country: row.billing_country,
      },
      groupSize: row.group_size,
      party: parsed(row.party),
      partyText:
        row.party === null
          ? null
          : partyWords(
              partyCategoriesOf(parsed(row.pricing) as Pricing | null, JSON.parse(row.activity_pricing) as Pricing),
              JSON.parse(row.party) as Party,
              formatCount,
            ),
      totalCents: row.total_cents,
      vatCents: row.vat_cents,
      adjustmentCents: row.adjustment_cents,
      priceBreakdown: parsed(row.price_breakdown),
      payBy: row.pay_by,
      depositPercent: row.deposit_percent,
      paymentWindowMinutes: row.payment_window_minutes,
      paymentExpiresAt: row.payment_expires_at,
      balanceDueOn: row.balance_due_on,
      balanceRemindedAt: row.balance_reminded_at,
      refundPolicy: parsed(row.refund_policy),
      pricing: parsed(row.pricing),
      termsVersion: row.terms_version,
      discount:
        row.discount_terms === null && row.discount_code === null ? null : { code: row.discount_code, terms: parsed(row.discount_terms) },
      optionExpiresAt: row.option_expires_at,
      optionExtendedAt: row.option_extended_at,
      optionReminderSentAt: row.option_reminder_sent_at,
      visitReminderSentAt: row.visit_reminder_sent_at,
      manageLinkVersion: row.manage_link_version,
      participantLinkVersion: row.participant_link_version,
      participantsRemovedAt: row.participants_removed_at,
      anonymisedAt: row.anonymised_at,
      erasureRequestedAt: row.erasure_requested_at,
    },
    participants: participants.map((p) => ({ name: p.name, answers: parsedObject(p.answers), createdAt: p.created_at })),
    extras: extras.map((e) => ({
      label: { nl: e.label_nl, en: e.label_en },
      basis: e.basis,
      quantity: e.quantity,
      amountCents: e.amount_cents,
    })),
    staffNotes: notes.map((n) => ({ body: n.body, createdAt: n.created_at })),
    payments: payments.map((p) => ({
      method: p.method,
      amountCents: p.amount_cents,
      status: p.status,
      note: p.note,
      createdAt: p.created_at,
      updatedAt: p.updated_at,
      paidAt: p.paid_at,
    })),
    refunds: refunds.map((r) => ({
      amountCents: r.amount_cents,
      status: r.status,
      cause: r.cause,
      reason: r.reason,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    })),
    invoices: invoices.map((i) => ({
      number: i.number,
      kind: i.kind,
      purpose: i.purpose,
      issueDate: i.issue_date,
      dueOn: i.due_on,
      totalCents: i.total_cents,
      vatCents: i.vat_cents,
      retainUntil: i.retain_until,
    })),
    mails: mails.map((m) => ({ kind: m.kind, recipient: m.recipient, status: m.status, createdAt: m.created_at, sentAt: m.sent_at })),
    partMoves: moves.map((m) => ({ part: { nl: m.title_nl, en: m.title_en }, offsetMinutes: m.offset_minutes, createdAt: m.created_at })),
    history: history.map((h) => ({ at: h.at, action: h.action, actorKind: h.actor_kind, detail: parsedObject(h.detail) })),
  };
}

/** When the organiser asked for the booking's erasure; null while they have not. */
export async function readErasureRequest(db: Executor, bookingId: string): Promise<string | null> {
  return (await findErasureState(db, bookingId))?.erasure_requested_at ?? null;
}

type ErasureState = NonNullable<Awaited<ReturnType<typeof findErasureState>>>;

/**
 * Erases one booking inside the caller's transaction: at once (anonymiseBooking) when its visit is
 * over or it no longer takes place, else marked for the retention job, which erases it after the
 * visit. The issued invoices stay, by law.
 */
async function eraseBooking(trx: Tx, clock: Clock, state: ErasureState): Promise<BookingErasure> {
  const at = clock.now().toISOString();
  await markErasureRequested(trx, state.id, at);
  // After the visit, at once unless its money is not settled: then, like a visit to come, the retention job erases it later.
  const now =
    erasableNow({ status: state.status, endsAt: state.ends_at }, clock.now()) &&
    (await anonymiseWhenSettled(trx, clock, state.id)) !== 'postponed';
  return {
    reference: state.reference,
    outcome: now ? 'erased' : 'scheduled',
    endsAt: state.ends_at,
    invoicesKept: await listInvoiceNumbers(trx, state.id),
  };
}

/**
 * The organiser's request, through the manage link, to erase their booking's personal data: done
 * at once when the visit is over or the booking was cancelled or expired (the manage link then stops
 * working), else after the visit by the retention job. One transaction with its history entry.
 */
export async function eraseByOrganiser(db: Db, clock: Clock, bookingId: string): Promise<BookingErasure> {
  return db.transaction().execute(async (trx) => {
    const state = await findErasureState(trx, bookingId);
    if (!state || state.anonymised_at !== null) throw new DomainError('not_found');
    const erasure = await eraseBooking(trx, clock, state);
    await recordActivity(trx, clock, {
      actor: null,
      actorKind: 'organiser',
      venueId: state.venue_id,
      action: erasure.outcome === 'erased' ? 'privacy.erased' : 'privacy.erasure_scheduled',
      target: state.reference,
      detail: { invoices_kept: erasure.invoicesKept.length },
    });
    return erasure;
  });
}

/** The address staff look for: required, one e-mail address; compared without regard to case. */
export function parseSubjectEmail(raw: string): FormResult<string> {
  const email = normaliseEmail(raw);
  if (email === '') return refused('email', 'required');
  if (!isValidEmail(email)) return refused('email', 'invalid_email');
  return { ok: true, value: email };
}

/** A booking of the person's, as staff's list shows it. */
export interface PersonBooking {
  id: string;
  reference: string;
  status: string;
  venue: string;
  activity: { nl: string; en: string };
  startsAt: string;
  endsAt: string;
  /** Whether the organiser (or staff) asked for erasure, which waits for the visit to be over. */
  erasureRequested: boolean;
  /** Whether an erasure now removes it at once (else after the visit). */
  erasableNow: boolean;
}

export interface PersonVoucher {
  codeHint: string;
  venue: string;
  status: string;
  validUntil: string;
  balanceCents: number;
}

/** What staff find of a person (by e-mail address) at their venue, or at every venue for the platform's admins. */
export interface PersonMatches {
  email: string;
  bookings: PersonBooking[];
  vouchers: PersonVoucher[];
}

function refuseWithoutPermission(actor: StaffActor): void {
  if (!can(actor.member, 'privacy.requests')) throw new DomainError('not_allowed');
}

/** The bookings (as organiser) and gift vouchers (as buyer) of an address in the member's scope; nothing anonymised. */
export async function findPersonalData(db: Db, clock: Clock, actor: StaffActor, email: string): Promise<PersonMatches> {
  refuseWithoutPermission(actor);
  const scope = venueScopeOf(actor.member);
  const [bookings, vouchers] = await Promise.all([listBookingsOfEmail(db, scope, email), listVouchersOfEmail(db, scope, email)]);
  return {
    email,
    bookings: bookings.map((b) => ({
      id: b.id,
      reference: b.reference,
      status: b.status,
      venue: b.venue_name,
      activity: { nl: b.title_nl, en: b.title_en },
      startsAt: b.starts_at,
      endsAt: b.ends_at,
      erasureRequested: b.erasure_requested_at !== null,
      erasableNow: erasableNow({ status: b.status, endsAt: b.ends_at }, clock.now()),
    })),
    vouchers: vouchers.map((v) => ({
      codeHint: v.code_hint,
      venue: v.venue_name,
      status: v.status,
      validUntil: v.valid_until,
      balanceCents: v.balance_cents,
    })),
  };
}

/** A voucher's target in the activity log, as its issuing names it. */
const voucherTarget = (hint: string) => `•••• ${hint}`;

/** The scope's bookings and vouchers of an address, read one after the other in the caller's transaction; not_found for none. */
async function heldOf(trx: Tx, scope: VenueScope, email: string) {
  const bookings = await listBookingsOfEmail(trx, scope, email);
  const vouchers = await listVouchersOfEmail(trx, scope, email);
  if (bookings.length === 0 && vouchers.length === 0) throw new DomainError('not_found');
  return { bookings, vouchers };
}

/**
 * Everything the member's venue holds about a person (by e-mail address): each booking as the
 * organiser's own download gives it, and their gift vouchers (without codes). Recorded in the
 * activity log per booking and voucher, with the address masked. Nothing found: not_found.
 */
export async function exportPersonalData(db: Db, clock: Clock, actor: StaffActor, email: string): Promise<PersonData> {
  refuseWithoutPermission(actor);
  const scope = venueScopeOf(actor.member);
  return db.transaction().execute(async (trx) => {
    const { bookings, vouchers } = await heldOf(trx, scope, email);
    const data: PersonData = { email, exportedAt: clock.now().toISOString(), bookings: [], vouchers: [] };
    for (const booking of bookings) {
      const gathered = await gatherBookingData(trx, booking.id);
      data.bookings.push(gathered);
      const venueId = (await findErasureState(trx, booking.id))!.venue_id;
      await logStaffAction(trx, clock, actor, venueId, 'privacy.exported', booking.reference, email);
    }
    for (const voucher of vouchers) {
      data.vouchers.push(voucherDataOf(voucher));
      await logStaffAction(trx, clock, actor, voucher.venue_id, 'privacy.exported', voucherTarget(voucher.code_hint), email);
    }
    return data;
  });
}

function voucherDataOf(v: Awaited<ReturnType<typeof listVouchersOfEmail>>[number]): VoucherData {
  return {
    codeHint: v.code_hint,
    venue: v.venue_name,
    status: v.status,
    origin: v.origin,
    initialCents: v.initial_cents,
    balanceCents: v.balance_cents,
    validUntil: v.valid_until,
    buyerName: v.buyer_name,
    buyerEmail: v.buyer_email,
    recipientName: v.recipient_name,
    message: v.message,
    note: v.note,
    language: v.language,
    createdAt: v.created_at,
    issuedAt: v.issued_at,
  };
}

async function logStaffAction(
  trx: Tx,
  clock: Clock,
  actor: StaffActor,
  venueId: string,
  action: string,
  target: string,
  email: string,
  detail: Record<string, string | number> = {},
): Promise<void> {
  await recordActivity(trx, clock, {
    actor: actor.member,
    venueId,
    action,
    target,
    detail: { email: maskEmail(email), ...detail },
    client: actor.client,
  });
}

/**
 * Erases a person's data at the member's venue, on their request: bookings whose visit is over or
 * that no longer take place, and gift vouchers, at once; upcoming bookings after their visit (the
 * retention job). Issued invoices stay seven years, by law. One transaction, with an activity log
 * entry per booking and voucher naming who did it (the address masked). Nothing found: not_found.
 */
export async function erasePersonalData(db: Db, clock: Clock, actor: StaffActor, email: string): Promise<PersonErasure> {
  refuseWithoutPermission(actor);
  const scope = venueScopeOf(actor.member);
  return db.transaction().execute(async (trx) => {
    const { bookings, vouchers } = await heldOf(trx, scope, email);
    const erasure: PersonErasure = { bookings: [], vouchers: [] };
    for (const booking of bookings) {
      const state = (await findErasureState(trx, booking.id))!;
      const done = await eraseBooking(trx, clock, state);
      erasure.bookings.push(done);
      const action = done.outcome === 'erased' ? 'privacy.erased' : 'privacy.erasure_scheduled';
      await logStaffAction(trx, clock, actor, state.venue_id, action, booking.reference, email, {
        invoices_kept: done.invoicesKept.length,
      });
    }
    for (const voucher of vouchers) {
      await anonymiseVoucher(trx, voucher.id, clock.now().toISOString());
      erasure.vouchers.push(voucher.code_hint);
      await logStaffAction(trx, clock, actor, voucher.venue_id, 'privacy.erased', voucherTarget(voucher.code_hint), email);
    }
    return erasure;
  });
}
