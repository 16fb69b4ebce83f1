import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, type TestApp } from '../../../test/app.js';
import { testDialects } from '../../../test/databases.js';
import { parseHtml, urlencoded } from '../../../test/html.js';
import { adminGet, adminPost, type SignedIn } from '../../../test/staff.js';
import { makeTwoVenues, signInMembers } from '../../../test/venues.js';
import type { Activity } from '../../core/catalog/activity.js';
import { SESSION_COOKIE } from './session-cookie.js';

for (const dialect of testDialects()) {
  describe(`discount codes in the back office (${dialect.name})`, () => {
    let t: TestApp;
    let home: Activity;
    let away: Activity;
    let manager: SignedIn;
    let viewer: SignedIn;
    let otherManager: SignedIn;
    let admin: SignedIn;

    before(async () => {
      t = await buildTestApp(dialect, '2026-12-08T09:00:00Z');
      ({ home, away } = await makeTwoVenues(t));
      ({ manager, viewer, otherManager, admin } = await signInMembers(t, { home, away }, ['manager', 'viewer', 'otherManager', 'admin']));
    });
    after(() => t.close());

    const codeRow = (code: string) => t.database.db.selectFrom('discount_codes').selectAll().where('code', '=', code).executeTakeFirst();
    const listed = async (who: SignedIn) => {
      const page = parseHtml((await adminGet(t, who, '/admin/discounts')).body);
      return [...page.querySelectorAll('[data-testid="discount-list"] tbody tr[data-code]')].map((row) => [
        row.getAttribute('data-code'),
        row.querySelector('[data-testid="discount-uses"]')?.textContent,
      ]);
    };

    test('a manager makes a code for their venue, limited to an activity; it is listed with its uses, and logged', async () => {
      const form = parseHtml((await adminGet(t, manager, '/admin/discounts/new')).body);
      assert.ok(form.querySelector(`input[name="activityIds"][value="${home.id}"]`));
      assert.equal(form.querySelector(`input[name="activityIds"][value="${away.id}"]`), null, "another venue's activities are not offered");
      const made = await adminPost(t, manager, '/admin/discounts', {
        code: 'zomer-10',
        kind: 'amount',
        value: '7,50',
        per: 'person',
        maxUses: '2.000',
        activityIds: home.id,
        active: 'yes',
      });
      assert.equal(made.statusCode, 303);
      const row = await codeRow('ZOMER-10');
      assert.equal(row?.venue_id, home.venue.id);
      assert.deepEqual([row?.kind, row?.amount_cents, row?.per, row?.max_uses, row?.active], ['amount', 750, 'person', 2000, 1]);
      assert.deepEqual(await listed(manager), [['ZOMER-10', '0 / 2.000']]);
      assert.deepEqual(await listed(viewer), [['ZOMER-10', '0 / 2.000']], 'every role of the venue sees the codes');
      assert.deepEqual(await listed(otherManager), [], "another venue's manager sees none of them");
      const logged = await t.database.db
        .selectFrom('activity_log')
        .select(['action', 'target'])
        .where('action', '=', 'discount.created')
        .execute();
      assert.deepEqual(logged, [{ action: 'discount.created', target: 'ZOMER-10' }]);
    });

    test('a refused form names each fault, translated, with the form as typed', async () => {
      const res = await adminPost(t, manager, '/admin/discounts', {
        code: 'zomer 10',
        kind: 'percent',
        value: '120',
        validFrom: '2027-01-10',
        validUntil: '2027-01-01',
      });
      assert.equal(res.statusCode, 422);
      const page = parseHtml(res.body);
      const error = (field: string) => page.querySelector(`[data-testid="error-${field}"]`)?.textContent;
      assert.equal(error('code'), 'Gebruik alleen letters, cijfers en streepjes (- of _), zonder spaties.');
      assert.ok(error('value'));
      assert.ok(error('validUntil'));
      assert.equal(page.querySelector('#code')?.getAttribute('value'), 'zomer 10');
      const taken = await adminPost(t, manager, '/admin/discounts', { code: 'Zomer-10', kind: 'percent', value: '5' });
      assert.equal(taken.statusCode, 422);
      assert.equal(
        parseHtml(taken.body).querySelector('[data-testid="error-code"]')?.textContent,
        'Deze code bestaat al bij deze locatie.',
      );
    });

    /** A form refused (422) with these errors at the value and the uses, the value kept as typed. */
    const refusedAsTyped = (res: { statusCode: number; body: string }, value: string, errors: readonly (string | undefined)[]) => {
      assert.equal(res.statusCode, 422, value);
      const page = parseHtml(res.body);
      const error = (field: string) => page.querySelector(`[data-testid="error-${field}"]`)?.textContent.trim();
      assert.deepEqual([error('value'), error('maxUses')], errors, value);
      assert.equal(page.querySelector('#value')?.getAttribute('value'), value);
    };

    test("a percentage grouped the other language's way is told the field's bounds, never a number above them, as typed", async () => {
      const post = (value: string, language: 'nl' | 'en') =>
        adminPost(t, manager, '/admin/discounts', { code: 'PROCENT', kind: 'percent', value, maxUses: '1,000' }, language);
      for (const [value, language, valueError, usesError] of [
        [
          '10,000',
          'nl',
          'Een komma staat voor decimalen. Vul een heel getal van 1 tot en met 100 in.',
          'Een komma staat voor decimalen. Bedoelt u 1.000? Schrijf dan 1000 of 1.000.',
        ],
        ['10.000', 'en', 'A point marks decimals. Enter a whole number from 1 to 100.', undefined],
      ] as const) {
        refusedAsTyped(await post(value, language), value, [valueError, usesError]);
      }
      assert.equal(await codeRow('PROCENT'), undefined);
    });

    test('a well-formed amount too large or below zero is told so, not as badly typed, in Dutch and English; as typed', async () => {
      const post = (value: string, language: 'nl' | 'en') =>
        adminPost(t, manager, '/admin/discounts', { code: 'GROOT', kind: 'amount', value, per: 'booking', maxUses: '-1' }, language);
      const cases = [
        ['99999999', 'nl', 'Hoogstens €\u00a0100.000,00.', 'Minstens 1.'],
        ['-5,00', 'nl', 'Minstens €\u00a00,01.', 'Minstens 1.'],
        ['10000000', 'en', 'At most €100,000.00.', 'At least 1.'],
        ['-0.01', 'en', 'At least €0.01.', 'At least 1.'],
      ] as const;
      for (const [value, language, valueError, usesError] of cases) {
        refusedAsTyped(await post(value, language), value, [valueError, usesError]);
      }
      assert.equal(await codeRow('GROOT'), undefined);
      // Thousands separators, where they cannot be the decimal one, are read: the amount is too large, not badly typed.
      for (const value of ['1.000.000,00', '1.000.000', '1,000,000']) {
        const page = parseHtml((await post(value, 'nl')).body);
        assert.equal(page.querySelector('[data-testid="error-value"]')?.textContent.trim(), 'Hoogstens €\u00a0100.000,00.', value);
      }
    });

    test("another venue's code is not found; a viewer may not change one; a manager edits and switches theirs off", async () => {
      const row = (await codeRow('ZOMER-10'))!;
      // An admin's list spans venues: each code names its venue; a manager's names none.
      const venueOf = async (who: SignedIn) =>
        parseHtml((await adminGet(t, who, '/admin/discounts')).body)
          .querySelector('[data-testid="discount-list"] tr[data-code="ZOMER-10"] [data-testid="discount-venue"]')
          ?.textContent.trim();
      assert.equal(await venueOf(admin), home.venue.name);
      assert.equal(await venueOf(manager), undefined);
      assert.equal((await adminGet(t, otherManager, `/admin/discounts/${row.id}`)).statusCode, 404);
      assert.equal((await adminPost(t, otherManager, `/admin/discounts/${row.id}`, { kind: 'percent', value: '50' })).statusCode, 404);
      assert.equal((await adminPost(t, otherManager, `/admin/discounts/${row.id}/deactivate`)).statusCode, 404);
      assert.equal((await adminPost(t, viewer, `/admin/discounts/${row.id}/deactivate`)).statusCode, 403);
      assert.equal((await adminGet(t, viewer, '/admin/discounts/new')).statusCode, 403);
      assert.equal((await codeRow('ZOMER-10'))?.active, 1);

      const edited = await adminPost(t, manager, `/admin/discounts/${row.id}`, {
        kind: 'percent',
        value: '15',
        maxUses: '',
        active: 'yes',
      });
      assert.equal(edited.statusCode, 303);
      assert.deepEqual(await listed(manager), [['ZOMER-10', '0']]);
      assert.equal((await adminPost(t, manager, `/admin/discounts/${row.id}/deactivate`)).statusCode, 303);
      const after = await codeRow('ZOMER-10');
      assert.deepEqual([after?.kind, after?.percent, after?.amount_cents, after?.max_uses, after?.active], ['percent', 15, null, null, 0]);
    });

    test('an admin picks the venue of a new code', async () => {
      // Left out, it is named with every other fault of the form at once, what was typed kept.
      const unpicked = await adminPost(t, admin, '/admin/discounts', {
        venueId: '',
        code: 'MUSEUM',
        kind: 'percent',
        value: '10',
        maxUses: '10,000',
      });
      assert.equal(unpicked.statusCode, 422);
      const refusedPage = parseHtml(unpicked.body);
      assert.deepEqual(
        refusedPage.querySelectorAll('.error-summary a').map((a) => a.getAttribute('href')),
        ['#venueId', '#maxUses'],
      );
      assert.equal(refusedPage.querySelector('input[name="maxUses"]')?.getAttribute('value'), '10,000');
      const form = parseHtml((await adminGet(t, admin, '/admin/discounts/new')).body);
      assert.ok(form.querySelector(`select[name="venueId"] option[value="${away.venue.id}"]`));
      const made = await adminPost(t, admin, '/admin/discounts', {
        venueId: away.venue.id,
        code: 'MUSEUM',
        kind: 'percent',
        value: '10',
        active: 'yes',
      });
      assert.equal(made.statusCode, 303);
      assert.equal((await codeRow('MUSEUM'))?.venue_id, away.venue.id);
      assert.deepEqual(await listed(otherManager), [['MUSEUM', '0']]);
    });

    test("a saved amount comes back grouped the page's way; sent back unchanged in Dutch or English it keeps its value", async () => {
      const made = await adminPost(t, manager, '/admin/discounts', {
        code: 'DUIZEND',
        kind: 'amount',
        value: '1.250,00',
        per: 'booking',
        active: 'yes',
      });
      assert.equal(made.statusCode, 303);
      const row = await codeRow('DUIZEND');
      assert.equal(row?.amount_cents, 1_250_00);
      for (const [language, shown] of [
        ['nl', '1.250,00'],
        ['en', '1,250.00'],
      ] as const) {
        const headers = { cookie: `${SESSION_COOKIE}=${manager.cookie}`, 'accept-language': language };
        const form = parseHtml((await t.app.inject({ url: `/admin/discounts/${row!.id}`, headers })).body);
        assert.equal(form.querySelector('#value')?.getAttribute('value'), shown, language);
        const saved: { statusCode: number } = await t.app.inject({
          method: 'POST',
          url: `/admin/discounts/${row!.id}`,
          headers: { ...headers, origin: t.publicUrl, 'content-type': 'application/x-www-form-urlencoded' },
          payload: urlencoded({ _csrf: manager.csrf, code: 'DUIZEND', kind: 'amount', value: shown, per: 'booking', active: 'yes' }),
        });
        assert.equal(saved.statusCode, 303, language);
        assert.equal((await codeRow('DUIZEND'))?.amount_cents, 1_250_00, language);
      }
      // The other language's separator once is refused, saying how to write the amount on this page.
      const refused = await adminPost(t, manager, '/admin/discounts', { code: 'DUBBEL', kind: 'amount', value: '1,250', per: 'booking' });
      assert.equal(refused.statusCode, 422);
      assert.equal(
        parseHtml(refused.body).querySelector('[data-testid="error-value"]')?.textContent.trim(),
        'Een komma staat voor de centen, hoogstens twee cijfers. Bedoelt u €\u00a01.250,00? Schrijf duizendtallen dan met een punt of zonder teken, zoals 1.250,00 of 1250.',
      );
    });
  });
}
