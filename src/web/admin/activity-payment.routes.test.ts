import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, type TestApp } from '../../../test/app.js';
import { testDialects } from '../../../test/databases.js';
import { makeActivity } from '../../../test/factories.js';
import { formFields, parseHtml } from '../../../test/html.js';
import { startMollie, TEST_VENUE_MOLLIE_KEY, type TestMollie } from '../../../test/mollie/payments.js';
import { adminGet, adminPost, type SignedIn } from '../../../test/staff.js';
import { makeTwoVenues, signInMembers } from '../../../test/venues.js';
import type { Activity } from '../../core/catalog/activity.js';
import { SESSION_COOKIE } from './session-cookie.js';

for (const dialect of testDialects()) {
  describe(`an activity's payment terms and cancellation policy in the back office (${dialect.name})`, () => {
    let mollie: TestMollie;
    let t: TestApp;
    let home: Activity;
    let away: Activity;
    let manager: SignedIn;
    let admin: SignedIn;

    before(async () => {
      // No platform key: online payment needs the venue's own.
      mollie = await startMollie({ platformKey: null });
      t = await buildTestApp(dialect, '2026-06-01T08:00:00Z', {}, { payments: mollie.settings });
      ({ home, away } = await makeTwoVenues(t));
      ({ manager, admin } = await signInMembers(t, { home, away }, ['manager', 'admin']));
    });
    after(async () => {
      await t.close();
      await mollie.close();
    });

    const activityRow = (id: string) => t.database.db.selectFrom('activities').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const logEntriesOf = (action: string) =>
      t.database.db.selectFrom('activity_log').selectAll().where('action', '=', action).orderBy('at').execute();
    /** What the browser would send for the activity form: its inputs, textareas and selected options. */
    const fieldsOf = (body: string) => {
      const form = parseHtml(body).querySelector('form.narrow-form')!;
      const fields = formFields(form);
      for (const select of form.querySelectorAll('select')) {
        const chosen = select.querySelector('option[selected]') ?? select.querySelector('option');
        fields[select.getAttribute('name')!] = chosen?.getAttribute('value') ?? '';
      }
      const { _csrf: _token, ...typed } = fields;
      return typed;
    };
    const errorOf = (body: string, name: string) => parseHtml(body).querySelector(`[data-testid="error-${name}"]`)?.textContent;

    test('shown with the defaults: paid at the venue, and the policy read back as a sentence', async () => {
      const page = await adminGet(t, manager, `/admin/activities/${home.id}`);
      const fields = fieldsOf(page.body);
      assert.deepEqual(
        [fields.paymentMode, fields.depositPercent, fields.balanceDaysBefore, fields.invoiceAllowed, fields.invoiceTermDays],
        ['venue', '30', '14', undefined, '14'],
      );
      assert.deepEqual(
        [fields['refundTiers.0.amount'], fields['refundTiers.0.unit'], fields['refundTiers.0.percent']],
        ['14', 'days', '100'],
      );
      assert.deepEqual(
        [fields['refundTiers.1.amount'], fields['refundTiers.1.unit'], fields['refundTiers.1.percent']],
        ['48', 'hours', '50'],
      );
      assert.equal(fields['refundTiers.2.amount'], '');
      const root = parseHtml(page.body);
      assert.equal(
        root.querySelector('[data-testid="refund-preview"]')?.textContent,
        'Tot 14 dagen vóór het bezoek: alles terug; tot 48 uur vóór het bezoek: 50% terug; daarna niets terug.',
      );
      assert.equal(root.querySelector('[data-testid="no-online-payment"]'), null, 'paid at the venue needs no key');
    });

    test('every fault of the payment terms and tiers in one round, translated, with the input kept; nothing saved', async () => {
      const activity = await makeActivity(t.database.db, t.clock, { venueId: home.venue.id, slug: 'betaal-fouten' });
      const url = `/admin/activities/${activity.id}`;
      const shown = fieldsOf((await adminGet(t, manager, url)).body);
      const bad = {
        paymentMode: 'deposit',
        depositPercent: '100',
        balanceDaysBefore: '',
        invoiceAllowed: 'yes',
        invoiceTermDays: '91',
        'refundTiers.0.amount': '14',
        'refundTiers.0.unit': 'days',
        'refundTiers.0.percent': '100',
        'refundTiers.1.amount': '20',
        'refundTiers.1.unit': 'days',
        'refundTiers.1.percent': '50',
        'refundTiers.2.amount': '5',
        'refundTiers.2.unit': 'hours',
        'refundTiers.2.percent': '101',
        'refundTiers.3.amount': 'twee',
        'refundTiers.3.unit': 'weken',
        'refundTiers.3.percent': '',
        'refundTiers.4.amount': '400',
        'refundTiers.4.unit': 'days',
        'refundTiers.4.percent': '101',
      };
      const refused = await adminPost(t, manager, url, { ...shown, titleNl: '', ...bad });
      assert.equal(refused.statusCode, 422);
      const expected: Record<string, string> = {
        titleNl: 'Vul dit veld in.',
        depositPercent: 'Hoogstens 99.',
        balanceDaysBefore: 'Vul dit veld in.',
        invoiceTermDays: 'Hoogstens 90.',
        'refundTiers.1.amount': 'Elke regel moet korter vóór het bezoek liggen dan de regel erboven (de langste termijn bovenaan).',
        'refundTiers.2.percent': 'Hoogstens 100.',
        'refundTiers.3.amount': 'Vul een heel getal in.',
        'refundTiers.3.unit': 'Deze waarde is ongeldig.',
        'refundTiers.3.percent': 'Vul dit veld in.',
        // 400 days is more than the longest notice, 8760 hours: named in the tier's unit.
        'refundTiers.4.amount': 'Hoogstens 365.',
        // With the same tier's percent refused too: both named at once.
        'refundTiers.4.percent': 'Hoogstens 100.',
      };
      // A tier's error names its tier, by the number its legend shows.
      const named = (name: string, message: string) =>
        name.startsWith('refundTiers.') ? `Regel ${Number(name.split('.')[1]) + 1}: ${message}` : message;
      for (const [name, message] of Object.entries(expected)) assert.equal(errorOf(refused.body, name), named(name, message), name);
      assert.equal(errorOf(refused.body, 'refundTiers.0.amount'), undefined);
      const root = parseHtml(refused.body);
      assert.ok(root.querySelector('[data-testid="form-errors"] a[href="#refundTiers.1.amount"]'));
      assert.ok(root.querySelector('[data-testid="form-errors"] a[href="#depositPercent"]'));
      assert.equal(root.querySelector('[data-testid="refund-preview"]'), null, 'no sentence for a policy that does not parse');
      const kept = fieldsOf(refused.body);
      for (const name of [
        'paymentMode',
        'depositPercent',
        'invoiceTermDays',
        'refundTiers.1.amount',
        'refundTiers.3.amount',
        'refundTiers.4.amount',
      ]) {
        assert.equal(kept[name], bad[name as keyof typeof bad], name);
      }
      assert.equal(kept.invoiceAllowed, 'yes', 'the ticked box stays ticked');
      const row = await activityRow(activity.id);
      assert.deepEqual([row.payment_mode, row.invoice_allowed, row.title_nl], ['venue', 0, activity.title.nl], 'nothing is saved');

      const english = await t.app.inject({
        method: 'POST',
        url,
        headers: {
          origin: 'http://bookings.test',
          'content-type': 'application/x-www-form-urlencoded',
          'accept-language': 'en',
          cookie: `${SESSION_COOKIE}=${manager.cookie}`,
        },
        payload: new URLSearchParams({
          _csrf: manager.csrf,
          ...shown,
          paymentMode: 'soms',
          ...{ 'refundTiers.1.amount': '15', 'refundTiers.1.unit': 'days' },
          ...{ 'refundTiers.2.amount': '366', 'refundTiers.2.unit': 'days', 'refundTiers.2.percent': '101' },
        }).toString(),
      });
      assert.equal(english.statusCode, 422);
      assert.equal(errorOf(english.body, 'paymentMode'), 'This value is not valid.');
      assert.equal(
        errorOf(english.body, 'refundTiers.1.amount'),
        'Row 2: Each row must be shorter before the visit than the row above it (the longest period first).',
      );
      assert.equal(errorOf(english.body, 'refundTiers.2.amount'), 'Row 3: At most 365.');
      assert.equal(errorOf(english.body, 'refundTiers.2.percent'), 'Row 3: At most 100.');
    });

    test('tiers out of order are refused through the form however typed: nothing saved, the policy as before', async () => {
      const activity = await makeActivity(t.database.db, t.clock, { venueId: home.venue.id, slug: 'trappen' });
      const url = `/admin/activities/${activity.id}`;
      const shown = fieldsOf((await adminGet(t, manager, url)).body);
      const before = (await activityRow(activity.id)).refund_policy;
      const blank = { amount: '', unit: 'days', percent: '' };
      const tiersOf = (...tiers: { amount: string; unit: string; percent: string }[]) =>
        Object.fromEntries(
          Array.from({ length: 5 }, (_, i) => tiers[i] ?? blank).flatMap((tier, i) => [
            [`refundTiers.${i}.amount`, tier.amount],
            [`refundTiers.${i}.unit`, tier.unit],
            [`refundTiers.${i}.percent`, tier.percent],
          ]),
        );
      const tier = (amount: string, unit: string, percent: string) => ({ amount, unit, percent });
      const cases: [string, Record<string, string>, string, string][] = [
        [
          'the same notice twice',
          tiersOf(tier('2', 'days', '100'), tier('48', 'hours', '50')),
          'refundTiers.1.amount',
          'tiers_out_of_order',
        ],
        [
          'empty rows between',
          tiersOf(tier('2', 'days', '50'), blank, blank, tier('14', 'days', '100')),
          'refundTiers.3.amount',
          'tiers_out_of_order',
        ],
        [
          'more back at shorter notice',
          tiersOf(tier('14', 'days', '50'), tier('48', 'hours', '100')),
          'refundTiers.1.percent',
          'tiers_percent_rising',
        ],
        [
          'more back at shorter notice, empty rows between',
          tiersOf(tier('14', 'days', '50'), blank, tier('48', 'hours', '100')),
          'refundTiers.2.percent',
          'tiers_percent_rising',
        ],
        [
          'out of order across a faulty row',
          tiersOf(tier('2', 'days', '50'), tier('1e3', 'hours', '40'), tier('14', 'days', '100')),
          'refundTiers.2.amount',
          'tiers_out_of_order',
        ],
        ['units typed in the amount', tiersOf(tier('14 dagen', 'days', '100')), 'refundTiers.0.amount', 'not_a_number'],
        ['a negative notice', tiersOf(tier('-1', 'hours', '100')), 'refundTiers.0.amount', 'too_small'],
        ['too long a notice in days', tiersOf(tier('9000', 'days', '100')), 'refundTiers.0.amount', 'too_large_days'],
        ['too long a notice in hours', tiersOf(tier('9000', 'hours', '100')), 'refundTiers.0.amount', 'too_large_hours'],
        ['whitespace only as the percentage', tiersOf(tier('14', 'days', '  ')), 'refundTiers.0.percent', 'required'],
      ];
      const messages: Record<string, string> = {
        tiers_out_of_order: 'Elke regel moet korter vóór het bezoek liggen dan de regel erboven (de langste termijn bovenaan).',
        tiers_percent_rising: 'Een regel mag niet meer terugbetalen dan de regel erboven: wie eerder annuleert, krijgt nooit minder terug.',
        not_a_number: 'Vul een heel getal in.',
        too_small: 'Minstens 0.',
        too_large_days: 'Hoogstens 365.',
        too_large_hours: 'Hoogstens 8.760.',
        required: 'Vul dit veld in.',
      };
      for (const [name, tiers, field, code] of cases) {
        const refused = await adminPost(t, manager, url, { ...shown, ...tiers });
        assert.equal(refused.statusCode, 422, name);
        assert.equal(errorOf(refused.body, field), `Regel ${Number(field.split('.')[1]) + 1}: ${messages[code]}`, name);
        assert.equal((await activityRow(activity.id)).refund_policy, before, `${name}: nothing saved`);
      }
      // Whitespace around a number is not a fault.
      const spaced = await adminPost(t, manager, url, { ...shown, ...tiersOf(tier(' 14 ', 'days', ' 100 '), tier('2', 'days', '50')) });
      assert.equal(spaced.statusCode, 303);
      assert.deepEqual(JSON.parse((await activityRow(activity.id)).refund_policy), [
        { hoursBefore: 336, percent: 100 },
        { hoursBefore: 48, percent: 50 },
      ]);
    });

    test('saved into the activity, logged by name, shown again; unused numbers left blank keep their values', async () => {
      const activity = await makeActivity(t.database.db, t.clock, { venueId: home.venue.id, slug: 'aanbetaling' });
      const url = `/admin/activities/${activity.id}`;
      const shown = fieldsOf((await adminGet(t, manager, url)).body);
      const terms = {
        paymentMode: 'deposit',
        depositPercent: '25',
        balanceDaysBefore: '10',
        invoiceAllowed: 'yes',
        invoiceTermDays: '30',
        'refundTiers.0.amount': '30',
        'refundTiers.0.unit': 'days',
        'refundTiers.0.percent': '100',
        'refundTiers.1.amount': '',
        'refundTiers.1.percent': '',
        'refundTiers.2.amount': '72',
        'refundTiers.2.unit': 'hours',
        'refundTiers.2.percent': '50',
        'refundTiers.3.amount': '0',
        'refundTiers.3.unit': 'hours',
        'refundTiers.3.percent': '10',
      };
      const saved = await adminPost(t, manager, url, { ...shown, ...terms });
      assert.equal(saved.statusCode, 303, saved.body.slice(0, 500));
      const row = await activityRow(activity.id);
      assert.deepEqual(
        [row.payment_mode, row.deposit_percent, row.balance_days_before, row.invoice_allowed, row.invoice_term_days],
        ['deposit', 25, 10, 1, 30],
      );
      assert.deepEqual(JSON.parse(row.refund_policy), [
        { hoursBefore: 720, percent: 100 },
        { hoursBefore: 72, percent: 50 },
        { hoursBefore: 0, percent: 10 },
      ]);
      const entry = (await logEntriesOf('activity.updated')).find((e) => e.target === 'aanbetaling');
      assert.deepEqual(JSON.parse(entry!.detail).changed.split(','), [
        'refundPolicy',
        'payment.mode',
        'payment.depositPercent',
        'payment.balanceDaysBefore',
        'payment.invoiceAllowed',
        'payment.invoiceTermDays',
      ]);

      const again = await adminGet(t, manager, url);
      const fields = fieldsOf(again.body);
      assert.deepEqual(
        [fields['refundTiers.0.amount'], fields['refundTiers.0.unit'], fields['refundTiers.1.amount'], fields['refundTiers.1.unit']],
        ['30', 'days', '3', 'days'],
      );
      assert.equal(
        parseHtml(again.body).querySelector('[data-testid="refund-preview"]')?.textContent,
        'Tot 30 dagen vóór het bezoek: alles terug; tot 3 dagen vóór het bezoek: 50% terug; tot het begin van het bezoek: 10% terug.',
      );

      // Paid in full now: the deposit's numbers, left blank, keep what they were; no tiers is "nothing back".
      const blankTiers = Object.fromEntries(
        Object.keys(fields)
          .filter((k) => k.startsWith('refundTiers.') && !k.endsWith('.unit'))
          .map((k) => [k, '']),
      );
      const full = await adminPost(t, manager, url, {
        ...fields,
        paymentMode: 'full',
        depositPercent: '',
        balanceDaysBefore: '',
        ...blankTiers,
      });
      assert.equal(full.statusCode, 303, full.body.slice(0, 500));
      const after = await activityRow(activity.id);
      assert.deepEqual([after.payment_mode, after.deposit_percent, after.balance_days_before, after.refund_policy], ['full', 25, 10, '[]']);
      assert.equal(
        parseHtml((await adminGet(t, manager, url)).body).querySelector('[data-testid="refund-preview"]')?.textContent,
        'Bij annuleren gaat er niets terug.',
      );
    });

    test('a new activity gets the terms of its form, not defaults', async () => {
      const form = fieldsOf((await adminGet(t, admin, '/admin/activities/new')).body);
      const created = await adminPost(t, admin, '/admin/activities/new', {
        ...form,
        venueId: away.venue.id,
        slug: 'vooraf-betaald',
        titleNl: 'Vooraf betaald',
        titleEn: 'Paid in advance',
        descriptionNl: 'Alles online.',
        descriptionEn: 'All online.',
        location: 'Kade 2',
        category: 'water',
        durationMinutes: '60',
        maxGroupSize: '20',
        'lines.0.labelNl': 'Kaartje',
        'lines.0.labelEn': 'Ticket',
        'lines.0.amount': '10',
        paymentMode: 'full',
        'refundTiers.0.amount': '7',
        'refundTiers.0.unit': 'days',
        'refundTiers.0.percent': '80',
        'refundTiers.1.amount': '',
        'refundTiers.1.percent': '',
      });
      assert.equal(created.statusCode, 303, created.body.slice(0, 500));
      const row = await t.database.db.selectFrom('activities').selectAll().where('slug', '=', 'vooraf-betaald').executeTakeFirstOrThrow();
      assert.equal(row.payment_mode, 'full');
      assert.deepEqual(JSON.parse(row.refund_policy), [{ hoursBefore: 168, percent: 80 }]);
    });

    test('online payment without any key: a notice says why and how to fix it; saving is allowed; a key of the venue ends it', async () => {
      const activity = await makeActivity(t.database.db, t.clock, { venueId: home.venue.id, slug: 'online-zonder-sleutel' });
      const url = `/admin/activities/${activity.id}`;
      const shown = fieldsOf((await adminGet(t, manager, url)).body);
      const saved = await adminPost(t, manager, url, { ...shown, paymentMode: 'full' });
      assert.equal(saved.statusCode, 303, 'saving is allowed');
      assert.equal((await activityRow(activity.id)).payment_mode, 'full');
      const root = parseHtml((await adminGet(t, manager, `${url}?saved=1`)).body);
      const notice = root.querySelector('[data-testid="no-online-payment"]');
      assert.match(notice?.textContent ?? '', /Online betalen wordt nu niet aangeboden.*op locatie betaald/);
      assert.equal(notice?.querySelector('a')?.getAttribute('href'), `/admin/venues/${home.venue.id}#mollie-title`);

      const keyed = await adminPost(t, manager, `/admin/venues/${home.venue.id}/mollie-key`, { mollieKey: TEST_VENUE_MOLLIE_KEY });
      assert.equal(keyed.statusCode, 303);
      assert.equal(parseHtml((await adminGet(t, manager, url)).body).querySelector('[data-testid="no-online-payment"]'), null);
    });
  });

  describe(`with the platform's key, no notice (${dialect.name})`, () => {
    let mollie: TestMollie;
    let t: TestApp;

    before(async () => {
      mollie = await startMollie();
      t = await buildTestApp(dialect, '2026-06-01T08:00:00Z', {}, { payments: mollie.settings });
    });
    after(async () => {
      await t.close();
      await mollie.close();
    });

    test('an activity paid online at a venue without its own key is served by the platform key', async () => {
      const { home, away } = await makeTwoVenues(t);
      const { manager } = await signInMembers(t, { home, away }, ['manager']);
      await t.database.db.updateTable('activities').set({ payment_mode: 'deposit' }).where('id', '=', home.id).execute();
      const root = parseHtml((await adminGet(t, manager, `/admin/activities/${home.id}`)).body);
      assert.equal(root.querySelector('#paymentMode option[selected]')?.getAttribute('value'), 'deposit');
      assert.equal(root.querySelector('[data-testid="no-online-payment"]'), null);
    });
  });
}
