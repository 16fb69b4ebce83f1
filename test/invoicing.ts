import type { Db } from '../src/db/schema.js';

/** Gives a venue complete (fictitious) billing details, so it issues invoices numbered `${prefix}-YYYY-NNNNNN`. */
export async function completeBilling(db: Db, venueId: string, prefix = 'GZ-TST'): Promise<void> {
  await db
    .updateTable('venues')
    .set({
      billing_legal_name: 'Testlocatie B.V.',
      billing_street: 'Teststraat 1',
      billing_postcode: '3511 AA',
      billing_city: 'Utrecht',
      kvk_number: '12345678',
      vat_id: 'NL123456789B01',
      iban: 'NL91ABNA0417164300',
      invoice_prefix: prefix,
    })
    .where('id', '=', venueId)
    .execute();
}

/** A booking's documents in the order issued: [number, kind, purpose, total]. */
export async function invoicesOf(db: Db, bookingId: string): Promise<[string, string, string, number][]> {
  const rows = await db
    .selectFrom('invoices')
    .select(['number', 'kind', 'purpose', 'total_cents'])
    .where('booking_id', '=', bookingId)
    .orderBy('issued_at')
    .orderBy('sequence')
    .execute();
  return rows.map((r) => [r.number, r.kind, r.purpose, r.total_cents]);
}

/** The sequences a venue issued in a year, in order. */
export async function sequencesOf(db: Db, venueId: string, year: number): Promise<number[]> {
  const rows = await db
    .selectFrom('invoices')
    .select('sequence')
    .where('venue_id', '=', venueId)
    .where('year', '=', year)
    .orderBy('sequence')
    .execute();
  return rows.map((r) => r.sequence);
}
