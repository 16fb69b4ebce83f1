import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import SQLite from 'better-sqlite3';
import { buildTestApp, type TestApp } from '../../../test/app.js';
import { testDialects } from '../../../test/databases.js';
import { adminGet, type Member, signInMember } from '../../../test/staff.js';

// Another process holding SQLite's write lock refuses the platform's writes (after the busy wait)
// as a full disk does, and reads go on: what a page that only reads needs.
for (const dialect of testDialects().filter((d) => d.name === 'sqlite')) {
  describe(`the back office while the database refuses writes (${dialect.name})`, () => {
    let t: TestApp;
    let admin: Member;
    before(async () => {
      t = await buildTestApp(dialect, '2026-06-01T08:00:00Z');
      admin = await signInMember(t, 'admin');
    });
    after(() => t.close());

    test('shows its pages that only read (the home page with its notices, Security), with the session kept', async () => {
      const other = new SQLite(join(t.database.env.GROUPZ_DATA_DIR!, 'groupz.sqlite'));
      try {
        other.exec('begin immediate');
        for (const path of ['/admin', '/admin/security']) {
          const page = await adminGet(t, admin, path);
          assert.equal(page.statusCode, 200, `${path}: ${page.body.slice(0, 300)}`);
        }
      } finally {
        if (other.inTransaction) other.exec('rollback');
        other.close();
      }
      assert.equal((await adminGet(t, admin, '/admin')).statusCode, 200, 'still signed in once writes work again');
    });
  });
}
