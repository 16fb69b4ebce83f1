import type { Language } from '../shared/language.js';

/**
 * Every mail Groupz sends. Organiser mails go to the booking's email in the booking's language;
 * `staff_*` notices go to the venue's staff; `backup_*` and `platform_*` alerts and `job_stuck` go to the admins
 * and concern no booking; `account_*` mails go to one staff member about their own account; `voucher_*` mails
 * go to a gift voucher's buyer about that voucher.
 */
export const MAIL_KINDS = [
  'booking_received',
  'request_received',
  'option_placed',
  'option_extended',
  'option_expiring',
  'option_expired',
  'confirmed',
  'changed',
  'contact_changed',
  'cancelled',
  'visit_reminder',
  'balance_reminder',
  'manage_link',
  'payment_due',
  'payment_received',
  'payment_expired',
  'payment_refunded_late',
  'payment_refunded_excess',
  'invoices_issued',
  'invoice_overdue',
  'staff_new_booking',
  'staff_booking_changed',
  'staff_refund_failed',
  'staff_refund_by_bank',
  'backup_failed',
  'backup_stale',
  'platform_disk_low',
  'platform_disk_recovered',
  'platform_database_unreachable',
  'platform_database_recovered',
  'job_stuck',
  'account_setup_link',
  'account_exists',
  'voucher_issued',
] as const;
export type MailKind = (typeof MAIL_KINDS)[number];

/** A mail to send: what happened to which booking, for whom. The text is rendered when it is sent, from the facts when queued. */
export interface NewMail {
  kind: MailKind;
  bookingId: string | null;
  recipient: string;
  language: Language;
  /**
   * What the mail needs beyond the booking's facts (the old group size, say): those are kept with
   * the mail when it is queued (mail-snapshot.ts).
   */
  detail?: Record<string, string | number | boolean | null> | undefined;
  /** Enqueueing the same key twice sends one mail: e.g. `option_expired:<booking id>`. */
  dedupeKey: string;
}

/** A booking's facts as they were when a mail about it was queued, as stored: plain JSON (bookings/mail-snapshot.ts). */
export type StoredSnapshot = Record<string, string | number | null>;

/** The platform's alerts to its admins: they concern no booking. */
export type AlertMailKind = BackupAlertKind | WatchAlertKind | 'job_stuck';

export function isAlertKind(kind: MailKind): kind is AlertMailKind {
  return kind.startsWith('backup_') || isWatchAlertKind(kind) || kind === 'job_stuck';
}

/** Alerts about the backups (core/backups/backup-alerts.service.ts). */
export type BackupAlertKind = Extract<MailKind, `backup_${string}`>;

/** Alerts about the data directory's free space and the database's answers (core/watch/). */
export type WatchAlertKind = Extract<MailKind, `platform_${string}`>;

export function isWatchAlertKind(kind: MailKind): kind is WatchAlertKind {
  return kind.startsWith('platform_');
}

/** A staff member's mails about their own account: their setup link, an attempt to add them again. */
export type AccountMailKind = Extract<MailKind, `account_${string}`>;

export function isAccountKind(kind: MailKind): kind is AccountMailKind {
  return kind.startsWith('account_');
}

/** A gift voucher's mail to its buyer: its code, balance and validity (core/vouchers/voucher-mail.service.ts). */
export type VoucherMailKind = Extract<MailKind, `voucher_${string}`>;

export function isVoucherKind(kind: MailKind): kind is VoucherMailKind {
  return kind.startsWith('voucher_');
}

/** A mail that concerns no booking (an alert, an account mail, a voucher's): queued without a booking's facts. */
export type PlatformMail = NewMail & { kind: AlertMailKind | AccountMailKind | VoucherMailKind; bookingId: null };

/** The mails about a booking: the organiser's and the staff's notices. */
export type BookingMailKind = Exclude<MailKind, AlertMailKind | AccountMailKind | VoucherMailKind>;

/** A mail about a booking: queued with the booking's facts then (bookings/mail-snapshot.ts). */
export type BookingMail = NewMail & { kind: BookingMailKind; bookingId: string };
