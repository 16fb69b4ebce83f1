import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen: imports nothing from the app. PostgreSQL: `groupz_fail(reason)` fails the statement that
// calls it, with SQLSTATE GZ001 and the reason as its message, for a statement that must fail when
// what it checks does not hold (`case when <check> then true else groupz_fail('...') end`). A
// booking's last statement, sent with its transaction's COMMIT, checks so that what the booking read
// before its slot's lock still holds: failing, the COMMIT sent with it does not run. SQLite needs
// none: it has no round trips to save, and its COMMIT is sent on its own.
export async function up(db: Kysely<unknown>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  await sql`create function groupz_fail(reason text) returns boolean language plpgsql volatile as $$
    begin
      raise exception using errcode = 'GZ001', message = reason;
    end $$`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  await sql`drop function groupz_fail(text)`.execute(db);
}
