import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, type TestApp } from '../../../test/app.js';
import { testDialects } from '../../../test/databases.js';
import { book, makeActivity, makeSlot } from '../../../test/factories.js';
import { formFields, parseHtml } from '../../../test/html.js';
import { adminGet, adminPost, type SignedIn } from '../../../test/staff.js';
import { makeTwoVenues, signInMembers } from '../../../test/venues.js';
import { SESSION_COOKIE } from './session-cookie.js';
import type { Activity } from '../../core/catalog/activity.js';
import type { Pricing } from '../../core/catalog/pricing.js';
import { MAX_LINE_AMOUNT_CENTS, PRICE_LINE_LIMITS } from '../../core/catalog/price-lines-form.js';
import { formatCount, formatMoney } from '../../core/i18n/format.js';

/** The band-priced line of the farm golf activity. */
const GOLF_LINE: Pricing[number] = {
  label: { nl: 'Golf', en: 'Golf' },
  basis: 'person',
  vat: 'low',
  bands: [
    { minSize: 6, maxSize: 11, amountCents: 2450 },
    { minSize: 12, maxSize: 30, amountCents: 1950 },
  ],
};

const lunchLine = (amountCents: number): Pricing[number] => ({
  label: { nl: 'Lunch', en: 'Lunch' },
  basis: 'person',
  vat: 'low',
  amountCents,
});

/** A complete, valid activity form as a manager fills it in. */
function validForm(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    slug: 'rondvaart-door-de-grachten',
    titleNl: 'Rondvaart door de grachten',
    titleEn: 'Canal cruise',
    descriptionNl: 'Een uur varen.\nMet uitleg.',
    descriptionEn: 'An hour on the water.\nWith a guide.',
    location: 'Kade 1, Utrecht',
    category: 'water',
    durationMinutes: '60',
    minGroupSize: '2',
    maxGroupSize: '40',
    cutoffHours: '1,5',
    'lines.0.labelNl': 'Vaarkaartje',
    'lines.0.labelEn': 'Ticket',
    'lines.0.basis': 'person',
    'lines.0.vat': 'low',
    'lines.0.amount': '12,50',
    'lines.1.labelNl': 'Gids',
    'lines.1.labelEn': 'Guide',
    'lines.1.basis': 'group',
    'lines.1.vat': 'high',
    'lines.1.amount': '75.00',
    bookingMode: 'instant',
    optionsAllowed: 'yes',
    optionHours: '48',
    optionMinDaysBefore: '7',
    optionMaxPerEmail: '3',
    cancelUntilHours: '48',
    participantFields: 'dietary',
    status: 'published',
    minAge: '0',
    maxAge: '',
    bringNl: '',
    bringEn: '',
    wheelchair: 'unknown',
    accessibilityNl: '',
    accessibilityEn: '',
    paymentMode: 'venue',
    depositPercent: '30',
    balanceDaysBefore: '14',
    invoiceTermDays: '14',
    'refundTiers.0.amount': '14',
    'refundTiers.0.unit': 'days',
    'refundTiers.0.percent': '100',
    'refundTiers.1.amount': '48',
    'refundTiers.1.unit': 'hours',
    'refundTiers.1.percent': '50',
    ...overrides,
  };
}

