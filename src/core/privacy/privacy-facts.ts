import type { BackupSettings, RetentionPolicy } from '../backups/backup.js';
import { configuredLocations } from '../backups/backup-run.service.js';
import { RETENTION_YEARS } from '../invoices/invoice-issuing.service.js';
import type { SessionSettings } from '../staff/session.service.js';
import { THROTTLE_RULES } from '../throttles/throttle.js';
import {
  effectiveRetention,
  type RetentionLimits,
  type VenueRetention,
  type VenueRetentionChoice,
  VENUE_RETENTION_KEYS,
} from './retention.js';

/**
 * The privacy facts: what Groupz keeps about whom, why, for how long and who handles it, as data.
 * The public privacy statement (/privacy) and the operator's register of processing activities
 * (GDPR art. 30, in the back office) are both rendered from these facts, which are built from the
 * live settings (the retention periods, each venue's own choice, the backups' policy, the session
 * timeouts): so what the platform says it does and what its retention job does cannot disagree.
 */

export type PeriodUnit = 'minutes' | 'hours' | 'days' | 'weeks' | 'months' | 'years';

export interface Period {
  count: number;
  unit: PeriodUnit;
}

/** After which event a period runs: the words for it are the pages'. */
export type PeriodStart =
  | 'after_visit'
  | 'after_cancellation'
  | 'after_sent'
  | 'after_entry'
  | 'after_invoice_year'
  | 'after_voucher_valid'
  | 'after_voucher_unpaid'
  | 'idle'
  | 'at_most'
  | 'after_last_attempt'
  | 'while_account';

export interface RetentionRule {
  /** Undefined: no fixed period (`while_account`). */
  period?: Period | undefined;
  start: PeriodStart;
  /** Which venue-adjustable period this is, when a venue may choose a shorter one. */
  venueKey?: (typeof VENUE_RETENTION_KEYS)[number] | undefined;
}

/** The legal bases of GDPR art. 6(1) (and 9(2)(a) for health data) the platform relies on. */
export type LegalBasis = 'contract' | 'legal_obligation' | 'legitimate_interest' | 'explicit_consent';

/** Who handles the data beside the venue (controller) and the platform operator (processor, host). */
export type Recipient = 'venue' | 'operator' | 'mollie' | 'mail_relay' | 'backup_location';

/** Whose data it is. */
export type DataSubject = 'organisers' | 'participants' | 'billing_contacts' | 'voucher_buyers' | 'staff' | 'visitors';

export const CATEGORY_IDS = [
  'organiser',
  'participants',
  'billing',
  'payments',
  'mails',
  'vouchers',
  'staff',
  'sessions',
  'activity_log',
  'throttles',
] as const;
export type CategoryId = (typeof CATEGORY_IDS)[number];

export interface DataCategory {
  id: CategoryId;
  subjects: DataSubject[];
  bases: LegalBasis[];
  retention: RetentionRule[];
  recipients: Recipient[];
  /** Whether special categories of data (health: allergies, diets) may be among it. */
  special: boolean;
  /** Whether the venue is the controller (its bookings) or the operator (the platform's own: staff accounts, security). */
  controller: 'venue' | 'operator';
}

/** How long removed data lives on in the backups; undefined when no backups are configured. */
export interface BackupFacts {
  /** The longest a snapshot is kept under the forget policy. */
  longest: Period;
  /** Every snapshot is kept at least this many days. */
  keepDays: number;
  /** How many places each backup goes to. */
  locations: number;
}

export interface VenueFacts {
  id: string;
  name: string;
  slug: string;
  city: string;
  contactEmail: string | null;
  /** What applies to its bookings (its own choice, never longer than the platform's). */
  retention: VenueRetention;
  /** Which of its periods differ from the platform's. */
  differs: VenueRetentionKeySet;
  /** Whether its organisers may pay online through Mollie (its own key, or the platform's). */
  onlinePayments: boolean;
}

export type VenueRetentionKeySet = Partial<Record<(typeof VENUE_RETENTION_KEYS)[number], true>>;

