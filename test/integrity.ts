import { sql } from 'kysely';
import type { DatabaseHandle } from '../src/db/connect.js';

/**
 * What the database's own checks find wrong, empty when nothing. SQLite: `integrity_check` and
 * `foreign_key_check`. PostgreSQL: amcheck (every btree index against its table, every table's
 * heap) and, per foreign key, the rows whose key names no row.
 */
export async function integrityProblems({ db, dialect }: DatabaseHandle): Promise<string[]> {
  if (dialect === 'sqlite') {
    const integrity = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(db);
    const foreignKeys = await sql<Record<string, unknown>>`pragma foreign_key_check`.execute(db);
    return [
      ...integrity.rows.filter((r) => r.integrity_check !== 'ok').map((r) => `integrity_check: ${r.integrity_check}`),
      ...foreignKeys.rows.map((r) => `foreign_key_check: ${JSON.stringify(r)}`),
    ];
  }
  await sql`create extension if not exists amcheck`.execute(db);
  const indexes = await sql<{ name: string }>`
    select c.oid::regclass::text as name from pg_index i
    join pg_class c on c.oid = i.indexrelid
    join pg_am am on am.oid = c.relam
    join pg_namespace n on n.oid = c.relnamespace
    where am.amname = 'btree' and n.nspname = current_schema()`.execute(db);
  const problems: string[] = [];
  // bt_index_check raises on a corrupt index; heapallindexed also checks every row is indexed.
  for (const { name } of indexes.rows) {
    await sql`select bt_index_check(${name}::regclass, true)`
      .execute(db)
      .catch((error: Error) => problems.push(`${name}: ${error.message}`));
  }
  const tables = await sql<{ name: string }>`
    select c.oid::regclass::text as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where c.relkind = 'r' and n.nspname = current_schema()`.execute(db);
  for (const { name } of tables.rows) {
    const heap = await sql<{ msg: string }>`select msg from verify_heapam(${name}::regclass)`.execute(db);
    problems.push(...heap.rows.map((r) => `verify_heapam ${name}: ${r.msg}`));
  }
  const foreignKeys = await sql<{ child: string; parent: string; child_columns: string[]; parent_columns: string[] }>`
    select con.conrelid::regclass::text as child, con.confrelid::regclass::text as parent,
      array(select a.attname::text from unnest(con.conkey) with ordinality k(n, i)
        join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.n order by k.i) as child_columns,
      array(select a.attname::text from unnest(con.confkey) with ordinality k(n, i)
        join pg_attribute a on a.attrelid = con.confrelid and a.attnum = k.n order by k.i) as parent_columns
    from pg_constraint con join pg_namespace n on n.oid = con.connamespace
    where con.contype = 'f' and n.nspname = current_schema()`.execute(db);
  for (const fk of foreignKeys.rows) {
    const set = fk.child_columns.map((c) => sql`c.${sql.ref(c)} is not null`);
    const match = fk.child_columns.map((c, i) => sql`p.${sql.ref(fk.parent_columns[i]!)} = c.${sql.ref(c)}`);
    const orphans = await sql<{ count: string }>`
      select count(*) as count from ${sql.table(fk.child)} c
      where ${sql.join(set, sql` and `)}
        and not exists (select 1 from ${sql.table(fk.parent)} p where ${sql.join(match, sql` and `)})`.execute(db);
    if (Number(orphans.rows[0]!.count) > 0) problems.push(`${orphans.rows[0]!.count} rows of ${fk.child} name no ${fk.parent}`);
  }
  return problems;
}
