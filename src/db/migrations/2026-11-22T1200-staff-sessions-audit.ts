import { type Kysely, sql } from 'kysely';

// Frozen: imports nothing from the app. Portable types only (text, integer), see src/db/schema.ts.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('staff')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('venue_id', 'text', (c) => c.references('venues.id'))
    .addColumn('password_hash', 'text')
    // AES-256-GCM sealed; the pending secret is the one being enrolled, not yet confirmed.
    .addColumn('totp_secret', 'text')
    .addColumn('totp_pending_secret', 'text')
    .addColumn('totp_last_step', 'integer')
    .addColumn('setup_token_hash', 'text', (c) => c.unique())
    .addColumn('setup_expires_at', 'text')
    .addColumn('disabled_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addCheckConstraint('staff_role', sql`role in ('admin', 'manager', 'staff', 'viewer')`)
    // The platform's admins belong to no venue; everyone else to exactly one.
    .addCheckConstraint('staff_venue', sql`(role = 'admin' and venue_id is null) or (role <> 'admin' and venue_id is not null)`)
    .execute();
  await db.schema.createIndex('staff_venue').on('staff').column('venue_id').execute();

  await db.schema
    .createTable('recovery_codes')
    .addColumn('staff_id', 'text', (c) => c.notNull().references('staff.id').onDelete('cascade'))
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .addPrimaryKeyConstraint('recovery_codes_pk', ['staff_id', 'code_hash'])
    .execute();

  await db.schema
    .createTable('staff_sessions')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('staff_id', 'text', (c) => c.notNull().references('staff.id').onDelete('cascade'))
    // 0 while only the password is proven (the second factor is due within minutes), then 1.
    .addColumn('two_factor_verified', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('reauthenticated_at', 'text')
    .addColumn('user_agent', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('staff_sessions_staff').on('staff_sessions').column('staff_id').execute();
  await db.schema.createIndex('staff_sessions_last_seen').on('staff_sessions').column('last_seen_at').execute();

  // Failure counters per account and per (hashed) client address; a row exists only while it matters.
  await db.schema
    .createTable('throttles')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('last_failure_at', 'text', (c) => c.notNull())
    .addColumn('blocked_until', 'text')
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    // No foreign keys: the record outlives the accounts and objects it names.
    .addColumn('actor_id', 'text')
    .addColumn('actor_email', 'text')
    .addColumn('venue_id', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target', 'text')
    .addColumn('detail', 'text', (c) => c.notNull())
    .addColumn('client', 'text')
    .execute();
  await db.schema.createIndex('audit_log_at').on('audit_log').column('at').execute();
  await db.schema.createIndex('audit_log_venue_at').on('audit_log').columns(['venue_id', 'at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['audit_log', 'throttles', 'staff_sessions', 'recovery_codes', 'staff']) {
    await db.schema.dropTable(table).execute();
  }
}
