import type { Executor, Tx } from '../../db/schema.js';
import type { VenueScope } from '../shared/venue-scope.js';
import { type Activity, type ActivityStatus, isActivityStatus, type Translated, type Venue } from './activity.js';
import { toActivityColumns, toVenue, VENUE_COLUMNS, VENUE_FIELDS } from './catalog.repository.js';

/** One line of the back office's activity list. */
export interface ActivitySummary {
  id: string;
  slug: string;
  title: Translated;
  status: ActivityStatus;
  venue: Venue;
  /** Slots that start at or after the given instant. */
  upcomingSlots: number;
}

/**
 * The activities of the venues in scope, by venue then title, with how many slots are still to
 * come; archived ones only when asked for.
 */
export async function listActivitySummaries(
  db: Executor,
  scope: VenueScope,
  from: Date,
  { archived }: { archived: boolean },
): Promise<ActivitySummary[]> {
  let query = db
    .selectFrom('activities')
    .innerJoin('venues', 'venues.id', 'activities.venue_id')
    .select(['activities.id', 'activities.slug', 'activities.title_nl', 'activities.title_en', 'activities.status', 'activities.venue_id'])
    .select(VENUE_COLUMNS)
    .select((eb) =>
      eb
        .selectFrom('slots')
        .select(eb.fn.countAll().as('n'))
        .whereRef('slots.activity_id', '=', 'activities.id')
        .where('slots.starts_at', '>=', from.toISOString())
        .as('upcoming'),
    );
  if (!scope.all) query = query.where('activities.venue_id', '=', scope.venueId);
  if (!archived) query = query.where('activities.status', '!=', 'archived');
  const rows = await query.orderBy('venues.name').orderBy('activities.title_nl').execute();
  return rows.map((row) => ({
    id: row.id,
    slug: row.slug,
    title: { nl: row.title_nl, en: row.title_en },
    status: isActivityStatus(row.status) ? row.status : 'published',
    venue: toVenue(row),
    upcomingSlots: Number(row.upcoming ?? 0),
  }));
}

export async function findVenueInScope(db: Executor, scope: VenueScope, id: string): Promise<Venue | undefined> {
  const query = db.selectFrom('venues').select(VENUE_FIELDS).where('id', '=', id);
  const row = await (scope.all ? query : query.where('id', '=', scope.venueId)).executeTakeFirst();
  return row && toVenue(row);
}

/** The venues in the scope, by name. */
export async function listVenuesInScope(db: Executor, scope: VenueScope): Promise<Venue[]> {
  const query = db.selectFrom('venues').select(VENUE_FIELDS).orderBy('name').orderBy('id');
  const rows = await (scope.all ? query : query.where('id', '=', scope.venueId)).execute();
  return rows.map(toVenue);
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
    .set(toActivityColumns(activity))
    .where('id', '=', activity.id)
    .where('venue_id', '=', activity.venue.id)
    .execute();
}
