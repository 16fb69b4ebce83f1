import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, type TestApp } from '../../../test/app.js';
import { testDialects } from '../../../test/databases.js';
import { book, bookingRequest, makeActivity, makeSlot } from '../../../test/factories.js';
import { formFields, parseHtml, urlencoded } from '../../../test/html.js';
import type { Slot } from '../../core/availability/slot.js';
import { findSlot } from '../../core/availability/slot.repository.js';
import { listBookingsOfSlots } from '../../core/bookings/booking-admin.repository.js';
import type { Activity } from '../../core/catalog/activity.js';
import { changeGroupSize } from '../../core/booking-flows/booking-changes.service.js';
import { findBookingByLink } from '../../core/booking-flows/booking.service.js';
import { FieldsRefused } from '../../core/shared/field-errors.js';
import { insertDiscountCode } from '../../core/discounts/discount-codes.repository.js';
import { newId } from '../../core/shared/ids.js';
import { activityListJson, bookingCreatedJson, manageBookingJson, validationErrorJson } from './api.schemas.js';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

/** Pupils (at least 8), adults (1 to 6, one free per 8 pupils), and materials per group at 21 %. */
const SCHOOL_PRICING = [
  { label: { nl: 'Leerling', en: 'Pupil' }, basis: 'category', key: 'pupil', vat: 'low', amountCents: 950, minCount: 8 },
  {
    label: { nl: 'Begeleider', en: 'Adult' },
    basis: 'category',
    key: 'adult',
    vat: 'low',
    amountCents: 1650,
    minCount: 1,
    maxCount: 6,
    free: { per: 8, of: 'pupil' },
  },
  { label: { nl: 'Lesmateriaal', en: 'Materials' }, basis: 'group', vat: 'high', amountCents: 2500 },
] as const;

