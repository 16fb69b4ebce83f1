import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { freePort } from '../../test/server-process.js';
import { testDialects } from '../../test/databases.js';
import { DomainError } from '../core/shared/errors.js';
import { isDatabaseUnavailable } from './unavailable.js';

/** The error `run` throws: the real one, as the driver raises it. */
async function errorOf(run: () => unknown): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  return assert.fail('expected an error');
}

const dialects = testDialects();

describe('errors that say SQLite or its disk cannot serve now', () => {
  let dir: string;
  let file: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'groupz-unavailable-'));
    file = join(dir, 'test.sqlite');
    const sqlite = new SQLite(file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.exec('create table t (id integer primary key, v text unique)');
    sqlite.close();
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('a full database, a lock held past the busy timeout, a read-only file, a file that cannot open', async () => {
    const full = new SQLite(file);
    full.pragma('max_page_count = 3');
    const disk = await errorOf(() => {
      for (let i = 0; i < 100; i++) full.prepare('insert into t (v) values (?)').run('x'.repeat(1000) + i);
    });
    full.close();
    assert.equal((disk as { code: string }).code, 'SQLITE_FULL');

    const holder = new SQLite(file);
    holder.exec('begin immediate');
    const waiter = new SQLite(file);
    waiter.pragma('busy_timeout = 0');
    const busy = await errorOf(() => waiter.exec('begin immediate'));
    holder.exec('rollback');
    holder.close();
    waiter.close();
    assert.equal((busy as { code: string }).code, 'SQLITE_BUSY');

    const readOnly = new SQLite(file, { readonly: true });
    const refused = await errorOf(() => readOnly.exec("insert into t (v) values ('y')"));
    readOnly.close();
    assert.equal((refused as { code: string }).code, 'SQLITE_READONLY');

    // A directory where the file should be (as a data dir mounted wrongly would give).
    const cannotOpen = await errorOf(() => new SQLite(dir).exec('create table x (a)'));
    assert.equal((cannotOpen as { code: string }).code, 'SQLITE_CANTOPEN');

    for (const error of [disk, busy, refused, cannotOpen]) assert.ok(isDatabaseUnavailable(error), String(error));
  });

  test("a request's or the code's fault is not unavailability", async () => {
    const sqlite = new SQLite(file);
    sqlite.exec("insert into t (v) values ('twice')");
    const duplicate = await errorOf(() => sqlite.exec("insert into t (v) values ('twice')"));
    const syntax = await errorOf(() => sqlite.exec('selec 1'));
    sqlite.close();
    for (const error of [duplicate, syntax, new DomainError('slot_full'), new Error('boom'), undefined, 'text']) {
      assert.equal(isDatabaseUnavailable(error), false, String(error));
    }
  });
});

describe('errors that say PostgreSQL cannot serve now', () => {
  test('no server listening: the connection is refused', async () => {
    const client = new pg.Client({ host: '127.0.0.1', port: await freePort(), user: 'nobody', database: 'none' });
    const refused = await errorOf(() => client.connect());
    assert.equal((refused as { code: string }).code, 'ECONNREFUSED');
    assert.ok(isDatabaseUnavailable(refused));
  });

  for (const dialect of dialects.filter((d) => d.name === 'postgres')) {
    test('a session the server ends (as it does when it stops), the queries after it, a statement not answered in time', async () => {
      const database = await dialect.create();
      const url = database.env.GROUPZ_DATABASE_URL!;
      const victim = new pg.Client({ connectionString: url });
      victim.on('error', () => {});
      await victim.connect();
      const pid = ((await victim.query('select pg_backend_pid() as pid')).rows[0] as { pid: number }).pid;
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      try {
        // pg_terminate_backend is what a fast shutdown does to each session: 57P01.
        const ended = errorOf(() => victim.query('select pg_sleep(10)'));
        await admin.query('select pg_terminate_backend($1)', [pid]);
        const terminated = await ended;
        assert.equal((terminated as { code: string }).code, '57P01');
        const after = await errorOf(() => victim.query('select 1'));
        assert.ok(isDatabaseUnavailable(terminated), String(terminated));
        assert.ok(isDatabaseUnavailable(after), String(after));

        // A statement the server does not answer in time (pg's query_timeout, as src/db/connect.ts sets it).
        const timed = new pg.Client({ connectionString: url, query_timeout: 100 });
        await timed.connect();
        const slow = await errorOf(() => timed.query('select pg_sleep(1)'));
        await timed.end();
        assert.equal((slow as Error).message, 'Query read timeout');
        assert.ok(isDatabaseUnavailable(slow), String(slow));

        const division = await errorOf(() => admin.query('select 1 from (values (1)) v(x) where x = 1/0'));
        const syntax = await errorOf(() => admin.query('selec 1'));
        assert.deepEqual(
          [division, syntax].map((e) => [(e as { code: string }).code, isDatabaseUnavailable(e)]),
          [
            ['22012', false],
            ['42601', false],
          ],
        );
      } finally {
        await admin.end();
        await victim.end().catch(() => undefined);
        await database.close();
      }
    });
  }
});
