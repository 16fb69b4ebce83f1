import type { Executor, Tx } from '../../db/schema.js';

/** What a voucher sold online holds of its sale: its Mollie payment, the account that took it, and its code sealed. */
export interface VoucherSaleRow {
  id: string;
  venue_id: string;
  status: string;
  origin: string;
  buyer_email: string;
  language: string;
  code_sealed: string;
  provider_id: string | null;
  provider_account: string | null;
  checkout_url: string | null;
}

const SALE_COLUMNS = [
  'id',
  'venue_id',
  'status',
  'origin',
  'buyer_email',
  'language',
  'code_sealed',
  'provider_id',
  'provider_account',
  'checkout_url',
] as const;

export async function findVoucherSale(db: Executor, id: string): Promise<VoucherSaleRow | undefined> {
  return db.selectFrom('vouchers').select(SALE_COLUMNS).where('id', '=', id).executeTakeFirst();
}

/** The voucher whose sale Mollie's payment `providerId` is. */
export async function findVoucherSaleByProviderId(db: Executor, providerId: string): Promise<VoucherSaleRow | undefined> {
  return db.selectFrom('vouchers').select(SALE_COLUMNS).where('provider_id', '=', providerId).executeTakeFirst();
}

/** Records the Mollie payment of a pending voucher's sale: its id, the account that took it and its checkout. */
export async function recordVoucherCheckout(
  trx: Tx,
  id: string,
  payment: { providerId: string; account: string; checkoutUrl: string | null },
): Promise<void> {
  await trx
    .updateTable('vouchers')
    .set({ provider_id: payment.providerId, provider_account: payment.account, checkout_url: payment.checkoutUrl })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .execute();
}

/** Cancels a voucher whose sale was never paid (it never had a balance); false when it was no longer pending. */
export async function cancelPendingVoucher(trx: Tx, id: string): Promise<boolean> {
  const result = await trx
    .updateTable('vouchers')
    .set({ status: 'cancelled', checkout_url: null })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Forgets a paid sale's checkout page (it can no longer be paid). */
export async function clearVoucherCheckout(trx: Tx, id: string): Promise<void> {
  await trx.updateTable('vouchers').set({ checkout_url: null }).where('id', '=', id).execute();
}

/** Sales still pending with a Mollie payment made before `before` (ISO), oldest first: their webhook may be lost. */
export async function listPendingVoucherSales(db: Executor, before: string, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('vouchers')
    .select('id')
    .where('status', '=', 'pending')
    .where('provider_id', 'is not', null)
    .where('created_at', '<', before)
    .orderBy('created_at')
    .limit(limit)
    .execute();
  return rows.map((row) => row.id);
}
