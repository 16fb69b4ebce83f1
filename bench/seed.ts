import { createSlot } from '../src/core/availability/slot.service.js';
import type { Slot } from '../src/core/availability/slot.js';
import type { Activity, Venue } from '../src/core/catalog/activity.js';
import { createActivity, createVenue } from '../src/core/catalog/catalog.service.js';
import { systemClock } from '../src/core/shared/clock.js';
import { addLocalDays, localDateOf } from '../src/core/shared/time.js';
import type { Db } from '../src/db/schema.js';
import { MAX_GROUP_SIZE } from '../src/core/shared/group-size.js';

/** The most persons a slot may hold, so the hot-slot rush chains slots of this size. */
export const MAX_SLOT_CAPACITY = MAX_GROUP_SIZE;

let activities = 0;

export async function seedVenue(db: Db, slug = 'bench-venue'): Promise<Venue> {
  return createVenue(db, systemClock, { slug, name: 'Museum De Meetlat', city: 'Utrecht' });
}

/** An activity as a venue would set one up: groups of 1 to 20, a price per person, instant booking. */
export async function seedActivity(db: Db, venue: Venue, purpose: string): Promise<Activity> {
  activities += 1;
  return createActivity(db, systemClock, {
    venueId: venue.id,
    slug: `bench-${purpose.toLowerCase()}-${activities}`,
    title: { nl: `Rondleiding ${activities}`, en: `Guided tour ${activities}` },
    description: {
      nl: 'Een rondleiding van anderhalf uur langs de vaste collectie, voor groepen tot twintig personen.',
      en: 'A ninety-minute tour of the permanent collection, for groups of up to twenty.',
    },
    location: 'Museumplein 1, Utrecht',
    durationMinutes: 90,
    minGroupSize: 1,
    maxGroupSize: 20,
    bookingCutoffMinutes: 60,
    pricing: [{ label: { nl: 'Toegang', en: 'Entrance' }, basis: 'person', vat: 'low', amountCents: 1250 }],
  });
}

/**
 * `count` slots of `capacity` persons for the activity, `perDay` a day (hourly from 09:00) from
 * `firstDay` days after today (Amsterdam time). One statement at a time, not one transaction: a
 * transaction that reads before it writes cannot wait for the lock of a platform process that is
 * writing meanwhile (SQLite refuses it at once).
 */
export async function seedSlots(
  db: Db,
  activity: Activity,
  count: number,
  capacity: number,
  firstDay: number,
  perDay = 10,
): Promise<Slot[]> {
  const today = localDateOf(new Date());
  const slots: Slot[] = [];
  for (let k = 0; k < count; k++) {
    const date = addLocalDays(today, firstDay + Math.floor(k / perDay));
    const time = `${String(9 + (k % perDay)).padStart(2, '0')}:00`;
    slots.push(await createSlot(db, systemClock, { activityId: activity.id, date, time, capacity }));
  }
  return slots;
}

/** `count` slots spread over activities of `perActivity` slots each. */
export async function seedSpreadSlots(db: Db, venue: Venue, purpose: string, count: number, capacity: number): Promise<Slot[]> {
  const slots: Slot[] = [];
  for (let made = 0; made < count;) {
    const activity = await seedActivity(db, venue, purpose);
    const batch = Math.min(24, count - made);
    slots.push(...(await seedSlots(db, activity, batch, capacity, 7)));
    made += batch;
  }
  return slots;
}
