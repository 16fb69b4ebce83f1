import type { Activity } from '../catalog/activity.js';
import type { PriceBreakdown, Pricing } from '../catalog/pricing.js';
import type { Party } from '../catalog/price-categories.js';
import type { Slot } from '../availability/slot.js';
import type { BookingStatus } from '../shared/booking-status.js';
import type { Language } from '../shared/language.js';

export interface Booking {
  id: string;
  reference: string;
  status: BookingStatus;
  groupSize: number;
  /** How many of each price category the group has (its sum is groupSize); null for an activity priced by group size alone. */
  party: Party | null;
  name: string;
  email: string;
  phone: string;
  organisation: string;
  notes: string;
  language: Language;
  price: PriceBreakdown;
  /**
   * The activity's pricing as it stood when the booking was placed, which a change of its group is
   * priced by (bookingPricing in booking-pricing.ts); null for a booking placed before it was kept.
   */
  pricingAsBooked: Pricing | null;
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
