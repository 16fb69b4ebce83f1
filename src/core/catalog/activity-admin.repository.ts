import type { Executor, Tx } from '../../db/schema.js';
import type { VenueScope } from '../staff/staff.js';
import type { Activity, Translated, Venue } from './activity.js';

/** One line of the back office's activity list. */
export interface ActivitySummary {
  id: string;
  slug: string;
  title: Translated;
  venue: Venue;
  /** Slots that start at or after the given instant. */
  upcomingSlots: number;
}

/** The activities of the venues in scope, by venue then title, with how many slots are still to come. */
export async function listActivitySummaries(db: Executor, scope: VenueScope, from: Date): Promise<ActivitySummary[]> {
  let query = db
    .selectFrom('activities')
    .innerJoin('venues', 'venues.id', 'activities.venue_id')
    .select(['activities.id', 'activities.slug', 'activities.title_nl', 'activities.title_en', 'activities.venue_id'])
    .select(['venues.slug as venue_slug', 'venues.name as venue_name', 'venues.city as venue_city'])
    .select((eb) =>
      eb
        .selectFrom('slots')
        .select(eb.fn.countAll().as('n'))
        .whereRef('slots.activity_id', '=', 'activities.id')
        .where('slots.starts_at', '>=', from.toISOString())
        .as('upcoming'),
    );
  if (!scope.all) query = query.where('activities.venue_id', '=', scope.venueId);
  const rows = await query.orderBy('venues.name').orderBy('activities.title_nl').execute();
  return rows.map((row) => ({
    id: row.id,
    slug: row.slug,
    title: { nl: row.title_nl, en: row.title_en },
    venue: { id: row.venue_id, slug: row.venue_slug, name: row.venue_name, city: row.venue_city },
    upcomingSlots: Number(row.upcoming ?? 0),
  }));
}

export async function findVenueInScope(db: Executor, scope: VenueScope, id: string): Promise<Venue | undefined> {
  const query = db.selectFrom('venues').select(['id', 'slug', 'name', 'city']).where('id', '=', id);
  return (scope.all ? query : query.where('id', '=', scope.venueId)).executeTakeFirst();
}

export async function listVenuesInScope(db: Executor, scope: VenueScope): Promise<Venue[]> {
  const query = db.selectFrom('venues').select(['id', 'slug', 'name', 'city']).orderBy('name');
  return (scope.all ? query : query.where('id', '=', scope.venueId)).execute();
}

/** The id of the activity with this slug, if any (slugs are unique across venues: they are public URLs). */
export async function findActivityIdBySlug(db: Executor, slug: string): Promise<string | undefined> {
  const row = await db.selectFrom('activities').select('id').where('slug', '=', slug).executeTakeFirst();
  return row?.id;
}

/** Writes an activity's editable fields; its venue never changes. */
export async function updateActivityRow(trx: Tx, activity: Activity): Promise<void> {
  await trx
    .updateTable('activities')
    .set({
      slug: activity.slug,
      title_nl: activity.title.nl,
      title_en: activity.title.en,
      description_nl: activity.description.nl,
      description_en: activity.description.en,
      location: activity.location,
      duration_minutes: activity.durationMinutes,
      min_group_size: activity.minGroupSize,
      max_group_size: activity.maxGroupSize,
      booking_cutoff_minutes: activity.bookingCutoffMinutes,
      pricing: JSON.stringify(activity.pricing),
    })
    .where('id', '=', activity.id)
    .where('venue_id', '=', activity.venue.id)
    .execute();
}
