import type { Kysely } from 'kysely';

// Frozen: imports nothing from the app. The country of a booking's billing address (ISO 3166-1
// alpha-2, e.g. BE), which its invoices state; null where none was given: the invoices then take
// the country of the VAT id, else the Netherlands. Issued invoices keep the buyer they were issued with.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('bookings').addColumn('billing_country', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('bookings').dropColumn('billing_country').execute();
}
