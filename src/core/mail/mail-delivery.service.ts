import type { Db } from '../../db/schema.js';
import { issueLink, linkPath, type LinkPurpose } from '../bookings/booking-links.js';
import type { BookingStatus } from '../shared/booking-status.js';
import type { BookingRow } from '../bookings/booking.repository.js';
import { findVenue } from '../catalog/catalog.repository.js';
import type { Job } from '../jobs/scheduler.js';
import type { Clock } from '../shared/clock.js';
import { calendarFileOf } from './calendar.service.js';
import { type BookingMailFacts, readBookingMailFacts } from './booking-mail-facts.repository.js';
import { renderAlert } from './alert-content.js';
import { type AccountMailKind, isAccountKind, isAlertKind, isVoucherKind, MAIL_KINDS, type MailKind } from '../outbox/mail.js';
import { findVoucher } from '../vouchers/vouchers.repository.js';
import { findVoucherSale } from '../vouchers/voucher-sale.repository.js';
import { openVoucherCode } from '../vouchers/voucher-code-box.js';
import { renderVoucherMail } from './voucher-content.js';
import { renderAccountExistsMail, renderSetupLinkMail } from './account-content.js';
import { hashToken } from '../shared/ids.js';
import type { LinkKey } from '../shared/link-key.js';
import { setupLinkPath, setupLinkToken } from '../staff/setup-links.js';
import { findStaffRow } from '../staff/staff.repository.js';
import { type BookingMailKind, CALENDAR_KINDS, isStaffKind, type MailBooking, renderMail } from './mail-content.js';
import { type MailSender, type OutgoingMail, RelayUnavailable } from './mail-sender.js';
import {
  type ClaimedMail,
  claimDueMails,
  markOutboxMailFailed,
  markOutboxMailsDone,
  releaseOutboxMails,
} from '../outbox/outbox.repository.js';
import { isLanguage } from '../shared/language.js';
import { bookingPayment, payingBookingOf } from '../payments/payment-state.js';
import type { PayBy } from '../catalog/payment-terms.js';
import type { MailPayment } from './payment-facts.js';
import { bookingAsThen, type MailSnapshot, snapshotOf } from '../bookings/mail-snapshot.js';
import { invoiceMailAttachments } from '../invoices/invoice-files.service.js';

export interface MailDeliverySettings {
  sender: MailSender;
  linkKey: LinkKey;
  /** e.g. https://bookings.groupz.now: the links in mails start with it. */
  publicUrl: string;
  /** The From header: `Groupz <no-reply@bookings.groupz.now>`. */
  from: string;
  /**
   * The platform's secret key, which opens a gift voucher's sealed code as its mail is rendered
   * (the outbox keeps the voucher's id only, see vouchers/voucher-mail.service.ts). Without it a
   * voucher's mail is given up (`no secret key`); `groupz serve` always passes it.
   */
  secretKey?: Buffer | undefined;
}

/** A mail that failed an attempt: tried again later, or given up after the last attempt. */
export interface MailFailure {
  id: string;
  kind: string;
  attempts: number;
  /** Short and free of personal data: an error code and the SMTP reply code, say. */
  error: string;
  gaveUp: boolean;
}

export interface DeliveryReport {
  sent: number;
  /** Reminders that were no longer true when due (an option confirmed before its warning went out). */
  skipped: number;
  failures: MailFailure[];
  /**
   * Present when the run stopped with mails still due, at RUN_SECONDS or because the process got
   * busy: another run should follow at once (and gives way while the process stays busy).
   */
  more?: true;
}

/** Mails that only make sense while the booking still has one of these statuses when they go out. */
const STILL_TRUE_WHILE: Partial<Record<MailKind, readonly BookingStatus[]>> = {
  option_placed: ['option'],
  request_received: ['requested'],
  option_extended: ['option'],
  option_expiring: ['option'],
  visit_reminder: ['confirmed'],
  balance_reminder: ['confirmed'],
};

/** Mails that only make sense while the booking still owes money when they go out. */
const STILL_OWING: ReadonlySet<MailKind> = new Set<MailKind>(['balance_reminder']);

