import { discountsIn } from '../discounts/discount-code.js';
import { render } from 'preact-render-to-string';
import { partySummary } from '../catalog/price-categories.js';
import { partyCategoriesOf } from '../bookings/booking-pricing.js';
import type { BookingDetails } from '../bookings/booking.js';
import type { BookingStatus } from '../shared/booking-status.js';
import { addressLine, type Venue } from '../catalog/activity.js';
import { formatCount, formatDate, formatMoney, formatRange, formatTime } from '../i18n/format.js';
import { STATUS_LABELS } from '../i18n/status-labels.js';
import type { BookingMailKind, MailKind } from '../outbox/mail.js';
import { type MailMessageKey, type MailTranslate, mailTranslator } from './mail-texts.js';
import { type Language, LANGUAGES } from '../shared/language.js';
import { startOfLocalDay } from '../shared/time.js';
import { balanceFacts, balanceLink, balanceParagraph, type MailPayment } from './payment-facts.js';
import type { PartTime } from '../resources/programme.js';
import type { Subgroup } from '../resources/rotation.js';
import { count } from '../i18n/i18n.js';

/** The mails about a booking (outbox/mail.ts): to its organiser, or to the venue's staff. */
export type { BookingMailKind };
type StaffMailKind = Extract<BookingMailKind, `staff_${string}`>;
type OrganiserMailKind = Exclude<BookingMailKind, StaffMailKind>;

/** A mail's detail as stored with it (see NewMail): what the booking alone does not say. */
export type MailDetail = Record<string, unknown>;

/** The booking as a mail shows it, with the links made for it at send time (full URLs). */
export interface MailBooking {
  booking: BookingDetails;
  /** The current manage link; undefined when the booking has none the platform can make. */
  manageUrl: string | undefined;
  participantUrl: string | undefined;
  /** The activity's public page, to book again. */
  activityUrl: string;
  /** The page that mails a lost manage link again. */
  lostLinkUrl: string;
  /** The booking in the back office, for staff. */
  adminUrl: string;
  /** Its money, when it owes some later (a balance, an invoice); see payment-facts.ts. */
  payment?: MailPayment | undefined;
  /** Its programme as the group does it (moves, subgroups: bookingProgramme); none (or absent) for an ordinary activity. */
  programme?: readonly Subgroup[] | undefined;
}

export interface MailContent {
  subject: string;
  text: string;
  html: string;
}

/** The organiser mails that carry the visit as an .ics attachment. */
export const CALENDAR_KINDS: ReadonlySet<MailKind> = new Set<MailKind>([
  'booking_received',
  'option_placed',
  'request_received',
  'confirmed',
  'changed',
  'cancelled',
  'visit_reminder',
]);

/**
 * The first mails of a booking, which go to whatever address was typed: they say why the recipient
 * gets them and how to undo a booking they never made.
 */
const FIRST_KINDS: ReadonlySet<MailKind> = new Set<MailKind>(['booking_received', 'request_received', 'option_placed']);

/** The mails that hand the organiser the participants' link to share. */
const PARTICIPANT_LINK_KINDS: ReadonlySet<MailKind> = new Set<MailKind>(['booking_received', 'confirmed', 'option_placed']);

/** What a mail is about: a booking, an option or a request. The subject and first line name it as such. */
type Held = 'booking' | 'option' | 'request';

function heldOf(status: unknown): Held {
  return status === 'option' ? 'option' : status === 'requested' ? 'request' : 'booking';
}

/** The subjects of the kinds whose words depend on what the booking is (was, when cancelled). */
const CHANGED_SUBJECTS: Record<Held, MailMessageKey> = {
  booking: 'mail.subject.changed',
  option: 'mail.subject.option_changed',
  request: 'mail.subject.request_changed',
};
const STAFF_NEW: Record<Held, { subject: MailMessageKey; intro: MailMessageKey }> = {
  booking: { subject: 'mail.subject.staff_new_booking', intro: 'mail.staff.intro_new' },
  option: { subject: 'mail.subject.staff_new_option', intro: 'mail.staff.intro_new_option' },
  request: { subject: 'mail.subject.staff_new_request', intro: 'mail.staff.intro_new_request' },
};
/** A cancellation, by what was cancelled and by whom: staff cancelling a request decline it. */
const CANCELLED: Record<Held, Record<'organiser' | 'staff', { subject: MailMessageKey; intro: MailMessageKey }>> = {
  booking: {
    organiser: { subject: 'mail.subject.cancelled', intro: 'mail.intro.cancelled_by_organiser' },
    staff: { subject: 'mail.subject.cancelled', intro: 'mail.intro.cancelled_by_staff' },
  },
  option: {
    organiser: { subject: 'mail.subject.option_cancelled', intro: 'mail.intro.option_cancelled_by_organiser' },
    staff: { subject: 'mail.subject.option_cancelled', intro: 'mail.intro.option_cancelled_by_staff' },
  },
  request: {
    organiser: { subject: 'mail.subject.request_withdrawn', intro: 'mail.intro.request_withdrawn' },
    staff: { subject: 'mail.subject.request_declined', intro: 'mail.intro.request_declined' },
  },
};

