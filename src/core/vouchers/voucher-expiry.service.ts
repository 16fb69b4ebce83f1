import type { Db, Tx } from '../../db/schema.js';
import type { Job } from '../jobs/scheduler.js';
import type { Clock } from '../shared/clock.js';
import { newId } from '../shared/ids.js';
import { localDateOf } from '../shared/time.js';
import { clearExpiredBalance, listVouchersToExpire } from './voucher-expiry.repository.js';
import { insertVoucherMovement } from './vouchers.repository.js';

const BATCH = 200;

/**
 * Ends the balance of every active voucher whose last valid day (an Amsterdam date) is before
 * today: sets it to zero by a conditional update and records an `expire` movement of minus that
 * balance, in one transaction per voucher, so the accountant sees the breakage in the ledger. A
 * second run, or two instances at once, expire a voucher once; a batch at a time until none is left.
 * Returns how many it expired.
 */
export async function expireVouchers(db: Db, clock: Clock): Promise<number> {
  const today = localDateOf(clock.now());
  let expired = 0;
  for (;;) {
    const due = await listVouchersToExpire(db, today, BATCH);
    let changed = 0;
    for (const voucher of due) {
      if (await db.transaction().execute((trx) => expireVoucher(trx, clock, voucher, today))) changed += 1;
    }
    expired += changed;
    // A batch that changed nothing (its vouchers changed meanwhile) is left to the next run.
    if (due.length < BATCH || changed === 0) return expired;
  }
}

/**
 * Ends one voucher's balance past its last day (before `today`), in the caller's transaction: zero
 * by a conditional update (only while it still holds `balance_cents`) and the `expire` movement;
 * false, having changed nothing, when it changed meanwhile or is not past its day.
 */
export async function expireVoucher(
  trx: Tx,
  clock: Clock,
  voucher: { id: string; venue_id: string; balance_cents: number },
  today: string,
): Promise<boolean> {
  if (!(await clearExpiredBalance(trx, voucher.id, voucher.balance_cents, today))) return false;
  await insertVoucherMovement(trx, {
    id: newId(),
    voucher_id: voucher.id,
    venue_id: voucher.venue_id,
    kind: 'expire',
    amount_cents: -voucher.balance_cents,
    balance_after_cents: 0,
    created_at: clock.now().toISOString(),
  });
  return true;
}

/** The background job that expires vouchers: hourly, so it acts within the hour after midnight, on one instance at a time. */
export function voucherExpiryJob(db: Db, clock: Clock): Job {
  return { name: 'voucher-expiry', everySeconds: 3600, run: () => expireVouchers(db, clock) };
}
