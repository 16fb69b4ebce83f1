import type { Language } from '../shared/language.js';
import type { PaymentTerms } from './payment-terms.js';
import type { RefundPolicy } from './refund-policy.js';
import type { Pricing } from './pricing.js';

export type Translated = Record<Language, string>;

/** A text given in both languages, or null when either is missing. */
export function translatedOrNull(nl: string | null, en: string | null): Translated | null {
  return nl !== null && en !== null ? { nl, en } : null;
}

export interface Venue {
  id: string;
  slug: string;
  name: string;
  city: string;
  /** Where organisers' mails reply to, shown with the phone on the venue's activities and in mails; null until given. */
  contactEmail: string | null;
  contactPhone: string | null;
  /** Where the venue is (street and house number, postcode, city); null until given. */
  address: VenueAddress | null;
  /** The venue's own site, an https URL; null until given. */
  website: string | null;
  /** What the venue is, and how to get there and park; null until given. */
  description: Translated | null;
  route: Translated | null;
  /** Whether the venue entered its own Mollie key (the key itself stays sealed, see payments/mollie-key.ts). */
  ownMollieKey: boolean;
  /** Whether organisations paying on invoice must give their own reference (PO number). */
  poRequired: boolean;
}

export interface VenueAddress {
  street: string;
  postcode: string;
  city: string;
}

/** The address as one line, as pages and mails show it: "Hoevelaan 3, 3701 AA Zeist". */
export function addressLine(address: VenueAddress): string {
  return `${address.street}, ${address.postcode} ${address.city}`;
}

/** What kind of outing an activity is: one fixed list, so visitors can filter on it (labels `category.<id>`). */
export const ACTIVITY_CATEGORIES = ['sport', 'outdoor', 'water', 'culture', 'workshop', 'food', 'team', 'other'] as const;
export type ActivityCategory = (typeof ACTIVITY_CATEGORIES)[number];

export function isActivityCategory(value: string): value is ActivityCategory {
  return (ACTIVITY_CATEGORIES as readonly string[]).includes(value);
}

/** Who an activity suits and what to know before coming: shown on its page under "Practical information". */
export const WHEELCHAIR_ACCESS = ['yes', 'partly', 'no', 'unknown'] as const;
export type WheelchairAccess = (typeof WHEELCHAIR_ACCESS)[number];

export interface PracticalInfo {
  /** The youngest age the activity suits; 0 for all ages. */
  minAge: number;
  /** The oldest age it suits; null for no upper limit. */
  maxAge: number | null;
  /** What participants bring; null when nothing needs saying. */
  whatToBring: Translated | null;
  wheelchair: WheelchairAccess;
  /** More about accessibility (steps, toilets, hearing loops); null when nothing more. */
  accessibility: Translated | null;
}

export const DEFAULT_PRACTICAL_INFO: PracticalInfo = {
  minAge: 0,
  maxAge: null,
  whatToBring: null,
  wheelchair: 'unknown',
  accessibility: null,
};

/**
 * Whether the public sees an activity: `published` is listed and bookable; `unpublished` (for a
 * while) and `archived` (for good) are hidden from visitors and take no new bookings, while their
 * bookings, manage and participant links keep working.
 */
export const ACTIVITY_STATUSES = ['published', 'unpublished', 'archived'] as const;
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];

export function isActivityStatus(value: string): value is ActivityStatus {
  return (ACTIVITY_STATUSES as readonly string[]).includes(value);
}

export function isWheelchairAccess(value: string): value is WheelchairAccess {
  return (WHEELCHAIR_ACCESS as readonly string[]).includes(value);
}

export interface Activity {
  id: string;
  status: ActivityStatus;
  slug: string;
  venue: Venue;
  category: ActivityCategory;
  title: Translated;
  description: Translated;
  location: string;
  durationMinutes: number;
  minGroupSize: number;
  maxGroupSize: number;
  /** Bookings close this many minutes before a slot starts. */
  bookingCutoffMinutes: number;
  pricing: Pricing;
  rules: ActivityRules;
  practical: PracticalInfo;
  /** What is paid online and when (catalog/payment-terms.ts). */
  payment: PaymentTerms;
  /** What a cancellation or a smaller group refunds (catalog/refund-policy.ts). */
  refundPolicy: RefundPolicy;
}

/** The bounds of an activity's booking rules: what its form accepts, and its hints name. */
export const RULE_LIMITS = {
  optionHours: { min: 1, max: 720 },
  optionMinDaysBefore: { min: 0, max: 365 },
  optionMaxPerEmail: { min: 1, max: 50 },
  cancelUntilHours: { min: 0, max: 365 * 24 },
} as const;

/** The fields a participant may be asked beside their name. */
export const PARTICIPANT_FIELDS = ['dietary', 'allergies', 'emergency_phone'] as const;
export type ParticipantField = (typeof PARTICIPANT_FIELDS)[number];

/** How an activity is booked, held, cancelled and filled in. */
export interface ActivityRules {
  /** `instant`: a booking is confirmed at once; `request`: the venue accepts or declines it. */
  bookingMode: 'instant' | 'request';
  options: {
    allowed: boolean;
    /** How long an option holds its places. */
    hours: number;
    /** No options for slots starting within this many days. */
    minDaysBefore: number;
    /** Open options one email address may hold for this activity at once. */
    maxPerEmail: number;
  };
  /** The organiser may cancel from the manage link until this many hours before the start. */
  cancelUntilHours: number;
  participantFields: ParticipantField[];
}

export const DEFAULT_PAYMENT_TERMS: PaymentTerms = {
  mode: 'venue',
  depositPercent: 30,
  balanceDaysBefore: 14,
  invoiceAllowed: false,
  invoiceTermDays: 14,
};

/** 100 % back until 14 days before, 50 % until 48 hours, nothing later. */
export const DEFAULT_REFUND_POLICY: RefundPolicy = [
  { hoursBefore: 336, percent: 100 },
  { hoursBefore: 48, percent: 50 },
];

export const DEFAULT_ACTIVITY_RULES: ActivityRules = {
  bookingMode: 'instant',
  options: { allowed: true, hours: 48, minDaysBefore: 7, maxPerEmail: 3 },
  cancelUntilHours: 48,
  participantFields: ['dietary'],
};