/** The words of a cancellation; its detail says the status it left (`from`) and who cancelled (`by`). */
function cancellation(detail: MailDetail): { subject: MailMessageKey; intro: MailMessageKey } {
  return CANCELLED[heldOf(detail.from)][detail.by === 'staff' ? 'staff' : 'organiser'];
}

const SUBJECTS: Record<Exclude<BookingMailKind, 'changed' | 'cancelled' | 'staff_new_booking'>, MailMessageKey> = {
  booking_received: 'mail.subject.booking_received',
  request_received: 'mail.subject.request_received',
  option_placed: 'mail.subject.option_placed',
  option_extended: 'mail.subject.option_extended',
  option_expiring: 'mail.subject.option_expiring',
  option_expired: 'mail.subject.option_expired',
  confirmed: 'mail.subject.confirmed',
  contact_changed: 'mail.subject.contact_changed',
  visit_reminder: 'mail.subject.visit_reminder',
  balance_reminder: 'mail.subject.balance_reminder',
  manage_link: 'mail.subject.manage_link',
  payment_due: 'mail.subject.payment_due',
  payment_received: 'mail.subject.payment_received',
  payment_expired: 'mail.subject.payment_expired',
  payment_refunded_late: 'mail.subject.payment_refunded_late',
  payment_refunded_excess: 'mail.subject.payment_refunded_excess',
  invoices_issued: 'mail.subject.invoices_issued',
  invoice_overdue: 'mail.subject.invoice_overdue',
  staff_booking_changed: 'mail.subject.staff_booking_changed',
  staff_refund_failed: 'mail.subject.staff_refund_failed',
  staff_refund_by_bank: 'mail.subject.staff_refund_by_bank',
};

/** What happened, for the kinds whose first sentence needs nothing from the detail. */
const INTROS: Record<Exclude<OrganiserMailKind, 'changed' | 'cancelled' | 'contact_changed' | 'invoice_overdue'>, MailMessageKey> = {
  booking_received: 'mail.intro.booking_received',
  request_received: 'mail.intro.request_received',
  option_placed: 'mail.intro.option_placed',
  option_extended: 'mail.intro.option_extended',
  option_expiring: 'mail.intro.option_expiring',
  option_expired: 'mail.intro.option_expired',
  confirmed: 'mail.intro.confirmed',
  visit_reminder: 'mail.intro.visit_reminder',
  balance_reminder: 'mail.intro.balance_reminder',
  manage_link: 'mail.intro.manage_link',
  payment_due: 'mail.intro.payment_due',
  payment_received: 'mail.intro.payment_received',
  payment_expired: 'mail.intro.payment_expired',
  payment_refunded_late: 'mail.intro.payment_refunded_late',
  payment_refunded_excess: 'mail.intro.payment_refunded_excess',
  invoices_issued: 'mail.intro.invoices_issued',
};

/** The mails about paying: their detail names the amounts (`due_now_cents`, `amount_cents`) and dates. */
const PAYMENT_KINDS: ReadonlySet<MailKind> = new Set<MailKind>([
  'payment_due',
  'payment_received',
  'payment_expired',
  'payment_refunded_late',
  'payment_refunded_excess',
]);

/** The mails whose `amount_cents` goes back to the organiser. */
const REFUNDED_KINDS: ReadonlySet<MailKind> = new Set<MailKind>(['payment_refunded_late', 'payment_refunded_excess']);

/** What the booking's status means now, when the mail is sent. */
const STATUS_TEXTS: Record<BookingStatus, MailMessageKey> = {
  option: 'mail.status_text.option',
  requested: 'mail.status_text.requested',
  awaiting_payment: 'mail.status_text.awaiting_payment',
  confirmed: 'mail.status_text.confirmed',
  cancelled: 'mail.status_text.cancelled',
  expired: 'mail.status_text.expired',
  completed: 'mail.status_text.completed',
};

