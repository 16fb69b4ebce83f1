import { type Kysely, sql } from 'kysely';

// Frozen: imports nothing from the app. Portable types only (text, integer), see src/db/schema.ts.
// Payments (see core/payments/): what an activity asks to be paid and when, each venue's own
// Mollie key, what each booking owes and how it pays, and the money itself: payments in (Mollie or
// a bank transfer staff record) and refunds out. All amounts are integer cents, EUR.
export async function up(db: Kysely<unknown>): Promise<void> {
  // Payment terms per activity. payment_mode: 'venue' (paid at the venue, nothing online), 'full'
  // (all online when booking) or 'deposit' (deposit_percent online, the rest balance_days_before
  // the visit). invoice_allowed: organisations may choose to pay on invoice, due
  // invoice_term_days after booking. refund_policy: JSON tiers, see core/payments/refund-policy.ts.
  const activityColumns: [string, 'text' | 'integer', number | string][] = [
    ['payment_mode', 'text', 'venue'],
    ['deposit_percent', 'integer', 30],
    ['balance_days_before', 'integer', 14],
    ['invoice_allowed', 'integer', 0],
    ['invoice_term_days', 'integer', 14],
    ['refund_policy', 'text', '[{"hoursBefore":336,"percent":100},{"hoursBefore":48,"percent":50}]'],
  ];
  for (const [name, type, fallback] of activityColumns) {
    await db.schema
      .alterTable('activities')
      .addColumn(name, type, (column) => column.notNull().defaultTo(fallback))
      .execute();
  }
  // A venue's own Mollie API key, sealed like the TOTP secrets (null: the platform's key, if any),
  // and whether organisations paying on invoice must give their reference (PO number).
  await db.schema.alterTable('venues').addColumn('mollie_key_sealed', 'text').execute();
  await db.schema.alterTable('venues').addColumn('mollie_key_checked_at', 'text').execute();
  await db.schema
    .alterTable('venues')
    .addColumn('po_required', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  // How a booking pays, fixed when it is placed: pay_by 'venue', 'online' or 'invoice'; the
  // deposit percentage (100 for paying in full, 0 when nothing is paid online); when the payment
  // window of a booking 'awaiting_payment' ends; when the rest is due (Amsterdam date) and when
  // its reminder went out; the refund policy accepted (JSON, as on the activity then); and the
  // billing details of a booking paid on invoice.
  const bookingColumns: [string, 'text' | 'integer', number | string | null][] = [
    ['pay_by', 'text', 'venue'],
    ['deposit_percent', 'integer', 0],
    ['payment_expires_at', 'text', null],
    ['balance_due_on', 'text', null],
    ['balance_reminded_at', 'text', null],
    ['refund_policy', 'text', '[]'],
    ['billing_organisation', 'text', null],
    ['billing_address', 'text', null],
    ['billing_reference', 'text', null],
    ['billing_vat_id', 'text', null],
  ];
  for (const [name, type, fallback] of bookingColumns) {
    await db.schema
      .alterTable('bookings')
      .addColumn(name, type, (column) => (fallback === null ? column : column.notNull().defaultTo(fallback)))
      .execute();
  }
  await db.schema.createIndex('bookings_status_payment').on('bookings').columns(['status', 'payment_expires_at']).execute();
  await db.schema.createIndex('bookings_balance_due').on('bookings').columns(['balance_due_on']).execute();

  // Money in: a Mollie payment (provider_id tr_..., its status as Mollie last told) or a bank
  // transfer staff recorded (method 'bank', status 'paid' at once).
  await db.schema
    .createTable('payments')
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
    .addCheckConstraint('payments_method', sql`method in ('mollie', 'bank')`)
    .addCheckConstraint('payments_amount', sql`amount_cents > 0`)
    .execute();
  await db.schema.createIndex('payments_booking').on('payments').columns(['booking_id', 'created_at']).execute();
  // Money out: a refund of (part of) a payment; through Mollie (provider_id re_...) or by bank.
  await db.schema
    .createTable('refunds')
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
    .addCheckConstraint('refunds_cause', sql`cause in ('policy', 'staff', 'late_payment', 'size_change')`)
    .execute();
  await db.schema.createIndex('refunds_booking').on('refunds').columns(['booking_id', 'created_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('refunds').execute();
  await db.schema.dropTable('payments').execute();
  await db.schema.dropIndex('bookings_balance_due').execute();
  await db.schema.dropIndex('bookings_status_payment').execute();
  for (const name of [
    'billing_vat_id',
    'billing_reference',
    'billing_address',
    'billing_organisation',
    'refund_policy',
    'balance_reminded_at',
    'balance_due_on',
    'payment_expires_at',
    'deposit_percent',
    'pay_by',
  ]) {
    await db.schema.alterTable('bookings').dropColumn(name).execute();
  }
  for (const name of ['po_required', 'mollie_key_checked_at', 'mollie_key_sealed']) {
    await db.schema.alterTable('venues').dropColumn(name).execute();
  }
  for (const name of ['refund_policy', 'invoice_term_days', 'invoice_allowed', 'balance_days_before', 'deposit_percent', 'payment_mode']) {
    await db.schema.alterTable('activities').dropColumn(name).execute();
  }
}
