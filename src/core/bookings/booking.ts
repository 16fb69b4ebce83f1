import type { Activity } from '../catalog/activity.js';
import type { PriceBreakdown } from '../catalog/pricing.js';
import type { Slot } from '../availability/slot.js';

/** Every status a booking can have; the changes staff can make between them are in booking-status.ts. */
export const BOOKING_STATUSES = ['confirmed', 'cancelled'] as const;
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
  language: 'nl' | 'en';
  price: PriceBreakdown;
  createdAt: Date;
}

/** Who booked, for how many, and the booking's state: what every list and page of bookings shows. */
export type BookingBasics = Pick<Booking, 'id' | 'reference' | 'status' | 'groupSize' | 'name' | 'email' | 'phone' | 'organisation'>;

/** A booking with what an organiser needs to see beside it. */
export interface BookingDetails extends Booking {
  slot: Slot;
  activity: Activity;
}