const STAFF_CHANGES: Record<string, MailMessageKey> = {
  group_size: 'mail.staff.change.group_size',
  cancelled: 'mail.staff.change.cancelled',
  confirmed: 'mail.staff.change.confirmed',
  requested: 'mail.staff.change.requested',
  expired: 'mail.staff.change.expired',
  awaiting_payment: 'mail.staff.change.awaiting_payment',
  paid: 'mail.staff.change.paid',
  payment_expired: 'mail.staff.change.payment_expired',
  late_refund: 'mail.staff.change.late_refund',
  excess_refund: 'mail.staff.change.excess_refund',
  cancelled_refund: 'mail.staff.change.cancelled_refund',
};

/** One language's part of a mail: organiser mails have one, staff notices and alerts one per language. */
export interface Section {
  lang: Language;
  greeting?: string;
  paragraphs: string[];
  facts: [label: string, value: string][];
  /** A code to type somewhere (a gift voucher's), shown large in monospace after the paragraphs. */
  code?: { label: string; value: string };
  /** What follows the facts (how to use a voucher). */
  after?: string[];
  links: { label: string; url: string; note?: string }[];
  footer: string;
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value);
}

/** "wo 3 jun 2026 om 10:00": an instant in Amsterdam time, in a sentence. */
export function at(t: MailTranslate, lang: Language, instant: Date): string {
  return t('mail.at', { date: formatDate(instant, lang), time: formatTime(instant) });
}

/** "27 (Leerling 24, Begeleider 3)": the group size, with its party for an activity with price categories. */
function groupText(lang: Language, booking: BookingDetails): string {
  // By the names the booking was made with, as its pages name them.
  const categories = partyCategoriesOf(booking.pricingAsBooked, booking.activity.pricing);
  const size = formatCount(booking.groupSize, lang);
  if (!booking.party || categories.length === 0) return size;
  return `${size} (${partySummary(categories, booking.party, lang, (n) => formatCount(n, lang))})`;
}

/**
 * Reference, activity, venue, date and time (a programme's parts at their times), group size and
 * status: what every mail names.
 */
function bookingFacts(t: MailTranslate, lang: Language, booking: BookingDetails, programme: readonly Subgroup[] = []): Section['facts'] {
  const { activity, slot } = booking;
  return [
    [t('mail.reference'), booking.reference],
    [t('booking.activity'), activity.title[lang]],
    [t('booking.venue'), `${activity.venue.name}, ${activity.location}`],
    [t('booking.when'), formatRange(slot.startsAt, slot.endsAt, lang)],
    ...(programme.length > 0 ? [[t('mail.programme'), timelineText(t, lang, programme)] as [string, string]] : []),
    [t('booking.group_size'), groupText(lang, booking)],
    ...extrasFacts(t, lang, booking),
    [t('manage.status'), t(STATUS_LABELS[booking.status])],
  ];
}

/** "10:00–11:30 Klimmen · Klimwand", a line per part, in Amsterdam time. */
function timelineText(t: MailTranslate, lang: Language, programme: readonly Subgroup[]): string {
  const lines = (times: readonly PartTime[]) =>
    times.map(({ part, startsAt, endsAt }) =>
      [`${formatTime(startsAt)}–${formatTime(endsAt)} ${part.title[lang]}`, ...part.resources.map((r) => r.name)].join(' · '),
    );
  if (programme.length === 1) return lines(programme[0]!.parts).join('\n');
  // Split into subgroups taking turns: each one's heading, then its own times.
  return programme
    .flatMap((subgroup, k) => [t('mail.subgroup', { n: k + 1, persons: count(subgroup.persons) }), ...lines(subgroup.parts)])
    .join('\n');
}

/** The extras a booking took (lunch, equipment), each with its number, when it took any. */
function extrasFacts(t: MailTranslate, lang: Language, booking: BookingDetails): Section['facts'] {
  const extras = booking.price.lines.filter((line) => line.extraId !== undefined);
  if (extras.length === 0) return [];
  return [[t('mail.extras'), extras.map((line) => `${line.label[lang]} (${formatCount(line.quantity, lang)})`).join(', ')]];
}

