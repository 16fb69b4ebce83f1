import type { Kysely } from 'kysely';

// Frozen: imports nothing from the app. Which Mollie account took a payment (the key's kind, mode,
// last four characters and a digest; null for a bank transfer and for payments from before), so
// that its refunds go to that account; and why a refund failed, for staff (null: Mollie said no).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('payments').addColumn('provider_account', 'text').execute();
  await db.schema.alterTable('refunds').addColumn('failure', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('refunds').dropColumn('failure').execute();
  await db.schema.alterTable('payments').dropColumn('provider_account').execute();
}
