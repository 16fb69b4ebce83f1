import type { BookingDetails } from '../src/core/bookings/booking.js';
import {
  DEFAULT_ACTIVITY_RULES,
  DEFAULT_PAYMENT_TERMS,
  DEFAULT_PRACTICAL_INFO,
  DEFAULT_REFUND_POLICY,
} from '../src/core/catalog/activity.js';
import { priceFor } from '../src/core/catalog/pricing.js';

/**
 * A booking as services return it, made in memory for tests of pure rendering (mails, calendar
 * files): 12 people on Monday 15 June 2026, 10:00-11:30 Amsterdam time, confirmed, in Dutch.
 */
export function bookingDetails(overrides: Partial<BookingDetails> = {}): BookingDetails {
  const pricing = [{ label: { nl: 'Toegang', en: 'Entrance' }, basis: 'person' as const, vat: 'low' as const, amountCents: 1250 }];
  return {
    id: 'b00kingId_123',
    reference: 'GZ-AB12-CD34',
    status: 'confirmed',
    groupSize: 12,
    party: null,
    name: 'Jan Jansen',
    email: 'jan@example.nl',
    phone: '+31 6 12345678',
    organisation: 'Basisschool De Linde',
    notes: '',
    language: 'nl',
    price: priceFor(pricing, 12, { low: 900, high: 2100 }),
    pricingAsBooked: pricing,
    createdAt: new Date('2026-06-01T08:00:00Z'),
    optionExpiresAt: null,
    optionExtendedAt: null,
    confirmedAt: new Date('2026-06-01T08:00:00Z'),
    termsVersion: 1,
    slot: {
      id: 'slot1',
      activityId: 'act1',
      startsAt: new Date('2026-06-15T08:00:00Z'),
      endsAt: new Date('2026-06-15T09:30:00Z'),
      capacity: 40,
      exclusive: false,
      bookedPersons: 12,
      bookedGroups: 1,
    },
    activity: {
      id: 'act1',
      status: 'published',
      slug: 'rondvaart',
      venue: {
        id: 'venue1',
        slug: 'rederij',
        name: 'Rederij Amstel',
        city: 'Amsterdam',
        contactEmail: 'info@rederij-amstel.example.nl',
        contactPhone: '020 123 4567',
        address: { street: 'Damrak 1', postcode: '1012 LG', city: 'Amsterdam' },
        website: 'https://rederij-amstel.example.nl',
        description: null,
        route: null,
        ownMollieKey: false,
        poRequired: false,
      },
      category: 'water',
      title: { nl: 'Rondvaart door de grachten', en: 'Canal cruise' },
      description: { nl: 'Een uur over het water.', en: 'An hour on the water.' },
      location: 'Damrak 1',
      durationMinutes: 90,
      minGroupSize: 1,
      maxGroupSize: 40,
      bookingCutoffMinutes: 0,
      pricing,
      rules: DEFAULT_ACTIVITY_RULES,
      practical: DEFAULT_PRACTICAL_INFO,
      payment: DEFAULT_PAYMENT_TERMS,
      refundPolicy: DEFAULT_REFUND_POLICY,
    },
    ...overrides,
  };
}