/** Attempts before a mail is given up: with the backoff below, about 20 hours of trying. */
export const MAX_MAIL_ATTEMPTS = 12;
/** How long a claim holds a batch of mails. */
const CLAIM_SECONDS = 300;
/**
 * The longest one attempt may take with the sender's timeouts (src/adapters/smtp/smtp-sender.ts):
 * a mail is started only while its claim has this long left, so no claim runs out during a send.
 */
const ATTEMPT_SECONDS = 150;
/** Mails one claim takes on. */
const BATCH_SIZE = 100;
/** Mails under way at once, each over its own connection of the SMTP sender's pool (smtp-sender.ts). */
export const MAIL_CONCURRENCY = 4;
/** How long a run goes on claiming batches; a run that stops with mails still due says so (`more`). */
const RUN_SECONDS = 5;
/**
 * The longest the outbox gives way to a busy process (see mailDeliveryJob): under a steady overload
 * its mails wait this long at most, then a run goes regardless.
 */
export const MAX_GIVE_WAY_MS = 30_000;

/** The wait after the n-th failed attempt: one minute, doubling, at most six hours. */
export function retryDelayMs(attempts: number): number {
  return Math.min(60_000 * 2 ** (attempts - 1), 6 * 3600 * 1000);
}

/** Why an attempt failed, without the message text (an SMTP reply may quote the address). */
function describeError(error: unknown): string {
  const { code, responseCode } = (error ?? {}) as { code?: unknown; responseCode?: unknown };
  const parts = [typeof code === 'string' ? code : error instanceof Error ? error.name : 'Error'];
  if (typeof responseCode === 'number') parts.push(String(responseCode));
  return parts.join(' ').slice(0, 100);
}

/**
 * The current link of the purpose, as a full URL: made again from the key and the link's version.
 * Undefined when the stored hash is not that link's (a booking from before links were derived).
 */
function currentLinkUrl(settings: MailDeliverySettings, row: BookingRow, purpose: LinkPurpose): string | undefined {
  const manage = purpose === 'manage';
  const { token, hash } = issueLink(settings.linkKey, purpose, row.id, manage ? row.manage_link_version : row.participant_link_version);
  return hash === (manage ? row.manage_token_hash : row.participant_token_hash)
    ? `${settings.publicUrl}${linkPath(purpose, token)}`
    : undefined;
}

/** A booking's money as its organiser's mails tell it, with the link that pays its balance. */
function mailPaymentOf({ row, money }: BookingMailFacts, manageUrl: string | undefined): MailPayment {
  return {
    state: bookingPayment(payingBookingOf(row), money),
    payBy: row.pay_by as PayBy,
    billingReference: row.billing_reference ?? '',
    payUrl: manageUrl && `${manageUrl}/pay`,
    adjustmentCents: row.adjustment_cents,
  };
}

/** A booking's money as a mail's snapshot has it: its state then and what it owed beyond its price then (now, when the snapshot is older). */
function paymentThen(snapshot: MailSnapshot, current: MailPayment): Pick<MailPayment, 'state' | 'adjustmentCents'> {
  return { state: snapshot.payment, adjustmentCents: snapshot.adjustmentCents ?? current.adjustmentCents };
}

/** What a mail says, as it goes out: the envelope is added by composeMail. */
type MailBody = Pick<OutgoingMail, 'subject' | 'text' | 'html' | 'attachments' | 'replyTo'>;

/** How long a batch's booking facts serve its mails: older, they are read again (see bookingFactsOf). */
const FACTS_SECONDS = 1;

/** The facts of a booking for its mail, by the booking's id; undefined when it no longer exists. */
type BookingFactsOf = (bookingId: string) => Promise<BookingMailFacts | undefined>;

/**
 * The facts of a batch's bookings (readBookingMailFacts): read for the booking of the mail being
 * composed and those of the mails not yet started (`waiting`) at once, and again once the read is
 * FACTS_SECONDS old (a slow relay), so that a mail never goes out on facts much older than its
 * own. Should such a read fail, each mail reads its own booking's alone: a fault fails the mails it
 * concerns only.
 */
