import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import type { Db } from '../../db/schema.js';
import { buildTestApp, TEST_PUBLIC_URL, type TestApp } from '../../../test/app.js';
import { testDialects } from '../../../test/databases.js';
import { makeActivity } from '../../../test/factories.js';
import { urlencoded } from '../../../test/html.js';
import { postForm, sessionCookieOf, setUpAccount, signIn, type SignedIn } from '../../../test/staff.js';
import { SESSION_COOKIE } from './session-cookie.js';

/** Every table's rows but the ones a refused request may touch (its session's last-seen time, the activity log, throttles). */
async function snapshot(db: Db, dialect: string): Promise<string> {
  const tables =
    dialect === 'sqlite'
      ? await sql<{
          name: string;
        }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%' order by name`.execute(
          db,
        )
      : await sql<{
          name: string;
        }>`select table_name as name from information_schema.tables where table_schema = 'public' and table_name not like 'kysely_%' order by table_name`.execute(
          db,
        );
  const skip = new Set(['staff_sessions', 'activity_log', 'throttles']);
  const parts: string[] = [];
  for (const { name } of tables.rows.filter((t) => !skip.has(t.name))) {
    const rows = await sql`select * from ${sql.table(name)}`.execute(db);
    parts.push(`${name}:${JSON.stringify(rows.rows.map((r) => JSON.stringify(r)).sort())}`);
  }
  return parts.join('\n');
}

/** An admin route's URL with its parameters filled in. */
function concrete(url: string): string {
  return url.replace(/:(\w+)/g, 'AbCdEfGhIjKlMnOp');
}

for (const dialect of testDialects()) {
  describe(`the /admin guard (${dialect.name})`, () => {
    let t: TestApp;
    let admin: SignedIn;
    let pendingCookie: string;
    let routes: { method: string; url: string }[];

    before(async () => {
      t = await buildTestApp(dialect);
      await makeActivity(t.database.db, t.clock);
      const account = await setUpAccount(t, { role: 'admin' });
      admin = await signIn(t, account);
      pendingCookie = sessionCookieOf(await postForm(t, '/staff/login', { email: account.email, password: account.password }))!;
      routes = t.app.routeInventory.filter((r) => r.url === '/admin' || r.url.startsWith('/admin/'));
    });
    after(() => t.close());

    test('the back office has routes to guard', () => {
      assert.ok(routes.some((r) => r.method === 'GET'));
      assert.ok(routes.some((r) => r.method === 'POST'));
    });

    test('every admin route, page and asset sends a visitor without a verified session to sign in', async () => {
      const without = { name: 'no session', cookie: undefined };
      const pending = { name: 'password step only', cookie: pendingCookie };
      const forged = { name: 'a made-up token', cookie: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' };
      for (const who of [without, pending, forged]) {
        for (const { method, url } of routes) {
          const response = await t.app.inject({
            method: method as 'GET',
            url: concrete(url),
            headers: { origin: TEST_PUBLIC_URL, ...(who.cookie ? { cookie: `${SESSION_COOKIE}=${who.cookie}` } : {}) },
            ...(method === 'POST'
              ? {
                  payload: urlencoded({}),
                  headers: {
                    'content-type': 'application/x-www-form-urlencoded',
                    ...(who.cookie ? { cookie: `${SESSION_COOKIE}=${who.cookie}` } : {}),
                  },
                }
              : {}),
          });
          assert.equal(response.statusCode, 303, `${who.name}: ${method} ${url}`);
          assert.match(String(response.headers.location), /^\/staff\/login/, `${who.name}: ${method} ${url}`);
          assert.equal(response.body, '', `${who.name}: ${method} ${url} sends no content`);
          assert.equal(response.headers['cache-control'], 'no-store');
        }
      }
      const unknown = await t.app.inject({ url: '/admin/no-such-page' });
      assert.equal(unknown.statusCode, 303, 'even which pages exist is hidden');
    });

    test('every admin response is no-store, with a session too', async () => {
      for (const { url } of routes.filter((r) => r.method === 'GET')) {
        const response = await t.app.inject({ url: concrete(url), headers: { cookie: `${SESSION_COOKIE}=${admin.cookie}` } });
        assert.equal(response.headers['cache-control'], 'no-store', url);
        assert.ok(response.statusCode < 500, `${url}: ${response.statusCode}`);
      }
    });

    test('a POST without the form token, with a wrong one, or from a foreign origin changes nothing', async () => {
      const posts = routes.filter((r) => r.method === 'POST');
      const before = await snapshot(t.database.db, dialect.name);
      for (const { url } of posts) {
        const cookie = `${SESSION_COOKIE}=${admin.cookie}`;
        const form = { 'content-type': 'application/x-www-form-urlencoded', cookie };
        const attempts = [
          { name: 'no token', headers: { ...form, origin: TEST_PUBLIC_URL }, payload: urlencoded({ session: 'others' }) },
          {
            name: 'wrong token',
            headers: { ...form, origin: TEST_PUBLIC_URL },
            payload: urlencoded({ _csrf: admin.csrf.replace(/.$/, 'x'), session: 'others' }),
          },
          {
            name: 'foreign origin',
            headers: { ...form, origin: 'https://evil.example' },
            payload: urlencoded({ _csrf: admin.csrf, session: 'others' }),
          },
          {
            name: 'cross-site fetch',
            headers: { ...form, 'sec-fetch-site': 'cross-site' },
            payload: urlencoded({ _csrf: admin.csrf, session: 'others' }),
          },
        ];
        for (const attempt of attempts) {
          const response = await t.app.inject({ method: 'POST', url: concrete(url), headers: attempt.headers, payload: attempt.payload });
          assert.equal(response.statusCode, 403, `${attempt.name}: POST ${url}`);
        }
      }
      assert.equal(await snapshot(t.database.db, dialect.name), before);
      // The signed-in session still works: a refused forgery does not log anyone out.
      assert.equal(
        (await t.app.inject({ url: '/admin/account', headers: { cookie: `${SESSION_COOKIE}=${admin.cookie}` } })).statusCode,
        200,
      );
    });

    test('state changes only by POST: no admin GET route changes the database', async () => {
      const before = await snapshot(t.database.db, dialect.name);
      for (const { url } of routes.filter((r) => r.method === 'GET')) {
        await t.app.inject({ url: concrete(url), headers: { cookie: `${SESSION_COOKIE}=${admin.cookie}` } });
      }
      assert.equal(await snapshot(t.database.db, dialect.name), before);
    });
  });
}
