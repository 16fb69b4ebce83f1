import type { Tx } from '../../db/schema.js';

/**
 * Takes the venue's next invoice number of a year inside the issuing transaction: the (venue, year)
 * counter row is created when missing (`on conflict do nothing`, so concurrent first issuers of a
 * year both go on), then raised by one and read back in one statement. The update holds the row's
 * lock until the transaction ends (PostgreSQL; SQLite's write lock holds the whole database), so a
 * second issuer waits and gets the next number; a rollback undoes the raise, and the next issuer
 * gets the same number: no gap, no duplicate.
 */
export async function takeInvoiceSequence(trx: Tx, venueId: string, year: number): Promise<number> {
  await trx
    .insertInto('invoice_counters')
    .values({ venue_id: venueId, year, last_number: 0 })
    .onConflict((oc) => oc.columns(['venue_id', 'year']).doNothing())
    .execute();
  const row = await trx
    .updateTable('invoice_counters')
    .set((eb) => ({ last_number: eb('last_number', '+', 1) }))
    .where('venue_id', '=', venueId)
    .where('year', '=', year)
    .returning('last_number')
    .executeTakeFirstOrThrow();
  return row.last_number;
}