function bookingFactsOf(db: Db, clock: Clock, waiting: readonly ClaimedMail[]): BookingFactsOf {
  let read: { at: number; ids: ReadonlySet<string>; facts: Promise<Map<string, BookingMailFacts>> } | undefined;
  return async (bookingId) => {
    const now = clock.now().getTime();
    if (!read || now - read.at >= FACTS_SECONDS * 1000 || !read.ids.has(bookingId)) {
      const ids = new Set([bookingId, ...waiting.flatMap((mail) => (mail.bookingId === null ? [] : [mail.bookingId]))]);
      read = { at: now, ids, facts: readBookingMailFacts(db, [...ids]) };
    }
    const facts = await read.facts.catch(() => readBookingMailFacts(db, [bookingId]));
    return facts.get(bookingId);
  };
}

/**
 * A booking's mail from the booking's facts when the mail was queued (its snapshot) and its links
 * now; undefined when the booking is gone, 'skip' when the booking's status now no longer fits the
 * mail (a reminder no longer true when due).
 */
async function composeBookingMail(
  db: Db,
  clock: Clock,
  settings: MailDeliverySettings,
  mail: ClaimedMail,
  kind: BookingMailKind,
  factsOf: BookingFactsOf,
): Promise<MailBody | 'skip' | undefined> {
  const found = mail.bookingId === null ? undefined : await factsOf(mail.bookingId);
  if (!found) return undefined;
  const { row, booking, programme } = found;
  if (STILL_TRUE_WHILE[kind]?.includes(booking.status) === false) return 'skip';
  const manageUrl = currentLinkUrl(settings, row, 'manage');
  const current = isStaffKind(kind) ? undefined : mailPaymentOf(found, manageUrl);
  if (STILL_OWING.has(kind) && !(current && current.state.dueCents > 0)) return 'skip';
  // What the mail states, as it was when it was queued; a mail queued before snapshots: as it is now.
  const snapshot = snapshotOf(mail.detail);
  const subject: MailBooking = {
    booking: snapshot ? bookingAsThen(booking, snapshot) : booking,
    manageUrl,
    payment: current && snapshot ? { ...current, ...paymentThen(snapshot, current) } : current,
    participantUrl: currentLinkUrl(settings, row, 'participants'),
    activityUrl: `${settings.publicUrl}/activities/${booking.activity.slug}`,
    lostLinkUrl: `${settings.publicUrl}/manage-link`,
    adminUrl: `${settings.publicUrl}/admin/bookings/${booking.id}`,
    programme,
  };
  const calendar = CALENDAR_KINDS.has(kind)
    ? calendarFileOf(clock, { booking, publicUrl: settings.publicUrl, events: found.events, programme })
    : undefined;
  const lang = isLanguage(mail.language) ? mail.language : booking.language;
  // Organisers' replies go to the venue, which can answer them; the sender is a no-reply address.
  const replyTo = isStaffKind(kind) ? null : booking.activity.venue.contactEmail;
  // The documents an invoices_issued mail carries, rendered now from their stored rows.
  const invoices =
    kind === 'invoices_issued' && typeof mail.detail.invoice_ids === 'string'
      ? await invoiceMailAttachments(db, clock, booking.id, mail.detail.invoice_ids)
      : [];
  if (kind === 'invoices_issued' && invoices.length === 0) return undefined;
  return {
    ...renderMail(kind, lang, mail.detail, subject, calendar?.filename),
    attachments: [
      ...(calendar ? [{ filename: calendar.filename, content: calendar.content, contentType: calendar.contentType }] : []),
      ...invoices,
    ],
    ...(replyTo && { replyTo }),
  };
}

/**
 * A staff member's mail about their account. A setup link's token is made again from the nonce
 * (see setup-links.ts): 'skip' when it is no longer the account's link (re-issued or used since),
 * has expired, or the account is disabled; undefined when the account is gone.
 */
