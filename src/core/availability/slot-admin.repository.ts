import type { ExpressionBuilder } from 'kysely';
import type { Database, Executor, Tx } from '../../db/schema.js';
import type { Slot } from './slot.js';
import { toSlot, toSlotInsert } from './slot.repository.js';

/** A slot as the back office lists it: with the schedule it came from and its number of bookings. */
export interface AdminSlot extends Slot {
  scheduleId: string | null;
  /** Booking rows of the slot, cancelled ones included: a slot with any cannot be deleted. */
  bookings: number;
}

/** A slot to add: nothing booked yet. */
export interface NewSlot extends Omit<Slot, 'bookedPersons' | 'bookedGroups'> {
  scheduleId: string | null;
}

function selectAdminSlots(db: Executor) {
  return db
    .selectFrom('slots')
    .selectAll('slots')
    .select((eb) =>
      eb.selectFrom('bookings').select(eb.fn.countAll().as('n')).whereRef('bookings.slot_id', '=', 'slots.id').as('bookings'),
    );
}

type AdminSlotRow = Awaited<ReturnType<ReturnType<typeof selectAdminSlots>['executeTakeFirstOrThrow']>>;

function toAdminSlot(row: AdminSlotRow): AdminSlot {
  return { ...toSlot(row), scheduleId: row.schedule_id, bookings: Number(row.bookings ?? 0) };
}

/** The slots of an activity starting in [from, to), earliest first. */
export async function listAdminSlots(db: Executor, activityId: string, from: Date, to: Date): Promise<AdminSlot[]> {
  const rows = await selectAdminSlots(db)
    .where('slots.activity_id', '=', activityId)
    .where('slots.starts_at', '>=', from.toISOString())
    .where('slots.starts_at', '<', to.toISOString())
    .orderBy('slots.starts_at')
    .execute();
  return rows.map(toAdminSlot);
}

/** A slot of this activity; a slot of another activity (or venue) finds nothing. */
export async function findAdminSlot(db: Executor, activityId: string, slotId: string): Promise<AdminSlot | undefined> {
  const row = await selectAdminSlots(db).where('slots.activity_id', '=', activityId).where('slots.id', '=', slotId).executeTakeFirst();
  return row && toAdminSlot(row);
}

/** The slot a schedule generated in [from, to): one day of it. */
export async function findScheduleSlotBetween(db: Executor, scheduleId: string, from: Date, to: Date): Promise<AdminSlot | undefined> {
  const row = await selectAdminSlots(db)
    .where('slots.schedule_id', '=', scheduleId)
    .where('slots.starts_at', '>=', from.toISOString())
    .where('slots.starts_at', '<', to.toISOString())
    .executeTakeFirst();
  return row && toAdminSlot(row);
}

/**
 * Inserts the slots whose start is still free for their activity and skips the others (the unique
 * index on activity and start decides, also against a concurrent insert). Returns how many were added.
 */
export async function insertSlotsUnlessTaken(trx: Tx, slots: readonly NewSlot[], createdAt: string): Promise<number> {
  let inserted = 0;
  for (let i = 0; i < slots.length; i += 100) {
    const result = await trx
      .insertInto('slots')
      .values(
        slots.slice(i, i + 100).map((slot) => toSlotInsert({ ...slot, bookedPersons: 0, bookedGroups: 0 }, createdAt, slot.scheduleId)),
      )
      .onConflict((oc) => oc.columns(['activity_id', 'starts_at']).doNothing())
      .executeTakeFirst();
    inserted += Number(result.numInsertedOrUpdatedRows ?? 0);
  }
  return inserted;
}

/**
 * Sets a slot's capacity in one conditional UPDATE that never goes below the persons booked at that
 * moment: a booking taking places concurrently is either counted or waits, so nothing is oversold.
 */
export async function setCapacityNotBelowBooked(trx: Tx, activityId: string, slotId: string, capacity: number): Promise<boolean> {
  const result = await trx
    .updateTable('slots')
    .set({ capacity })
    .where('id', '=', slotId)
    .where('activity_id', '=', activityId)
    .where('booked_persons', '<=', capacity)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** No group holds places and no booking row (cancelled ones too) points at the slot. */
function unbooked(eb: ExpressionBuilder<Database, 'slots'>) {
  return eb.and([
    eb('slots.booked_groups', '=', 0),
    eb.not(eb.exists(eb.selectFrom('bookings').select('bookings.id').whereRef('bookings.slot_id', '=', 'slots.id'))),
  ]);
}

/** Deletes the slot if nobody booked it; false when it has bookings (or is not this activity's). */
export async function deleteSlotIfUnbooked(trx: Tx, activityId: string, slotId: string): Promise<boolean> {
  const result = await trx
    .deleteFrom('slots')
    .where('slots.id', '=', slotId)
    .where('slots.activity_id', '=', activityId)
    .where(unbooked)
    .executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

/** Deletes a schedule's slots that start after `after` and have no bookings; returns how many. */
export async function deleteUnbookedSlotsOfSchedule(trx: Tx, scheduleId: string, after: Date): Promise<number> {
  const result = await trx
    .deleteFrom('slots')
    .where('slots.schedule_id', '=', scheduleId)
    .where('slots.starts_at', '>', after.toISOString())
    .where(unbooked)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** The slots a schedule leaves behind (booked or past) become single slots. */
export async function detachSlotsOfSchedule(trx: Tx, scheduleId: string): Promise<number> {
  const result = await trx.updateTable('slots').set({ schedule_id: null }).where('schedule_id', '=', scheduleId).executeTakeFirst();
  return Number(result.numUpdatedRows);
}
