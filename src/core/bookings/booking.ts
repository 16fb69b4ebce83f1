import type { Activity } from '../catalog/activity.js';
import type { PriceBreakdown } from '../catalog/pricing.js';
import type { Slot } from '../availability/slot.js';

export type BookingStatus = 'confirmed';

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

/** A booking with what an organiser needs to see beside it. */
export interface BookingDetails extends Booking {
  slot: Slot;
  activity: Activity;
}
