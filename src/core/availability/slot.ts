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
}

export function remainingPersons(slot: Slot): number {
  if (slot.exclusive && slot.bookedGroups > 0) return 0;
  return slot.capacity - slot.bookedPersons;
}
