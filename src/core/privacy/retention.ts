/**
 * How long Groupz keeps personal data. The platform's operator sets each period (GROUPZ_RETENTION_*),
 * which is both the default and the longest a venue may choose; a venue may set shorter periods
 * for its own bookings in the back office. The retention job (retention.service.ts) applies them
 * every hour; the privacy statement and the register of processing are written from them.
 */
export interface RetentionLimits {
  /** Participants' details and the organiser's remarks (allergies, diets, emergency phones): days after the visit. */
  participantsDays: number;
  /** The organiser's contact and billing details, a voucher's buyer and recipient: months after the visit. */
  organiserMonths: number;
  /** Everything personal of a cancelled or expired booking: days after it was cancelled or expired. */
  cancelledDays: number;
  /** A sent mail's recipient and contents (and its .eml file): days after it was sent or given up. */
  mailDays: number;
  /** The activity log's staff addresses, client networks and free texts: months after the entry. */
  activityLogMonths: number;
}

/** The periods a venue may set for itself; the rest are the platform's alone. */
export const VENUE_RETENTION_KEYS = ['participantsDays', 'organiserMonths', 'cancelledDays'] as const;
export type VenueRetentionKey = (typeof VENUE_RETENTION_KEYS)[number];
export type VenueRetention = Pick<RetentionLimits, VenueRetentionKey>;

/** A venue's own choice: null for a period it leaves at the platform's default. */
export type VenueRetentionChoice = Record<VenueRetentionKey, number | null>;

export const DEFAULT_RETENTION: RetentionLimits = {
  participantsDays: 30,
  organiserMonths: 24,
  cancelledDays: 30,
  mailDays: 30,
  activityLogMonths: 12,
};

/** What applies to a venue's bookings: its own choice where it made one, never longer than the platform's limit. */
export function effectiveRetention(limits: RetentionLimits, choice: VenueRetentionChoice | null): VenueRetention {
  const pick = (key: VenueRetentionKey) => Math.min(choice?.[key] ?? limits[key], limits[key]);
  return { participantsDays: pick('participantsDays'), organiserMonths: pick('organiserMonths'), cancelledDays: pick('cancelledDays') };
}

/** The instant `days` days before `now`. */
export function daysBefore(now: Date, days: number): Date {
  return new Date(now.getTime() - days * 86_400_000);
}

/** The instant `months` calendar months before `now` (UTC; the 31st falls back to the month's last day). */
export function monthsBefore(now: Date, months: number): Date {
  const date = new Date(now.getTime());
  const day = date.getUTCDate();
  date.setUTCDate(1);
  date.setUTCMonth(date.getUTCMonth() - months);
  const last = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
  date.setUTCDate(Math.min(day, last));
  return date;
}

/** Before which instants a venue's data is due, by rule. */
export interface RetentionCutoffs {
  /** Visits that ended before this lose their participants' details. */
  participants: Date;
  /** Visits that ended before this lose their organiser's details. */
  organiser: Date;
  /** Bookings cancelled or expired before this lose everything personal. */
  cancelled: Date;
}

export function retentionCutoffs(now: Date, retention: VenueRetention): RetentionCutoffs {
  return {
    participants: daysBefore(now, retention.participantsDays),
    organiser: monthsBefore(now, retention.organiserMonths),
    cancelled: daysBefore(now, retention.cancelledDays),
  };
}

/** How many of each kind one run removed: the run's record, nothing personal. */
export interface RetentionCounts {
  participants: number;
  organisers: number;
  cancelled: number;
  erasures: number;
  vouchers: number;
  mails: number;
  mailFiles: number;
  activityLog: number;
  /** Bookings due but kept while their money is not settled (a payment or refund under way, an invoice unpaid). */
  postponed: number;
  /** Bookings or vouchers whose change failed; the next run tries again. */
  failed: number;
}

export const NO_REMOVALS: RetentionCounts = {
  participants: 0,
  organisers: 0,
  cancelled: 0,
  erasures: 0,
  vouchers: 0,
  mails: 0,
  mailFiles: 0,
  activityLog: 0,
  postponed: 0,
  failed: 0,
};

/** Deletes the mail drop's .eml files of mails sent before an instant (src/adapters/mail-drop/); how many. */
export type MailFilePruner = (before: Date) => Promise<number>;
