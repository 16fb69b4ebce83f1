import type { Executor, Tx } from '../../db/schema.js';
import type { BookingRow } from './booking.repository.js';
import { lockRow } from '../../db/lock-row.js';

/**
 * The queries of options and of the automatic lifecycle. Every change is one conditional UPDATE
 * that names the state it expects, so of two requests or two instances doing the same only one
 * changes anything; the lists only say what to try.
 */

/**
 * Serialises the placing of options on one activity until the caller's transaction ends, so the
 * count of an email's open options and the insert of a new one are one step. On PostgreSQL this
 * UPDATE takes the activity row's lock (a second transaction waits here, and its count, a new
 * statement under READ COMMITTED, then sees the first one's option); on SQLite the transaction
 * already holds the database's write lock from its capacity UPDATE.
 */
export async function lockOptionPlacing(trx: Tx, activityId: string): Promise<void> {
  await lockRow(trx, 'activities', activityId);
}

/** The options of the activity held by this email address (any case) whose deadline is still ahead. */
export async function countOpenOptions(db: Executor, activityId: string, email: string, at: string): Promise<number> {
  const row = await db
    .selectFrom('bookings')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('activity_id', '=', activityId)
    .where('status', '=', 'option')
    .where('option_expires_at', '>', at)
    .where((eb) => eb(eb.fn('lower', [eb.ref('organiser_email')]), '=', eb.fn('lower', [eb.val(email)])))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function findBookingRow(db: Executor, id: string): Promise<BookingRow | undefined> {
  return db.selectFrom('bookings').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Staff's one extension: the new deadline, when the option is still open, not extended before and
 * still has the deadline read. Re-arms the expiry reminder for the new deadline.
 */
export async function extendOptionRow(trx: Tx, id: string, change: { from: string; to: string; at: string }): Promise<boolean> {
  const result = await trx
    .updateTable('bookings')
    .set({ option_expires_at: change.to, option_extended_at: change.at, option_reminder_sent_at: null, updated_at: change.at })
    .where('id', '=', id)
    .where('status', '=', 'option')
    .where('option_extended_at', 'is', null)
    .where('option_expires_at', '=', change.from)
    .where('option_expires_at', '>', change.at)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Options whose deadline is at or before `at`, oldest deadline first. */
export async function listOptionsPastDeadline(db: Executor, at: string, limit: number): Promise<BookingRow[]> {
  return db
    .selectFrom('bookings')
    .selectAll()
    .where('status', '=', 'option')
    .where('option_expires_at', '<=', at)
    .orderBy('option_expires_at')
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** Options not yet reminded whose deadline is after `at` and at or before `until`. */
export async function listOptionsToRemind(db: Executor, at: string, until: string, limit: number): Promise<BookingRow[]> {
  return db
    .selectFrom('bookings')
    .selectAll()
    .where('status', '=', 'option')
    .where('option_reminder_sent_at', 'is', null)
    .where('option_expires_at', '>', at)
    .where('option_expires_at', '<=', until)
    .orderBy('option_expires_at')
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** Records the expiry reminder of the option with this deadline; false when it was sent already or the option changed. */
export async function markOptionReminded(trx: Tx, id: string, deadline: string, at: string): Promise<boolean> {
  const result = await trx
    .updateTable('bookings')
    .set({ option_reminder_sent_at: at, updated_at: at })
    .where('id', '=', id)
    .where('status', '=', 'option')
    .where('option_reminder_sent_at', 'is', null)
    .where('option_expires_at', '=', deadline)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Confirmed bookings not yet reminded whose visit starts after `at` and at or before `until`. */
export async function listVisitsToRemind(db: Executor, at: string, until: string, limit: number): Promise<BookingRow[]> {
  return db
    .selectFrom('bookings')
    .innerJoin('slots', 'slots.id', 'bookings.slot_id')
    .selectAll('bookings')
    .where('bookings.status', '=', 'confirmed')
    .where('bookings.visit_reminder_sent_at', 'is', null)
    .where('slots.starts_at', '>', at)
    .where('slots.starts_at', '<=', until)
    .orderBy('slots.starts_at')
    .orderBy('bookings.id')
    .limit(limit)
    .execute();
}

/** Records the visit reminder; false when it was sent already or the booking is no longer confirmed. */
export async function markVisitReminded(trx: Tx, id: string, at: string): Promise<boolean> {
  const result = await trx
    .updateTable('bookings')
    .set({ visit_reminder_sent_at: at, updated_at: at })
    .where('id', '=', id)
    .where('status', '=', 'confirmed')
    .where('visit_reminder_sent_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Confirmed bookings whose visit ended at or before `at`. */
export async function listEndedVisits(db: Executor, at: string, limit: number): Promise<BookingRow[]> {
  return db
    .selectFrom('bookings')
    .innerJoin('slots', 'slots.id', 'bookings.slot_id')
    .selectAll('bookings')
    .where('bookings.status', '=', 'confirmed')
    .where('slots.ends_at', '<=', at)
    .orderBy('slots.ends_at')
    .orderBy('bookings.id')
    .limit(limit)
    .execute();
}
