import type { Activity } from '../catalog/activity.js';
import type { PriceBreakdown } from '../catalog/pricing.js';
import type { Slot } from '../availability/slot.js';
import type { Language } from '../shared/language.js';

/**
 * Every status a booking can have: an `option` holds places until it expires; a `requested` booking
 * holds them while the venue decides; `awaiting_payment` holds them for the payment window of a
 * booking that must be paid when booking (core/payments/); `completed` once the visit is over. The
 * changes between them are in booking-status.ts.
 */
export const BOOKING_STATUSES = ['option', 'requested', 'awaiting_payment', 'confirmed', 'cancelled', 'expired', 'completed'] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];

export interface Booking {
  id: string;
  reference: string;
  status: BookingStatus;
  groupSize: number;
  name: string;
  email: string;
  phone: string;
  organisation: string;
  notes: string;
  language: Language;
  price: PriceBreakdown;
  createdAt: Date;
  /** An option's deadline; null for any other status. */
  optionExpiresAt: Date | null;
  /** When staff extended the option (once at most); null while not. */
  optionExtendedAt: Date | null;
  confirmedAt: Date | null;
  /** The version of the venue's booking terms the organiser accepted; null when the venue had published none. */
  termsVersion: number | null;
}

/** The organiser's details as they booked them, and as staff may correct them. */
export type OrganiserContact = Pick<Booking, 'name' | 'email' | 'phone' | 'organisation' | 'notes'>;

/** Who booked, for how many, and the booking's state: what every list and page of bookings shows. */
export type BookingBasics = Pick<Booking, 'id' | 'reference' | 'status' | 'groupSize' | 'name' | 'email' | 'phone' | 'organisation'>;

/** A booking with what an organiser needs to see beside it. */
export interface BookingDetails extends Booking {
  slot: Slot;
  activity: Activity;
}
