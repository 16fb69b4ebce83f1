import { type Insertable, type Selectable, sql } from 'kysely';
import type { Executor, Tx, VoucherMovementTable, VoucherTable } from '../../db/schema.js';
import type { Voucher, VoucherMovementKind, VoucherOrigin } from './voucher.js';

type VoucherRow = Selectable<VoucherTable>;
export type VoucherMovementRow = Selectable<VoucherMovementTable>;

export function toVoucher(row: VoucherRow): Voucher {
  return {
    id: row.id,
    venueId: row.venue_id,
    codeHint: row.code_hint,
    initialCents: row.initial_cents,
    balanceCents: row.balance_cents,
    validUntil: row.valid_until,
    status: row.status as Voucher['status'],
    origin: row.origin as VoucherOrigin,
    buyerName: row.buyer_name,
    buyerEmail: row.buyer_email,
    recipientName: row.recipient_name,
    message: row.message,
    language: row.language === 'en' ? 'en' : 'nl',
    note: row.note,
    createdAt: new Date(row.created_at),
    issuedAt: row.issued_at === null ? null : new Date(row.issued_at),
  };
}

export async function insertVoucher(trx: Tx, row: Insertable<VoucherTable>): Promise<void> {
  await trx.insertInto('vouchers').values(row).execute();
}

export async function findVoucher(db: Executor, id: string): Promise<Voucher | undefined> {
  const row = await db.selectFrom('vouchers').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toVoucher(row);
}

export async function findVoucherByHash(db: Executor, hash: string): Promise<Voucher | undefined> {
  const row = await db.selectFrom('vouchers').selectAll().where('code_hash', '=', hash).executeTakeFirst();
  return row && toVoucher(row);
}

/**
 * Takes `cents` of a voucher's balance inside the transaction that spends them: a conditional
 * update, so two bookings racing for one voucher never take more than it holds (false, having
 * changed nothing, when it holds less now, is no longer active, or is past `today`).
 */
export async function takeVoucherBalance(trx: Tx, id: string, cents: number, today: string): Promise<number | undefined> {
  const row = await trx
    .updateTable('vouchers')
    .set((eb) => ({ balance_cents: eb('balance_cents', '-', cents) }))
    .where('id', '=', id)
    .where('status', '=', 'active')
    .where('valid_until', '>=', today)
    .where('balance_cents', '>=', cents)
    .returning('balance_cents')
    .executeTakeFirst();
  return row?.balance_cents;
}

/** Gives `cents` back to a voucher (a refund of a booking it paid); its balance after. */
export async function restoreVoucherBalance(trx: Tx, id: string, cents: number): Promise<number> {
  const row = await trx
    .updateTable('vouchers')
    .set((eb) => ({ balance_cents: eb('balance_cents', '+', cents) }))
    .where('id', '=', id)
    .returning('balance_cents')
    .executeTakeFirstOrThrow();
  return row.balance_cents;
}

/**
 * Adds a movement to a voucher's ledger, numbered after the last one. Called after the update of the
 * voucher's balance in the same transaction, which locks its row: movements never race for a number.
 */
export async function insertVoucherMovement(
  trx: Tx,
  row: Omit<Insertable<VoucherMovementTable>, 'kind' | 'position'> & { kind: VoucherMovementKind },
): Promise<void> {
  const position = sql<number>`(select count(*) + 1 from voucher_movements where voucher_id = ${row.voucher_id})`;
  await trx
    .insertInto('voucher_movements')
    .values({ ...row, position })
    .execute();
}

/** A voucher's ledger, oldest first. */
export async function listVoucherMovements(db: Executor, voucherId: string): Promise<VoucherMovementRow[]> {
  return db.selectFrom('voucher_movements').selectAll().where('voucher_id', '=', voucherId).orderBy('position').execute();
}

/** Makes a voucher valid through `until` again when it expired before `today`. */
export async function extendVoucher(trx: Tx, id: string, today: string, until: string): Promise<void> {
  await trx.updateTable('vouchers').set({ valid_until: until }).where('id', '=', id).where('valid_until', '<', today).execute();
}

/**
 * Marks a pending voucher active, valid through `validUntil`; its venue and amount when it was
 * pending, undefined when it was not.
 */
export async function activatePendingVoucher(
  trx: Tx,
  id: string,
  at: string,
  validUntil: string,
): Promise<{ venue_id: string; initial_cents: number } | undefined> {
  return trx
    .updateTable('vouchers')
    .set({ status: 'active', issued_at: at, valid_until: validUntil })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .returning(['venue_id', 'initial_cents'])
    .executeTakeFirst();
}

/** The sum of a voucher's movements of one kind (signed). */
export async function sumVoucherMovements(db: Executor, voucherId: string, kind: VoucherMovementKind): Promise<number> {
  const row = await db
    .selectFrom('voucher_movements')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amount_cents'), eb.val(0)).as('cents'))
    .where('voucher_id', '=', voucherId)
    .where('kind', '=', kind)
    .executeTakeFirstOrThrow();
  return Number(row.cents);
}

/**
 * Takes `cents` off a voucher's balance if it is still `expected` (whatever its status or date): a
 * compare-and-set, so two callers that read the same balance cannot both take from it. Its balance
 * after; undefined when it changed meanwhile.
 */
export async function takeVoucherBalanceIfUnchanged(trx: Tx, id: string, expected: number, cents: number): Promise<number | undefined> {
  const row = await trx
    .updateTable('vouchers')
    .set({ balance_cents: expected - cents })
    .where('id', '=', id)
    .where('balance_cents', '=', expected)
    .returning('balance_cents')
    .executeTakeFirst();
  return row?.balance_cents;
}
