import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen: imports nothing from the app. Gift vouchers per venue (see core/vouchers/): multi-purpose
// vouchers, a means of payment (no VAT when sold; the booking they pay carries it).
// - vouchers: the code's SHA-256 (what a typed code is looked up by; code_hint is its last four
//   characters for staff) and the code sealed with the platform key (AES-256-GCM, bound to the
//   voucher's id) so that it can be mailed once a sale is paid and sent again; the amount it was
//   issued for and its balance (lowered by a conditional update in the transaction that redeems
//   it, so it never goes below zero); the Amsterdam date it is valid through; how it came about
//   (origin: sold online, sold at the desk, issued by staff); its buyer and recipient; and for one
//   sold online its Mollie payment. status 'pending' until that is paid.
// - voucher_movements: the ledger; every change of a balance is one row (issue, redeem, restore,
//   expire, sale_refund: a sale refunded in Mollie's dashboard), numbered per voucher (position 1, 2, ...), signed, with the balance after it, the
//   booking, payment or refund it belongs to and the staff member who made it.
// - payments.voucher_id: the voucher a payment of method 'voucher' drew on; the method check allows
//   'voucher'. PostgreSQL replaces the check (its migrations run in a transaction); SQLite cannot
//   alter one, so there the table is rebuilt with the same rows, by SQLite's procedure: foreign
//   keys off, the whole migration in one immediate transaction (no other writer meanwhile, nothing
//   half done after a crash), the foreign keys checked before it commits, then on again.
const METHODS_BEFORE = sql`method in ('mollie', 'bank')`;
const METHODS_AFTER = sql`method in ('mollie', 'bank', 'voucher')`;
const PAYMENT_COLUMNS = sql`id, booking_id, venue_id, method, provider_id, amount_cents, status, checkout_url, recorded_by, note, created_at, updated_at, paid_at, provider_account`;

async function replaceMethodCheck(db: Kysely<unknown>, methods: typeof METHODS_AFTER, withVoucher: boolean): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`alter table payments drop constraint payments_method`.execute(db);
    await sql`alter table payments add constraint payments_method check (${methods})`.execute(db);
    if (withVoucher)
      await db.schema
        .alterTable('payments')
        .addColumn('voucher_id', 'text', (c) => c.references('vouchers.id'))
        .execute();
    else await db.schema.alterTable('payments').dropColumn('voucher_id').execute();
    return;
  }
  let next = db.schema
    .createTable('payments_next')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('booking_id', 'text', (c) => c.notNull().references('bookings.id'))
    .addColumn('venue_id', 'text', (c) => c.notNull().references('venues.id'))
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('provider_id', 'text', (c) => c.unique())
    .addColumn('amount_cents', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('checkout_url', 'text')
    .addColumn('recorded_by', 'text', (c) => c.references('staff.id'))
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('paid_at', 'text')
    .addColumn('provider_account', 'text');
  if (withVoucher) next = next.addColumn('voucher_id', 'text', (c) => c.references('vouchers.id'));
  await next
    .addCheckConstraint('payments_method', methods)
    .addCheckConstraint('payments_amount', sql`amount_cents > 0`)
    .execute();
  await sql`insert into payments_next (${PAYMENT_COLUMNS}) select ${PAYMENT_COLUMNS} from payments`.execute(db);
  await db.schema.dropTable('payments').execute();
  await db.schema.alterTable('payments_next').renameTo('payments').execute();
  await db.schema.createIndex('payments_booking').on('payments').columns(['booking_id', 'created_at']).execute();
}

/** Runs `change` atomically: on PostgreSQL in the migrator's transaction; on SQLite as described above. */
async function atomically(db: Kysely<unknown>, change: () => Promise<void>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) return change();
  await sql`pragma foreign_keys = off`.execute(db);
  try {
    await sql`begin immediate`.execute(db);
    try {
      await change();
      const broken = await sql`pragma foreign_key_check`.execute(db);
      if (broken.rows.length > 0) throw new Error('vouchers: foreign keys broken by the rebuild of payments');
      await sql`commit`.execute(db);
    } catch (error) {
      await sql`rollback`.execute(db);
      throw error;
    }
  } finally {
    await sql`pragma foreign_keys = on`.execute(db);
  }
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await atomically(db, () => createVouchers(db));
}

async function createVouchers(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('vouchers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('venue_id', 'text', (c) => c.notNull().references('venues.id'))
    .addColumn('code_hash', 'text', (c) => c.notNull().unique())
    .addColumn('code_hint', 'text', (c) => c.notNull())
    .addColumn('code_sealed', 'text', (c) => c.notNull())
    .addColumn('initial_cents', 'integer', (c) => c.notNull())
    .addColumn('balance_cents', 'integer', (c) => c.notNull())
    .addColumn('valid_until', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('buyer_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('buyer_email', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('recipient_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('message', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('language', 'text', (c) => c.notNull().defaultTo('nl'))
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('issued_by', 'text', (c) => c.references('staff.id'))
    .addColumn('provider_id', 'text')
    .addColumn('provider_account', 'text')
    .addColumn('checkout_url', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('issued_at', 'text')
    .addCheckConstraint('vouchers_amounts', sql`initial_cents > 0 and balance_cents >= 0 and balance_cents <= initial_cents`)
    .addCheckConstraint('vouchers_status', sql`status in ('pending', 'active', 'cancelled')`)
    .addCheckConstraint('vouchers_origin', sql`origin in ('sold_online', 'sold_desk', 'issued')`)
    .execute();
  await db.schema.createIndex('vouchers_venue').on('vouchers').columns(['venue_id', 'created_at']).execute();
  await db.schema.createIndex('vouchers_provider').on('vouchers').column('provider_id').execute();

  await db.schema
    .createTable('voucher_movements')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('voucher_id', 'text', (c) => c.notNull().references('vouchers.id'))
    .addColumn('venue_id', 'text', (c) => c.notNull().references('venues.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('amount_cents', 'integer', (c) => c.notNull())
    .addColumn('balance_after_cents', 'integer', (c) => c.notNull())
    .addColumn('booking_id', 'text', (c) => c.references('bookings.id'))
    .addColumn('payment_id', 'text', (c) => c.references('payments.id'))
    .addColumn('refund_id', 'text', (c) => c.references('refunds.id'))
    .addColumn('staff_id', 'text', (c) => c.references('staff.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addCheckConstraint('voucher_movements_kind', sql`kind in ('issue', 'redeem', 'restore', 'expire', 'sale_refund')`)
    .addCheckConstraint('voucher_movements_balance', sql`balance_after_cents >= 0`)
    .addUniqueConstraint('voucher_movements_position', ['voucher_id', 'position'])
    .execute();
  await db.schema.createIndex('voucher_movements_venue').on('voucher_movements').columns(['venue_id', 'created_at']).execute();

  await replaceMethodCheck(db, METHODS_AFTER, true);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await atomically(db, () => dropVouchers(db));
}

async function dropVouchers(db: Kysely<unknown>): Promise<void> {
  await sql`delete from refunds where payment_id in (select id from payments where method = 'voucher')`.execute(db);
  await sql`delete from voucher_movements`.execute(db);
  await sql`delete from payments where method = 'voucher'`.execute(db);
  await replaceMethodCheck(db, METHODS_BEFORE, false);
  await db.schema.dropTable('voucher_movements').execute();
  await db.schema.dropTable('vouchers').execute();
}