async function composeAccountMail(
  db: Db,
  clock: Clock,
  settings: MailDeliverySettings,
  mail: ClaimedMail,
  kind: AccountMailKind,
): Promise<MailBody | 'skip' | undefined> {
  const loginUrl = `${settings.publicUrl}/staff/login`;
  if (kind === 'account_exists') return { ...renderAccountExistsMail(mail.detail, loginUrl), attachments: [] };
  const row = typeof mail.detail.staff_id === 'string' ? await findStaffRow(db, mail.detail.staff_id) : undefined;
  if (!row) return undefined;
  const token = setupLinkToken(settings.linkKey, row.id, String(mail.detail.nonce));
  const expiresAt = row.setup_expires_at;
  if (row.setup_token_hash !== hashToken(token) || !expiresAt || expiresAt <= clock.now().toISOString() || row.disabled_at) return 'skip';
  const venue = row.venue_id ? ((await findVenue(db, row.venue_id))?.name ?? null) : null;
  const link = `${settings.publicUrl}${setupLinkPath(token)}`;
  const content = renderSetupLinkMail(
    mail.detail,
    { name: row.name, email: row.email, venue, link, expiresAt: new Date(expiresAt) },
    loginUrl,
  );
  return { ...content, attachments: [] };
}

/** A mail refused for good: given up at once, with this reason (no personal data). */
class MailGivenUp extends Error {
  override readonly name = 'MailGivenUp';
}

/**
 * A gift voucher's mail: the voucher as it is now, its code opened from its seal with the platform
 * key here, at send time (the outbox row holds only its id, and the rendered mail is not stored);
 * 'skip' when the voucher is no longer usable (cancelled), undefined when it is gone.
 */
async function composeVoucherMail(db: Db, settings: MailDeliverySettings, mail: ClaimedMail): Promise<MailBody | 'skip' | undefined> {
  const id = typeof mail.detail.voucher_id === 'string' ? mail.detail.voucher_id : '';
  const [voucher, sale] = [await findVoucher(db, id), await findVoucherSale(db, id)];
  const venue = voucher && (await findVenue(db, voucher.venueId));
  if (!voucher || !sale || !venue) return undefined;
  if (voucher.status !== 'active') return 'skip';
  if (!settings.secretKey) throw new MailGivenUp('no secret key');
  const code = openVoucherCode(settings.secretKey, voucher.id, sale.code_sealed);
  const lang = isLanguage(mail.language) ? mail.language : voucher.language;
  // The catalogue searched for the venue's name (which matches its activities): where the voucher is spent.
  const activitiesUrl = `${settings.publicUrl}/?q=${encodeURIComponent(venue.name)}`;
  const content = renderVoucherMail(lang, { voucher, code, venue, activitiesUrl });
  return { ...content, attachments: [], ...(venue.contactEmail && { replyTo: venue.contactEmail }) };
}

/**
 * The mail as it goes out now: an alert to admins from its detail alone, a voucher's from the voucher, an account's mail from
 * the account, a booking's mail from the booking (undefined when it is gone, 'skip' when it no
 * longer fits, see composeBookingMail).
 */
async function composeMail(
  db: Db,
  clock: Clock,
  settings: MailDeliverySettings,
  mail: ClaimedMail,
  kind: MailKind,
  factsOf: BookingFactsOf,
): Promise<OutgoingMail | 'skip' | undefined> {
  const body = isAlertKind(kind)
    ? { ...renderAlert(kind, mail.detail, settings.publicUrl), attachments: [] }
    : isAccountKind(kind)
      ? await composeAccountMail(db, clock, settings, mail, kind)
      : isVoucherKind(kind)
        ? await composeVoucherMail(db, settings, mail)
        : await composeBookingMail(db, clock, settings, mail, kind, factsOf);
  if (!body || body === 'skip') return body;
  return { id: mail.id, from: settings.from, to: mail.recipient, date: clock.now(), ...body };
}

