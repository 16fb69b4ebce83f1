import type { Executor, Tx } from '../../db/schema.js';

/** Active vouchers past their date (before `today`, an Amsterdam date) with a balance left, with that balance. */
export async function listVouchersToExpire(
  db: Executor,
  today: string,
  limit: number,
): Promise<{ id: string; venue_id: string; balance_cents: number }[]> {
  return db
    .selectFrom('vouchers')
    .select(['id', 'venue_id', 'balance_cents'])
    .where('status', '=', 'active')
    .where('valid_until', '<', today)
    .where('balance_cents', '>', 0)
    .orderBy('valid_until')
    .orderBy('id')
    .limit(limit)
    .execute();
}

/**
 * Sets a voucher's balance to zero if it still holds `cents` and is still past its date: a
 * conditional update, so a second run, or a refund restoring it meanwhile, changes nothing here.
 */
export async function clearExpiredBalance(trx: Tx, id: string, cents: number, today: string): Promise<boolean> {
  const result = await trx
    .updateTable('vouchers')
    .set({ balance_cents: 0 })
    .where('id', '=', id)
    .where('status', '=', 'active')
    .where('valid_until', '<', today)
    .where('balance_cents', '=', cents)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