/** What an `invoices_issued` mail carries (its detail's `contents`, see queueInvoiceMail): its subject and first sentence. */
const ISSUED_TEXTS: Record<string, { subject: MailMessageKey; intro: MailMessageKey }> = {
  invoice: { subject: 'mail.subject.invoices_issued', intro: 'mail.intro.invoices_issued' },
  credit_note: { subject: 'mail.subject.credit_notes_issued', intro: 'mail.intro.credit_notes_issued' },
  both: { subject: 'mail.subject.invoices_and_credit_notes_issued', intro: 'mail.intro.invoices_and_credit_notes_issued' },
};

/** The texts of an `invoices_issued` mail by what it carries; one queued before `contents` existed carries invoices. */
function issuedTexts(detail: MailDetail): { subject: MailMessageKey; intro: MailMessageKey } {
  return (typeof detail.contents === 'string' && ISSUED_TEXTS[detail.contents]) || ISSUED_TEXTS.invoice!;
}

function subjectKey(kind: BookingMailKind, detail: MailDetail, booking: BookingDetails): MailMessageKey {
  if (kind === 'invoices_issued') return issuedTexts(detail).subject;
  if (kind === 'changed') return CHANGED_SUBJECTS[heldOf(booking.status)];
  if (kind === 'cancelled') return cancellation(detail).subject;
  if (kind === 'staff_new_booking') return STAFF_NEW[heldOf(booking.status)].subject;
  return SUBJECTS[kind];
}

function subjectOf(kind: BookingMailKind, t: MailTranslate, lang: Language, detail: MailDetail, { booking }: MailBooking): string {
  return t(subjectKey(kind, detail, booking), {
    reference: booking.reference,
    activity: booking.activity.title[lang],
    date: formatDate(booking.slot.startsAt, lang),
    change: isStaffKind(kind) ? staffChange(t, detail) : '',
    amount: isCount(detail.amount_cents) ? formatMoney(detail.amount_cents, lang) : '',
    number: String(detail.invoice_number ?? ''),
  });
}

function introOf(kind: OrganiserMailKind, t: MailTranslate, lang: Language, detail: MailDetail, { booking }: MailBooking): string {
  const venue = booking.activity.venue.name;
  if (kind === 'changed') {
    const { from_group_size: from, to_group_size: to } = detail;
    return isCount(from) && isCount(to)
      ? t('mail.intro.group_size_changed', { from: count(from), to: count(to) })
      : t('mail.intro.changed');
  }
  if (kind === 'cancelled') return t(cancellation(detail).intro, { venue });
  if (kind === 'contact_changed')
    return t('mail.intro.contact_changed', { venue, reference: booking.reference, email: String(detail.to_email) });
  const startsAt = booking.slot.startsAt;
  if (kind === 'invoice_overdue') return invoiceOverdueIntro(t, lang, detail, venue, startsAt);
  const cents = isCount(detail.due_now_cents) ? detail.due_now_cents : isCount(detail.amount_cents) ? detail.amount_cents : undefined;
  const amount = cents === undefined ? '' : formatMoney(cents, lang);
  // A payment that came after the booking was cancelled (not after its window) says so.
  const intro =
    kind === 'payment_refunded_late' && booking.status === 'cancelled'
      ? 'mail.intro.payment_refunded_cancelled'
      : kind === 'invoices_issued'
        ? issuedTexts(detail).intro
        : INTROS[kind];
  return t(intro, { venue, date: formatDate(startsAt, lang), time: formatTime(startsAt), amount });
}

/** A day (YYYY-MM-DD) in a sentence; '' when the detail has none. */
function dayText(value: unknown, lang: Language): string {
  return typeof value === 'string' ? formatDate(startOfLocalDay(value), lang) : '';
}

/** An IBAN as printed: in groups of four. */
function ibanText(value: unknown): string {
  return typeof value === 'string' ? value.replace(/(.{4})(?=.)/g, '$1 ') : '';
}

/** An overdue invoice's reminder: which invoice, for which visit, due when, what to transfer where, quoting what. */
function invoiceOverdueIntro(t: MailTranslate, lang: Language, detail: MailDetail, venue: string, startsAt: Date): string {
  return t('mail.intro.invoice_overdue', {
    number: String(detail.invoice_number ?? ''),
    venue,
    date: formatDate(startsAt, lang),
    due: dayText(detail.due_on, lang),
    amount: isCount(detail.amount_cents) ? formatMoney(detail.amount_cents, lang) : '',
    iban: ibanText(detail.iban),
    reference: String(detail.payment_reference ?? ''),
  });
}

