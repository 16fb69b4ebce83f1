import type { Executor, Tx } from '../../db/schema.js';

/** A venue's own Mollie key as stored: sealed (see payments/mollie-key.ts), and when it was last checked with Mollie. */
export async function findVenueMollieKey(db: Executor, venueId: string): Promise<{ sealed: string | null; checkedAt: string | null }> {
  const row = await db
    .selectFrom('venues')
    .select(['mollie_key_sealed', 'mollie_key_checked_at'])
    .where('id', '=', venueId)
    .executeTakeFirst();
  return { sealed: row?.mollie_key_sealed ?? null, checkedAt: row?.mollie_key_checked_at ?? null };
}

/** Stores a venue's sealed key and when it was checked; null for both removes it. */
export async function updateVenueMollieKey(trx: Tx, venueId: string, sealed: string | null, checkedAt: string | null): Promise<void> {
  await trx.updateTable('venues').set({ mollie_key_sealed: sealed, mollie_key_checked_at: checkedAt }).where('id', '=', venueId).execute();
}

/** Whether organisations paying on invoice must give their own reference (PO number). */
export async function updateVenuePoRequired(trx: Tx, venueId: string, required: boolean): Promise<void> {
  await trx
    .updateTable('venues')
    .set({ po_required: required ? 1 : 0 })
    .where('id', '=', venueId)
    .execute();
}
