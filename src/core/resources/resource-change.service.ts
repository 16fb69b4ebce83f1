import { lockRow } from '../../db/lock-row.js';
import type { Db, Tx } from '../../db/schema.js';
import { recordActivity } from '../activity-log/activity-log.service.js';
import type { NewActivityEntry } from '../activity-log/activity-log.js';
import type { Clock } from '../shared/clock.js';
import type { FieldError, FormResult } from '../shared/field-errors.js';
import { fitsAt, isOpen } from './resource.js';
import { findResources, listResourceUses, lockResources } from './resource.repository.js';
import { lockSlotsAfter } from './resource-admin.repository.js';

/** As far ahead as bookings are checked against a changed resource. */
const END_OF_TIME = new Date('9999-12-31T00:00:00Z');

/** A refusal of a change that would leave booked times without room: how many, at which field. */
class BookedConflict extends Error {
  constructor(readonly error: FieldError) {
    super('resource_conflict');
  }
}

/**
 * Applies a change that concerns resources (the resource itself, its hours or closures, what uses
 * it and when) in one transaction under their locks, then checks every booked time from now on
 * against each resource as changed: open then, and never holding more than its capacity. A change
 * that would leave one without room is rolled back and refused at `field`, naming how many booked
 * times it concerns: `resource_conflict` when the resource would hold more than its capacity then,
 * else `resource_closed_conflict` when they would fall outside its opening hours or in a closure;
 * otherwise it commits with its activity log entry.
 *
 * A change that makes activities use a resource (`slotsOf`: a link, a programme's part) first
 * locks their coming slots: a booking of one of them under way read its links before the change,
 * so it locks no resource the change adds; waiting for its slot's lock counts what it took. The
 * slots before the resources, as every booking takes them. A change of one booking's use (a part
 * moved) locks that booking's slot (`slotIds`) instead: its status and size stay as read meanwhile.
 *
 * A change that only `frees` (a closure ended early, a link or a part removed) takes nothing a
 * booking holds: it is applied under the locks without the check, so it never fails.
 */
export async function changeUnderResources<T>(
  db: Db,
  clock: Clock,
  { resourceIds, slotsOf = [], slotIds = [] }: { resourceIds: readonly string[]; slotsOf?: readonly string[]; slotIds?: readonly string[] },
  field: string,
  change: (trx: Tx) => Promise<T>,
  entry: NewActivityEntry,
  { frees = false }: { frees?: boolean } = {},
): Promise<FormResult<T>> {
  try {
    const value = await db.transaction().execute(async (trx) => {
      for (const activityId of [...slotsOf].sort()) await lockSlotsAfter(trx, activityId, clock.now());
      for (const slotId of [...slotIds].sort()) await lockRow(trx, 'slots', slotId);
      await lockResources(trx, resourceIds);
      const result = await change(trx);
      if (frees) {
        await recordActivity(trx, clock, entry);
        return result;
      }
      const now = clock.now();
      const resources = await findResources(trx, resourceIds, now);
      const uses = await listResourceUses(trx, resourceIds, now, END_OF_TIME);
      let closed = 0;
      let over = 0;
      for (const [id, resource] of resources) {
        const held = uses.get(id)!;
        for (const use of held) {
          if (!fitsAt(resource, held, use.startsAt, use.endsAt)) over++;
          else if (!isOpen(resource, use.startsAt, use.usedUntil, use.endsAt)) closed++;
        }
      }
      // Too much at once is the capacity's refusal; closed then (hours, a closure) says so.
      if (over > 0) throw new BookedConflict({ field, code: 'resource_conflict', params: { n: over } });
      if (closed > 0) throw new BookedConflict({ field, code: 'resource_closed_conflict', params: { n: closed } });
      await recordActivity(trx, clock, entry);
      return result;
    });
    return { ok: true, value };
  } catch (error) {
    if (error instanceof BookedConflict) return { ok: false, errors: [error.error] };
    throw error;
  }
}
