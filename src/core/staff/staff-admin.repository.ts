import type { Executor } from '../../db/schema.js';

/** How many signed-in sessions (both factors passed) each of these members has. */
export async function countSessionsByStaff(db: Executor, staffIds: string[]): Promise<Map<string, number>> {
  if (staffIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('staff_sessions')
    .select(['staff_id', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('staff_id', 'in', staffIds)
    .where('two_factor_verified', '=', 1)
    .groupBy('staff_id')
    .execute();
  return new Map(rows.map((row) => [row.staff_id, Number(row.n)]));
}

/**
 * Locks the rows of the admins who can sign in (set up, not disabled) until the transaction ends,
 * and returns how many there are. A no-op UPDATE takes the row locks on PostgreSQL, so two admins
 * demoting or disabling each other at the same moment cannot both succeed; after the wait, a row
 * that no longer matches is not counted. SQLite runs one write transaction at a time anyway.
 */
export async function lockActiveAdmins(db: Executor): Promise<number> {
  const result = await db
    .updateTable('staff')
    .set((eb) => ({ updated_at: eb.ref('updated_at') }))
    .where('role', '=', 'admin')
    .where('disabled_at', 'is', null)
    .where('password_hash', 'is not', null)
    .where('totp_secret', 'is not', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
