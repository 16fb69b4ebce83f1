import type { Executor } from '../../db/schema.js';
import { type Voucher, VOUCHER_LIST_LIMIT, type VoucherListStatus, type VoucherMovementKind } from './voucher.js';
import { toVoucher } from './vouchers.repository.js';

/** The vouchers of these venues in that state on `today` (an Amsterdam date), newest first. */
export async function listVouchersOf(
  db: Executor,
  venueIds: readonly string[],
  status: VoucherListStatus | undefined,
  today: string,
): Promise<Voucher[]> {
  if (venueIds.length === 0) return [];
  let query = db.selectFrom('vouchers').selectAll().where('venue_id', 'in', venueIds);
  if (status === 'pending') query = query.where('status', '=', 'pending');
  else if (status === 'expired') query = query.where('status', '=', 'active').where('valid_until', '<', today);
  else if (status === 'active')
    query = query.where('status', '=', 'active').where('valid_until', '>=', today).where('balance_cents', '>', 0);
  else if (status === 'spent')
    query = query.where('status', '=', 'active').where('valid_until', '>=', today).where('balance_cents', '=', 0);
  const rows = await query.orderBy('created_at', 'desc').orderBy('id').limit(VOUCHER_LIST_LIMIT).execute();
  return rows.map(toVoucher);
}

/** A movement of a voucher's ledger with the booking it concerns and the staff member who made it. */
export interface LedgerLine {
  id: string;
  position: number;
  kind: VoucherMovementKind;
  amountCents: number;
  balanceAfterCents: number;
  bookingId: string | null;
  bookingReference: string | null;
  staffName: string | null;
  at: Date;
}

/** A voucher's ledger, in its order. */
export async function listLedgerLines(db: Executor, voucherId: string): Promise<LedgerLine[]> {
  const rows = await db
    .selectFrom('voucher_movements as m')
    .leftJoin('bookings as b', 'b.id', 'm.booking_id')
    .leftJoin('staff as s', 's.id', 'm.staff_id')
    .select([
      'm.id',
      'm.position',
      'm.kind',
      'm.amount_cents',
      'm.balance_after_cents',
      'm.booking_id',
      'b.reference',
      's.name',
      'm.created_at',
    ])
    .where('m.voucher_id', '=', voucherId)
    .orderBy('m.position')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    position: row.position,
    kind: row.kind as VoucherMovementKind,
    amountCents: row.amount_cents,
    balanceAfterCents: row.balance_after_cents,
    bookingId: row.booking_id,
    bookingReference: row.reference,
    staffName: row.name,
    at: new Date(row.created_at),
  }));
}

/** The last four characters of these vouchers' codes, by id. */
export async function listVoucherHints(db: Executor, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('vouchers').select(['id', 'code_hint']).where('id', 'in', ids).execute();
  return new Map(rows.map((row) => [row.id, row.code_hint]));
}

/** What shows a voucher's code again right after it was issued: its seal, who issued it and when. */
export async function findVoucherSeal(
  db: Executor,
  id: string,
): Promise<{ code_sealed: string; issued_by: string | null; issued_at: string | null } | undefined> {
  return db.selectFrom('vouchers').select(['code_sealed', 'issued_by', 'issued_at']).where('id', '=', id).executeTakeFirst();
}
