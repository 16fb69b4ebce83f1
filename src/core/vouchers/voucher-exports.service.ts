import type { Db } from '../../db/schema.js';
import { addLocalDays, startOfLocalDay } from '../shared/time.js';
import { type VoucherMember, voucherVenues } from './voucher-admin.service.js';
import {
  listVoucherBalancesBefore,
  listVoucherMovementsBetween,
  type VoucherBalanceRow,
  type VoucherMovementRow,
} from './voucher-ledger.repository.js';
import { VOUCHER_MOVEMENT_KINDS, type VoucherMovementKind } from './voucher.js';

/** The venues of the member's scope an export covers: all of them, or the one asked for (none when it is not in scope). */
async function venueIdsOf(db: Db, member: VoucherMember, venueId: string | undefined): Promise<string[]> {
  return (await voucherVenues(db, member)).map((v) => v.id).filter((id) => venueId === undefined || id === venueId);
}

/** What the vouchers owed their holders at the end of a day: each voucher's balance then, and their sum. */
export interface VoucherBalances {
  on: string;
  vouchers: VoucherBalanceRow[];
  initialCents: number;
  balanceCents: number;
}

/**
 * Every voucher issued by the end of `on` (an Amsterdam date), each with its balance at that
 * moment summed from its ledger (not its balance now), and the totals: the outstanding liability
 * the accountant books on that date.
 */
export async function readVoucherBalances(db: Db, member: VoucherMember, on: string, venueId?: string): Promise<VoucherBalances> {
  const before = startOfLocalDay(addLocalDays(on, 1)).toISOString();
  const vouchers = await listVoucherBalancesBefore(db, await venueIdsOf(db, member, venueId), before);
  return {
    on,
    vouchers,
    initialCents: vouchers.reduce((sum, v) => sum + v.initialCents, 0),
    balanceCents: vouchers.reduce((sum, v) => sum + v.balanceCents, 0),
  };
}

/** The movements of a period and their sum per kind (every kind, zero when none). */
export interface VoucherMovements {
  from: string;
  to: string;
  movements: VoucherMovementRow[];
  totals: { kind: VoucherMovementKind; cents: number }[];
  totalCents: number;
}

/** Every movement of the vouchers in scope from `from` through `to` (Amsterdam dates, both included), with the sums per kind. */
export async function readVoucherMovements(
  db: Db,
  member: VoucherMember,
  from: string,
  to: string,
  venueId?: string,
): Promise<VoucherMovements> {
  const movements = await listVoucherMovementsBetween(
    db,
    await venueIdsOf(db, member, venueId),
    startOfLocalDay(from).toISOString(),
    startOfLocalDay(addLocalDays(to, 1)).toISOString(),
  );
  const totals = VOUCHER_MOVEMENT_KINDS.map((kind) => ({
    kind,
    cents: movements.filter((m) => m.kind === kind).reduce((sum, m) => sum + m.amountCents, 0),
  }));
  return { from, to, movements, totals, totalCents: totals.reduce((sum, t) => sum + t.cents, 0) };
}
