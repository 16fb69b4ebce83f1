import type { ResourceRoom } from '../resources/resource.js';

export interface Slot {
  id: string;
  activityId: string;
  startsAt: Date;
  endsAt: Date;
  /** Persons the slot holds. */
  capacity: number;
  /** One group per slot, whatever its size (a private tour, a room). */
  exclusive: boolean;
  bookedPersons: number;
  bookedGroups: number;
  /** What the resources its activity uses (a boat, a room) still admit at its time; absent when it uses none. */
  resourceRoom?: ResourceRoom;
}

/** Persons the slot's own capacity and its resources still take, for a group booked anew. */
export function remainingPersons(slot: Slot): number {
  if (slot.exclusive && slot.bookedGroups > 0) return 0;
  if (slot.resourceRoom && !slot.resourceRoom.unitFree) return 0;
  return morePersonsFit(slot);
}

/**
 * Whether the slot has places of its own left but a resource its activity uses (a boat, a room) is
 * taken at its time by other bookings: "not available", not "full" or "already booked".
 */
export function heldElsewhere(slot: Slot): boolean {
  const ownFree = slot.capacity > slot.bookedPersons && !(slot.exclusive && slot.bookedGroups > 0);
  return slot.resourceRoom !== undefined && ownFree && remainingPersons(slot) <= 0;
}

/** Persons a group already booked on the slot may add: its unit of a resource it holds already. */
export function morePersonsFit(slot: Slot): number {
  const own = slot.capacity - slot.bookedPersons;
  const room = slot.resourceRoom;
  if (!room) return own;
  if (!room.open) return 0;
  return room.persons === null ? own : Math.min(own, room.persons);
}
