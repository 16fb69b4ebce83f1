import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen: imports nothing from the app. A refund's cause may also be `provider`: a refund the venue
// made itself in Mollie's dashboard, which Groupz records when Mollie reports it. PostgreSQL
// replaces the check; SQLite cannot alter a check constraint, so there the table is rebuilt with
// the same columns and rows (nothing references a refund).
const CAUSES_BEFORE = sql`cause in ('policy', 'staff', 'late_payment', 'size_change')`;
const CAUSES_AFTER = sql`cause in ('policy', 'staff', 'late_payment', 'size_change', 'provider')`;

async function replaceCauseCheck(db: Kysely<unknown>, causes: typeof CAUSES_AFTER): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`alter table refunds drop constraint refunds_cause`.execute(db);
    await sql`alter table refunds add constraint refunds_cause check (${causes})`.execute(db);
    return;
  }
  await db.schema
    .createTable('refunds_next')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('booking_id', 'text', (c) => c.notNull().references('bookings.id'))
    .addColumn('payment_id', 'text', (c) => c.notNull().references('payments.id'))
    .addColumn('provider_id', 'text', (c) => c.unique())
    .addColumn('amount_cents', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('cause', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('staff_id', 'text', (c) => c.references('staff.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addCheckConstraint('refunds_amount', sql`amount_cents > 0`)
    .addCheckConstraint('refunds_cause', causes)
    .execute();
  const columns = sql`id, booking_id, payment_id, provider_id, amount_cents, status, cause, reason, staff_id, created_at, updated_at`;
  await sql`insert into refunds_next (${columns}) select ${columns} from refunds`.execute(db);
  await db.schema.dropTable('refunds').execute();
  await db.schema.alterTable('refunds_next').renameTo('refunds').execute();
  await db.schema.createIndex('refunds_booking').on('refunds').columns(['booking_id', 'created_at']).execute();
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await replaceCauseCheck(db, CAUSES_AFTER);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`update refunds set cause = 'staff' where cause = 'provider'`.execute(db);
  await replaceCauseCheck(db, CAUSES_BEFORE);
}
