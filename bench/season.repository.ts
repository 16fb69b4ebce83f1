import type { Insertable } from 'kysely';
import type { Db, SlotTable } from '../src/db/schema.js';

/** Writes the slots in batches: a season is thousands of them, and the bench times reads of them, not their making. */
export async function insertSeasonSlots(db: Db, rows: Insertable<SlotTable>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto('slots')
      .values(rows.slice(i, i + 500))
      .execute();
}

/**
 * Sets the counters of two of every three slots of the activities, as a season of bookings leaves
 * them (the bench reads availability; it needs no booking rows for that), or back to zero before
 * the oversell check compares counters with stored bookings. Returns how many slots they have.
 */
export async function setSeasonCounters(db: Db, activityIds: string[], persons: number, groups: number): Promise<number> {
  // Ordered by id too: activities share start times, and the reset must pick the slots the set picked.
  const slots = await db
    .selectFrom('slots')
    .select('id')
    .where('activity_id', 'in', activityIds)
    .orderBy('starts_at')
    .orderBy('id')
    .execute();
  const booked = slots.filter((_, i) => i % 3 !== 0).map((slot) => slot.id);
  for (let i = 0; i < booked.length; i += 500) {
    await db
      .updateTable('slots')
      .set({ booked_persons: persons, booked_groups: groups })
      .where('id', 'in', booked.slice(i, i + 500))
      .execute();
  }
  return slots.length;
}