export interface PrivacyFacts {
  limits: RetentionLimits;
  categories: DataCategory[];
  venues: VenueFacts[];
  /** Venues whose periods differ from the platform's, for the statement's table. */
  differingVenues: VenueFacts[];
  backups: BackupFacts | undefined;
  session: { idle: Period; absolute: Period };
  /** Whether Mollie receives anything: some venue (or the platform's key) takes payments online. */
  mollie: boolean;
  /** The host mails go out through; undefined: mails are written as files on the server and go nowhere. */
  mailRelay: string | undefined;
  /** The invoices' legal period, in years. */
  invoiceYears: number;
}

/** The live settings the facts are built from. */
export interface PrivacySettings {
  retention: RetentionLimits;
  /** The backup settings (their forget policy and locations); undefined when backups are not set up. */
  backup: BackupSettings | undefined;
  session: SessionSettings;
  /** Whether the platform has its own Mollie key (for venues without one). */
  platformPaymentKey: boolean;
  mailRelay: string | undefined;
}

/** A venue as the facts need it. */
export interface VenueInput {
  id: string;
  name: string;
  slug: string;
  city: string;
  contactEmail: string | null;
  ownMollieKey: boolean;
  choice: VenueRetentionChoice | null;
}

/** Days a period of a unit lasts at the longest, to compare periods of different units. */
const LONGEST_DAYS: Record<PeriodUnit, number> = { minutes: 1 / 1440, hours: 1 / 24, days: 1, weeks: 7, months: 31, years: 366 };

/**
 * The longest a snapshot is kept under restic's forget policy: every snapshot for `keepDays`
 * days, the last of a day for `daily` days, of a week for `weekly` weeks, of a month for
 * `monthly` months; whichever reaches furthest back.
 */
export function longestBackupPeriod(policy: RetentionPolicy): Period {
  const candidates: Period[] = [
    { count: policy.keepDays, unit: 'days' },
    { count: policy.daily, unit: 'days' },
    { count: policy.weekly, unit: 'weeks' },
    { count: policy.monthly, unit: 'months' },
  ];
  return candidates.reduce((longest, p) => (p.count * LONGEST_DAYS[p.unit] > longest.count * LONGEST_DAYS[longest.unit] ? p : longest));
}

/** A number of seconds as whole hours when it is some, else as minutes (rounded up). */
function secondsAsPeriod(seconds: number): Period {
  return seconds % 3600 === 0 ? { count: seconds / 3600, unit: 'hours' } : { count: Math.ceil(seconds / 60), unit: 'minutes' };
}

/** The longest a throttle's counter outlives its last attempt. */
function throttleDecay(): Period {
  const seconds = Math.max(...Object.values(THROTTLE_RULES).map((rule) => rule.decaySeconds));
  return secondsAsPeriod(seconds);
}

