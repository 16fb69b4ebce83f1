import type { Executor } from '../../db/schema.js';
import type { Extra } from '../catalog/extras.js';
import { unitsLeft } from '../catalog/extras.js';
import { listExtrasOfActivities } from '../catalog/extras.repository.js';
import { listExtraUnitsTakenInSlots } from './extra-stock.repository.js';

/** The extras the activities offer (the active ones, in order), by activity id; absent: none. */
export function listOfferedExtras(db: Executor, activityIds: readonly string[]): Promise<Map<string, Extra[]>> {
  return listExtrasOfActivities(db, activityIds);
}

/** The extras one activity offers, in order. */
export async function offeredExtrasOf(db: Executor, activityId: string): Promise<Extra[]> {
  return (await listOfferedExtras(db, [activityId])).get(activityId) ?? [];
}

/** What is left in each slot of each extra with a stock: by slot id, then extra id (absent: unlimited). */
export async function extrasLeftInSlots(
  db: Executor,
  extras: readonly Extra[],
  slotIds: readonly string[],
): Promise<Map<string, Map<string, number>>> {
  const taken = await listExtraUnitsTakenInSlots(db, slotIds);
  return new Map(slotIds.map((slotId) => [slotId, unitsLeft(extras, taken.get(slotId))]));
}
