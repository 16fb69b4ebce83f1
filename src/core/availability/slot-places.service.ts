import type { Tx } from '../../db/schema.js';
import { resourcesRefusal } from '../resources/resource-hold.service.js';
import { slotResourceIds, type SlotTime } from '../resources/resource.repository.js';
import { releaseCapacity, takeCapacity } from './slot.repository.js';

/**
 * Takes a new group's places on the slot and, under their locks, on the resources its activity
 * uses, inside the caller's transaction: all or nothing. The slot's row first (the lock order of
 * every change of places), then the resources in id order. Returns why it cannot, or undefined
 * when the places are taken.
 */
export async function takeSlotPlaces(trx: Tx, slot: SlotTime, persons: number): Promise<'slot_full' | 'slot_unavailable' | undefined> {
  if (!(await takeCapacity(trx, slot.id, persons))) return 'slot_full';
  return takeResourcePlaces(trx, slot, persons, await slotResourceIds(trx, slot));
}

/**
 * The rest of takeSlotPlaces, for a caller that took the slot's places itself (takeCapacity) and
 * then read the slot's resources (`resourceIds`, as slotResourceIds finds them) under its lock:
 * the group's places on them, under their locks; on a refusal the slot's places are given back.
 */
export async function takeResourcePlaces(
  trx: Tx,
  slot: SlotTime,
  persons: number,
  resourceIds: readonly string[],
): Promise<'slot_full' | 'slot_unavailable' | undefined> {
  const refusal = await resourcesRefusal(trx, slot, resourceIds);
  if (refusal && !(await releaseCapacity(trx, slot.id, persons))) throw new Error(`slot ${slot.id} changed under its lock`);
  return refusal;
}
