import type { Tx } from '../../db/schema.js';
import { resourcesRefusal } from '../resources/resource-hold.service.js';
import type { SlotTime } from '../resources/resource.repository.js';
import { releaseCapacity, takeCapacity } from './slot.repository.js';

/**
 * Takes a new group's places on the slot and, under their locks, on the resources its activity
 * uses, inside the caller's transaction: all or nothing. The slot's row first (the lock order of
 * every change of places), then the resources in id order. Returns why it cannot, or undefined
 * when the places are taken.
 */
export async function takeSlotPlaces(trx: Tx, slot: SlotTime, persons: number): Promise<'slot_full' | 'slot_unavailable' | undefined> {
  if (!(await takeCapacity(trx, slot.id, persons))) return 'slot_full';
  const refusal = await resourcesRefusal(trx, slot);
  if (refusal && !(await releaseCapacity(trx, slot.id, persons))) throw new Error(`slot ${slot.id} changed under its lock`);
  return refusal;
}
