import type { Tx } from '../../db/schema.js';
import { fitsAt, isOpen } from './resource.js';
import { findResources, listResourceUses, lockResources, type SlotTime, USES_END_WITHIN_MINUTES } from './resource.repository.js';

/**
 * Whether the slot's resources (`ids`, as slotResourceIds finds them) hold what its bookings now
 * take, checked after the slot's places were taken and under the resources' locks: `slot_full`
 * when one of them would hold more than its capacity at some moment the slot uses it (each part's
 * time, each subgroup's turn, a moved part's new time, plus buffers), `slot_unavailable` when one
 * is closed then. The caller reads the ids after the slot's lock (a change that adds a link waits
 * for that lock first: changeUnderResources), and gives the places back on a refusal (or its
 * transaction rolls back).
 */
export async function resourcesRefusal(
  trx: Tx,
  slot: SlotTime,
  ids: readonly string[],
): Promise<'slot_full' | 'slot_unavailable' | undefined> {
  if (ids.length === 0) return undefined;
  await lockResources(trx, ids);
  const resources = await findResources(trx, ids, slot.startsAt);
  const uses = await listResourceUses(trx, ids, slot.startsAt, new Date(slot.startsAt.getTime() + USES_END_WITHIN_MINUTES * 60_000));
  let full = false;
  for (const [id, resource] of resources) {
    const held = uses.get(id)!;
    for (const use of held.filter((u) => u.slotId === slot.id)) {
      if (!isOpen(resource, use.startsAt, use.usedUntil, use.endsAt)) return 'slot_unavailable';
      if (!fitsAt(resource, held, use.startsAt, use.endsAt)) full = true;
    }
  }
  return full ? 'slot_full' : undefined;
}
