import { HOLDS_PLACES, type BookingStatus } from '../shared/booking-status.js';

/**
 * Requests of data subjects (GDPR articles 15, 17 and 20): everything Groupz holds about a booking,
 * gathered by one function (data-requests.service.ts gatherBookingData) for the organiser's
 * download and for staff's export; and erasure, at once when the visit is over or the booking no
 * longer takes place, else by the retention job after the visit. Issued invoices stay: the law
 * (art. 52 AWR) keeps them seven years.
 */

/** What Groupz holds about one booking, as the organiser downloads it: no token hash, no provider secret. */
export interface BookingData {
  booking: {
    reference: string;
    status: string;
    language: string;
    createdAt: string;
    updatedAt: string;
    confirmedAt: string | null;
    cancelledAt: string | null;
    paidAt: string | null;
    venue: string;
    activity: { nl: string; en: string };
    visit: { startsAt: string; endsAt: string };
    organiser: { name: string; email: string; phone: string; organisation: string };
    notes: string;
    billing: {
      organisation: string | null;
      address: string | null;
      reference: string | null;
      vatId: string | null;
      country: string | null;
    };
    groupSize: number;
    party: unknown;
    /** The party in words, by its categories' names ("Leerling 9" / "Pupil 9"); null without one. */
    partyText: { nl: string; en: string } | null;
    totalCents: number;
    vatCents: number;
    adjustmentCents: number;
    priceBreakdown: unknown;
    payBy: string;
    depositPercent: number;
    paymentWindowMinutes: number | null;
    paymentExpiresAt: string | null;
    balanceDueOn: string | null;
    balanceRemindedAt: string | null;
    refundPolicy: unknown;
    /** The activity's pricing as it stood when booked, which a change of the group is priced by; null for an older booking. */
    pricing: unknown;
    termsVersion: number | null;
    discount: { code: string | null; terms: unknown } | null;
    optionExpiresAt: string | null;
    optionExtendedAt: string | null;
    optionReminderSentAt: string | null;
    visitReminderSentAt: string | null;
    manageLinkVersion: number;
    participantLinkVersion: number;
    participantsRemovedAt: string | null;
    anonymisedAt: string | null;
    erasureRequestedAt: string | null;
  };
  participants: { name: string; answers: Record<string, unknown>; createdAt: string }[];
  extras: { label: { nl: string; en: string }; basis: string; quantity: number; amountCents: number }[];
  /** The venue staff's notes about the booking (without who wrote them: that is the staff member's data). */
  staffNotes: { body: string; createdAt: string }[];
  payments: {
    method: string;
    amountCents: number;
    status: string;
    note: string;
    createdAt: string;
    updatedAt: string;
    paidAt: string | null;
  }[];
  refunds: { amountCents: number; status: string; cause: string; reason: string; createdAt: string; updatedAt: string }[];
  invoices: {
    number: string;
    kind: string;
    purpose: string;
    issueDate: string;
    dueOn: string | null;
    totalCents: number;
    vatCents: number;
    retainUntil: string;
  }[];
  mails: { kind: string; recipient: string; status: string; createdAt: string; sentAt: string | null }[];
  partMoves: { part: { nl: string; en: string }; offsetMinutes: number; createdAt: string }[];
  history: { at: string; action: string; actorKind: string | null; detail: Record<string, unknown> }[];
}

/** A gift voucher bought or received by a person, as staff export it: no code, no provider secret. */
export interface VoucherData {
  codeHint: string;
  venue: string;
  status: string;
  origin: string;
  initialCents: number;
  balanceCents: number;
  validUntil: string;
  buyerName: string;
  buyerEmail: string;
  recipientName: string;
  message: string;
  note: string;
  language: string;
  createdAt: string;
  issuedAt: string | null;
}

/** Everything a venue (or the platform, for its admins) holds about one e-mail address. */
export interface PersonData {
  email: string;
  exportedAt: string;
  bookings: BookingData[];
  vouchers: VoucherData[];
}

/** Whether a booking's personal data may go at once: its visit is over, or it no longer takes place. */
export function erasableNow(booking: { status: string; endsAt: string }, now: Date): boolean {
  const status = booking.status as BookingStatus;
  return status === 'completed' || HOLDS_PLACES[status] === false || new Date(booking.endsAt).getTime() <= now.getTime();
}

/** What an erasure did to one booking: its data gone now, or (an upcoming visit) after the visit. */
export interface BookingErasure {
  reference: string;
  outcome: 'erased' | 'scheduled';
  /** When the visit ends: the retention job erases a scheduled booking after it. */
  endsAt: string;
  /** Numbers of the invoices and credit notes that stay (seven years, by law). */
  invoicesKept: string[];
}

/** What an erasure by staff did to a person's data at their venue(s). */
export interface PersonErasure {
  bookings: BookingErasure[];
  /** Vouchers whose buyer and recipient were replaced, by their code's last four characters. */
  vouchers: string[];
}
