import type { Pricing } from './pricing.js';

export type Language = 'nl' | 'en';
export type Translated = Record<Language, string>;

export interface Venue {
  id: string;
  slug: string;
  name: string;
  city: string;
}

export interface Activity {
  id: string;
  slug: string;
  venue: Venue;
  title: Translated;
  description: Translated;
  location: string;
  durationMinutes: number;
  minGroupSize: number;
  maxGroupSize: number;
  /** Bookings close this many minutes before a slot starts. */
  bookingCutoffMinutes: number;
  pricing: Pricing;
}
