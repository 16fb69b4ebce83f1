import { createResourceFromForm, linkActivityFromForm } from '../src/core/resources/resource-admin.service.js';
import type { Activity, Venue } from '../src/core/catalog/activity.js';
import { systemClock } from '../src/core/shared/clock.js';
import { newId } from '../src/core/shared/ids.js';
import { addLocalDays, localDateOf, localToInstant } from '../src/core/shared/time.js';
import { toSlotInsert } from '../src/core/availability/slot.repository.js';
import type { Db } from '../src/db/schema.js';
import { insertSeasonSlots, setSeasonCounters } from './season.repository.js';
import { seedActivity } from './seed.js';

/** Resources of the season venue, and the activities that share them (each uses two neighbours). */
const RESOURCES = 20;
/** Days of slots from tomorrow, six a day per activity: a season of bookings around the days read. */
const SEASON_DAYS = 120;
const PER_DAY = 6;
const BENCH_ADMIN = { id: 'bench-admin', email: 'bench@groupz.test', role: 'admin', venueId: null } as const;

export interface ResourceSeason {
  /** The activity whose slots the bench reads. */
  activity: Activity;
  activityIds: string[];
  slots: number;
  resources: number;
}

/**
 * A venue's 20 activities sharing 20 resources (each activity uses two, with a quarter-hour
 * changeover; each resource holds 60 persons and serves two activities) and a season of slots,
 * two thirds of them holding two groups: what the slots API weighs for every slot it shows.
 */
export async function seedResourceSeason(db: Db, venue: Venue): Promise<ResourceSeason> {
  const resources: string[] = [];
  for (let r = 0; r < RESOURCES; r++) {
    const form = { venueId: venue.id, name: `Sloep ${r + 1}`, kind: 'persons', capacity: '60' };
    const made = await createResourceFromForm(db, systemClock, BENCH_ADMIN, form, 'plain');
    if (!made.ok) throw new Error(`bench: resource refused: ${JSON.stringify(made.errors)}`);
    resources.push(made.value.id);
  }
  const activities: Activity[] = [];
  const today = localDateOf(new Date());
  const created = new Date().toISOString();
  for (let a = 0; a < RESOURCES; a++) {
    const activity = await seedActivity(db, venue, 'season');
    for (const resource of [resources[a]!, resources[(a + 1) % RESOURCES]!]) {
      const linked = await linkActivityFromForm(db, systemClock, BENCH_ADMIN, resource, { activityId: activity.id, buffer: '15' }, 'plain');
      if (!linked.ok) throw new Error(`bench: link refused: ${JSON.stringify(linked.errors)}`);
    }
    const rows = Array.from({ length: SEASON_DAYS * PER_DAY }, (_, k) => {
      const startsAt = localToInstant(addLocalDays(today, 1 + Math.floor(k / PER_DAY)), `${String(9 + (k % PER_DAY)).padStart(2, '0')}:00`);
      const endsAt = new Date(startsAt.getTime() + activity.durationMinutes * 60_000);
      const slot = {
        id: newId(),
        activityId: activity.id,
        startsAt,
        endsAt,
        capacity: 40,
        exclusive: false,
        bookedPersons: 0,
        bookedGroups: 0,
      };
      return toSlotInsert(slot, created);
    });
    await insertSeasonSlots(db, rows);
    activities.push(activity);
  }
  const activityIds = activities.map((activity) => activity.id);
  const slots = await setSeasonCounters(db, activityIds, 20, 2);
  return { activity: activities[0]!, activityIds, slots, resources: RESOURCES };
}

/** Gives the season's counters back, so the oversell check compares only what the bench booked. */
export async function clearResourceSeason(db: Db, season: ResourceSeason): Promise<void> {
  await setSeasonCounters(db, season.activityIds, 0, 0);
}
