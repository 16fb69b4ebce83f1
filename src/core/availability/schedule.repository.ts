import type { Selectable } from 'kysely';
import type { Executor, SlotScheduleTable, Tx } from '../../db/schema.js';
import { formatWeekdays, parseWeekdays, type SlotSchedule } from './schedule.js';
import { lockRow } from '../../db/lock-row.js';

function toSchedule(row: Selectable<SlotScheduleTable>, exceptions: string[]): SlotSchedule {
  return {
    id: row.id,
    activityId: row.activity_id,
    weekdays: parseWeekdays(row.weekdays),
    startTime: row.start_time,
    capacity: row.capacity,
    exclusive: row.exclusive === 1,
    validFrom: row.valid_from,
    validUntil: row.valid_until,
    exceptions,
  };
}

async function withExceptions(db: Executor, rows: Selectable<SlotScheduleTable>[]): Promise<SlotSchedule[]> {
  if (rows.length === 0) return [];
  const exceptions = await db
    .selectFrom('slot_schedule_exceptions')
    .select(['schedule_id', 'date'])
    .where(
      'schedule_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('date')
    .execute();
  return rows.map((row) =>
    toSchedule(
      row,
      exceptions.filter((e) => e.schedule_id === row.id).map((e) => e.date),
    ),
  );
}

/** The schedules of an activity, in the order they start. */
export async function listSchedulesOfActivity(db: Executor, activityId: string): Promise<SlotSchedule[]> {
  const rows = await db
    .selectFrom('slot_schedules')
    .selectAll()
    .where('activity_id', '=', activityId)
    .orderBy('valid_from')
    .orderBy('start_time')
    .execute();
  return withExceptions(db, rows);
}

/** A schedule of this activity; another activity's (or venue's) schedule finds nothing. */
export async function findScheduleOfActivity(db: Executor, activityId: string, scheduleId: string): Promise<SlotSchedule | undefined> {
  const row = await db
    .selectFrom('slot_schedules')
    .selectAll()
    .where('activity_id', '=', activityId)
    .where('id', '=', scheduleId)
    .executeTakeFirst();
  return row && (await withExceptions(db, [row]))[0];
}

/**
 * The activity's schedules at this start time whose period overlaps this one (any weekdays), read
 * under a lock on the activity (a no-op update that holds its row until the transaction ends), so
 * two schedules saved at once cannot both pass the check for each other.
 */
export async function lockSchedulesAt(trx: Tx, pattern: Pick<SlotSchedule, 'activityId' | 'startTime' | 'validFrom' | 'validUntil'>) {
  await lockRow(trx, 'activities', pattern.activityId);
  const rows = await trx
    .selectFrom('slot_schedules')
    .selectAll()
    .where('activity_id', '=', pattern.activityId)
    .where('start_time', '=', pattern.startTime)
    .where('valid_from', '<=', pattern.validUntil)
    .where('valid_until', '>=', pattern.validFrom)
    .execute();
  return rows.map((row) => toSchedule(row, []));
}

export async function insertSchedule(trx: Tx, schedule: SlotSchedule, createdAt: string): Promise<void> {
  await trx
    .insertInto('slot_schedules')
    .values({
      id: schedule.id,
      activity_id: schedule.activityId,
      weekdays: formatWeekdays(schedule.weekdays),
      start_time: schedule.startTime,
      capacity: schedule.capacity,
      exclusive: schedule.exclusive ? 1 : 0,
      valid_from: schedule.validFrom,
      valid_until: schedule.validUntil,
      created_at: createdAt,
    })
    .execute();
  for (const date of schedule.exceptions) await insertException(trx, schedule.id, date, createdAt);
}

/** Adds an exception date; false when the schedule already skipped that date. */
export async function insertException(trx: Tx, scheduleId: string, date: string, createdAt: string): Promise<boolean> {
  const result = await trx
    .insertInto('slot_schedule_exceptions')
    .values({ schedule_id: scheduleId, date, created_at: createdAt })
    .onConflict((oc) => oc.columns(['schedule_id', 'date']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** Removes an exception date; false when there was none. */
export async function deleteException(trx: Tx, scheduleId: string, date: string): Promise<boolean> {
  const result = await trx
    .deleteFrom('slot_schedule_exceptions')
    .where('schedule_id', '=', scheduleId)
    .where('date', '=', date)
    .executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

/** Deletes a schedule and its exceptions (its remaining slots must be detached first). */
export async function deleteScheduleRow(trx: Tx, scheduleId: string): Promise<void> {
  await trx.deleteFrom('slot_schedule_exceptions').where('schedule_id', '=', scheduleId).execute();
  await trx.deleteFrom('slot_schedules').where('id', '=', scheduleId).execute();
}