/** The facts of an overdue invoice (its detail, see invoice-reminder.service.ts). */
function invoiceFacts(t: MailTranslate, lang: Language, detail: MailDetail): Section['facts'] {
  const facts: [MailMessageKey, string][] = [
    ['mail.invoice.number', String(detail.invoice_number ?? '')],
    ['mail.invoice.total', isCount(detail.total_cents) ? formatMoney(detail.total_cents, lang) : ''],
    ['mail.invoice.outstanding', isCount(detail.amount_cents) ? formatMoney(detail.amount_cents, lang) : ''],
    ['mail.invoice.due_on', dayText(detail.due_on, lang)],
    ['mail.invoice.iban', ibanText(detail.iban)],
    ['mail.invoice.reference', String(detail.payment_reference ?? '')],
  ];
  return facts.filter(([, value]) => value !== '').map(([key, value]) => [t(key), value]);
}

/** How the organiser reaches the venue, whatever it gave: address, e-mail, phone, website. */
function venueFacts(t: MailTranslate, venue: Venue): [string, string][] {
  const { address, contactEmail, contactPhone, website } = venue;
  const facts: [MailMessageKey, string | null][] = [
    ['mail.venue_address', address && addressLine(address)],
    ['mail.venue_email', contactEmail],
    ['mail.venue_phone', contactPhone],
    ['mail.venue_website', website],
  ];
  return facts.flatMap(([key, value]) => (value ? [[t(key, { venue: venue.name }), value] as [string, string]] : []));
}

/**
 * To the address a booking had before staff changed it: what changed, to which (masked) address,
 * and how to reach the venue; no link, which is the new address's alone.
 */
function contactChangedSection(lang: Language, detail: MailDetail, subject: MailBooking): Section {
  const t = mailTranslator(lang);
  const { booking } = subject;
  const { venue } = booking.activity;
  return {
    lang,
    greeting: t('mail.greeting'),
    paragraphs: [introOf('contact_changed', t, lang, detail, subject)],
    facts: [...bookingFacts(t, lang, booking).slice(0, 4), ...venueFacts(t, venue)],
    links: [],
    footer: t('mail.footer', { venue: venue.name }),
  };
}

function organiserSection(kind: OrganiserMailKind, lang: Language, detail: MailDetail, subject: MailBooking, calendar?: string): Section {
  if (kind === 'contact_changed') return contactChangedSection(lang, detail, subject);
  const t = mailTranslator(lang);
  const { booking } = subject;
  const { venue } = booking.activity;
  const deadline = booking.status === 'option' ? booking.optionExpiresAt : null;
  const payBefore = booking.status === 'awaiting_payment' ? dateOf(detail.expires_at) : undefined;
  // An option's text gives its deadline (an option always has one; without it, the text is left out),
  // a booking awaiting payment the end of its window (when the mail names it).
  const statusText = deadline
    ? t(STATUS_TEXTS.option, { deadline: at(t, lang, deadline) })
    : payBefore
      ? t(STATUS_TEXTS.awaiting_payment, { deadline: at(t, lang, payBefore) })
      : booking.status === 'option' || booking.status === 'awaiting_payment'
        ? undefined
        : t(STATUS_TEXTS[booking.status]);
  const links: Section['links'] = [];
  // An overdue invoice's reminder states that invoice's money (invoiceFacts), not the booking's balance.
  const invoice = kind === 'invoice_overdue';
  // The mail of a cancelled or expired booking's documents does not state a price it no longer owes, nor a fee beside it.
  const noPrice = kind === 'invoices_issued' && (booking.status === 'cancelled' || booking.status === 'expired');
  const payment = invoice || !subject.payment ? undefined : noPrice ? { ...subject.payment, adjustmentCents: 0 } : subject.payment;
  const payLink = payment && balanceLink(t, payment);
  if (payLink) links.push(payLink);
  // The way to pay: the manage page's pay link, which starts Mollie's checkout.
  if (subject.manageUrl && payBefore) links.push({ label: t('mail.payment.pay_link'), url: `${subject.manageUrl}/pay` });
  if (subject.manageUrl) links.push({ label: t('mail.manage_link'), url: subject.manageUrl, note: t('mail.manage_link_note') });
  if (subject.participantUrl && PARTICIPANT_LINK_KINDS.has(kind)) {
    links.push({ label: t('mail.participant_link'), url: subject.participantUrl, note: t('mail.participant_link_note') });
  }
  if (booking.status === 'expired') links.push({ label: t('mail.book_again'), url: subject.activityUrl });
  // The address's other active bookings of the slot when this one was placed (see placeBooking).
  const earlier = FIRST_KINDS.has(kind) && typeof detail.earlier_references === 'string' ? detail.earlier_references : undefined;
  if (earlier) links.push({ label: t('mail.lost_link'), url: subject.lostLinkUrl });
  // Nothing typed by whoever booked (name, organisation, notes) goes into a mail to the organiser's
  // address: whoever types an address that is not theirs cannot make the platform carry their text.
  return {
    lang,
    greeting: t('mail.greeting'),
    paragraphs: [
      introOf(kind, t, lang, detail, subject),
      refundText(kind, t, lang, detail, venue.name),
      // The documents the mail carries, as listed when they were issued (numbers and amounts, nothing typed).
      kind === 'invoices_issued' && typeof detail.documents === 'string' && t('mail.invoices_listed', { documents: detail.documents }),
      statusText,
      payment && balanceParagraph(t, lang, payment),
      // A cancelled or expired booking's file (STATUS:CANCELLED) takes the visit out of the calendar.
      calendar &&
        t(booking.status === 'cancelled' || booking.status === 'expired' ? 'mail.calendar_removes' : 'mail.calendar_attached', {
          file: calendar,
        }),
      FIRST_KINDS.has(kind) && t('mail.not_you', { venue: booking.activity.venue.name }),
      earlier && t('mail.earlier_on_slot', { references: earlier }),
      venue.contactEmail && t('mail.reply_to_venue', { venue: venue.name }),
    ].filter((p): p is string => Boolean(p)),
    facts: [
      ...bookingFacts(t, lang, booking, subject.programme),
      ...(deadline ? [[t('mail.option_deadline'), at(t, lang, deadline)] as [string, string]] : []),
      ...(noPrice
        ? []
        : [
            // A discount code's discount, before the total it is taken off.
            ...discountsIn(booking.price).map((d): [string, string] => [d.label[lang], formatMoney(d.totalCents, lang)]),
            [t('price.total'), formatMoney(booking.price.totalCents, lang)] as [string, string],
          ]),
      ...(payment ? balanceFacts(t, lang, payment, moneyMail(kind, detail)) : []),
      ...(invoice ? invoiceFacts(t, lang, detail) : []),
      ...(PAYMENT_KINDS.has(kind) ? paymentFacts(t, lang, kind, detail, booking, payBefore) : []),
      ...venueFacts(t, venue),
    ],
    links,
    footer: t('mail.footer', { venue: booking.activity.venue.name }),
  };
}

