import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen: imports nothing from the app. Versions of what availability reads, for the answers each
// platform process keeps of the slots API and the activity page (web/availability-answers.ts).
// - availability_versions: a counter per scope, each row under its venue: `scope` is an activity's
//   id (its slots, bookings, prices, extras, photos, programme), 'venue:' and the venue's id (the
//   venue's own details and photos, its resources, their hours and closures), or '*' (the VAT rates,
//   which every venue's prices use; venue_id '*'). Rows are never deleted, and counters only grow,
//   so the sum of a venue's rows and the '*' row changes with every committed change a reader of
//   that venue's availability can see: that sum is the version its answers are kept under.
// - On SQLite, a trigger on every table availability reads bumps the row of the scope a changed
//   row belongs to, in the transaction of the change, so no write path can forget it. PostgreSQL
//   keeps the table empty: its answers are versioned by the database's snapshot.

/** The rows to bump for a changed row `r` of each table: a query of (scope, venue_id). */
const SCOPES: Record<string, string> = {
  vat_rates: `select '*' as scope, '*' as venue`,
  venues: `select 'venue:' || r.id as scope, r.id as venue`,
  activities: `select r.id as scope, r.venue_id as venue`,
  slots: `select a.id as scope, a.venue_id as venue from activities a where a.id = r.activity_id`,
  bookings: `select r.activity_id as scope, r.venue_id as venue`,
  activity_extras: `select a.id as scope, a.venue_id as venue from activities a where a.id = r.activity_id`,
  extra_stock: `select a.id as scope, a.venue_id as venue from activity_extras e join activities a on a.id = e.activity_id where e.id = r.extra_id`,
  booking_extras: `select b.activity_id as scope, b.venue_id as venue from bookings b where b.id = r.booking_id`,
  photos: `select coalesce(r.activity_id, 'venue:' || r.venue_id) as scope, r.venue_id as venue`,
  photo_variants: `select coalesce(p.activity_id, 'venue:' || p.venue_id) as scope, p.venue_id as venue from photos p where p.id = r.photo_id`,
  resources: `select 'venue:' || r.venue_id as scope, r.venue_id as venue`,
  resource_hours: `select 'venue:' || s.venue_id as scope, s.venue_id as venue from resources s where s.id = r.resource_id`,
  resource_closures: `select 'venue:' || s.venue_id as scope, s.venue_id as venue from resources s where s.id = r.resource_id`,
  activity_resources: `select a.id as scope, a.venue_id as venue from activities a where a.id = r.activity_id`,
  programme_parts: `select a.id as scope, a.venue_id as venue from activities a where a.id = r.activity_id`,
  programme_rotations: `select a.id as scope, a.venue_id as venue from activities a where a.id = r.activity_id`,
  part_resources: `select a.id as scope, a.venue_id as venue from programme_parts p join activities a on a.id = p.activity_id where p.id = r.part_id`,
  booking_part_moves: `select b.activity_id as scope, b.venue_id as venue from bookings b where b.id = r.booking_id`,
  booking_part_move_resources: `select b.activity_id as scope, b.venue_id as venue from bookings b where b.id = r.booking_id`,
};

const EVENTS = [
  ['insert', ['new']],
  ['update', ['old', 'new']],
  ['delete', ['old']],
] as const;

/** The scope query with the changed row's alias in place of `r`. */
const scopesOf = (table: string, row: string) => SCOPES[table]!.replace(/\br\./g, `${row}.`);

async function upSqlite(db: Kysely<unknown>): Promise<void> {
  for (const table of Object.keys(SCOPES)) {
    for (const [event, rows] of EVENTS) {
      const bumps = rows.map((row) => {
        const scopes = scopesOf(table, row);
        // Not `insert or ignore`: a statement with its own ON CONFLICT (an upsert) imposes it on
        // its triggers' statements, and the ignore would become a failure.
        return `insert into availability_versions (scope, venue_id, version) select s.scope, s.venue, 0 from (${scopes}) as s
            where s.scope not in (select scope from availability_versions);
          update availability_versions set version = version + 1 where scope in (select scope from (${scopes}));`;
      });
      await sql.raw(`create trigger ${table}_availability_${event} after ${event} on ${table} begin ${bumps.join('\n')} end`).execute(db);
    }
  }
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('availability_versions')
    .addColumn('scope', 'text', (c) => c.primaryKey())
    .addColumn('venue_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('availability_versions_venue').on('availability_versions').columns(['venue_id', 'version']).execute();
  // PostgreSQL versions answers by its snapshot instead (availability-version.repository.ts): a
  // counter there is one row every booking of an activity updates, which cost bookings half their rate.
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) await upSqlite(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) {
    for (const table of Object.keys(SCOPES))
      for (const [event] of EVENTS) await sql.raw(`drop trigger ${table}_availability_${event}`).execute(db);
  }
  await db.schema.dropTable('availability_versions').execute();
}
