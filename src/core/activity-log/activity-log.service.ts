import type { Db, Executor, Tx } from '../../db/schema.js';
import type { Clock } from '../shared/clock.js';
import { newId } from '../shared/ids.js';
import type { VenueScope } from '../shared/venue-scope.js';
import type { ActivityEntry, NewActivityEntry } from './activity-log.js';
import { type ActivityQuery, activityEntryInsert, listActivityActions, listActivityEntries } from './activity-log.repository.js';

async function writeActivityEntry(db: Executor, clock: Clock, entry: NewActivityEntry): Promise<void> {
  await activityEntryFor(db, clock, entry).execute();
}

/** The INSERT of a change's activity log entry, not yet run: for the caller to run in the change's transaction (see insertTogether). */
export function activityEntryFor(db: Executor, clock: Clock, entry: NewActivityEntry) {
  return activityEntryInsert(db, {
    id: newId(),
    at: clock.now(),
    actorId: entry.actor?.id ?? null,
    actorEmail: entry.actor?.email ?? null,
    venueId: entry.venueId,
    action: entry.action,
    target: entry.target ?? null,
    detail: entry.detail ?? {},
    client: entry.client ?? null,
    actorKind: entry.actorKind ?? (entry.actor ? 'staff' : null),
  });
}

/** Writes the activity log entry of a change, inside the transaction that makes it: both commit or neither. */
export async function recordActivity(trx: Tx, clock: Clock, entry: NewActivityEntry): Promise<void> {
  await writeActivityEntry(trx, clock, entry);
}

/**
 * Writes the activity log entry of an event that changes nothing else (a refused login, a refused form
 * token), on its own. The entry of a change goes with the change: see recordActivity.
 */
export async function recordActivityEvent(db: Db, clock: Clock, entry: NewActivityEntry): Promise<void> {
  await writeActivityEntry(db, clock, entry);
}

/** Entries per page of the activity log viewer. */
export const ACTIVITY_ENTRIES_PER_PAGE = 100;

export interface ActivityEntryPage {
  entries: ActivityEntry[];
  /** Where the next, older page starts (entries strictly before it), or null on the last page. */
  older: Date | null;
}

/**
 * One page of the entries a member may see, newest first. A page never ends inside a run of
 * entries with the same instant (the next page starts strictly before its cursor), so paging back
 * neither skips nor repeats an entry.
 */
export async function readActivityEntryPage(
  db: Executor,
  scope: VenueScope,
  filter: Pick<ActivityQuery, 'before' | 'action' | 'email'>,
): Promise<ActivityEntryPage> {
  const rows = await listActivityEntries(db, { scope, ...filter, limit: ACTIVITY_ENTRIES_PER_PAGE + 1 });
  if (rows.length <= ACTIVITY_ENTRIES_PER_PAGE) return { entries: rows, older: null };
  const boundary = rows[ACTIVITY_ENTRIES_PER_PAGE]!.at.getTime();
  const whole = rows.slice(0, ACTIVITY_ENTRIES_PER_PAGE).filter((entry) => entry.at.getTime() > boundary);
  // More than a page within one millisecond: show a full page and move on past that instant.
  if (whole.length === 0) return { entries: rows.slice(0, ACTIVITY_ENTRIES_PER_PAGE), older: new Date(boundary) };
  return { entries: whole, older: new Date(boundary + 1) };
}

/** The actions that occur in the entries a member may see, for the viewer's filter. */
export async function readActivityActions(db: Db, scope: VenueScope): Promise<string[]> {
  return listActivityActions(db, scope);
}
