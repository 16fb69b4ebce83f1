import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, type TestApp } from '../../../test/app.js';
import { testDialects } from '../../../test/databases.js';
import { makeExtra } from '../../../test/extras.js';
import { book, makeSlot } from '../../../test/factories.js';
import { parseHtml, urlencoded } from '../../../test/html.js';
import { adminGet, adminPost, type Member, postForm } from '../../../test/staff.js';
import { makeTwoVenues, signInMembers } from '../../../test/venues.js';
import type { Activity } from '../../core/catalog/activity.js';
import { listActivityExtras } from '../../core/catalog/extras.repository.js';
import { SESSION_COOKIE } from './session-cookie.js';

const LUNCH = {
  labelNl: 'Lunch',
  labelEn: 'Lunch',
  basis: 'person',
  vat: 'low',
  amount: '9,95',
  stock: '',
  maxPerBooking: '',
  position: '1',
  active: 'yes',
};

for (const dialect of testDialects()) {
  describe(`the back office's extras of an activity (${dialect.name})`, () => {
    let t: TestApp;
    let home: Activity;
    let away: Activity;
    let manager: Member;
    let viewer: Member;
    let otherManager: Member;

    before(async () => {
      t = await buildTestApp(dialect, '2026-06-01T08:00:00Z');
      ({ home, away } = await makeTwoVenues(t));
      ({ manager, viewer, otherManager } = await signInMembers(t, { home, away }, ['manager', 'viewer', 'otherManager']));
    });
    after(() => t.close());

    const text = (body: string, testid: string) => parseHtml(body).querySelector(`[data-testid="${testid}"]`)?.textContent.trim() ?? '';
    const extrasOf = (activity: Activity) => listActivityExtras(t.database.db, activity.id, { activeOnly: false });

    test('a manager adds an extra, changes it into scarce equipment and deactivates it', async () => {
      const empty = await adminGet(t, manager, `/admin/activities/${home.id}/extras`);
      assert.equal(empty.statusCode, 200);
      assert.equal(text(empty.body, 'extras-none'), 'Deze activiteit heeft nog geen extra’s.');
      const added = await adminPost(t, manager, `/admin/activities/${home.id}/extras`, LUNCH);
      assert.equal(added.statusCode, 303, added.body.slice(0, 300));
      const [lunch] = await extrasOf(home);
      assert.deepEqual(
        [lunch?.label.nl, lunch?.basis, lunch?.vat, lunch?.amountCents, lunch?.stock, lunch?.required, lunch?.active],
        ['Lunch', 'person', 'low', 995, null, false, true],
      );
      const list = await adminGet(t, manager, String(added.headers.location));
      assert.equal(text(list.body, 'saved'), 'De extra is opgeslagen.');
      assert.match(text(list.body, 'extras-list'), /Lunch/);
      // The names shown are in the page's language, and so is their column's name.
      assert.equal(parseHtml(list.body).querySelector('[data-testid="extras-list"] thead th')?.textContent, 'Naam');

      const edit = await adminGet(t, manager, `/admin/activities/${home.id}/extras/${lunch!.id}`);
      assert.equal(parseHtml(edit.body).querySelector('input[name="amount"]')?.getAttribute('value'), '9,95', "written the page's way");
      const changed = {
        ...LUNCH,
        labelNl: 'Klimset',
        labelEn: 'Climbing gear',
        basis: 'unit',
        vat: 'high',
        amount: '15',
        stock: '10',
        maxPerBooking: '4',
      };
      assert.equal((await adminPost(t, manager, `/admin/activities/${home.id}/extras/${lunch!.id}`, changed)).statusCode, 303);
      const [gear] = await extrasOf(home);
      assert.deepEqual([gear?.basis, gear?.amountCents, gear?.stock, gear?.maxPerBooking], ['unit', 1500, 10, 4]);
      const { active: _active, ...inactive } = changed;
      assert.equal((await adminPost(t, manager, `/admin/activities/${home.id}/extras/${lunch!.id}`, inactive)).statusCode, 303);
      assert.equal((await extrasOf(home))[0]?.active, false);
      const log = await t.database.db
        .selectFrom('activity_log')
        .select('detail')
        .where('action', '=', 'activity.updated')
        .where('target', '=', home.slug)
        .execute();
      assert.equal(log.length, 3);
    });

    test('a refused form comes back with its errors and input, in Dutch', async () => {
      const refused = await adminPost(t, manager, `/admin/activities/${home.id}/extras`, {
        ...LUNCH,
        labelEn: '',
        amount: 'veel',
        stock: '-1',
      });
      assert.equal(refused.statusCode, 422);
      const page = parseHtml(refused.body);
      assert.equal(text(refused.body, 'error-labelEn'), 'Vul dit veld in.');
      assert.ok(text(refused.body, 'error-amount'));
      assert.ok(text(refused.body, 'error-stock'));
      assert.equal(page.querySelector('input[name="amount"]')?.getAttribute('value'), 'veel');
    });

    test('a well-formed price or stock out of bounds names its bound the language’s way, not badly typed, in Dutch and English', async () => {
      const url = `/admin/activities/${home.id}/extras`;
      const outside = { ...LUNCH, amount: '10000000', stock: '99999999999999999999', maxPerBooking: '-1' };
      const before = (await extrasOf(home)).length;
      const dutch = await adminPost(t, manager, url, outside);
      assert.equal(dutch.statusCode, 422);
      assert.deepEqual(
        ['error-amount', 'error-stock', 'error-maxPerBooking'].map((id) => text(dutch.body, id)),
        ['Hoogstens €\u00a01.000.000,00.', 'Hoogstens 1.000.000.', 'Minstens 1.'],
      );
      const english = await t.app.inject({
        method: 'POST',
        url,
        headers: {
          origin: t.publicUrl,
          'content-type': 'application/x-www-form-urlencoded',
          'accept-language': 'en',
          cookie: `${SESSION_COOKIE}=${manager.cookie}`,
        },
        payload: urlencoded({ _csrf: manager.csrf, ...outside, amount: '-0,01' }),
      });
      assert.equal(english.statusCode, 422);
      assert.deepEqual(
        ['error-amount', 'error-stock', 'error-maxPerBooking'].map((id) => text(english.body, id)),
        ['At least €0.00.', 'At most 1,000,000.', 'At least 1.'],
      );
      const page = parseHtml(english.body);
      assert.deepEqual(
        ['amount', 'stock', 'maxPerBooking'].map((name) => page.querySelector(`input[name="${name}"]`)?.getAttribute('value')),
        ['-0,01', '99999999999999999999', '-1'],
      );
      assert.equal((await extrasOf(home)).length, before);
    });

    test('an extra bookings hold keeps its basis: changing it is refused at the field, everything else may change', async () => {
      const extra = await makeExtra(t.database.db, home, { label: { nl: 'Lunchpakket', en: 'Packed lunch' } });
      const slot = await makeSlot(t.database.db, t.clock, home, { date: '2026-06-20' });
      await book(t.database.db, t.clock, slot, { groupSize: 4, extras: { [extra.id]: 1 } });
      const url = `/admin/activities/${home.id}/extras/${extra.id}`;
      const refused = await adminPost(t, manager, url, { ...LUNCH, labelNl: 'Lunchpakket', labelEn: 'Packed lunch', basis: 'group' });
      assert.equal(refused.statusCode, 422);
      assert.match(text(refused.body, 'error-basis'), /al geboekt/);
      assert.equal((await extrasOf(home)).find((e) => e.id === extra.id)?.basis, 'person');
      const repriced = await adminPost(t, manager, url, { ...LUNCH, labelNl: 'Lunchpakket', labelEn: 'Packed lunch', amount: '10,50' });
      assert.equal(repriced.statusCode, 303);
    });

    test("another venue's manager, a viewer, and a post without the form token change nothing", async () => {
      const extra = await makeExtra(t.database.db, away, { label: { nl: 'Gids', en: 'Guide' } });
      assert.equal((await adminGet(t, manager, `/admin/activities/${away.id}/extras`)).statusCode, 404);
      assert.equal((await adminGet(t, manager, `/admin/activities/${away.id}/extras/${extra.id}`)).statusCode, 404);
      assert.equal((await adminPost(t, manager, `/admin/activities/${away.id}/extras/${extra.id}`, LUNCH)).statusCode, 404);
      assert.equal((await adminPost(t, manager, `/admin/activities/${away.id}/extras`, LUNCH)).statusCode, 404);
      assert.equal((await adminGet(t, otherManager, `/admin/activities/${home.id}/extras/${extra.id}`)).statusCode, 404);
      assert.equal((await adminGet(t, viewer, `/admin/activities/${home.id}/extras`)).statusCode, 403);
      assert.equal((await postForm(t, `/admin/activities/${away.id}/extras`, LUNCH, otherManager.cookie)).statusCode, 403);
      assert.deepEqual(
        (await extrasOf(away)).map((e) => e.label.en),
        ['Guide'],
      );
    });
  });
}