/** One attempt at a claimed mail: 'sent' or 'skipped', else why not and whether that is final. */
async function attemptMail(
  db: Db,
  clock: Clock,
  settings: MailDeliverySettings,
  mail: ClaimedMail,
  mayStart: () => boolean,
  factsOf: BookingFactsOf,
): Promise<'sent' | 'skipped' | 'untried' | { error: string; final: boolean; relayDown?: true }> {
  const kind = MAIL_KINDS.find((k): k is MailKind => k === mail.kind);
  if (!kind) return { error: 'unknown kind', final: true };
  try {
    const outgoing = await composeMail(db, clock, settings, mail, kind, factsOf);
    if (!outgoing)
      return { error: `${isAccountKind(kind) ? 'account' : isVoucherKind(kind) ? 'voucher' : 'booking'} not found`, final: true };
    if (outgoing === 'skip') return 'skipped';
    // Asked again once composed: its reads may have taken long, or other sends found the relay down.
    if (!mayStart()) return 'untried';
    await settings.sender.send(outgoing);
    return 'sent';
  } catch (error) {
    if (error instanceof MailGivenUp) return { error: error.message, final: true };
    if (error instanceof RelayUnavailable) return { error: describeError(error), final: false, relayDown: true };
    return { error: describeError(error), final: false };
  }
}

type Attempt = Exclude<Awaited<ReturnType<typeof attemptMail>>, 'untried'>;

/**
 * Attempts a batch's mails: the first alone (a relay that is down costs one attempt and one
 * timeout), then MAIL_CONCURRENCY at a time. No mail is started once an attempt found the relay
 * down, nor once the claim (until `claimEnd`, epoch ms) has less than ATTEMPT_SECONDS left, asked
 * before a mail is composed and again before it is handed to the relay: those come back untried.
 */
async function attemptBatch(
  db: Db,
  clock: Clock,
  settings: MailDeliverySettings,
  batch: readonly ClaimedMail[],
  claimEnd: number,
): Promise<{ outcomes: [ClaimedMail, Attempt][]; untried: ClaimedMail[]; relayDown: boolean }> {
  const untried = [...batch];
  const outcomes: [ClaimedMail, Attempt][] = [];
  let relayDown = false;
  const mayStart = () => !relayDown && claimEnd - clock.now().getTime() >= ATTEMPT_SECONDS * 1000;
  const factsOf = bookingFactsOf(db, clock, untried);
  const work = async (count: number) => {
    for (let n = 0; n < count && mayStart(); n++) {
      const mail = untried.shift();
      if (!mail) return;
      const outcome = await attemptMail(db, clock, settings, mail, mayStart, factsOf);
      if (outcome === 'untried') {
        untried.push(mail);
        return;
      }
      outcomes.push([mail, outcome]);
      if (typeof outcome === 'object' && outcome.relayDown) relayDown = true;
    }
  };
  await work(1);
  await Promise.all(Array.from({ length: MAIL_CONCURRENCY }, () => work(Infinity)));
  return { outcomes, untried, relayDown };
}

/**
 * Records a batch's outcomes in one transaction: the sent and the skipped in one UPDATE each, each
 * failed attempt with its backoff (see retryDelayMs), given up after MAX_MAIL_ATTEMPTS or at once
 * when final; the untried mails are given back. Adds them to the report.
 */
async function recordBatch(
  db: Db,
  clock: Clock,
  { outcomes, untried }: { outcomes: [ClaimedMail, Attempt][]; untried: ClaimedMail[] },
  claimedUntil: string,
  report: DeliveryReport,
): Promise<void> {
  const now = clock.now();
  const done = { sent: [] as string[], skipped: [] as string[] };
  const failures: (MailFailure & { nextAttemptAt: string })[] = [];
  for (const [mail, outcome] of outcomes) {
    if (outcome === 'sent' || outcome === 'skipped') {
      done[outcome].push(mail.id);
      continue;
    }
    const attempts = mail.attempts + 1;
    const gaveUp = outcome.final || attempts >= MAX_MAIL_ATTEMPTS;
    const nextAttemptAt = new Date(now.getTime() + retryDelayMs(attempts)).toISOString();
    failures.push({ id: mail.id, kind: mail.kind, attempts, error: outcome.error, gaveUp, nextAttemptAt });
  }
  await db.transaction().execute(async (trx) => {
    await markOutboxMailsDone(trx, done.sent, 'sent', now.toISOString());
    await markOutboxMailsDone(trx, done.skipped, 'skipped', now.toISOString());
    for (const { id, attempts, error, gaveUp, nextAttemptAt } of failures)
      await markOutboxMailFailed(trx, id, { attempts, error, nextAttemptAt, giveUp: gaveUp });
    await releaseOutboxMails(
      trx,
      untried.map((mail) => mail.id),
      claimedUntil,
    );
  });
  report.sent += done.sent.length;
  report.skipped += done.skipped.length;
  report.failures.push(...failures.map(({ nextAttemptAt: _, ...failure }) => failure));
}

