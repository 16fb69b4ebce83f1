import type { Insertable } from 'kysely';
import type { PendingInsert } from '../../db/insert-together.js';
import { prepared } from '../../db/prepared-query.js';
import type { ActivityLogTable, Executor } from '../../db/schema.js';
import type { VenueScope } from '../shared/venue-scope.js';
import { type ActivityEntry, isActorKind } from './activity-log.js';

/** The INSERT of an activity log entry, not yet run (the caller runs it, alone or with others: see insertTogether). */
export function activityEntryInsert(db: Executor, entry: ActivityEntry): PendingInsert {
  return activityInsert.pending(db, {
    id: entry.id,
    at: entry.at.toISOString(),
    actor_id: entry.actorId,
    actor_email: entry.actorEmail,
    venue_id: entry.venueId,
    action: entry.action,
    target: entry.target,
    detail: JSON.stringify(entry.detail),
    client: entry.client,
    actor_kind: entry.actorKind,
  });
}

const activityInsert = prepared((db, p: Insertable<ActivityLogTable>) =>
  db.insertInto('activity_log').values({
    id: p.id,
    at: p.at,
    actor_id: p.actor_id,
    actor_email: p.actor_email,
    venue_id: p.venue_id,
    action: p.action,
    target: p.target,
    detail: p.detail,
    client: p.client,
    actor_kind: p.actor_kind,
  }),
);

export interface ActivityQuery {
  scope: VenueScope;
  /** Only entries before this instant (for paging back), newest first. */
  before?: Date | undefined;
  action?: string | undefined;
  /** Only entries by or about this member (actor or target). */
  email?: string | undefined;
  /** Only entries about this object (a booking's reference, say). */
  target?: string;
  limit: number;
}

/** Entries a member may see: all for an admin, else those of their own venue. */
export async function listActivityEntries(db: Executor, query: ActivityQuery): Promise<ActivityEntry[]> {
  let q = db.selectFrom('activity_log').selectAll();
  if (!query.scope.all) q = q.where('venue_id', '=', query.scope.venueId);
  if (query.before) q = q.where('at', '<', query.before.toISOString());
  if (query.action) q = q.where('action', '=', query.action);
  if (query.target) q = q.where('target', '=', query.target);
  const email = query.email;
  if (email) q = q.where((eb) => eb.or([eb('actor_email', '=', email), eb('target', '=', email)]));
  const rows = await q.orderBy('at', 'desc').orderBy('id').limit(query.limit).execute();
  return rows.map((row) => ({
    id: row.id,
    at: new Date(row.at),
    actorId: row.actor_id,
    actorEmail: row.actor_email,
    venueId: row.venue_id,
    action: row.action,
    target: row.target,
    detail: JSON.parse(row.detail) as ActivityEntry['detail'],
    client: row.client,
    actorKind: isActorKind(row.actor_kind) ? row.actor_kind : null,
  }));
}

/** The actions that occur in the entries a member may see. */
export async function listActivityActions(db: Executor, scope: VenueScope): Promise<string[]> {
  let q = db.selectFrom('activity_log').select('action').distinct();
  if (!scope.all) q = q.where('venue_id', '=', scope.venueId);
  const rows = await q.orderBy('action').execute();
  return rows.map((row) => row.action);
}
