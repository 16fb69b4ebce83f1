import type { Slot } from '../src/core/availability/slot.js';
import { MAX_SLOT_CAPACITY } from './seed.js';

/** Persons a rush books on average: groups of 1..10. */
export const MEAN_GROUP = 5.5;

/**
 * The slots a rush books into. `hot`: every request goes to the first slot that is not full (one
 * hot row at a time; the next slot takes over when it fills). `spread`: a random slot that is not
 * full. A slot counts as full once a group of one is refused with slot_full.
 */
export class SlotPool {
  private readonly open: Slot[];
  constructor(
    slots: Slot[],
    private readonly mode: 'hot' | 'spread',
  ) {
    this.open = [...slots];
  }

  /** Where the next booking goes; undefined when every slot is full. */
  next(): Slot | undefined {
    if (this.mode === 'hot') return this.open[0];
    return this.open[Math.floor(Math.random() * this.open.length)];
  }

  refused(slotId: string, groupSize: number): void {
    if (groupSize > 1) return;
    const index = this.open.findIndex((s) => s.id === slotId);
    if (index >= 0) this.open.splice(index, 1);
  }
}

/** Slot counts and capacities so that `bookingsPerSecond` fills them in about `seconds`. */
export function sizeFor(bookingsPerSecond: number, seconds: number, mode: 'hot' | 'spread'): { count: number; capacity: number } {
  const persons = Math.max(2000, Math.round(bookingsPerSecond * seconds * MEAN_GROUP));
  if (mode === 'hot') return { count: Math.ceil(persons / MAX_SLOT_CAPACITY), capacity: Math.min(persons, MAX_SLOT_CAPACITY) };
  // At least a school class a slot, so that refusals stay the end of the run, not most of it.
  const count = 240;
  return { count, capacity: Math.min(MAX_SLOT_CAPACITY, Math.max(30, Math.ceil(persons / count))) };
}