/**
 * Sends the outbox's due mails, a batch at a time: one conditional UPDATE claims up to BATCH_SIZE
 * of them, so two instances (or two concurrent calls) never send one mail twice; they are
 * rendered and sent MAIL_CONCURRENCY at a time, and their outcomes recorded in one commit once the
 * batch is through (see recordBatch). A failed attempt is retried with backoff and given up after
 * MAX_MAIL_ATTEMPTS; a mail whose booking no longer exists is given up at once. When the relay
 * cannot be reached or does not answer, the run ends after that attempt: the mails not started
 * wait for the next run untried, and a stalled relay holds a run for one timeout, not one per mail.
 * Should the process die between sending and recording, the claim runs out and the batch's mails
 * go again (with the same Message-IDs): at least once, and exactly once otherwise. Batches follow
 * each other while full, for at most RUN_SECONDS, and while `busy` (when given) says no: a busy
 * process ends the run after the batch under way, with `more`.
 */
export async function deliverDueMails(
  db: Db,
  clock: Clock,
  settings: MailDeliverySettings,
  busy: () => boolean = () => false,
): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: 0, skipped: 0, failures: [] };
  const started = clock.now().getTime();
  for (;;) {
    const now = clock.now();
    const claimEnd = now.getTime() + CLAIM_SECONDS * 1000;
    const until = new Date(claimEnd).toISOString();
    const batch = await claimDueMails(db, now.toISOString(), until, BATCH_SIZE);
    if (batch.length === 0) return report;
    const attempted = await attemptBatch(db, clock, settings, batch, claimEnd);
    await recordBatch(db, clock, attempted, until, report);
    if (attempted.relayDown || batch.length < BATCH_SIZE) return report;
    if (clock.now().getTime() - started >= RUN_SECONDS * 1000 || busy()) return { ...report, more: true };
  }
}

/** The name of the outbox's job, for a process to run it when it has queued a mail. */
export const MAIL_DELIVERY_JOB = 'mail-delivery';

/**
 * The scheduler's job: delivers due mails every 15 seconds and reports each failed attempt; after
 * a run that left mails due (`more`), calls `onMore` so that the process runs it again at once.
 *
 * A mail can wait seconds, an answer cannot: while `busy` says the process has its hands full
 * (a rush of requests), a run gives way, doing nothing and asking for no next run (the poll or the
 * next queued mail brings one), and a run under way stops between batches. Once the outbox has
 * given way for MAX_GIVE_WAY_MS, a run goes regardless, to its end (RUN_SECONDS at most), and the
 * wait starts again after that run: the outbox never stops for longer than that, but during a
 * rush that lasts it sends for RUN_SECONDS in every MAX_GIVE_WAY_MS or so, and catches up after.
 */
export function mailDeliveryJob(
  db: Db,
  clock: Clock,
  settings: MailDeliverySettings,
  onFailure: (failure: MailFailure) => void,
  onMore: () => void = () => {},
  busy: () => boolean = () => false,
): Job {
  // When the first run that gave way since the last run that went began (epoch ms).
  let givingWaySince: number | undefined;
  return {
    name: MAIL_DELIVERY_JOB,
    everySeconds: 15,
    run: async () => {
      const now = clock.now().getTime();
      const overdue = givingWaySince !== undefined && now - givingWaySince >= MAX_GIVE_WAY_MS;
      if (busy() && !overdue) {
        givingWaySince ??= now;
        return { sent: 0, skipped: 0, failures: [] };
      }
      givingWaySince = undefined;
      const report = await deliverDueMails(db, clock, settings, overdue ? undefined : busy);
      report.failures.forEach(onFailure);
      if (report.more) onMore();
      return report;
    },
  };
}
