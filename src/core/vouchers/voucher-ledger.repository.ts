import { sql } from 'kysely';
import type { Executor } from '../../db/schema.js';
import type { VoucherMovementKind, VoucherOrigin } from './voucher.js';

/** A voucher as the accountant's balance list shows it: its balance summed from its ledger up to a moment. */
export interface VoucherBalanceRow {
  id: string;
  venueName: string;
  codeHint: string;
  origin: VoucherOrigin;
  initialCents: number;
  validUntil: string;
  issuedAt: Date;
  balanceCents: number;
}

/**
 * The vouchers of these venues with a movement before `before` (an instant, ISO), each with the sum
 * of its movements before it: what the venue owed its holders at that moment. Oldest first.
 */
export async function listVoucherBalancesBefore(db: Executor, venueIds: readonly string[], before: string): Promise<VoucherBalanceRow[]> {
  if (venueIds.length === 0) return [];
  const balance = sql<
    number | string
  >`(select coalesce(sum(m.amount_cents), 0) from voucher_movements m where m.voucher_id = v.id and m.created_at < ${before})`;
  const issued = sql<string>`(select min(m.created_at) from voucher_movements m where m.voucher_id = v.id)`;
  const rows = await db
    .selectFrom('vouchers as v')
    .innerJoin('venues as ven', 'ven.id', 'v.venue_id')
    .select(['v.id', 'ven.name', 'v.code_hint', 'v.origin', 'v.initial_cents', 'v.valid_until', balance.as('balance'), issued.as('issued')])
    .where('v.venue_id', 'in', venueIds)
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('voucher_movements as first')
          .select('first.id')
          .whereRef('first.voucher_id', '=', 'v.id')
          .where('first.created_at', '<', before),
      ),
    )
    .orderBy('issued')
    .orderBy('v.id')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    venueName: row.name,
    codeHint: row.code_hint,
    origin: row.origin as VoucherOrigin,
    initialCents: row.initial_cents,
    validUntil: row.valid_until,
    issuedAt: new Date(row.issued),
    balanceCents: Number(row.balance),
  }));
}

/** A movement as the accountant's list of movements shows it. */
export interface VoucherMovementRow {
  id: string;
  at: Date;
  venueName: string;
  codeHint: string;
  kind: VoucherMovementKind;
  amountCents: number;
  balanceAfterCents: number;
  bookingReference: string | null;
}

/** The movements of these venues' vouchers from `from` up to `before` (instants, ISO), in time order. */
export async function listVoucherMovementsBetween(
  db: Executor,
  venueIds: readonly string[],
  from: string,
  before: string,
): Promise<VoucherMovementRow[]> {
  if (venueIds.length === 0) return [];
  const rows = await db
    .selectFrom('voucher_movements as m')
    .innerJoin('vouchers as v', 'v.id', 'm.voucher_id')
    .innerJoin('venues as ven', 'ven.id', 'm.venue_id')
    .leftJoin('bookings as b', 'b.id', 'm.booking_id')
    .select(['m.id', 'm.created_at', 'ven.name', 'v.code_hint', 'm.kind', 'm.amount_cents', 'm.balance_after_cents', 'b.reference'])
    .where('m.venue_id', 'in', venueIds)
    .where('m.created_at', '>=', from)
    .where('m.created_at', '<', before)
    .orderBy('m.created_at')
    .orderBy('m.voucher_id')
    .orderBy('m.position')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    at: new Date(row.created_at),
    venueName: row.name,
    codeHint: row.code_hint,
    kind: row.kind as VoucherMovementKind,
    amountCents: row.amount_cents,
    balanceAfterCents: row.balance_after_cents,
    bookingReference: row.reference,
  }));
}
