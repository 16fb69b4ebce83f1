import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen: imports nothing from the app. Invoices and credit notes (see core/invoices/).
// - A venue's billing details, which every invoice it issues states (all null until given): its
//   legal name, postal address, KvK number, VAT id, IBAN (and BIC), the prefix of its invoice
//   numbers (unique: invoice numbers are unique across venues) and its default payment term in days.
// - invoice_counters: the last number issued per venue per calendar year. A number is taken by an
//   update of this row inside the transaction that issues the invoice, so a rollback gives it back
//   and the next invoice gets it: numbers are gapless, and the row lock serialises venues' issuers.
//   A trigger refuses lowering last_number (a number once issued is never given out again).
// - invoices: one issued document (kind 'invoice' or 'credit_note'), never changed or deleted
//   (triggers refuse both, and on PostgreSQL truncate; deletion only once retain_until has passed). `document` holds everything
//   it states (seller, buyer, lines, VAT per rate, totals) as issued, so the documents render the
//   same for seven years, whatever happens to the booking, the venue or retention of personal data.
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const name of [
    'billing_legal_name',
    'billing_street',
    'billing_postcode',
    'billing_city',
    'kvk_number',
    'vat_id',
    'iban',
    'bic',
    'invoice_prefix',
  ]) {
    await db.schema.alterTable('venues').addColumn(name, 'text').execute();
  }
  await db.schema
    .alterTable('venues')
    .addColumn('invoice_term_days', 'integer', (c) => c.notNull().defaultTo(14))
    .execute();
  // invoices.number is unique across venues, so two venues must not share a prefix (stored upper-cased).
  await db.schema.createIndex('venues_invoice_prefix').unique().on('venues').column('invoice_prefix').execute();

  await db.schema
    .createTable('invoice_counters')
    .addColumn('venue_id', 'text', (c) => c.notNull().references('venues.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('last_number', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('invoice_counters_pk', ['venue_id', 'year'])
    .execute();

  await db.schema
    .createTable('invoices')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('venue_id', 'text', (c) => c.notNull().references('venues.id'))
    .addColumn('booking_id', 'text', (c) => c.notNull().references('bookings.id'))
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('sequence', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('corrects_id', 'text', (c) => c.references('invoices.id'))
    .addColumn('issued_at', 'text', (c) => c.notNull())
    .addColumn('issue_date', 'text', (c) => c.notNull())
    .addColumn('due_on', 'text')
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('total_cents', 'integer', (c) => c.notNull())
    .addColumn('vat_cents', 'integer', (c) => c.notNull())
    .addColumn('document', 'text', (c) => c.notNull())
    .addColumn('retain_until', 'text', (c) => c.notNull())
    .addUniqueConstraint('invoices_sequence', ['venue_id', 'year', 'sequence'])
    .addCheckConstraint('invoices_kind', sql`kind in ('invoice', 'credit_note')`)
    .addCheckConstraint('invoices_purpose', sql`purpose in ('full', 'deposit', 'final', 'cancellation', 'credit')`)
    .addCheckConstraint(
      'invoices_credit',
      sql`(kind = 'credit_note') = (corrects_id is not null) and (kind = 'credit_note') = (purpose = 'credit')`,
    )
    .execute();
  await db.schema.createIndex('invoices_booking').on('invoices').columns(['booking_id', 'issued_at']).execute();
  await db.schema.createIndex('invoices_venue_date').on('invoices').columns(['venue_id', 'issue_date']).execute();
  await db.schema.createIndex('invoices_corrects').on('invoices').column('corrects_id').execute();

  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`
      create function invoices_immutable() returns trigger language plpgsql as $$
      begin
        if tg_op = 'TRUNCATE' then
          raise exception 'invoice_retained: issued invoices are never truncated';
        end if;
        if tg_op = 'UPDATE' then
          raise exception 'invoice_immutable: an issued invoice is never changed';
        end if;
        if old.retain_until > to_char(now() at time zone 'UTC', 'YYYY-MM-DD') then
          raise exception 'invoice_retained: an invoice is kept until %', old.retain_until;
        end if;
        return old;
      end $$`.execute(db);
    await sql`create trigger invoices_immutable before update or delete on invoices
      for each row execute function invoices_immutable()`.execute(db);
    await sql`create trigger invoices_no_truncate before truncate on invoices
      for each statement execute function invoices_immutable()`.execute(db);
    await sql`
      create function invoice_counters_forward() returns trigger language plpgsql as $$
      begin
        raise exception 'invoice_counter_lowered: a number once issued is never given out again';
      end $$`.execute(db);
    await sql`create trigger invoice_counters_forward before update of last_number on invoice_counters
      for each row when (new.last_number < old.last_number) execute function invoice_counters_forward()`.execute(db);
  } else {
    await sql`create trigger invoices_no_update before update on invoices
      begin select raise(abort, 'invoice_immutable: an issued invoice is never changed'); end`.execute(db);
    await sql`create trigger invoices_no_delete before delete on invoices
      when old.retain_until > strftime('%Y-%m-%d', 'now')
      begin select raise(abort, 'invoice_retained: an invoice is kept until its retention ends'); end`.execute(db);
    await sql`create trigger invoice_counters_forward before update of last_number on invoice_counters
      when new.last_number < old.last_number
      begin select raise(abort, 'invoice_counter_lowered: a number once issued is never given out again'); end`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  if (postgres) {
    await sql`drop trigger invoices_no_truncate on invoices`.execute(db);
    await sql`drop trigger invoices_immutable on invoices`.execute(db);
    await sql`drop function invoices_immutable()`.execute(db);
    await sql`drop trigger invoice_counters_forward on invoice_counters`.execute(db);
    await sql`drop function invoice_counters_forward()`.execute(db);
  }
  await db.schema.dropTable('invoices').execute();
  await db.schema.dropTable('invoice_counters').execute();
  await db.schema.dropIndex('venues_invoice_prefix').execute();
  for (const name of [
    'invoice_term_days',
    'invoice_prefix',
    'bic',
    'iban',
    'vat_id',
    'kvk_number',
    'billing_city',
    'billing_postcode',
    'billing_street',
    'billing_legal_name',
  ]) {
    await db.schema.alterTable('venues').dropColumn(name).execute();
  }
}