export function buildPrivacyFacts(settings: PrivacySettings, venueInputs: VenueInput[]): PrivacyFacts {
  const limits = settings.retention;
  const venues = venueInputs.map((venue): VenueFacts => {
    const retention = effectiveRetention(limits, venue.choice);
    const differs: VenueRetentionKeySet = {};
    for (const key of VENUE_RETENTION_KEYS) if (retention[key] !== limits[key]) differs[key] = true;
    return {
      id: venue.id,
      name: venue.name,
      slug: venue.slug,
      city: venue.city,
      contactEmail: venue.contactEmail,
      retention,
      differs,
      onlinePayments: venue.ownMollieKey || settings.platformPaymentKey,
    };
  });
  const mollie = venues.some((venue) => venue.onlinePayments) || settings.platformPaymentKey;
  const backups: BackupFacts | undefined = settings.backup && {
    longest: longestBackupPeriod(settings.backup.retention),
    keepDays: settings.backup.retention.keepDays,
    locations: configuredLocations(settings.backup).length,
  };
  const stored: Recipient[] = ['venue', 'operator', ...(backups ? (['backup_location'] as const) : [])];
  const mailed: Recipient[] = settings.mailRelay ? ['mail_relay'] : [];
  const organiserRules: RetentionRule[] = [
    { period: { count: limits.organiserMonths, unit: 'months' }, start: 'after_visit', venueKey: 'organiserMonths' },
    { period: { count: limits.cancelledDays, unit: 'days' }, start: 'after_cancellation', venueKey: 'cancelledDays' },
  ];
  const categories: DataCategory[] = [
    {
      id: 'organiser',
      subjects: ['organisers'],
      bases: ['contract'],
      retention: organiserRules,
      recipients: [...stored, ...mailed, ...(mollie ? (['mollie'] as const) : [])],
      special: false,
      controller: 'venue',
    },
    {
      id: 'participants',
      subjects: ['participants'],
      bases: ['contract', 'explicit_consent'],
      retention: [
        { period: { count: limits.participantsDays, unit: 'days' }, start: 'after_visit', venueKey: 'participantsDays' },
        { period: { count: limits.cancelledDays, unit: 'days' }, start: 'after_cancellation', venueKey: 'cancelledDays' },
      ],
      recipients: stored,
      special: true,
      controller: 'venue',
    },
    {
      id: 'billing',
      subjects: ['billing_contacts'],
      bases: ['contract', 'legal_obligation'],
      retention: [...organiserRules, { period: { count: RETENTION_YEARS, unit: 'years' }, start: 'after_invoice_year' }],
      recipients: [...stored, ...mailed],
      special: false,
      controller: 'venue',
    },
    {
      id: 'payments',
      subjects: ['organisers', 'voucher_buyers'],
      bases: ['contract', 'legal_obligation'],
      retention: [...organiserRules, { period: { count: RETENTION_YEARS, unit: 'years' }, start: 'after_invoice_year' }],
      recipients: [...stored, ...(mollie ? (['mollie'] as const) : [])],
      special: false,
      controller: 'venue',
    },
    {
      id: 'mails',
      subjects: ['organisers', 'voucher_buyers', 'staff'],
      bases: ['contract'],
      retention: [{ period: { count: limits.mailDays, unit: 'days' }, start: 'after_sent' }],
      recipients: [...stored, ...mailed],
      special: false,
      controller: 'venue',
    },
    {
      id: 'vouchers',
      subjects: ['voucher_buyers'],
      bases: ['contract'],
      retention: [
        { period: { count: limits.organiserMonths, unit: 'months' }, start: 'after_voucher_valid', venueKey: 'organiserMonths' },
        { period: { count: limits.cancelledDays, unit: 'days' }, start: 'after_voucher_unpaid', venueKey: 'cancelledDays' },
      ],
      recipients: [...stored, ...mailed, ...(mollie ? (['mollie'] as const) : [])],
      special: false,
      controller: 'venue',
    },
    {
      id: 'staff',
      subjects: ['staff'],
      bases: ['contract', 'legitimate_interest'],
      retention: [{ start: 'while_account' }],
      recipients: [...stored, ...mailed],
      special: false,
      controller: 'operator',
    },
    {
      id: 'sessions',
      subjects: ['staff'],
      bases: ['legitimate_interest'],
      retention: [
        { period: secondsAsPeriod(settings.session.idleTimeoutSeconds), start: 'idle' },
        { period: secondsAsPeriod(settings.session.absoluteTimeoutSeconds), start: 'at_most' },
      ],
      recipients: ['operator'],
      special: false,
      controller: 'operator',
    },
    {
      id: 'activity_log',
      subjects: ['staff', 'organisers'],
      bases: ['legitimate_interest'],
      retention: [{ period: { count: limits.activityLogMonths, unit: 'months' }, start: 'after_entry' }],
      recipients: stored,
      special: false,
      controller: 'operator',
    },
    {
      id: 'throttles',
      subjects: ['staff', 'organisers', 'visitors'],
      bases: ['legitimate_interest'],
      retention: [{ period: throttleDecay(), start: 'after_last_attempt' }],
      recipients: ['operator'],
      special: false,
      controller: 'operator',
    },
  ];
  return {
    limits,
    categories,
    venues,
    differingVenues: venues.filter((venue) => Object.keys(venue.differs).length > 0),
    backups,
    session: {
      idle: secondsAsPeriod(settings.session.idleTimeoutSeconds),
      absolute: secondsAsPeriod(settings.session.absoluteTimeoutSeconds),
    },
    mollie,
    mailRelay: settings.mailRelay,
    invoiceYears: RETENTION_YEARS,
  };
}