for (const dialect of testDialects()) {
  describe(`a group counted by price category: pupils and free teachers (${dialect.name})`, () => {
    let t: TestApp;
    let activity: Activity;
    let slot: Slot;

    before(async () => {
      t = await buildTestApp(dialect, '2026-06-01T08:00:00Z');
      activity = await makeActivity(t.database.db, t.clock, {
        pricing: SCHOOL_PRICING.map((line) => ({ ...line })),
        minGroupSize: 10,
        maxGroupSize: 40,
        title: { nl: 'Schoolrondvaart', en: 'School cruise' },
      });
      slot = await makeSlot(t.database.db, t.clock, activity, { date: '2026-06-20', time: '10:00', capacity: 400 });
    });
    after(async () => t?.close());

    const text = (node: { textContent: string } | null | undefined) =>
      node?.textContent
        .replace(/\u00a0/g, ' ')
        .replace(/\s+/g, ' ')
        .trim();
    const linesOf = (page: ReturnType<typeof parseHtml>) =>
      page.querySelectorAll('[data-testid="price-breakdown"] tbody tr').map((row) => text(row.querySelector('th')));
    const post = async (fields: Record<string, string>, lang: 'nl' | 'en') => {
      const res = await t.app.inject({
        method: 'POST',
        url: `/book/${slot.id}`,
        headers: { ...FORM, 'accept-language': lang },
        payload: urlencoded({
          name: 'Juf Ans',
          email: `juf-${Math.random()}@example.nl`,
          phone: '+31 6 12345678',
          organisation: 'Basisschool De Linde',
          notes: '',
          acceptTerms: 'yes',
          action: 'review',
          ...fields,
        }),
      });
      return { status: res.statusCode, page: parseHtml(res.body) };
    };

    test('the service: the party is stored, the lines are per category, capacity counts every person', async () => {
      const before = (await findSlot(t.database.db, slot.id))!.bookedPersons;
      const { booking } = await book(t.database.db, t.clock, slot, { party: { pupil: 24, adult: 3 }, groupSize: undefined });
      assert.equal(booking.groupSize, 27);
      assert.deepEqual(booking.party, { pupil: 24, adult: 3 });
      assert.deepEqual(
        booking.price.lines.map((l) => [l.label.nl, l.quantity, l.totalCents]),
        [
          ['Leerling', 24, 24 * 950],
          ['Begeleider (gratis)', 3, 0],
          ['Lesmateriaal', 1, 2500],
        ],
      );
      assert.equal((await findSlot(t.database.db, slot.id))!.bookedPersons, before + 27);
      const [listed] = await listBookingsOfSlots(t.database.db, { all: true }, [slot.id]);
      assert.deepEqual(listed?.partyText, { nl: 'Leerling 24, Begeleider 3', en: 'Pupil 24, Adult 3' }, 'as staff lists and exports it');
      const row = await t.database.db
        .selectFrom('bookings')
        .select(['party', 'group_size'])
        .where('id', '=', booking.id)
        .executeTakeFirstOrThrow();
      assert.deepEqual([JSON.parse(row.party!), row.group_size], [{ pupil: 24, adult: 3 }, 27]);
    });

    test('the service: a party outside a category’s limits is refused at its field; a size alone counts pupils', async () => {
      await assert.rejects(
        book(t.database.db, t.clock, slot, { party: { pupil: 12, adult: 0 }, groupSize: undefined }),
        (error: unknown) =>
          error instanceof FieldsRefused &&
          JSON.stringify(error.errors) === JSON.stringify([{ field: 'party.adult', code: 'count_below_min', params: { min: 1 } }]),
      );
      const { booking } = await book(t.database.db, t.clock, slot, { groupSize: 12 });
      assert.deepEqual(booking.party, { pupil: 11, adult: 1 });
      // A size alone that no party within the limits has: refused at the category it overfills.
      const capped = await makeActivity(t.database.db, t.clock, {
        venueId: activity.venue.id,
        pricing: [{ label: { nl: 'Kind', en: 'Child' }, basis: 'category', key: 'child', vat: 'low', amountCents: 500, maxCount: 10 }],
      });
      const cappedSlot = await makeSlot(t.database.db, t.clock, capped, { date: '2026-06-22' });
      await assert.rejects(
        book(t.database.db, t.clock, cappedSlot, { groupSize: 15 }),
        (error: unknown) =>
          error instanceof FieldsRefused && error.errors[0]?.field === 'party.child' && error.errors[0].code === 'count_above_max',
      );
    });

    test('a change per category, also one that keeps the size, prices again and moves only the persons that changed', async () => {
      const { booking, manageToken } = await book(
        t.database.db,
        t.clock,
        slot,
        { party: { pupil: 16, adult: 2 }, groupSize: undefined },
        t.linkKey,
      );
      assert.equal(booking.price.totalCents, 16 * 950 + 2500, 'both adults free');
      const before = (await findSlot(t.database.db, slot.id))!.bookedPersons;
      const swapped = await changeGroupSize(t.database.db, t.clock, booking, { pupil: 15, adult: 3 });
      assert.deepEqual(swapped, { changed: true, from: 18, to: 18, refundCents: 0 });
      const after = (await findBookingByLink(t.database.db, 'manage', manageToken))!;
      assert.deepEqual(after.party, { pupil: 15, adult: 3 });
      assert.equal(after.price.totalCents, 15 * 950 + 2 * 1650 + 2500, 'one adult free for 15 pupils, two paying');
      assert.equal((await findSlot(t.database.db, slot.id))!.bookedPersons, before);
      assert.deepEqual(await changeGroupSize(t.database.db, t.clock, after, { adult: 3, pupil: 15 }), { changed: false });
      // A person reads the party by its categories' names, never their keys: the history (in the
      // booking's language) and the organiser's data page (in the page's).
      const changes = await t.database.db
        .selectFrom('activity_log')
        .select('detail')
        .where('action', '=', 'booking.group_size_changed')
        .where('target', '=', booking.reference)
        .execute();
      assert.deepEqual(
        changes.map((c) => (JSON.parse(c.detail) as { party?: string }).party),
        ['Leerling 15, Begeleider 3'],
      );
      for (const [lang, words] of [
        ['nl', 'Leerling 15, Begeleider 3'],
        ['en', 'Pupil 15, Adult 3'],
      ] as const) {
        const data = parseHtml((await t.app.inject({ url: `/b/${manageToken}/data`, headers: { 'accept-language': lang } })).body);
        const rows = data.querySelectorAll('[data-testid="data-booking"] dd').map((dd) => dd.textContent.trim());
        assert.ok(rows.includes(words), `${lang}: ${rows.join(' | ')}`);
        assert.ok(!rows.some((row) => /pupil|adult/.test(row)), 'no category key');
      }
      await assert.rejects(changeGroupSize(t.database.db, t.clock, after, { pupil: 15, adult: 7 }), FieldsRefused);
      // A negative count would pass no limit but would take fewer places than the persons priced.
      await assert.rejects(changeGroupSize(t.database.db, t.clock, after, { pupil: 40, adult: -18 }), FieldsRefused);
      assert.equal((await findSlot(t.database.db, slot.id))!.bookedPersons, before);
    });

    test('the change preview lists the categories the group has people in; the form still offers every one', async () => {
      const toddlers = await makeActivity(t.database.db, t.clock, {
        venueId: activity.venue.id,
        pricing: [
          { label: { nl: 'Leerling', en: 'Pupil' }, basis: 'category', key: 'pupil', vat: 'low', amountCents: 950 },
          { label: { nl: 'Peuter', en: 'Toddler' }, basis: 'category', key: 'toddler', vat: 'low', amountCents: 300 },
        ],
      });
      const on = await makeSlot(t.database.db, t.clock, toddlers, { date: '2026-06-23' });
      const { manageToken } = await book(t.database.db, t.clock, on, { party: { pupil: 10 }, groupSize: undefined }, t.linkKey);
      const path = `/b/${manageToken}`;
      for (const lang of ['nl', 'en'] as const) {
        const manage = parseHtml((await t.app.inject({ url: path, headers: { 'accept-language': lang } })).body);
        assert.ok(manage.querySelector('[data-testid="group-size-form"] input[name="party.toddler"]'), 'toddlers can be added');
        const preview = async (change: Record<string, string>) => {
          const res = await t.app.inject({
            method: 'POST',
            url: `${path}/group-size/preview`,
            headers: { ...FORM, 'accept-language': lang },
            payload: urlencoded(change),
          });
          assert.equal(res.statusCode, 200, res.body.slice(0, 300));
          return parseHtml(res.body)
            .querySelectorAll('[data-testid="group-size-party"] li')
            .map((li) => text(li));
        };
        const [pupil, toddler] = lang === 'nl' ? ['Leerling', 'Peuter'] : ['Pupil', 'Toddler'];
        assert.deepEqual(await preview({ 'party.pupil': '9', 'party.toddler': '0' }), [`${pupil}: 9`]);
        assert.deepEqual(await preview({ 'party.pupil': '9', 'party.toddler': '2' }), [`${pupil}: 9`, `${toddler}: 2`]);
      }
    });

    test('a discount per person is for those who pay: free companions take none', async () => {
      await t.database.db.transaction().execute((trx) =>
        insertDiscountCode(
          trx,
          {
            id: newId(),
            venue_id: activity.venue.id,
            code: 'VIJF',
            kind: 'amount',
            percent: null,
            amount_cents: 500,
            per: 'person',
            valid_from: null,
            valid_until: null,
            min_group_size: null,
            max_uses: null,
            created_at: '2026-06-01T08:00:00.000Z',
          },
          [],
        ),
      );
      const { booking } = await book(t.database.db, t.clock, slot, {
        party: { pupil: 24, adult: 3 },
        groupSize: undefined,
        discountCode: 'vijf',
      });
      const discount = booking.price.lines.filter((l) => l.totalCents < 0).reduce((sum, l) => sum + l.totalCents, 0);
      assert.equal(discount, -24 * 500, '24 paying pupils, not 27 persons');
      assert.equal(booking.price.totalCents, 24 * 950 + 2500 - 24 * 500);
    });

    for (const [lang, legend, pupil, free] of [
      ['nl', 'Wie komen er?', 'Leerling', 'Begeleider (gratis)'],
      ['en', 'Who is coming?', 'Pupil', 'Adult (free)'],
    ] as const) {
      test(`the form without JavaScript (${lang}): a count per category, errors at their fields with the input kept, the lines reviewed, booked`, async () => {
        const form = parseHtml((await t.app.inject({ url: `/book/${slot.id}?groupSize=20`, headers: { 'accept-language': lang } })).body);
        assert.equal(text(form.querySelector('[data-testid="party-fields"] legend')), legend);
        assert.equal(form.querySelector('input[name="groupSize"]'), null, 'no group size to type: it is the sum');
        assert.equal(form.querySelector('input[name="party.pupil"]')?.getAttribute('value'), '19');
        assert.equal(form.querySelector('input[name="party.adult"]')?.getAttribute('value'), '1');
        assert.equal(text(form.querySelector('label[for="party.pupil"]')), pupil);

        const refused = await post({ 'party.pupil': '24', 'party.adult': '9' }, lang);
        assert.equal(refused.status, 422);
        assert.equal(refused.page.querySelector('input[name="party.adult"]')?.getAttribute('value'), '9', 'the input kept');
        assert.equal(text(refused.page.querySelector('[data-testid="error-party.adult"]')), lang === 'nl' ? 'Hoogstens 6.' : 'At most 6.');
        assert.ok(text(refused.page.querySelector('[data-testid="form-errors"]'))?.includes(lang === 'nl' ? 'Begeleider' : 'Adult'));

        // A count over the most any group may be names that limit, as the group size's error does.
        // So does one typed with thousands in groups, as the back office reads them. One wrong
        // count is one error: the sum it makes is not also refused for the activity's limits.
        for (const typed of ['20000', '1.000.000', '1,000,000']) {
          const huge = await post({ 'party.pupil': typed, 'party.adult': '3' }, lang);
          assert.equal(huge.status, 422);
          assert.equal(huge.page.querySelector('input[name="party.pupil"]')?.getAttribute('value'), typed, 'the input kept');
          assert.equal(
            text(huge.page.querySelector('[data-testid="error-party.pupil"]')),
            lang === 'nl' ? 'Hoogstens 10.000.' : 'At most 10,000.',
          );
          assert.equal(huge.page.querySelector('[data-testid="error-groupSize"]'), null, typed);
          assert.equal(huge.page.querySelectorAll('[data-testid="form-errors"] li').length, 1, typed);
        }
        // Below zero, the error names the category's minimum, as its hint does ("at least 1").
        const negative = await post({ 'party.pupil': '9', 'party.adult': '-1' }, lang);
        assert.equal(negative.status, 422);
        assert.equal(text(negative.page.querySelector('[data-testid="error-party.adult"]')), lang === 'nl' ? 'Minstens 1.' : 'At least 1.');
        assert.match(text(negative.page.querySelector('#party\\.adult-hint')) ?? '', lang === 'nl' ? /Minstens 1,/ : /At least 1,/);
        assert.equal(negative.page.querySelector('[data-testid="error-groupSize"]'), null);
        assert.equal(negative.page.querySelector('input[name="party.adult"]')?.getAttribute('value'), '-1', 'the input kept');

        const typo = await post({ 'party.pupil': 'abc', 'party.adult': '3' }, lang);
        assert.equal(typo.status, 422);
        assert.equal(
          text(typo.page.querySelector('[data-testid="error-party.pupil"]')),
          lang === 'nl' ? 'Vul een heel getal in.' : 'Enter a whole number.',
        );
        assert.equal(typo.page.querySelector('input[name="party.pupil"]')?.getAttribute('value'), 'abc', 'the input kept');
        assert.equal(typo.page.querySelector('[data-testid="error-groupSize"]'), null, 'the counts say why, not a group size nobody typed');

        // The other language's thousands separator once could be 10 or 10000: the count says how to write it.
        const grouped = await post({ 'party.pupil': lang === 'nl' ? '1,000' : '1.000', 'party.adult': '3' }, lang);
        assert.equal(
          text(grouped.page.querySelector('[data-testid="error-party.pupil"]')),
          lang === 'nl'
            ? 'Een komma staat voor decimalen. Bedoelt u 1.000? Schrijf dan 1000 of 1.000.'
            : 'A point marks decimals. Do you mean 1,000? Then write 1000 or 1,000.',
        );

        const tooFew = await post({ 'party.pupil': '8', 'party.adult': '1' }, lang);
        assert.equal(tooFew.status, 422, 'the sum is below the activity’s minimum');
        assert.ok(text(tooFew.page.querySelector('[data-testid="error-groupSize"]'))?.includes('10'));

        const review = await post({ 'party.pupil': '24', 'party.adult': '3' }, lang);
        assert.equal(review.status, 200, text(review.page.querySelector('[data-testid=booking-refusal]')));
        assert.deepEqual(linesOf(review.page), [pupil, free, lang === 'nl' ? 'Lesmateriaal' : 'Materials']);
        const fields: Record<string, string> = { ...formFields(review.page.querySelector('form#booking-review')!), action: 'confirm' };
        assert.equal(fields['party.pupil'], '24');
        const placed = await t.app.inject({
          method: 'POST',
          url: `/book/${slot.id}`,
          headers: { ...FORM, 'accept-language': lang },
          payload: urlencoded(fields),
        });
        assert.equal(placed.statusCode, 303, placed.body.slice(0, 300));
        const manageUrl = String(placed.headers.location).split('?')[0]!;
        const manage = parseHtml((await t.app.inject({ url: manageUrl, headers: { 'accept-language': lang } })).body);
        assert.deepEqual(linesOf(manage), [pupil, free, lang === 'nl' ? 'Lesmateriaal' : 'Materials']);
        assert.equal(manage.querySelector('[data-testid="group-size-form"] input[name="party.adult"]')?.getAttribute('value'), '3');

        // The manage page: one pupil fewer, one adult more, previewed and then made.
        const change = { 'party.pupil': '23', 'party.adult': '4' };
        const preview = await t.app.inject({
          method: 'POST',
          url: `${manageUrl}/group-size/preview`,
          headers: { ...FORM, 'accept-language': lang },
          payload: urlencoded(change),
        });
        assert.equal(preview.statusCode, 200, preview.body.slice(0, 300));
        const confirm = parseHtml(preview.body).querySelector('form[data-testid="group-size-confirm"]')!;
        assert.deepEqual(formFields(confirm), change);
        const made = await t.app.inject({
          method: 'POST',
          url: `${manageUrl}/group-size`,
          headers: { ...FORM, 'accept-language': lang },
          payload: urlencoded(formFields(confirm)),
        });
        assert.equal(made.statusCode, 303);
        const changed = parseHtml((await t.app.inject({ url: manageUrl, headers: { 'accept-language': lang } })).body);
        assert.equal(changed.querySelector('[data-testid="group-size-form"] input[name="party.adult"]')?.getAttribute('value'), '4');
        const wrong = await t.app.inject({
          method: 'POST',
          url: `${manageUrl}/group-size/preview`,
          headers: { ...FORM, 'accept-language': lang },
          payload: urlencoded({ 'party.pupil': '23', 'party.adult': 'veel' }),
        });
        assert.equal(wrong.statusCode, 422);
        const wrongPage = parseHtml(wrong.body);
        assert.equal(
          wrongPage.querySelector('[data-testid="group-size-form"] input[name="party.adult"]')?.getAttribute('value'),
          'veel',
          'the input kept',
        );
        assert.ok(wrongPage.querySelector('[data-testid="error-party.adult"]'));
        const hugeChange = await t.app.inject({
          method: 'POST',
          url: `${manageUrl}/group-size/preview`,
          headers: { ...FORM, 'accept-language': lang },
          payload: urlencoded({ 'party.pupil': '20000', 'party.adult': '4' }),
        });
        assert.equal(hugeChange.statusCode, 422);
        const hugePage = parseHtml(hugeChange.body);
        assert.equal(
          hugePage.querySelector('[data-testid="group-size-form"] input[name="party.pupil"]')?.getAttribute('value'),
          '20000',
          'the input kept',
        );
        assert.equal(
          text(hugePage.querySelector('[data-testid="error-party.pupil"]')),
          lang === 'nl' ? 'Hoogstens 10.000.' : 'At most 10,000.',
        );
      });
    }

    test('the API: the categories listed, a party booked without a group size, faults named per field', async () => {
      const list = activityListJson.parse((await t.app.inject('/api/v1/activities')).json());
      const listed = list.activities.find((a) => a.id === activity.id)!;
      assert.deepEqual(
        listed.priceCategories.map((c) => [c.key, c.amountCents, c.vatRateBp, c.minCount, c.maxCount, c.free]),
        [
          ['pupil', 950, 900, 8, null, null],
          ['adult', 1650, 900, 1, 6, { per: 8, of: 'pupil' }],
        ],
      );
      const api = (body: Record<string, unknown>, headers: Record<string, string> = {}) =>
        t.app.inject({ method: 'POST', url: '/api/v1/bookings', payload: body, headers });
      const created = await api({
        ...bookingRequest(slot.id, { email: 'api@example.nl' }),
        groupSize: undefined,
        party: { pupil: 9, adult: 2 },
      });
      assert.equal(created.statusCode, 201, created.body);
      const booking = bookingCreatedJson.parse(created.json());
      assert.equal(booking.groupSize, 11);
      assert.deepEqual(booking.party, { pupil: 9, adult: 2 });
      assert.deepEqual(
        booking.price.lines.map((l) => [l.label.en, l.quantity, l.totalCents]),
        [
          ['Pupil', 9, 9 * 950],
          ['Adult', 1, 1650],
          ['Adult (free)', 1, 0],
          ['Materials', 1, 2500],
        ],
      );
      const manage = manageBookingJson.parse(
        (await t.app.inject(new URL(booking.manageUrl).pathname.replace('/b/', '/api/v1/manage/'))).json(),
      );
      assert.equal(manage.price.totalCents, booking.price.totalCents);
      assert.deepEqual(manage.party, { pupil: 9, adult: 2 });
      // A size alone is counted in the first category, within every category's limits.
      const tooManyAdults = await api({ ...bookingRequest(slot.id, { email: 'size@example.nl' }), groupSize: 40 });
      assert.equal(tooManyAdults.statusCode, 201, tooManyAdults.body);
      assert.deepEqual(bookingCreatedJson.parse(tooManyAdults.json()).party, { pupil: 39, adult: 1 });

      // A group size that is not the party's sum names the sum, in the request's language.
      for (const [lang, message] of [
        ['nl', 'De groepsgrootte moet de som van de aantallen per categorie zijn: 11.'],
        ['en', 'The group size must be the sum of the counts per category: 11.'],
      ] as const) {
        const mismatch = await api(
          { ...bookingRequest(slot.id), groupSize: 12, party: { pupil: 9, adult: 2 } },
          { 'accept-language': lang },
        );
        assert.equal(mismatch.statusCode, 422);
        assert.deepEqual(validationErrorJson.parse(mismatch.json()).errors, [
          { field: 'groupSize', code: 'group_size_not_party_sum', message, params: { sum: 11 } },
        ]);
      }
      const faults = await api({ ...bookingRequest(slot.id), groupSize: undefined, party: { pupil: 9, adult: 7, dog: 1 } });
      assert.equal(faults.statusCode, 422);
      assert.deepEqual(
        validationErrorJson.parse(faults.json()).errors.map((e) => [e.field, e.code]),
        [
          ['party.dog', 'invalid_value'],
          ['party.adult', 'count_above_max'],
        ],
      );
      // Counts each within bounds whose sum is over the largest group any activity takes: the group is named too large.
      const tooMany = await api({ ...bookingRequest(slot.id), groupSize: null, party: { pupil: 9995, adult: 6 } });
      assert.equal(tooMany.statusCode, 422, tooMany.body);
      const [tooLarge, ...others] = validationErrorJson.parse(tooMany.json()).errors;
      assert.deepEqual([tooLarge?.field, tooLarge?.code, others], ['groupSize', 'group_too_large', []]);
      assert.ok(tooLarge!.message.includes(String(activity.maxGroupSize)), `names the maximum: ${tooLarge!.message}`);
      // A count over the most any group may be names that limit, or its category's own maximum where
      // lower; the counts at fault say why, not also the sum they make.
      for (const [lang, pupils, adults] of [
        ['en', 'At most 10,000.', 'At most 6.'],
        ['nl', 'Hoogstens 10.000.', 'Hoogstens 6.'],
      ] as const) {
        const countTooLarge = await api(
          { ...bookingRequest(slot.id), groupSize: undefined, party: { pupil: 10_001, adult: 10_001 } },
          { 'accept-language': lang },
        );
        assert.deepEqual(
          validationErrorJson.parse(countTooLarge.json()).errors.map((e) => [e.field, e.code, e.message]),
          [
            ['party.pupil', 'count_above_max', pupils],
            ['party.adult', 'count_above_max', adults],
          ],
        );
      }
      // Below zero names the category's own minimum, as the form's hint does.
      const negative = await api(
        { ...bookingRequest(slot.id), groupSize: undefined, party: { pupil: 9, adult: -1 } },
        { 'accept-language': 'en' },
      );
      assert.equal(negative.statusCode, 422);
      assert.deepEqual(validationErrorJson.parse(negative.json()).errors, [
        { field: 'party.adult', code: 'count_below_min', message: 'At least 1.', params: { min: 1 } },
      ]);
      const unknownSlot = await api(
        { ...bookingRequest('no-such-slot'), groupSize: undefined, party: { pupil: 10_001 } },
        { 'accept-language': 'en' },
      );
      assert.deepEqual(
        validationErrorJson.parse(unknownSlot.json()).errors.map((e) => [e.field, e.code, e.message]),
        [
          ['slotId', 'unknown_slot', 'This time slot does not exist.'],
          ['party.pupil', 'count_above_max', 'At most 10,000.'],
        ],
      );
      const plain = await makeSlot(t.database.db, t.clock, await makeActivity(t.database.db, t.clock), { date: '2026-06-21' });
      const text = await api({ ...bookingRequest(slot.id), groupSize: undefined, party: { pupil: '24', adult: 2 } });
      assert.deepEqual(
        validationErrorJson.parse(text.json()).errors.map((e) => [e.field, e.code]),
        [['party.pupil', 'not_a_number']],
      );
      const notCounted = await api({ ...bookingRequest(plain.id), groupSize: undefined, party: { pupil: 4 } });
      assert.equal(notCounted.statusCode, 422);
      assert.deepEqual(
        validationErrorJson.parse(notCounted.json()).errors.map((e) => [e.field, e.code]),
        [['party', 'invalid_value']],
      );
    });
  });
}
