import type { Tx } from '../../db/schema.js';
import { fitsAt, isOpen } from './resource.js';
import { listResourceLinks, lockResources, type SlotTime, slotResourcesOf } from './resource.repository.js';

/**
 * Whether the slot's resources hold what its bookings now take, checked after the slot's places
 * were taken and under the resources' locks: `slot_full` when one of them would hold more than its
 * capacity at some moment of the slot's time plus buffer, `slot_unavailable` when one is closed
 * then. The caller gives the places back on a refusal (or its transaction rolls back).
 */
export async function resourcesRefusal(trx: Tx, slot: SlotTime): Promise<'slot_full' | 'slot_unavailable' | undefined> {
  const links = await listResourceLinks(trx, { activityIds: [slot.activityId] });
  if (links.length === 0) return undefined;
  await lockResources(
    trx,
    links.map((link) => link.resourceId),
  );
  for (const { resource, from, until, heldUntil, uses } of (await slotResourcesOf(trx, [slot])).get(slot.id) ?? []) {
    if (!isOpen(resource, from, until, heldUntil)) return 'slot_unavailable';
    if (!fitsAt(resource, uses, from, heldUntil)) return 'slot_full';
  }
  return undefined;
}
