import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen: imports nothing from the app. Versions of what availability reads, for the answers each
// platform process keeps of the slots API and the activity page (web/availability-answers.ts).
// - availability_versions: a counter per scope, each row under its venue: `scope` is an activity's
//   id (its slots, bookings, prices, extras, photos, programme), 'venue:' and the venue's id (the
//   venue's own details and photos, its resources, their hours and closures), or '*' (the VAT rates,
//   which every venue's prices use; venue_id '*'). Rows are never deleted, and counters only grow,
//   so the sum of a venue's rows and the '*' row changes with every committed change a reader of
//   that venue's availability can see: that sum is the version its answers are kept under.
// - A trigger on every table availability reads bumps the row of the scope a changed row belongs
//   to, in the transaction of the change, so no write path can forget it. A booking bumps its
//   activity's row only: bookings of different activities do not wait for each other's row lock.
//   On PostgreSQL an update that changes nothing (a row lock taken by a no-op update) bumps nothing,
//   and the bumps run at the commit (deferred constraint triggers), holding the counter's lock only
//   for the commit and after every other lock of the transaction, so they add no lock-order cycle.

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

async function upPostgres(db: Kysely<unknown>): Promise<void> {
  await sql`
    create function bump_availability(changed_scope text, changed_venue text) returns void language sql as $$
      insert into availability_versions (scope, venue_id, version) values (changed_scope, changed_venue, 1)
      on conflict (scope) do update set version = availability_versions.version + 1
    $$`.execute(db);
  for (const table of Object.keys(SCOPES)) {
    const bumps = (row: string) => `perform bump_availability(s.scope, s.venue) from (${scopesOf(table, row)}) as s;`;
    await sql
      .raw(
        `create function ${table}_availability() returns trigger language plpgsql as $$
        begin
          if tg_op <> 'INSERT' then ${bumps('old')} end if;
          if tg_op <> 'DELETE' then ${bumps('new')} end if;
          return null;
        end $$`,
      )
      .execute(db);
    for (const [event] of EVENTS) {
      const when = event === 'update' ? 'when (old.* is distinct from new.*)' : '';
      // Deferred to the commit, so the counter's row is locked last, after every lock the change
      // takes: taken first, a booking (slot, then counter, then the activity's option lock) and a
      // staff edit (activity, then counter) would wait for each other.
      await sql
        .raw(
          `create constraint trigger ${table}_availability_${event} after ${event} on ${table}
          deferrable initially deferred for each row ${when} execute function ${table}_availability()`,
        )
        .execute(db);
    }
  }
}

async function upSqlite(db: Kysely<unknown>): Promise<void> {
  for (const table of Object.keys(SCOPES)) {
    for (const [event, rows] of EVENTS) {
      const bumps = rows.map((row) => {
        const scopes = scopesOf(table, row);
        return `insert or ignore into availability_versions (scope, venue_id, version) select scope, venue, 0 from (${scopes});
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
  if (db.getExecutor().adapter instanceof PostgresAdapter) await upPostgres(db);
  else await upSqlite(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  for (const table of Object.keys(SCOPES)) {
    for (const [event] of EVENTS) await sql.raw(`drop trigger ${table}_availability_${event}${postgres ? ` on ${table}` : ''}`).execute(db);
    if (postgres) await sql.raw(`drop function ${table}_availability()`).execute(db);
  }
  if (postgres) await sql`drop function bump_availability(text, text)`.execute(db);
  await db.schema.dropTable('availability_versions').execute();
}