/**
 * Whether the mail is about the booking's money (a receipt; a group size change, which changes the
 * price; a booking placed, which a gift voucher may have paid in part or in full; one placed to
 * be paid now names a voucher's part among its payment facts instead): it states what
 * is paid and due whenever something was paid, with the refund it reports.
 */
function moneyMail(kind: OrganiserMailKind, detail: MailDetail): { always: boolean; refundCents: number } {
  const sizeChanged = kind === 'changed' && isCount(detail.from_group_size);
  return {
    always: kind === 'payment_received' || kind === 'booking_received' || sizeChanged,
    refundCents: sizeChanged && isCount(detail.refund_cents) ? detail.refund_cents : 0,
  };
}

/**
 * A cancellation's, a smaller group's or an expired booking's refund (its detail's `refund_cents`),
 * in euros: by the cancellation policy, or by the venue's choice (`refund_by: 'venue'`, staff
 * refunding all). A cancellation after which nothing of what was paid comes back says so.
 */
function refundText(kind: OrganiserMailKind, t: MailTranslate, lang: Language, detail: MailDetail, venue: string): string | undefined {
  const cents = detail.refund_cents;
  if ((kind !== 'cancelled' && kind !== 'changed' && kind !== 'payment_expired') || !isCount(cents) || cents < 0) return undefined;
  if (cents === 0) return kind === 'cancelled' ? t('mail.refund_none') : undefined;
  // Money goes back the way it came: what a gift voucher paid, back onto the voucher; the rest to the account.
  const voucher = isCount(detail.refund_voucher_cents) ? Math.min(detail.refund_voucher_cents, cents) : 0;
  const onVoucher = voucher > 0 ? t('mail.refund_to_voucher', { amount: formatMoney(voucher, lang) }) : undefined;
  if (voucher === cents) return onVoucher;
  const amount = formatMoney(cents - voucher, lang);
  const toAccount =
    kind === 'payment_expired'
      ? t('mail.refund_expired', { amount })
      : t(detail.refund_by === 'venue' ? 'mail.refund_venue' : 'mail.refund', { amount, venue });
  return onVoucher ? `${toAccount} ${onVoucher}` : toAccount;
}