for (const dialect of testDialects()) {
  describe(`the back office's activities (${dialect.name})`, () => {
    let t: TestApp;
    let home: Activity;
    let away: Activity;
    let banded: Activity;
    let manager: SignedIn;
    let staff: SignedIn;
    let viewer: SignedIn;
    let otherManager: SignedIn;
    let admin: SignedIn;

    before(async () => {
      t = await buildTestApp(dialect, '2026-06-01T08:00:00Z');
      const { db } = t.database;
      ({ home, away } = await makeTwoVenues(t));
      banded = await makeActivity(db, t.clock, {
        venueId: home.venue.id,
        slug: 'boerengolf',
        title: { nl: 'Boerengolf', en: 'Farm golf' },
        durationMinutes: 120,
        minGroupSize: 6,
        maxGroupSize: 30,
        bookingCutoffMinutes: 12 * 60,
        pricing: [GOLF_LINE, lunchLine(1795)],
      });
      await makeSlot(db, t.clock, home, { date: '2026-05-31', time: '10:00' }); // past: not upcoming
      await makeSlot(db, t.clock, home, { date: '2026-06-15', time: '10:00' });
      await makeSlot(db, t.clock, home, { date: '2026-06-16', time: '10:00' });
      ({ manager, staff, viewer, otherManager, admin } = await signInMembers(t, { home, away }));
    });
    after(() => t.close());

    const activityRow = (id: string) => t.database.db.selectFrom('activities').selectAll().where('id', '=', id).executeTakeFirst();
    const activityCount = async () => (await t.database.db.selectFrom('activities').select('id').execute()).length;
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
      return fields;
    };

    test('the list shows the activities of the own venue with their upcoming slots; an admin sees every venue', async () => {
      const page = await adminGet(t, manager, '/admin/activities');
      assert.equal(page.statusCode, 200);
      const root = parseHtml(page.body);
      assert.equal(root.querySelector(`[data-testid="activity-${home.slug}"] [data-testid="upcoming-slots"]`)?.textContent, '2');
      assert.ok(root.querySelector('[data-testid="activity-boerengolf"]'));
      assert.equal(root.querySelector(`[data-testid="activity-${away.slug}"]`), null, "another venue's activity is not listed");
      assert.ok(root.querySelector('a[href="/admin/activities/new"]'));

      const all = parseHtml((await adminGet(t, admin, '/admin/activities')).body);
      assert.ok(all.querySelector(`[data-testid="venue-${home.venue.slug}"] [data-testid="activity-${home.slug}"]`));
      assert.ok(all.querySelector(`[data-testid="venue-${away.venue.slug}"] [data-testid="activity-${away.slug}"]`));

      const seen = await adminGet(t, viewer, '/admin/activities');
      assert.equal(seen.statusCode, 200, 'a viewer may look');
      assert.equal(parseHtml(seen.body).querySelector('a[href="/admin/activities/new"]'), null);
      assert.equal(parseHtml(seen.body).querySelector(`a[href="/admin/activities/${home.id}"]`), null);
    });

    test('a manager creates an activity for the own venue: stored, priced in cents, recorded', async () => {
      const form = parseHtml((await adminGet(t, manager, '/admin/activities/new')).body);
      assert.equal(form.querySelector('select[name="venueId"]'), null, 'a manager does not choose the venue');
      const response = await adminPost(t, manager, '/admin/activities/new', validForm());
      assert.equal(response.statusCode, 303, response.body.slice(0, 300));
      const id = /^\/admin\/activities\/([\w-]+)\?saved=1$/.exec(String(response.headers.location))?.[1];
      assert.ok(id, String(response.headers.location));
      const row = await activityRow(id);
      assert.equal(row?.venue_id, home.venue.id);
      assert.equal(row?.title_en, 'Canal cruise');
      assert.equal(row?.description_nl, 'Een uur varen.\nMet uitleg.');
      assert.equal(row?.booking_cutoff_minutes, 90);
      assert.equal(row?.category, 'water');
      assert.deepEqual(JSON.parse(row!.pricing), [
        { label: { nl: 'Vaarkaartje', en: 'Ticket' }, basis: 'person', vat: 'low', amountCents: 1250 },
        { label: { nl: 'Gids', en: 'Guide' }, basis: 'group', vat: 'high', amountCents: 7500 },
      ]);
      const [entry] = (await logEntriesOf('activity.created')).filter((e) => e.target === 'rondvaart-door-de-grachten');
      assert.equal(entry?.venue_id, home.venue.id);
      assert.ok(entry?.actor_email?.endsWith('@venue.test'));

      const page = await adminGet(t, manager, String(response.headers.location));
      assert.ok(parseHtml(page.body).querySelector('[data-testid="saved"]'));
      const fields = fieldsOf(page.body);
      assert.equal(fields['lines.0.amount'], '12,50');
      assert.equal(fields['lines.1.amount'], '75,00');
      assert.equal(fields.cutoffHours, '1,5');
      assert.equal(fields.category, 'water');
      const listed = parseHtml((await adminGet(t, manager, '/admin/activities')).body);
      assert.ok(listed.querySelector('[data-testid="activity-rondvaart-door-de-grachten"]'));
    });

    test('bad input comes back with 422, every field as typed and translated messages; nothing is stored', async () => {
      const before = await activityCount();
      const bad = validForm({
        slug: 'Geen Slug!',
        titleNl: '',
        maxGroupSize: 'veel',
        category: 'kermis',
        'lines.0.amount': '12,5x',
        'lines.1.labelEn': '',
      });
      const response = await adminPost(t, manager, '/admin/activities/new', bad);
      assert.equal(response.statusCode, 422);
      const root = parseHtml(response.body);
      const fields = fieldsOf(response.body);
      for (const name of ['slug', 'maxGroupSize', 'lines.0.amount', 'titleEn', 'descriptionNl', 'lines.1.labelNl'])
        assert.equal(fields[name], bad[name], name);
      assert.equal(root.querySelector('[data-testid="error-titleNl"]')?.textContent, 'Vul dit veld in.');
      assert.equal(root.querySelector('[data-testid="error-maxGroupSize"]')?.textContent, 'Vul een heel getal in.');
      assert.equal(root.querySelector('[data-testid="error-category"]')?.textContent, 'Deze waarde is ongeldig.');
      assert.equal(root.querySelector('#category option[selected]'), null, 'an unknown category is not chosen');
      assert.match(root.querySelector('[data-testid="error-slug"]')?.textContent ?? '', /kleine letters/);
      assert.match(root.querySelector('[data-testid="error-lines.0.amount"]')?.textContent ?? '', /bedrag in euro/);
      assert.ok(root.querySelector('[data-testid="error-lines.1.labelEn"]'));
      assert.equal(root.querySelector('[data-testid="error-lines.1.labelNl"]'), null);
      assert.ok(root.querySelector('[data-testid="form-errors"] a[href="#lines.0.amount"]'));

      const english = await t.app.inject({
        method: 'POST',
        url: '/admin/activities/new',
        headers: {
          origin: 'http://bookings.test',
          'content-type': 'application/x-www-form-urlencoded',
          'accept-language': 'en',
          cookie: `${SESSION_COOKIE}=${manager.cookie}`,
        },
        payload: new URLSearchParams({ _csrf: manager.csrf, ...validForm({ minGroupSize: '10', maxGroupSize: '5' }) }).toString(),
      });
      assert.equal(english.statusCode, 422);
      assert.equal(
        parseHtml(english.body).querySelector('[data-testid="error-maxGroupSize"]')?.textContent,
        'The largest group cannot be smaller than the smallest group.',
      );

      const uncategorised = parseHtml((await adminPost(t, manager, '/admin/activities/new', validForm({ category: '' }))).body);
      assert.equal(uncategorised.querySelector('[data-testid="error-category"]')?.textContent, 'Vul dit veld in.');

      const taken = await adminPost(t, manager, '/admin/activities/new', validForm({ slug: away.slug }));
      assert.equal(taken.statusCode, 422);
      assert.match(parseHtml(taken.body).querySelector('[data-testid="error-slug"]')?.textContent ?? '', /al in gebruik/);

      const noPrice = validForm({ slug: 'zonder-prijs' });
      for (const key of Object.keys(noPrice)) if (key.startsWith('lines.')) noPrice[key] = '';
      const unpriced = await adminPost(t, manager, '/admin/activities/new', noPrice);
      assert.equal(unpriced.statusCode, 422);
      assert.match(
        parseHtml(unpriced.body).querySelector('[data-testid="error-lines.0.labelNl"]')?.textContent ?? '',
        /minstens één prijsregel/,
      );
      assert.equal(await activityCount(), before);
    });

    test('an error of a price line or refund tier names its line, by number and name, at the field and in the summary', async () => {
      const bad = validForm({ 'lines.0.amount': '12,5x', 'lines.1.labelNl': '', 'lines.1.amount': 'x', 'refundTiers.1.percent': '200' });
      const dutchBody = (await adminPost(t, manager, '/admin/activities/new', bad)).body;
      const dutch = parseHtml(dutchBody);
      const at = (root: typeof dutch, field: string) => root.querySelector(`[data-testid="error-${field}"]`)?.textContent ?? '';
      assert.match(at(dutch, 'lines.0.amount'), /^Prijsregel 1 \(Vaarkaartje\): .*bedrag in euro/);
      assert.match(at(dutch, 'lines.1.amount'), /^Prijsregel 2 \(Guide\): /, 'a line without a Dutch name goes by its English one');
      assert.match(at(dutch, 'refundTiers.1.percent'), /^Regel 2: /);
      const summary = dutch.querySelector('[data-testid="form-errors"] a[href="#lines.1.amount"]')?.textContent ?? '';
      assert.match(summary, /^Prijsregel 2 \(Guide\) – Bedrag in euro \(incl\. btw\): [^P]/, 'the summary names the line once');
      assert.equal(fieldsOf(dutchBody)['lines.1.amount'], 'x', 'the input is kept');

      const english = await t.app.inject({
        method: 'POST',
        url: '/admin/activities/new',
        headers: {
          origin: 'http://bookings.test',
          'content-type': 'application/x-www-form-urlencoded',
          'accept-language': 'en',
          cookie: `${SESSION_COOKIE}=${manager.cookie}`,
        },
        payload: new URLSearchParams({ _csrf: manager.csrf, ...validForm({ 'lines.0.amount': '', 'lines.2.amount': '5' }) }).toString(),
      });
      const root = parseHtml(english.body);
      assert.match(at(root, 'lines.0.amount'), /^Price line 1 \(Ticket\): /);
      assert.match(at(root, 'lines.2.labelNl'), /^Price line 3: /, 'a line without a name goes by its number');
    });

    test('editing: saved and recorded; a maximum below an existing booking is allowed and the booking stays', async () => {
      const slot = await makeSlot(t.database.db, t.clock, home, { date: '2026-07-01' });
      const { booking } = await book(t.database.db, t.clock, slot, { groupSize: 12 }, t.linkKey);

      const page = await adminGet(t, manager, `/admin/activities/${home.id}`);
      assert.equal(page.statusCode, 200);
      const fields = fieldsOf(page.body);
      assert.equal(fields.titleNl, 'Kanoën');
      assert.equal(fields['lines.0.amount'], '12,50');
      const response = await adminPost(t, manager, `/admin/activities/${home.id}`, {
        ...fields,
        titleNl: 'Kanoën op de Vecht',
        maxGroupSize: '8',
        'lines.0.amount': '14.00',
      });
      assert.equal(response.statusCode, 303);
      assert.equal(response.headers.location, `/admin/activities/${home.id}?saved=1`);
      const row = await activityRow(home.id);
      assert.equal(row?.title_nl, 'Kanoën op de Vecht');
      assert.equal(row?.max_group_size, 8);
      assert.equal(JSON.parse(row!.pricing)[0].amountCents, 1400);
      assert.equal(row?.venue_id, home.venue.id);
      const kept = await t.database.db.selectFrom('bookings').selectAll().where('id', '=', booking.id).executeTakeFirst();
      assert.equal(kept?.group_size, 12);
      const entry = (await logEntriesOf('activity.updated')).find((e) => e.target === home.slug);
      assert.equal(entry?.venue_id, home.venue.id);
      assert.deepEqual(JSON.parse(entry!.detail).changed.split(','), ['title', 'maxGroupSize', 'pricing']);

      const refused = await adminPost(t, manager, `/admin/activities/${home.id}`, {
        ...fields,
        minGroupSize: '9',
        maxGroupSize: '8',
        titleNl: 'Anders',
      });
      assert.equal(refused.statusCode, 422);
      assert.equal(fieldsOf(refused.body).titleNl, 'Anders');
      assert.equal((await activityRow(home.id))?.title_nl, 'Kanoën op de Vecht');
    });

    test('the lifecycle rules: shown, saved, validated per field with the input kept, recorded by name', async () => {
      const activity = await makeActivity(t.database.db, t.clock, { venueId: home.venue.id, slug: 'regels' });
      const slot = await makeSlot(t.database.db, t.clock, activity, { date: '2026-06-20' });
      const url = `/admin/activities/${activity.id}`;
      const shown = fieldsOf((await adminGet(t, manager, url)).body);
      assert.deepEqual(
        [
          shown.bookingMode,
          shown.optionsAllowed,
          shown.optionHours,
          shown.optionMinDaysBefore,
          shown.optionMaxPerEmail,
          shown.cancelUntilHours,
        ],
        ['instant', 'yes', '48', '7', '3', '48'],
      );
      /** The form with these rule fields instead of the shown ones; `participantFields` may repeat. */
      const post = (rules: Record<string, string>, participantFields: string[]) => {
        const { optionsAllowed: _allowed, participantFields: _fields, ...rest } = shown;
        const body = new URLSearchParams({ _csrf: manager.csrf, ...rest, ...rules });
        for (const field of participantFields) body.append('participantFields', field);
        return t.app.inject({
          method: 'POST',
          url,
          headers: {
            origin: 'http://bookings.test',
            'content-type': 'application/x-www-form-urlencoded',
            cookie: `${SESSION_COOKIE}=${manager.cookie}`,
          },
          payload: body.toString(),
        });
      };

      const bad = {
        bookingMode: 'soms',
        optionHours: '0',
        optionMinDaysBefore: '366',
        optionMaxPerEmail: 'veel',
        cancelUntilHours: '9000',
        cutoffHours: '-1',
      };
      const refused = await post(bad, ['dietary', 'schoenmaat']);
      assert.equal(refused.statusCode, 422);
      const root = parseHtml(refused.body);
      const kept = fieldsOf(refused.body);
      for (const name of ['optionHours', 'optionMinDaysBefore', 'optionMaxPerEmail', 'cancelUntilHours', 'cutoffHours']) {
        assert.equal(kept[name], bad[name as keyof typeof bad], name);
        assert.equal(root.querySelector(`#${name}`)?.getAttribute('aria-invalid'), 'true', name);
      }
      assert.deepEqual(
        [
          'bookingMode',
          'optionHours',
          'optionMinDaysBefore',
          'optionMaxPerEmail',
          'cancelUntilHours',
          'cutoffHours',
          'participantFields',
        ].map((name) => root.querySelector(`[data-testid="error-${name}"]`)?.textContent),
        [
          'Deze waarde is ongeldig.',
          'Minstens 1.',
          'Hoogstens 365.',
          'Vul een heel getal in.',
          'Hoogstens 8.760.',
          // Below zero is too few hours, not badly typed.
          'Minstens 0.',
          'Deze waarde is ongeldig.',
        ],
      );
      assert.ok(root.querySelector('[data-testid="form-errors"] a[href="#participantFields"]'));
      assert.equal(root.querySelector('#optionsAllowed')?.hasAttribute('checked'), false, 'the unticked box stays unticked');
      assert.deepEqual((await activityRow(activity.id))!.booking_mode, 'instant', 'nothing is saved');

      const rules = { bookingMode: 'request', optionHours: '24', optionMinDaysBefore: '3', optionMaxPerEmail: '2', cancelUntilHours: '72' };
      const saved = await post(rules, ['emergency_phone', 'allergies']);
      assert.equal(saved.statusCode, 303, saved.body.slice(0, 300));
      const row = (await activityRow(activity.id))!;
      assert.deepEqual(
        [
          row.booking_mode,
          row.options_allowed,
          row.option_hours,
          row.option_min_days_before,
          row.option_max_per_email,
          row.cancel_until_hours,
          JSON.parse(row.participant_fields),
        ],
        ['request', 0, 24, 3, 2, 72, ['allergies', 'emergency_phone']],
      );
      const entry = (await logEntriesOf('activity.updated')).find((e) => e.target === 'regels');
      assert.deepEqual(JSON.parse(entry!.detail).changed.split(','), [
        'rules.bookingMode',
        'rules.cancelUntilHours',
        'rules.participantFields',
        'rules.options.allowed',
        'rules.options.hours',
        'rules.options.minDaysBefore',
        'rules.options.maxPerEmail',
      ]);
      const again = fieldsOf((await adminGet(t, manager, url)).body);
      assert.deepEqual([again.bookingMode, again.optionsAllowed, again.optionHours], ['request', undefined, '24']);

      // The public booking form follows the rules at once: no option offered, a request instead of a booking.
      const form = parseHtml((await t.app.inject(`/book/${slot.id}`)).body);
      assert.equal(form.querySelector('[data-testid="option-choice"]'), null);
      const booked = await book(t.database.db, t.clock, slot, {}, t.linkKey);
      assert.equal(booked.booking.status, 'requested');
    });

    test('practical information: validated in one round with the input kept, saved, recorded by name, shown publicly', async () => {
      const activity = await makeActivity(t.database.db, t.clock, { venueId: home.venue.id, slug: 'praktisch' });
      const url = `/admin/activities/${activity.id}`;
      const shown = fieldsOf((await adminGet(t, manager, url)).body);
      assert.deepEqual([shown.minAge, shown.maxAge, shown.bringNl, shown.wheelchair, shown.status], ['0', '', '', 'unknown', 'published']);
      const { _csrf: _token, ...typed } = shown;

      const bad = { minAge: '12', maxAge: '8', bringNl: 'Laarzen', bringEn: '', wheelchair: 'soms', accessibilityEn: 'x'.repeat(2001) };
      const refused = await adminPost(t, manager, url, { ...typed, titleNl: '', ...bad });
      assert.equal(refused.statusCode, 422);
      const root = parseHtml(refused.body);
      assert.deepEqual(
        ['titleNl', 'maxAge', 'bringEn', 'wheelchair', 'accessibilityEn'].map(
          (name) => root.querySelector(`[data-testid="error-${name}"]`)?.textContent,
        ),
        [
          'Vul dit veld in.',
          'De hoogste leeftijd kan niet lager zijn dan de laagste leeftijd.',
          'Vul dit veld in.',
          'Deze waarde is ongeldig.',
          'Deze tekst is te lang.',
        ],
      );
      assert.ok(root.querySelector('[data-testid="form-errors"] a[href="#maxAge"]'));
      const kept = fieldsOf(refused.body);
      assert.deepEqual([kept.minAge, kept.maxAge, kept.bringNl], ['12', '8', 'Laarzen']);
      assert.equal((await activityRow(activity.id))?.min_age, 0, 'nothing is saved');

      const practical = {
        minAge: '8',
        maxAge: '14',
        bringNl: 'Laarzen en een regenjas.',
        bringEn: 'Boots and a raincoat.',
        wheelchair: 'partly',
        accessibilityNl: 'De kantine is gelijkvloers.',
        accessibilityEn: 'The canteen is step-free.',
      };
      const saved = await adminPost(t, manager, url, { ...typed, ...practical });
      assert.equal(saved.statusCode, 303, saved.body.slice(0, 300));
      const row = (await activityRow(activity.id))!;
      assert.deepEqual(
        [row.min_age, row.max_age, row.bring_nl, row.bring_en, row.wheelchair, row.accessibility_nl, row.accessibility_en],
        [8, 14, 'Laarzen en een regenjas.', 'Boots and a raincoat.', 'partly', 'De kantine is gelijkvloers.', 'The canteen is step-free.'],
      );
      const entry = (await logEntriesOf('activity.updated')).find((e) => e.target === 'praktisch');
      assert.deepEqual(JSON.parse(entry!.detail).changed.split(','), [
        'practical.minAge',
        'practical.maxAge',
        'practical.whatToBring',
        'practical.wheelchair',
        'practical.accessibility',
      ]);

      const page = parseHtml((await t.app.inject({ url: '/activities/praktisch', headers: { 'accept-language': 'en' } })).body);
      assert.equal(page.querySelector('[data-testid="practical-info"] h2')?.textContent, 'Practical information');
      assert.deepEqual(
        ['age', 'bring', 'wheelchair', 'accessibility'].map((name) => page.querySelector(`[data-testid="practical-${name}"]`)?.textContent),
        ['8 to 14 years', 'Boots and a raincoat.', 'Partly wheelchair accessible', 'The canteen is step-free.'],
      );
      const api = (await t.app.inject('/api/v1/activities?q=testactiviteit')).json() as {
        activities: { id: string; practical: unknown }[];
      };
      assert.deepEqual(api.activities.find((a) => a.id === activity.id)?.practical, {
        minAge: 8,
        maxAge: 14,
        whatToBring: { nl: 'Laarzen en een regenjas.', en: 'Boots and a raincoat.' },
        wheelchair: 'partly',
        accessibility: { nl: 'De kantine is gelijkvloers.', en: 'The canteen is step-free.' },
      });

      // Emptied again: no maximum, nothing to bring; the page says so in fewer lines.
      const cleared = { ...practical, minAge: '0', maxAge: '', bringNl: '', bringEn: '', accessibilityNl: '', accessibilityEn: '' };
      assert.equal((await adminPost(t, manager, url, { ...typed, ...cleared })).statusCode, 303);
      const plain = parseHtml((await t.app.inject('/activities/praktisch')).body);
      assert.equal(plain.querySelector('[data-testid="practical-age"]')?.textContent, 'Alle leeftijden');
      assert.equal(plain.querySelector('[data-testid="practical-bring"]'), null);
      assert.equal(plain.querySelector('[data-testid="practical-accessibility"]'), null);
    });

    test("a saved number is shown the page language's way and, sent back unchanged, saves the same (nl, en)", async () => {
      const big = validForm({
        slug: 'grote-groepen',
        maxGroupSize: '2500',
        cancelUntilHours: '1500',
        'lines.0.basis': 'category',
        'lines.0.maxCount': '1200',
        'refundTiers.0.amount': '1000',
        'refundTiers.0.unit': 'hours',
      });
      const created = await adminPost(t, manager, '/admin/activities/new', big);
      assert.equal(created.statusCode, 303, created.body.slice(0, 300));
      const id = /\/admin\/activities\/([^/?]+)/.exec(created.headers.location as string)![1]!;
      const stored = async () => {
        const row = (await activityRow(id))!;
        return [row.max_group_size, row.cancel_until_hours, row.pricing, row.refund_policy];
      };
      const saved = await stored();
      for (const [lang, shown] of [
        ['nl', { maxGroupSize: '2.500', cancelUntilHours: '1.500', 'lines.0.maxCount': '1.200', 'refundTiers.0.amount': '1.000' }],
        ['en', { maxGroupSize: '2,500', cancelUntilHours: '1,500', 'lines.0.maxCount': '1,200', 'refundTiers.0.amount': '1,000' }],
      ] as const) {
        const who = { ...manager, cookie: `${manager.cookie}; lang=${lang}` };
        const fields = fieldsOf((await adminGet(t, who, `/admin/activities/${id}`)).body);
        for (const [name, text] of Object.entries(shown)) assert.equal(fields[name], text, `${lang} ${name}`);
        const again = await adminPost(t, who, `/admin/activities/${id}`, fields);
        assert.equal(again.statusCode, 303, `${lang}: ${again.body.slice(0, 300)}`);
        assert.deepEqual(await stored(), saved, `${lang}: the same numbers saved`);
      }
    });

    test('price categories: made on the form with a free allowance, keys kept when relabelled, faults named per field', async () => {
      const categories = {
        'lines.0.labelNl': 'Leerling',
        'lines.0.labelEn': 'Pupil',
        'lines.0.basis': 'category',
        'lines.0.amount': '9,50',
        'lines.0.minCount': '8',
        'lines.1.labelNl': 'Begeleider',
        'lines.1.labelEn': 'Accompanying adult',
        'lines.1.basis': 'category',
        'lines.1.vat': 'low',
        'lines.1.amount': '16,50',
        'lines.1.minCount': '1',
        'lines.1.maxCount': '6',
        'lines.1.freePer': '8',
        'lines.1.freeOf': '1',
      };
      const created = await adminPost(t, manager, '/admin/activities/new', validForm({ slug: 'schoolreis', ...categories }));
      assert.equal(created.statusCode, 303, created.body.slice(0, 300));
      const id = /^\/admin\/activities\/([\w-]+)\?saved=1$/.exec(String(created.headers.location))![1]!;
      const pupil = { label: { nl: 'Leerling', en: 'Pupil' }, basis: 'category', key: 'pupil', vat: 'low', amountCents: 950, minCount: 8 };
      const adult = {
        label: { nl: 'Begeleider', en: 'Accompanying adult' },
        basis: 'category',
        key: 'accompanying-adult',
        vat: 'low',
        amountCents: 1650,
        minCount: 1,
        maxCount: 6,
        free: { per: 8, of: 'pupil' },
      };
      assert.deepEqual(JSON.parse((await activityRow(id))!.pricing), [pupil, adult]);

      // The form shows them as stored; relabelled, a category keeps its key (bookings count by it).
      const fields = fieldsOf((await adminGet(t, manager, `/admin/activities/${id}`)).body);
      assert.deepEqual(
        ['basis', 'minCount', 'maxCount', 'freePer', 'freeOf'].map((f) => fields[`lines.1.${f}`]),
        ['category', '1', '6', '8', '1'],
      );
      const relabelled = await adminPost(t, manager, `/admin/activities/${id}`, { ...fields, 'lines.0.labelEn': 'Student' });
      assert.equal(relabelled.statusCode, 303);
      assert.deepEqual(JSON.parse((await activityRow(id))!.pricing), [{ ...pupil, label: { nl: 'Leerling', en: 'Student' } }, adult]);

      // Free by a line that is no category, and a minimum above the maximum: each at its field, the input kept.
      const refused = await adminPost(t, manager, `/admin/activities/${id}`, {
        ...fields,
        'lines.0.basis': 'person',
        'lines.1.minCount': '7',
      });
      assert.equal(refused.statusCode, 422);
      const page = parseHtml(refused.body);
      assert.ok(page.querySelector('[data-testid="error-lines.1.maxCount"]'));
      assert.ok(page.querySelector('[data-testid="error-lines.1.freeOf"]'));
      assert.equal(fieldsOf(refused.body)['lines.1.minCount'], '7');
      assert.equal(JSON.parse((await activityRow(id))!.pricing)[0].label.en, 'Student', 'nothing stored');
      // A fault in the line the allowance names is that line's alone.
      const amiss = await adminPost(t, manager, `/admin/activities/${id}`, { ...fields, 'lines.0.amount': 'abc' });
      assert.equal(amiss.statusCode, 422);
      assert.deepEqual(
        parseHtml(amiss.body)
          .querySelectorAll('[data-testid^="error-lines."]')
          .map((error) => error.getAttribute('data-testid')),
        ['error-lines.0.amount'],
      );
      // Half a free allowance is refused, never dropped unsaid.
      const half = await adminPost(t, manager, `/admin/activities/${id}`, { ...fields, 'lines.1.freePer': '' });
      assert.equal(half.statusCode, 422);
      assert.ok(parseHtml(half.body).querySelector('[data-testid="error-lines.1.freePer"]'));
    });

    test("a price line's hints name the bounds its numbers are read with, in both languages", async () => {
      const activity = await makeActivity(t.database.db, t.clock, { venueId: home.venue.id, slug: 'grenzen' });
      const url = `/admin/activities/${activity.id}`;
      for (const lang of ['nl', 'en'] as const) {
        const page = parseHtml((await adminGet(t, { ...manager, cookie: `${manager.cookie}; lang=${lang}` }, url)).body);
        const hint = (field: string) => page.querySelector(`[id="lines.0.${field}-hint"]`)?.textContent ?? '';
        for (const field of ['minCount', 'maxCount', 'freePer'] as const) {
          const { min, max } = PRICE_LINE_LIMITS[field];
          assert.match(
            hint(field),
            new RegExp(`^${formatCount(min, lang)} .+ ${formatCount(max, lang).replace('.', '\\.')} `),
            `${field} (${lang})`,
          );
        }
        assert.ok(hint('amount').includes(formatMoney(MAX_LINE_AMOUNT_CENTS, lang)), `the amount's hint (${lang}): ${hint('amount')}`);
      }
      // What the hints name is what is read: the highest is taken, one more refused.
      const fields = fieldsOf((await adminGet(t, manager, url)).body);
      const line = { 'lines.0.basis': 'category', 'lines.0.minCount': '', 'lines.0.freePer': '', 'lines.0.freeOf': '' };
      const highest = String(PRICE_LINE_LIMITS.maxCount.max);
      const taken = await adminPost(t, manager, url, { ...fields, ...line, 'lines.0.maxCount': highest });
      assert.equal(taken.statusCode, 303, taken.body.slice(0, 300));
      const tooMany = await adminPost(t, manager, url, {
        ...fields,
        ...line,
        'lines.0.maxCount': String(PRICE_LINE_LIMITS.maxCount.max + 1),
      });
      assert.equal(tooMany.statusCode, 422);
      assert.ok(parseHtml(tooMany.body).querySelector('[data-testid="error-lines.0.maxCount"]'));
      const tooDear = await adminPost(t, manager, url, { ...fields, 'lines.0.amount': String(MAX_LINE_AMOUNT_CENTS / 100 + 1) });
      assert.equal(tooDear.statusCode, 422);
      assert.ok(parseHtml(tooDear.body).querySelector('[data-testid="error-lines.0.amount"]'));
    });

    test('band pricing is shown read-only and kept; the fixed lines beside it are edited', async () => {
      const page = await adminGet(t, admin, `/admin/activities/${banded.id}`);
      assert.equal(page.statusCode, 200);
      const root = parseHtml(page.body);
      assert.match(root.querySelector('[data-testid="banded-lines"]')?.textContent ?? '', /6 tot 11 personen: €\s24,50/);
      const fields = fieldsOf(page.body);
      assert.equal(fields['lines.0.labelNl'], 'Lunch', 'only the fixed line is in the form');
      const saved = await adminPost(t, admin, `/admin/activities/${banded.id}`, { ...fields, 'lines.0.amount': '19,95' });
      assert.equal(saved.statusCode, 303);
      assert.deepEqual(JSON.parse((await activityRow(banded.id))!.pricing), [GOLF_LINE, lunchLine(1995)]);
      const beyond = await adminPost(t, admin, `/admin/activities/${banded.id}`, { ...fields, maxGroupSize: '40' });
      assert.equal(beyond.statusCode, 422);
      assert.match(parseHtml(beyond.body).querySelector('[data-testid="error-maxGroupSize"]')?.textContent ?? '', /staffelprijzen/);
      assert.equal((await activityRow(banded.id))?.max_group_size, 30);
    });

    test('staff and viewers cannot create or edit activities (403), and nothing changes', async () => {
      const before = await activityRow(home.id);
      const count = await activityCount();
      for (const who of [staff, viewer]) {
        assert.equal((await adminGet(t, who, '/admin/activities/new')).statusCode, 403);
        assert.equal((await adminPost(t, who, '/admin/activities/new', validForm({ slug: 'door-medewerker' }))).statusCode, 403);
        assert.equal((await adminGet(t, who, `/admin/activities/${home.id}`)).statusCode, 403);
        assert.equal((await adminPost(t, who, `/admin/activities/${home.id}`, validForm({ slug: home.slug }))).statusCode, 403);
      }
      assert.deepEqual(await activityRow(home.id), before);
      assert.equal(await activityCount(), count);
    });

    test("another venue's activity is not found (GET and POST), and a manager cannot create one for another venue", async () => {
      const before = await activityRow(home.id);
      const count = await activityCount();
      assert.equal((await adminGet(t, otherManager, `/admin/activities/${home.id}`)).statusCode, 404);
      const post = await adminPost(t, otherManager, `/admin/activities/${home.id}`, validForm({ slug: home.slug, titleNl: 'Overgenomen' }));
      assert.equal(post.statusCode, 404);
      assert.deepEqual(await activityRow(home.id), before);

      const elsewhere = await adminPost(t, manager, '/admin/activities/new', validForm({ slug: 'bij-de-buren', venueId: away.venue.id }));
      assert.equal(elsewhere.statusCode, 404);
      assert.equal(await activityCount(), count);
      assert.equal((await adminGet(t, manager, '/admin/activities/no-such-id')).statusCode, 404);
    });

    test('an admin chooses the venue of a new activity', async () => {
      const form = parseHtml((await adminGet(t, admin, '/admin/activities/new')).body);
      assert.ok(form.querySelector(`select[name="venueId"] option[value="${away.venue.id}"]`));
      const missing = await adminPost(t, admin, '/admin/activities/new', validForm({ slug: 'museumnacht' }));
      assert.equal(missing.statusCode, 422);
      assert.equal(parseHtml(missing.body).querySelector('[data-testid="error-venueId"]')?.textContent, 'Vul dit veld in.');
      // No venue, empty texts, a maximum below the minimum and a slug taken: all named in the first answer.
      const faults = await adminPost(
        t,
        admin,
        '/admin/activities/new',
        validForm({ slug: away.slug, titleNl: '', descriptionEn: '', minGroupSize: '10', maxGroupSize: '5', durationMinutes: 'x' }),
      );
      assert.equal(faults.statusCode, 422);
      const named = parseHtml(faults.body)
        .querySelectorAll('[data-testid="form-errors"] a')
        .map((a) => a.getAttribute('href'));
      for (const field of ['venueId', 'slug', 'titleNl', 'descriptionEn', 'durationMinutes', 'maxGroupSize']) {
        assert.ok(named.includes(`#${field}`), `${field} in ${named.join(' ')}`);
      }
      const created = await adminPost(t, admin, '/admin/activities/new', validForm({ slug: 'museumnacht', venueId: away.venue.id }));
      assert.equal(created.statusCode, 303);
      const row = await t.database.db.selectFrom('activities').selectAll().where('slug', '=', 'museumnacht').executeTakeFirst();
      assert.equal(row?.venue_id, away.venue.id);
      assert.equal((await logEntriesOf('activity.created')).find((e) => e.target === 'museumnacht')?.venue_id, away.venue.id);
    });
  });
}
