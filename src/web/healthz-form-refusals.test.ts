import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { buildTestApp, type TestApp } from '../../test/app.js';
import { testDialects } from '../../test/databases.js';
import { makeActivity, makeSlot } from '../../test/factories.js';
import { reviewedBookingForm } from '../../test/booking-form.js';
import { urlencoded } from '../../test/html.js';
import { setUpAccount } from '../../test/staff.js';

const FORM = { 'accept-language': 'en', 'content-type': 'application/x-www-form-urlencoded' };

// Review proof: the routes that answer the database's refusal themselves (the public booking form's
// unavailableStep, the staff sign-in's authRefusal) send 503 without recording it for /healthz,
// which goes on answering 200 while the platform's main writes are refused.
for (const dialect of testDialects().filter((d) => d.name === 'sqlite')) {
  describe(`/healthz after a refusal answered by a form's own 503 (${dialect.name})`, () => {
    let t: TestApp;
    let holder: SQLite.Database;
    before(async () => {
      t = await buildTestApp(dialect, '2026-06-01T08:00:00Z', {}, { bookingLimits: { perNetwork: null, perEmail: null } });
      holder = new SQLite(join(t.database.env.GROUPZ_DATA_DIR!, 'groupz.sqlite'));
      await sql`pragma busy_timeout = 100`.execute(t.database.db);
    });
    after(async () => {
      if (holder.inTransaction) holder.exec('rollback');
      holder.close();
      await t.close();
    });

    const health = async () => (await t.app.inject('/healthz')).statusCode;

    test('a booking refused on the public form makes /healthz 503', async () => {
      const activity = await makeActivity(t.database.db, t.clock, { maxGroupSize: 20 });
      const slot = await makeSlot(t.database.db, t.clock, activity, { date: '2026-06-10', capacity: 20 });
      const { confirm } = await reviewedBookingForm(t.app, slot.id);
      holder.exec('begin immediate');
      try {
        const refused = await confirm();
        assert.equal(refused.statusCode, 503, 'the booking form answers 503');
        assert.equal(await health(), 503, '/healthz tells of the refused booking');
      } finally {
        holder.exec('rollback');
        t.clock.advance(60_000);
      }
    });

    test('a staff sign-in refused makes /healthz 503', async () => {
      const account = await setUpAccount(t, { role: 'admin' });
      holder.exec('begin immediate');
      try {
        const signIn = await t.app.inject({
          method: 'POST',
          url: '/staff/login',
          headers: FORM,
          payload: urlencoded({ email: account.email, password: account.password }),
        });
        assert.equal(signIn.statusCode, 503, signIn.body.slice(0, 300));
        assert.equal(await health(), 503, '/healthz tells of the refused sign-in');
      } finally {
        holder.exec('rollback');
      }
    });
  });
}