function dateOf(value: unknown): Date | undefined {
  if (typeof value !== 'string') return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/**
 * What is paid when: now and before when, and the rest by which date (a deposit's balance); what
 * goes back. A receipt's amount is in its first line, what is paid in all in balanceFacts.
 */
function paymentFacts(
  t: MailTranslate,
  lang: Language,
  kind: OrganiserMailKind,
  detail: MailDetail,
  booking: BookingDetails,
  payBefore: Date | undefined,
): Section['facts'] {
  const facts: Section['facts'] = [];
  if (isCount(detail.due_now_cents)) {
    // What a gift voucher paid when the booking was placed, before what is left to pay now.
    const voucher = isCount(detail.voucher_cents) ? detail.voucher_cents : 0;
    if (voucher > 0) facts.push([t('mail.payment.voucher_paid'), formatMoney(voucher, lang)]);
    facts.push([t('mail.payment.due_now'), formatMoney(detail.due_now_cents, lang)]);
    if (payBefore) facts.push([t('mail.payment.pay_before'), at(t, lang, payBefore)]);
    const rest = booking.price.totalCents - voucher - detail.due_now_cents;
    if (rest > 0 && typeof detail.balance_due_on === 'string') {
      const date = formatDate(new Date(`${detail.balance_due_on}T12:00:00Z`), lang);
      facts.push([t('mail.payment.balance'), t('mail.payment.balance_value', { amount: formatMoney(rest, lang), date })]);
    }
  } else if (REFUNDED_KINDS.has(kind) && isCount(detail.amount_cents)) {
    facts.push([t('mail.payment.refunded'), formatMoney(detail.amount_cents, lang)]);
  }
  return facts;
}

function staffChange(t: MailTranslate, detail: MailDetail): string {
  const { change, from_group_size: from, to_group_size: to } = detail;
  if (change === 'group_size' && isCount(from) && isCount(to))
    return t('mail.staff.change.group_size_from_to', { from: count(from), to: count(to) });
  const key = typeof change === 'string' ? STAFF_CHANGES[change] : undefined;
  return t(key ?? 'mail.staff.change.other');
}

/** The first line of a staff notice: what happened, what the notices about a refund ask of staff. */
function staffIntro(kind: StaffMailKind, t: MailTranslate, lang: Language, detail: MailDetail, booking: BookingDetails): string {
  const amount = isCount(detail.amount_cents) ? formatMoney(detail.amount_cents, lang) : '';
  if (kind === 'staff_new_booking') return t(STAFF_NEW[heldOf(booking.status)].intro);
  if (kind === 'staff_refund_failed') return t('mail.staff.intro_refund_failed', { amount });
  if (kind === 'staff_refund_by_bank') return t('mail.staff.intro_refund_by_bank', { amount, name: booking.name, email: booking.email });
  return t('mail.staff.intro_changed', { change: staffChange(t, detail) });
}

function staffSection(kind: StaffMailKind, lang: Language, detail: MailDetail, { booking, adminUrl, programme }: MailBooking): Section {
  const t = mailTranslator(lang);
  return {
    lang,
    paragraphs: [staffIntro(kind, t, lang, detail, booking)],
    facts: bookingFacts(t, lang, booking, programme),
    links: [{ label: t('mail.staff.admin_link'), url: adminUrl }],
    footer: t('mail.staff.footer', { venue: booking.activity.venue.name }),
  };
}

function sectionText(section: Section): string {
  return [
    section.greeting,
    ...section.paragraphs,
    section.code && `${section.code.label}:\n\n    ${section.code.value}`,
    // A fact of several lines (a programme's parts) indents the lines after its first.
    section.facts.map(([label, value]) => `${label}: ${value.replaceAll('\n', '\n  ')}`).join('\n'),
    ...(section.after ?? []),
    ...section.links.map((link) => [`${link.label}:`, link.url, link.note].filter(Boolean).join('\n')),
    section.footer,
  ]
    .filter(Boolean)
    .join('\n\n');
}

/**
 * The site's look (assets/app.css) in a mail: its colours, the system font stack, the first link as
 * the primary button. Inline styles, since mail programs ignore style sheets (and no CSP applies).
 */
const COLOURS = { ink: '#1a1d23', muted: '#4b5563', line: '#d5dbe1', wash: '#f4f6f8', brand: '#0b5fa5', brandDark: '#084a80' };
const FONT = `font-family:system-ui,-apple-system,'Segoe UI',Roboto,'Helvetica Neue',Arial,sans-serif;font-size:16px;line-height:1.5;color:${COLOURS.ink}`;
const SMALL = `font-size:14px;color:${COLOURS.muted}`;
const PRIMARY_LINK = `display:inline-block;margin-bottom:6px;padding:10px 18px;border-radius:5px;background:${COLOURS.brand};color:#ffffff;font-weight:bold;text-decoration:none`;
const LINK = `color:${COLOURS.brand};font-weight:bold`;
const CODE = `display:inline-block;margin-top:8px;padding:10px 16px;border:1px dashed ${COLOURS.brand};border-radius:5px;background:${COLOURS.wash};font-family:ui-monospace,Menlo,Consolas,'Courier New',monospace;font-size:22px;font-weight:bold;letter-spacing:2px;white-space:nowrap`;

function SectionView({ section }: { section: Section }) {
  return (
    <div
      lang={section.lang}
      style={`max-width:600px;margin:0 auto 24px;padding:24px;background:#ffffff;border:1px solid ${COLOURS.line};border-radius:8px;${FONT}`}
    >
      <p style={`margin:0 0 16px;font-size:20px;font-weight:800;color:${COLOURS.brandDark}`}>Groupz</p>
      {section.greeting && <p>{section.greeting}</p>}
      {section.paragraphs.map((paragraph) => (
        <p key={paragraph}>{paragraph}</p>
      ))}
      {section.code && (
        <p>
          {section.code.label}
          <br />
          <code style={CODE} data-testid="mail-code">
            {section.code.value}
          </code>
        </p>
      )}
      <table style={`border-collapse:collapse;margin:16px 0;${FONT}`}>
        <tbody>
          {section.facts.map(([label, value]) => (
            <tr key={label}>
              <th scope="row" style={`text-align:left;vertical-align:top;padding:4px 16px 4px 0;font-weight:bold;color:${COLOURS.muted}`}>
                {label}
              </th>
              <td style="padding:4px 0;word-break:break-word;white-space:pre-line">{value}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {section.after?.map((paragraph) => (
        <p key={paragraph}>{paragraph}</p>
      ))}
      {section.links.map((link, index) => (
        <p key={link.url} style="margin:0 0 20px">
          <a href={link.url} style={index === 0 ? PRIMARY_LINK : LINK}>
            {link.label}
          </a>
          <br />
          <span style={`${SMALL};word-break:break-all`}>{link.url}</span>
          {link.note && (
            <>
              <br />
              <span style={SMALL}>{link.note}</span>
            </>
          )}
        </p>
      ))}
      <p style={`${SMALL};border-top:1px solid ${COLOURS.line};padding-top:16px;margin-bottom:0`}>{section.footer}</p>
    </div>
  );
}

/** A whole HTML document: no external images, fonts or styles; every text escaped by the renderer. */
function htmlOf(subject: string, sections: Section[]): string {
  const document = (
    <html lang={sections[0]?.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{subject}</title>
      </head>
      <body style={`margin:0;padding:24px 8px;background:${COLOURS.wash}`}>
        {sections.map((section) => (
          <SectionView key={section.lang} section={section} />
        ))}
      </body>
    </html>
  );
  return `<!doctype html>${render(document)}`;
}

/** The mail from its subject and one section per language, as plain text and HTML. */
export function contentOf(subject: string, sections: Section[]): MailContent {
  return { subject, text: `${sections.map(sectionText).join(`\n\n${'-'.repeat(40)}\n\n`)}\n`, html: htmlOf(subject, sections) };
}

export function isStaffKind(kind: BookingMailKind): kind is StaffMailKind {
  return kind.startsWith('staff_');
}

/**
 * The subject, plain text and HTML of a mail, from the booking as it is now and the mail's detail.
 * Organiser mails are in their language and name the attached calendar file, if any; staff notices
 * are in Dutch and English together and link to the back office only.
 */
export function renderMail(
  kind: BookingMailKind,
  lang: Language,
  detail: MailDetail,
  subject: MailBooking,
  calendar?: string,
): MailContent {
  if (isStaffKind(kind)) {
    return contentOf(
      LANGUAGES.map((l) => subjectOf(kind, mailTranslator(l), l, detail, subject)).join(' / '),
      LANGUAGES.map((l) => staffSection(kind, l, detail, subject)),
    );
  }
  return contentOf(subjectOf(kind, mailTranslator(lang), lang, detail, subject), [organiserSection(kind, lang, detail, subject, calendar)]);
}
