import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { headersOf, startBookingLoad, unavailableProblems } from '../../booking-load.js';
import { makeActivity, makeSlot } from '../../factories.js';
import { healthBecomes } from '../../health.js';
import { integrityProblems } from '../../integrity.js';
import { type OwnPostgres, postgresBinaries, startOwnPostgres } from '../../own-postgres.js';
import { BOOKING_LIMITS_OFF, type ServerProcess, startServer } from '../../server-process.js';
import { assertSecurityHeaders } from '../../security-headers.js';
import { missingRequirement } from '../../tools.js';
import { systemClock } from '../../../src/core/shared/clock.js';
import { addLocalDays, localDateOf } from '../../../src/core/shared/time.js';
import { connectDatabase, type DatabaseHandle } from '../../../src/db/connect.js';
import { migrateToLatest } from '../../../src/db/migrate.js';
import { UNAVAILABLE_RETRY_SECONDS } from '../../../src/web/plugins/errors.js';
import { HEALTH_REFUSAL_SECONDS } from '../../../src/web/plugins/outage-memory.js';

/** 201s before the stop, and again after the start, that show the load is booking. */
const BOOKED = 20;
/** 503s the load must get while the server is down. */
const REFUSED = 20;

const bin = postgresBinaries();
if (!bin)
  missingRequirement('PostgreSQL server programs (initdb, pg_ctl)', `install the postgresql package (none under /usr/lib/postgresql)`);

describe('groupz serve on PostgreSQL, the database stopped and started again during a booking load', { skip: !bin }, () => {
  let postgres: OwnPostgres;
  let database: DatabaseHandle;
  let server: ServerProcess | undefined;
  before(async () => {
    postgres = await startOwnPostgres(bin!);
    database = connectDatabase({ url: postgres.url, sqliteFile: '' });
    await migrateToLatest(database.db);
  });
  after(async () => {
    await server?.stop();
    await database?.close();
    await postgres?.remove();
  });

  test(
    'answers 503 with Retry-After while it is down (pages, API, /healthz), keeps every 201, and books again by itself',
    { timeout: 180_000 },
    async (t) => {
      const activity = await makeActivity(database.db, systemClock, { maxGroupSize: 10 });
      const slot = await makeSlot(database.db, systemClock, activity, { date: addLocalDays(localDateOf(new Date()), 30), capacity: 5000 });
      server = await startServer({ GROUPZ_DATABASE_URL: postgres.url, ...BOOKING_LIMITS_OFF });
      const url = server.url;
      const load = startBookingLoad(url, slot.id);
      try {
        await load.until('bookings before the stop', (tally) => tally.created.length >= BOOKED, 60);
        await postgres.stop();
        const beforeStop = load.tally.created.length;
        await load.until('503s while PostgreSQL is down', (tally) => tally.unavailable >= REFUSED, 30);

        const health = await fetch(`${url}/healthz`);
        assert.equal(health.status, 503);
        assert.equal(health.headers.get('content-type'), 'application/json; charset=utf-8');
        assert.equal(health.headers.get('retry-after'), String(UNAVAILABLE_RETRY_SECONDS));
        assert.deepEqual(await health.json(), { status: 'unavailable', checks: { database: 'unavailable' } });
        const page = await fetch(`${url}/`, { headers: { 'accept-language': 'nl' } });
        const html = await page.text();
        assert.equal(page.status, 503, html.slice(0, 300));
        assert.equal(page.headers.get('retry-after'), String(UNAVAILABLE_RETRY_SECONDS));
        assertSecurityHeaders(headersOf(page), 'the page answered 503');
        assert.match(html, /<h1>Tijdelijk niet beschikbaar<\/h1>/);
        assert.match(html, /Uw gegevens zijn veilig/);
        const api = await fetch(`${url}/api/v1/activities`, { headers: { 'accept-language': 'en' } });
        assert.equal(api.status, 503);
        assert.deepEqual(unavailableProblems(api, await api.json()), []);

        await postgres.start();
        await load.until('bookings after the start, without restarting Groupz', (tally) => tally.created.length >= beforeStop + BOOKED, 60);
      } finally {
        await load.stop();
        if (server.process.exitCode !== null) t.diagnostic(`groupz serve exited (${server.process.exitCode}): ${server.stderr()}`);
      }
      // Once no request has been refused for HEALTH_REFUSAL_SECONDS (the load stopped: left on, it
      // fills the slot in the meantime).
      await healthBecomes(url, 200, HEALTH_REFUSAL_SECONDS + 30);
      const healthy = await fetch(`${url}/healthz`);
      assert.deepEqual([healthy.status, await healthy.json()], [200, { status: 'ok' }]);
      const { tally } = load;
      t.diagnostic(`${tally.created.length} 201s, ${tally.unavailable} 503s in contract, ${tally.unexpected.length} other answers`);
      assert.deepEqual(tally.unexpected, [], 'every answer is a 201 or a 503 in contract');

      const stored = await database.db.selectFrom('bookings').select('reference').execute();
      const references = new Set(stored.map((b) => b.reference));
      assert.deepEqual(
        tally.created.filter((r) => !references.has(r)),
        [],
        'every booking answered 201 is stored',
      );
      assert.deepEqual(await integrityProblems(database), []);
      const outageLines = server
        .logs()
        .split('\n')
        .filter((line) => line.includes('database unavailable'));
      assert.ok(outageLines.length >= 1, 'the outage is logged');
      assert.ok(outageLines.length <= 3, `the outage is logged once a minute, not per request: ${outageLines.length} lines`);
      assert.equal(server.process.exitCode, null, 'the same process served throughout');
    },
  );
});
