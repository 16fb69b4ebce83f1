import { type Kysely, sql } from 'kysely';

// Frozen: imports nothing from the app. Portable types only (text, integer), see src/db/schema.ts.
export async function up(db: Kysely<unknown>): Promise<void> {
  // Each activity's lifecycle rules: instant or on request; options (tentative holds) allowed or
  // not, their length, how close to the visit they stop, how many open ones one email may hold;
  // until when the organiser may cancel; which fields participants fill in (a JSON array).
  const activities = [
    ['booking_mode', 'text', sql`'instant'`],
    ['options_allowed', 'integer', sql`1`],
    ['option_hours', 'integer', sql`48`],
    ['option_min_days_before', 'integer', sql`7`],
    ['option_max_per_email', 'integer', sql`3`],
    ['cancel_until_hours', 'integer', sql`48`],
    ['participant_fields', 'text', sql`'["dietary"]'`],
  ] as const;
  for (const [name, type, value] of activities) {
    await db.schema
      .alterTable('activities')
      .addColumn(name, type, (c) => c.notNull().defaultTo(value))
      .execute();
  }

  // An option's deadline and its one extension; when each reminder went out; when the booking was
  // confirmed. Null while not so.
  for (const name of ['option_expires_at', 'option_extended_at', 'option_reminder_sent_at', 'visit_reminder_sent_at', 'confirmed_at']) {
    await db.schema.alterTable('bookings').addColumn(name, 'text').execute();
  }
  await db.schema.createIndex('bookings_status_option').on('bookings').columns(['status', 'option_expires_at']).execute();

  // The private links: the organiser's manage link and the participants' link. A token is an HMAC
  // of the booking id and the link's version under the platform key, so the platform can put the
  // current link in any later mail; only its SHA-256 is stored, for the lookup. Re-issuing a link
  // raises its version, which ends the old one.
  await db.schema
    .alterTable('bookings')
    .addColumn('manage_link_version', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('bookings')
    .addColumn('participant_link_version', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('bookings').addColumn('participant_token_hash', 'text').execute();
  await db.schema.createIndex('bookings_participant_token').unique().on('bookings').column('participant_token_hash').execute();

  // What each participant told the venue; participants never see each other.
  await db.schema
    .createTable('participants')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('booking_id', 'text', (c) => c.notNull().references('bookings.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('answers', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('participants_booking').on('participants').columns(['booking_id', 'created_at']).execute();

  // Who made a change: a staff member (actor_id), the organiser or the system.
  await db.schema.alterTable('audit_log').addColumn('actor_kind', 'text').execute();

  // Mails to send. A row names what to send (kind, booking, detail); the text is rendered when it
  // is sent, so no link token or mail body waits in the database. The dedupe key makes enqueueing
  // the same event twice a no-op.
  await db.schema
    .createTable('mail_outbox')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('booking_id', 'text', (c) => c.references('bookings.id'))
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('detail', 'text', (c) => c.notNull())
    .addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('locked_until', 'text')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .execute();
  await db.schema.createIndex('mail_outbox_due').on('mail_outbox').columns(['status', 'next_attempt_at']).execute();

  // One row per background job: which instance holds it until when, so one instance runs it.
  await db.schema
    .createTable('job_leases')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('holder', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('last_success_at', 'text')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['job_leases', 'mail_outbox', 'participants']) await db.schema.dropTable(table).execute();
  await db.schema.dropIndex('bookings_participant_token').execute();
  await db.schema.alterTable('audit_log').dropColumn('actor_kind').execute();
  await db.schema.dropIndex('bookings_status_option').execute();
  for (const name of [
    'option_expires_at',
    'option_extended_at',
    'option_reminder_sent_at',
    'visit_reminder_sent_at',
    'confirmed_at',
    'manage_link_version',
    'participant_link_version',
    'participant_token_hash',
  ]) {
    await db.schema.alterTable('bookings').dropColumn(name).execute();
  }
  for (const name of [
    'booking_mode',
    'options_allowed',
    'option_hours',
    'option_min_days_before',
    'option_max_per_email',
    'cancel_until_hours',
    'participant_fields',
  ]) {
    await db.schema.alterTable('activities').dropColumn(name).execute();
  }
}
