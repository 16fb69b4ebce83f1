import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, type TestApp } from '../../../test/app.js';
import { testDialects } from '../../../test/databases.js';
import { parseHtml } from '../../../test/html.js';
import { startMollie, TEST_MOLLIE_KEY, TEST_VENUE_MOLLIE_KEY, type TestMollie } from '../../../test/mollie/payments.js';
import { adminGet, adminPost, type SignedIn } from '../../../test/staff.js';
import { makeTwoVenues, signInMembers } from '../../../test/venues.js';
import { mollieProvider } from '../../adapters/mollie/mollie-provider.js';
import type { Activity } from '../../core/catalog/activity.js';
import { mollieKeyFor } from '../../core/payments/mollie-key.js';

/** A key of the right shape that the stand-in's Mollie knows nothing of. */
const UNKNOWN_KEY = 'test_NoSuchMollieAccount00000000099';
const LIVE_KEY = 'live_GroupzVenueLiveKey000000000003';

/** A port nothing listens on: taken, then let go. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

for (const dialect of testDialects()) {
  describe(`a venue's Mollie key and invoicing settings in the back office (${dialect.name})`, () => {
    let mollie: TestMollie;
    let t: TestApp;
    let home: Activity;
    let away: Activity;
    let manager: SignedIn;
    let staff: SignedIn;
    let otherManager: SignedIn;
    let admin: SignedIn;

    before(async () => {
      mollie = await startMollie({ platformKey: null });
      // The real adapter at the stand-in, with a short timeout so a Mollie that hangs is quickly "unreachable".
      const payments = { ...mollie.settings, provider: mollieProvider(mollie.standIn.url, { timeoutMs: 1500 }) };
      t = await buildTestApp(dialect, '2026-06-01T08:00:00Z', {}, { payments });
      ({ home, away } = await makeTwoVenues(t));
      ({ manager, staff, otherManager, admin } = await signInMembers(t, { home, away }, ['manager', 'staff', 'otherManager', 'admin']));
    });
    after(async () => {
      await t.close();
      await mollie.close();
    });

    const venueRow = (id: string) => t.database.db.selectFrom('venues').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const logEntriesOf = (action: string) =>
      t.database.db.selectFrom('activity_log').selectAll().where('action', '=', action).orderBy('at').execute();
    const page = async (who: SignedIn, venueId = home.venue.id) => parseHtml((await adminGet(t, who, `/admin/venues/${venueId}`)).body);
    const postKey = (who: SignedIn, mollieKey: string, venueId = home.venue.id) =>
      adminPost(t, who, `/admin/venues/${venueId}/mollie-key`, { mollieKey });
    const keyCheckCount = () => mollie.standIn.requests.filter((r) => r.path.includes('methods')).length;

    test('without any key the page says why online payment is not offered', async () => {
      const root = await page(manager);
      assert.match(root.querySelector('[data-testid="mollie-source-none"]')?.textContent ?? '', /geen eigen Mollie-sleutel/);
      assert.equal(root.querySelector('[data-testid="mollie-key-set"]'), null);
      assert.ok(root.querySelector(`form[action="/admin/venues/${home.venue.id}/mollie-key"] input[name="_csrf"]`));
    });

    test('a key of the wrong shape, one Mollie refuses, and one that cannot be checked are refused per field and not stored', async () => {
      const checks = keyCheckCount();
      const shape = await postKey(manager, 'sk_12345');
      assert.equal(shape.statusCode, 422);
      let root = parseHtml(shape.body);
      assert.match(root.querySelector('[data-testid="error-mollieKey"]')?.textContent ?? '', /begint met test_ of live_/);
      assert.equal(root.querySelector('#mollieKey')?.getAttribute('value'), '', 'the key typed is never sent back');
      assert.equal(keyCheckCount(), checks, 'a key of the wrong shape is not sent to Mollie');

      const refusedKey = await postKey(manager, UNKNOWN_KEY);
      assert.equal(refusedKey.statusCode, 422);
      root = parseHtml(refusedKey.body);
      assert.match(root.querySelector('[data-testid="error-mollieKey"]')?.textContent ?? '', /Mollie weigerde deze sleutel/);
      assert.ok(root.querySelector('[data-testid="form-errors"] a[href="#mollieKey"]'));
      assert.equal(keyCheckCount(), checks + 1, 'checked with Mollie');

      mollie.standIn.failNext(1, { hang: true });
      const hanging = await postKey(manager, TEST_VENUE_MOLLIE_KEY);
      assert.equal(hanging.statusCode, 422);
      assert.match(parseHtml(hanging.body).querySelector('[data-testid="error-mollieKey"]')?.textContent ?? '', /niet worden bereikt/);

      const english = await t.app.inject({
        method: 'POST',
        url: `/admin/venues/${home.venue.id}/mollie-key`,
        headers: {
          origin: 'http://bookings.test',
          'content-type': 'application/x-www-form-urlencoded',
          'accept-language': 'en',
          cookie: `__Host-groupz_session=${manager.cookie}`,
        },
        payload: new URLSearchParams({ _csrf: manager.csrf, mollieKey: UNKNOWN_KEY }).toString(),
      });
      assert.equal(
        parseHtml(english.body).querySelector('[data-testid="error-mollieKey"]')?.textContent?.startsWith('Mollie refused this key'),
        true,
      );

      const live = await postKey(manager, LIVE_KEY);
      assert.equal(live.statusCode, 422);
      assert.match(
        parseHtml(live.body).querySelector('[data-testid="error-mollieKey"]')?.textContent ?? '',
        /alleen als het platform via https/,
      );

      const row = await venueRow(home.venue.id);
      assert.equal(row.mollie_key_sealed, null);
      assert.equal(row.mollie_key_checked_at, null);
      assert.equal((await logEntriesOf('venue.mollie_key_set')).length, 0);
    });

    test('a closed port is "could not check now": the key is not saved', async () => {
      const port = await closedPort();
      const closed = await buildTestApp(
        dialect,
        '2026-06-01T08:00:00Z',
        {},
        {
          payments: { provider: mollieProvider(`https://127.0.0.1:${port}/v2/`), platformKey: null, windowMinutes: 30 },
        },
      );
      try {
        const { home: venueActivity, away: otherActivity } = await makeTwoVenues(closed);
        const { manager: closedManager } = await signInMembers(closed, { home: venueActivity, away: otherActivity }, ['manager']);
        const response = await adminPost(closed, closedManager, `/admin/venues/${venueActivity.venue.id}/mollie-key`, {
          mollieKey: TEST_VENUE_MOLLIE_KEY,
        });
        assert.equal(response.statusCode, 422);
        assert.match(parseHtml(response.body).querySelector('[data-testid="error-mollieKey"]')?.textContent ?? '', /niet worden bereikt/);
        const row = await closed.database.db
          .selectFrom('venues')
          .selectAll()
          .where('id', '=', venueActivity.venue.id)
          .executeTakeFirstOrThrow();
        assert.equal(row.mollie_key_sealed, null);
      } finally {
        await closed.close();
      }
    });

    test("another venue's manager and the venue's staff cannot set or remove the key", async () => {
      assert.equal((await postKey(otherManager, TEST_VENUE_MOLLIE_KEY)).statusCode, 404);
      assert.equal((await postKey(staff, TEST_VENUE_MOLLIE_KEY)).statusCode, 403);
      assert.equal((await adminPost(t, otherManager, `/admin/venues/${home.venue.id}/mollie-key/remove`)).statusCode, 404);
      assert.equal((await adminPost(t, otherManager, `/admin/venues/${home.venue.id}/invoicing`, { poRequired: 'yes' })).statusCode, 404);
      assert.equal((await adminPost(t, staff, `/admin/venues/${home.venue.id}/invoicing`, { poRequired: 'yes' })).statusCode, 403);
      const row = await venueRow(home.venue.id);
      assert.equal(row.mollie_key_sealed, null);
      assert.equal(row.po_required, 0);
    });

    test('a valid key: checked, stored sealed with the time of the check, described but never shown, logged without the key', async () => {
      t.clock.set('2026-06-01T08:30:00Z');
      const saved = await postKey(manager, `  ${TEST_VENUE_MOLLIE_KEY} `);
      assert.equal(saved.statusCode, 303, saved.body.slice(0, 300));
      assert.equal(saved.headers.location, `/admin/venues/${home.venue.id}?payment=saved#mollie-title`);

      const row = await venueRow(home.venue.id);
      assert.ok(row.mollie_key_sealed);
      assert.ok(!row.mollie_key_sealed.includes(TEST_VENUE_MOLLIE_KEY.slice(5)), 'no plaintext key at rest');
      assert.equal(row.mollie_key_checked_at, '2026-06-01T08:30:00.000Z');
      assert.equal(await mollieKeyFor(t.database.db, t.auth.secretKey, mollie.settings, home.venue.id), TEST_VENUE_MOLLIE_KEY);

      const response = await adminGet(t, manager, `/admin/venues/${home.venue.id}?payment=saved`);
      assert.ok(!response.body.includes(TEST_VENUE_MOLLIE_KEY), 'the page never shows the key');
      const root = parseHtml(response.body);
      assert.ok(root.querySelector('[data-testid="mollie-key-saved"]'));
      assert.ok(root.querySelector('[data-testid="mollie-source-own"]'));
      assert.match(
        root.querySelector('[data-testid="mollie-key-set"]')?.textContent ?? '',
        /eindigt op …0002 \(testmodus\), gecontroleerd op .*1 jun.*10:30/,
      );

      const [entry] = await logEntriesOf('venue.mollie_key_set');
      assert.equal(entry?.venue_id, home.venue.id);
      assert.deepEqual(JSON.parse(entry!.detail), { mode: 'test' });
      const everything = JSON.stringify(await t.database.db.selectFrom('activity_log').selectAll().execute());
      assert.ok(!everything.includes(TEST_VENUE_MOLLIE_KEY), 'the log holds no key');
    });

    test("a sealed key moved to another venue's row does not open there", async () => {
      const { mollie_key_sealed: sealed } = await venueRow(home.venue.id);
      assert.ok(sealed);
      await t.database.db.updateTable('venues').set({ mollie_key_sealed: sealed }).where('id', '=', away.venue.id).execute();
      try {
        // Of no use, but no error either: online payment is not offered (no 500 anywhere); the page says why.
        assert.equal(await mollieKeyFor(t.database.db, t.auth.secretKey, mollie.settings, away.venue.id), null);
        const root = await page(admin, away.venue.id);
        assert.match(
          root.querySelector('[data-testid="mollie-key-set"]')?.textContent ?? '',
          /kan met de huidige platformsleutel niet worden geopend/,
        );
      } finally {
        await t.database.db.updateTable('venues').set({ mollie_key_sealed: null }).where('id', '=', away.venue.id).execute();
      }
    });

    test('removing the key: the platform key or none serves again; logged', async () => {
      const removed = await adminPost(t, admin, `/admin/venues/${home.venue.id}/mollie-key/remove`);
      assert.equal(removed.statusCode, 303);
      const row = await venueRow(home.venue.id);
      assert.equal(row.mollie_key_sealed, null);
      assert.equal(row.mollie_key_checked_at, null);
      assert.equal((await logEntriesOf('venue.mollie_key_removed')).length, 1);
      const root = await page(manager);
      assert.ok(root.querySelector('[data-testid="mollie-source-none"]'));
      assert.equal(root.querySelector('[data-testid="mollie-key-set"]'), null);
      // Removing again changes and logs nothing.
      await adminPost(t, admin, `/admin/venues/${home.venue.id}/mollie-key/remove`);
      assert.equal((await logEntriesOf('venue.mollie_key_removed')).length, 1);
    });

    test('the PO-number requirement for paying on invoice: set, cleared, logged when it changes', async () => {
      const on = await adminPost(t, manager, `/admin/venues/${home.venue.id}/invoicing`, { poRequired: 'yes' });
      assert.equal(on.statusCode, 303);
      assert.equal((await venueRow(home.venue.id)).po_required, 1);
      assert.equal((await page(manager)).querySelector('#poRequired')?.hasAttribute('checked'), true);
      await adminPost(t, manager, `/admin/venues/${home.venue.id}/invoicing`, { poRequired: 'yes' });
      assert.equal((await adminPost(t, manager, `/admin/venues/${home.venue.id}/invoicing`)).statusCode, 303);
      assert.equal((await venueRow(home.venue.id)).po_required, 0);
      const entries = await logEntriesOf('venue.invoicing_changed');
      assert.deepEqual(
        entries.map((e) => JSON.parse(e.detail)),
        [{ poRequired: true }, { poRequired: false }],
      );
    });
  });

  describe(`a live key on an https platform, and the platform's key (${dialect.name})`, () => {
    let mollie: TestMollie;
    let t: TestApp;
    let manager: SignedIn;
    let home: Activity;

    before(async () => {
      mollie = await startMollie({ keys: [TEST_MOLLIE_KEY, LIVE_KEY] });
      t = await buildTestApp(dialect, '2026-06-01T08:00:00Z', {}, { payments: mollie.settings, publicUrl: 'https://bookings.test' });
      let away: Activity;
      ({ home, away } = await makeTwoVenues(t));
      ({ manager } = await signInMembers(t, { home, away }, ['manager']));
    });
    after(async () => {
      await t.close();
      await mollie.close();
    });

    test('the platform key serves a venue without its own; a live key is accepted on https', async () => {
      const before = parseHtml((await adminGet(t, manager, `/admin/venues/${home.venue.id}`)).body);
      assert.ok(before.querySelector('[data-testid="mollie-source-platform"]'));
      const saved = await adminPost(t, manager, `/admin/venues/${home.venue.id}/mollie-key`, { mollieKey: LIVE_KEY });
      assert.equal(saved.statusCode, 303, saved.body.slice(0, 300));
      const root = parseHtml((await adminGet(t, manager, `/admin/venues/${home.venue.id}`)).body);
      assert.match(root.querySelector('[data-testid="mollie-key-set"]')?.textContent ?? '', /…0003 \(live\)/);
      assert.ok(root.querySelector('[data-testid="mollie-source-own"]'));
    });

    test("a test key on https while the platform's own key is a test key too (the platform in test mode): accepted", async () => {
      const saved = await adminPost(t, manager, `/admin/venues/${home.venue.id}/mollie-key`, { mollieKey: TEST_MOLLIE_KEY });
      assert.equal(saved.statusCode, 303, saved.body.slice(0, 300));
    });
  });

  describe(`a test key on a platform in production (${dialect.name})`, () => {
    let mollie: TestMollie;
    let t: TestApp;
    let manager: SignedIn;
    let home: Activity;

    before(async () => {
      mollie = await startMollie({ keys: [TEST_VENUE_MOLLIE_KEY, LIVE_KEY], platformKey: LIVE_KEY });
      t = await buildTestApp(dialect, '2026-06-01T08:00:00Z', {}, { payments: mollie.settings, publicUrl: 'https://bookings.test' });
      let away: Activity;
      ({ home, away } = await makeTwoVenues(t));
      ({ manager } = await signInMembers(t, { home, away }, ['manager']));
    });
    after(async () => {
      await t.close();
      await mollie.close();
    });

    test('https and a live platform key: a venue test key is refused with a field error, nothing saved', async () => {
      const refused = await adminPost(t, manager, `/admin/venues/${home.venue.id}/mollie-key`, { mollieKey: TEST_VENUE_MOLLIE_KEY });
      assert.equal(refused.statusCode, 422);
      assert.match(
        parseHtml(refused.body).querySelector('[data-testid="error-mollieKey"]')?.textContent ?? '',
        /test-sleutel kan hier niet/,
      );
      const row = await t.database.db
        .selectFrom('venues')
        .select('mollie_key_sealed')
        .where('id', '=', home.venue.id)
        .executeTakeFirstOrThrow();
      assert.equal(row.mollie_key_sealed, null);
      const live = await adminPost(t, manager, `/admin/venues/${home.venue.id}/mollie-key`, { mollieKey: LIVE_KEY });
      assert.equal(live.statusCode, 303, 'the live key is');
    });
  });
}
