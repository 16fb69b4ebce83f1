import assert from 'node:assert/strict';
import { createSlot } from '../src/core/availability/slot.service.js';
import type { Slot } from '../src/core/availability/slot.js';
import { type BookingInput, parseBookingInput } from '../src/core/bookings/booking-input.js';
import type { LinkKey } from '../src/core/shared/link-key.js';
import { createBooking, type CreatedBooking } from '../src/core/booking-flows/booking.service.js';
import { type Activity, type ActivityRules, DEFAULT_ACTIVITY_RULES } from '../src/core/catalog/activity.js';
import { createActivity, createVenue } from '../src/core/catalog/catalog.service.js';
import type { Clock } from '../src/core/shared/clock.js';
import type { Db } from '../src/db/schema.js';
import { TEST_LINK_KEY } from './links.js';
import { NO_PAYMENTS } from './payment-context.js';
import type { PaymentContext } from '../src/core/payments/payment-context.js';

let counter = 0;
const unique = () => `${Date.now().toString(36)}-${(counter++).toString(36)}`;

type ActivityOverrides = Partial<Parameters<typeof createActivity>[2]>;

/**
 * An activity: 1..20 persons, 9 % per person at EUR 12.50, no cut-off, unless overridden; in a new
 * venue of its own unless `venueId` names one; the default lifecycle rules unless `rules` are given.
 */
export async function makeActivity(db: Db, clock: Clock, overrides: ActivityOverrides = {}, rules?: ActivityRules): Promise<Activity> {
  const venueId =
    overrides.venueId ?? (await createVenue(db, clock, { slug: `venue-${unique()}`, name: 'Testlocatie', city: 'Utrecht' })).id;
  return createActivity(
    db,
    clock,
    {
      venueId,
      slug: `activity-${unique()}`,
      title: { nl: 'Testactiviteit', en: 'Test activity' },
      description: { nl: 'Een activiteit om mee te testen.', en: 'An activity to test with.' },
      location: 'Teststraat 1, Utrecht',
      durationMinutes: 90,
      minGroupSize: 1,
      maxGroupSize: 20,
      bookingCutoffMinutes: 0,
      pricing: [{ label: { nl: 'Toegang', en: 'Entrance' }, basis: 'person', vat: 'low', amountCents: 1250 }],
      ...overrides,
    },
    rules,
  );
}

/** Lifecycle rules that differ from the defaults; `options` names only what differs too. */
export type RulesOverrides = Partial<Omit<ActivityRules, 'options'>> & { options?: Partial<ActivityRules['options']> };

/** An activity as makeActivity makes it, with these lifecycle rules. */
export async function makeActivityWithRules(
  db: Db,
  clock: Clock,
  rules: RulesOverrides,
  overrides: ActivityOverrides = {},
): Promise<Activity> {
  const options = { ...DEFAULT_ACTIVITY_RULES.options, ...rules.options };
  return makeActivity(db, clock, overrides, { ...DEFAULT_ACTIVITY_RULES, ...rules, options });
}

export async function makeSlot(
  db: Db,
  clock: Clock,
  activity: Activity,
  { date = '2026-06-15', time = '10:00', capacity = 50, exclusive = false } = {},
): Promise<Slot> {
  return createSlot(db, clock, { activityId: activity.id, date, time, capacity, exclusive });
}

/** An organisation's billing details as a booking request gives them, for one paid on invoice (`payBy: 'invoice'`): its purchase order as reference, no VAT id. */
export const INVOICE_BILLING = { organisation: 'Gemeente Utrecht', address: 'Stadsplateau 1\n3521 AZ Utrecht', reference: 'PO-4711' };

/** A valid booking request body for the API, for a slot. */
export function bookingRequest(slotId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    slotId,
    groupSize: 4,
    name: 'Jan Jansen',
    email: 'jan@example.nl',
    phone: '+31 6 12345678',
    organisation: 'Basisschool De Linde',
    notes: '',
    acceptTerms: true,
    ...overrides,
  };
}

/** A booking request parsed as the form and the API parse one; a request the test got wrong fails it. */
export function bookingInput(slotId: string, overrides: Record<string, unknown> = {}): BookingInput {
  const parsed = parseBookingInput(bookingRequest(slotId, overrides));
  assert.ok(parsed.ok, JSON.stringify(parsed));
  return parsed.input;
}

/**
 * A booking (or an option, with `option: true`) placed the way the form and the API place one. Its
 * links are made with `linkKey`: a TestApp's (`t.linkKey`) for links the app is to open.
 */
export function book(
  db: Db,
  clock: Clock,
  slot: Pick<Slot, 'id'>,
  overrides: Record<string, unknown> = {},
  linkKey: LinkKey = TEST_LINK_KEY,
  payments: PaymentContext = NO_PAYMENTS,
): Promise<CreatedBooking> {
  return createBooking(db, clock, linkKey, payments, bookingInput(slot.id, overrides));
}
