import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, type TestApp } from '../../../test/app.js';
import { testDialects } from '../../../test/databases.js';
import { book, makeActivity, makeSlot } from '../../../test/factories.js';
import { assertInert, formFields, parseHtml, urlencoded } from '../../../test/html.js';
import type { Activity } from '../../core/catalog/activity.js';
import { createVenue } from '../../core/catalog/catalog.service.js';
import { renderMail } from '../../core/mail/mail-content.js';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

/** Each field is marked invalid, described by its error, and linked from the error summary. */
function assertLinkedErrors(page: ReturnType<typeof parseHtml>, fields: string[]): void {
  for (const field of fields) {
    const control = page.querySelector(`#${field}`)!;
    assert.equal(control.getAttribute('aria-invalid'), 'true', field);
    assert.ok(control.getAttribute('aria-describedby')?.split(' ').includes(`${field}-error`), field);
    assert.ok(page.querySelector(`.error-summary a[href="#${field}"]`), `summary links to ${field}`);
  }
}

for (const dialect of testDialects()) {
  describe(`the booking journey through the HTML pages on ${dialect.name}`, () => {
    let t: TestApp;
    let activity: Activity;
    before(async () => {
      t = await buildTestApp(dialect, '2026-06-01T08:00:00Z');
      activity = await makeActivity(t.database.db, t.clock, {
        title: { nl: 'Kanoën op de Vecht', en: 'Canoeing on the Vecht' },
        minGroupSize: 4,
        maxGroupSize: 30,
        pricing: [
          { label: { nl: 'Kanohuur', en: 'Canoe hire' }, basis: 'person', vat: 'low', amountCents: 1800 },
          { label: { nl: 'Instructeur', en: 'Instructor' }, basis: 'group', vat: 'high', amountCents: 6050 },
        ],
      });
      await makeSlot(t.database.db, t.clock, activity, { date: '2026-06-03', time: '10:00', capacity: 30 });
      await makeSlot(t.database.db, t.clock, activity, { date: '2026-06-03', time: '14:00', capacity: 30 });
    });
    after(() => t.close());

    /** Runs the journey as a visitor whose language comes from Accept-Language or a chosen `lang` cookie. */
    async function journey(
      headers: Record<string, string>,
      texts: { title: string; confirmed: string; total: string; replayed: RegExp },
      email: string,
    ) {
      const get = (url: string) => t.app.inject({ url, headers });
      const list = await get('/?groupSize=12');
      assert.equal(list.statusCode, 200);
      const listPage = parseHtml(list.body);
      const link = listPage.querySelectorAll('a').find((a) => a.textContent === texts.title);
      assert.ok(link, `activity "${texts.title}" listed`);

      const detail = await get(link.getAttribute('href')!);
      assert.equal(detail.statusCode, 200);
      const slotLinks = parseHtml(detail.body).querySelectorAll('a.button');
      assert.equal(slotLinks.length, 2);

      const formPage = await get(slotLinks[0]!.getAttribute('href')!);
      assert.equal(formPage.statusCode, 200);
      const form = parseHtml(formPage.body).querySelector('form[action^="/book/"]')!;
      const fields: Record<string, string> = {
        ...formFields(form),
        name: 'Anna de Vries',
        email,
        phone: '030 1234567',
        notes: 'Twee\nregels',
        acceptTerms: 'yes',
      };
      assert.equal(fields.groupSize, '12', 'the group size chosen on the listing is carried to the form');

      const review = await t.app.inject({
        method: 'POST',
        url: form.getAttribute('action')!,
        headers: { ...headers, ...FORM },
        payload: urlencoded(fields),
      });
      assert.equal(review.statusCode, 200);
      const reviewPage = parseHtml(review.body);
      assert.equal(reviewPage.querySelector('[data-testid="price-total"]')?.textContent, texts.total);
      const confirmForm = reviewPage.querySelector('form.actions')!;

      assert.match(formFields(confirmForm).submissionKey ?? '', /^[A-Za-z0-9_-]{43}$/, 'the review page carries a submission key');

      const before = await t.database.db.selectFrom('bookings').select('id').execute();
      const sendConfirm = () =>
        t.app.inject({
          method: 'POST',
          url: confirmForm.getAttribute('action')!,
          headers: { ...headers, ...FORM },
          payload: urlencoded({ ...formFields(confirmForm), action: 'confirm' }),
        });
      const confirm = await sendConfirm();
      assert.equal(confirm.statusCode, 303);
      const location = String(confirm.headers.location);
      assert.match(location, /^\/b\/[A-Za-z0-9_-]{43}\?created=1$/);
      // A double click, or Back and confirm again: no second booking; a page names the first one,
      // without its link (a submission key is no credential; the link is in the organiser's mail).
      const again = await sendConfirm();
      assert.equal(again.statusCode, 200);
      const replayed = parseHtml(again.body).querySelector('[data-testid="submission-replayed"]')?.textContent ?? '';
      assert.match(replayed, texts.replayed);
      assert.ok(!again.body.includes(location.slice(0, -'?created=1'.length)), 'not the manage link');

      const done = await get(location);
      assert.equal(done.statusCode, 200);
      const donePage = parseHtml(done.body);
      assert.equal(donePage.querySelector('h1')?.textContent, texts.confirmed);
      const reference = donePage.querySelector('[data-testid="booking-reference"]')?.textContent;
      assert.ok(reference && replayed.includes(reference), 'the page after a double click names the reference');
      const stored = await t.database.db
        .selectFrom('bookings')
        .selectAll()
        .where('reference', '=', reference ?? '')
        .executeTakeFirstOrThrow();
      assert.deepEqual(
        [stored.group_size, stored.organiser_name, stored.notes, stored.total_cents],
        [12, 'Anna de Vries', 'Twee\nregels', 12 * 1800 + 6050],
      );
      assert.equal((await t.database.db.selectFrom('bookings').select('id').execute()).length, before.length + 1);
      return stored;
    }

    test('in English (Accept-Language)', async () => {
      const stored = await journey(
        { 'accept-language': 'en-GB,en;q=0.9' },
        {
          title: 'Canoeing on the Vecht',
          confirmed: 'Your booking is confirmed',
          total: '€276.50',
          replayed:
            /^This booking had already been placed; perhaps you clicked Confirm twice\. Booking reference GZ-.*, status: Confirmed\./,
        },
        'anna@example.nl',
      );
      assert.equal(stored.language, 'en');
    });

    test('in Dutch (chosen with the language switcher, despite an English browser)', async () => {
      const choose = await t.app.inject({
        method: 'POST',
        url: '/language',
        headers: FORM,
        payload: urlencoded({ lang: 'nl', back: '/?groupSize=12' }),
      });
      assert.equal(choose.statusCode, 303);
      assert.equal(choose.headers.location, '/?groupSize=12');
      const cookie = String(choose.headers['set-cookie']).split(';')[0]!;
      assert.equal(cookie, 'lang=nl');
      const stored = await journey(
        { 'accept-language': 'en', cookie },
        {
          title: 'Kanoën op de Vecht',
          confirmed: 'Uw boeking is bevestigd',
          total: '€\u00a0276,50',
          replayed:
            /^Deze boeking was al geplaatst; misschien klikte u twee keer op Bevestigen\. Boekingsnummer GZ-.*, status: Bevestigd\./,
        },
        'anna.nl@example.nl',
      );
      assert.equal(stored.language, 'nl');
    });

    test('a refused form comes back with the input kept and every error translated and linked to its field', async () => {
      const slot = await t.database.db.selectFrom('slots').select('id').where('activity_id', '=', activity.id).executeTakeFirstOrThrow();
      const typed = {
        groupSize: '3',
        name: 'Piet',
        email: 'piet@',
        phone: '06-1234',
        organisation: 'Club "De Snelle Peddel"',
        notes: 'Met <b>rolstoel</b>',
        action: 'review',
      };
      const res = await t.app.inject({
        method: 'POST',
        url: `/book/${slot.id}`,
        headers: { 'accept-language': 'en', ...FORM },
        payload: urlencoded(typed),
      });
      assert.equal(res.statusCode, 422);
      const page = parseHtml(res.body);
      const kept = formFields(page.querySelector('form[action^="/book/"]')!);
      assert.deepEqual(
        [kept.groupSize, kept.name, kept.email, kept.phone, kept.organisation, kept.notes, kept.acceptTerms],
        ['3', 'Piet', 'piet@', '06-1234', 'Club "De Snelle Peddel"', 'Met <b>rolstoel</b>', undefined],
      );
      const errors = Object.fromEntries(
        page.querySelectorAll('[data-testid^="error-"]').map((e) => [e.getAttribute('data-testid'), e.textContent]),
      );
      assert.deepEqual(errors, {
        'error-groupSize': 'This activity is for groups of at least 4 people.',
        'error-email': 'Enter a valid email address, like name@example.com.',
        'error-phone': 'Enter a valid phone number, like +31 6 12345678.',
        'error-acceptTerms': 'Accept the booking terms to book.',
      });
      assertLinkedErrors(page, ['groupSize', 'email', 'phone', 'acceptTerms']);
      // Group size 3 with everything else right: the same field error, not a refusal of the booking.
      const rule = await t.app.inject({
        method: 'POST',
        url: `/book/${slot.id}`,
        headers: { 'accept-language': 'en', ...FORM },
        payload: urlencoded({ ...typed, email: 'piet@example.nl', phone: '+31 6 12345678', acceptTerms: 'yes' }),
      });
      assert.equal(rule.statusCode, 422);
      const rulePage = parseHtml(rule.body);
      assert.equal(rulePage.querySelector('[data-testid="booking-refusal"]'), null);
      assert.equal(
        rulePage.querySelector('[data-testid="error-groupSize"]')?.textContent,
        'This activity is for groups of at least 4 people.',
      );
      assertLinkedErrors(rulePage, ['groupSize']);
      assert.equal(formFields(rulePage.querySelector('form[action^="/book/"]')!).name, 'Piet');
    });

    test('a bad e-mail address and a too large group are both reported in one answer, each linked to its field', async () => {
      const slot = await t.database.db.selectFrom('slots').select('id').where('activity_id', '=', activity.id).executeTakeFirstOrThrow();
      const res = await t.app.inject({
        method: 'POST',
        url: `/book/${slot.id}`,
        headers: FORM,
        payload: urlencoded({ groupSize: '31', name: 'Jan', email: 'jan@', phone: '0612345678', acceptTerms: 'yes', action: 'review' }),
      });
      assert.equal(res.statusCode, 422);
      const page = parseHtml(res.body);
      const errors = page.querySelectorAll('[data-testid^="error-"]').map((e) => [e.getAttribute('data-testid'), e.textContent]);
      assert.deepEqual(errors, [
        ['error-groupSize', 'Deze activiteit is voor groepen van hoogstens 30 personen.'],
        ['error-email', 'Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl.'],
      ]);
      assertLinkedErrors(page, ['groupSize', 'email']);
      assert.deepEqual(
        page.querySelectorAll('.error-summary a').map((a) => a.getAttribute('href')),
        ['#groupSize', '#email'],
        'the summary lists the errors in the order of the fields',
      );
      assert.equal(page.querySelector('[data-testid="booking-refusal"]'), null);
      assert.equal(formFields(page.querySelector('form[action^="/book/"]')!).groupSize, '31');
    });

    test('the form opened for a group outside the limits marks the group size field, not the slot', async () => {
      const slot = await t.database.db.selectFrom('slots').select('id').where('activity_id', '=', activity.id).executeTakeFirstOrThrow();
      const res = await t.app.inject({ url: `/book/${slot.id}?groupSize=2`, headers: { 'accept-language': 'en' } });
      assert.equal(res.statusCode, 200);
      const page = parseHtml(res.body);
      assert.equal(page.querySelector('[data-testid="booking-refusal"]'), null);
      assert.equal(page.querySelector('[data-testid="error-groupSize"]')?.textContent, 'This activity is for groups of at least 4 people.');
      assertLinkedErrors(page, ['groupSize']);
    });

    /** The form's review step refuses the group size with the message at the field, the input kept. */
    async function assertGroupSizeRefused(slotId: string, groupSize: string, message: string, lang: 'nl' | 'en' = 'nl'): Promise<void> {
      const res = await t.app.inject({
        method: 'POST',
        url: `/book/${slotId}`,
        headers: { ...FORM, 'accept-language': lang },
        payload: urlencoded({ groupSize, name: 'Jan', email: 'jan@example.nl', phone: '0612345678', acceptTerms: 'yes', action: 'review' }),
      });
      assert.equal(res.statusCode, 422, groupSize);
      const page = parseHtml(res.body);
      assert.equal(page.querySelector('[data-testid="error-groupSize"]')?.textContent, message, groupSize);
      assert.equal(formFields(page.querySelector('form[action^="/book/"]')!).groupSize, groupSize);
    }

    test('group sizes of 0, 10^9, 10^30 and grouped digits typed in the form get translated messages, the input kept', async () => {
      const slot = await t.database.db.selectFrom('slots').select('id').where('activity_id', '=', activity.id).executeTakeFirstOrThrow();
      const cases: [string, string][] = [
        ['0', 'Deze activiteit is voor groepen van minstens 4 personen.'],
        ['1000000000', 'Deze activiteit is voor groepen van hoogstens 30 personen.'],
        ['1' + '0'.repeat(30), 'Deze activiteit is voor groepen van hoogstens 30 personen.'],
        ['-3', 'Deze activiteit is voor groepen van minstens 4 personen.'],
        ['2.5', 'Vul een heel getal in.'],
        ['twaalf', 'Vul een heel getal in.'],
        // Thousands are read as the page writes them, as in the back office: a Dutch page groups
        // them with a point, one group or more; a comma, its decimal sign, only twice or more.
        ['1.000.000', 'Deze activiteit is voor groepen van hoogstens 30 personen.'],
        ['1,000,000', 'Deze activiteit is voor groepen van hoogstens 30 personen.'],
        ['10.000', 'Deze activiteit is voor groepen van hoogstens 30 personen.'],
        ['1.000', 'Deze activiteit is voor groepen van hoogstens 30 personen.'],
        ['10,000', 'Een komma staat voor decimalen. Bedoelt u 10.000? Schrijf dan 10000 of 10.000.'],
        ['-1,500', 'Een komma staat voor decimalen. Bedoelt u -1.500? Schrijf dan -1500 of -1.500.'],
        ['1.0000', 'Vul een heel getal in.'],
        ['12 personen', 'Vul een heel getal in.'],
      ];
      for (const [groupSize, message] of cases) await assertGroupSizeRefused(slot.id, groupSize, message);
    });

    test('an English booking form reads "10,000" as ten thousand and refuses "10.000", which could be 10, saying how to write it', async () => {
      const slot = await t.database.db.selectFrom('slots').select('id').where('activity_id', '=', activity.id).executeTakeFirstOrThrow();
      for (const [groupSize, message] of [
        ['10,000', 'This activity is for groups of at most 30 people.'],
        ['1,000', 'This activity is for groups of at most 30 people.'],
        ['10.000', 'A point marks decimals. Do you mean 10,000? Then write 10000 or 10,000.'],
        ['1.5', 'Enter a whole number.'],
      ] as const)
        await assertGroupSizeRefused(slot.id, groupSize, message, 'en');
    });

    test('the listing shows the price for the group, and with a date only what can be booked that day', async () => {
      const titles = async (query: string) =>
        parseHtml((await t.app.inject({ url: `/?${query}`, headers: { 'accept-language': 'en' } })).body)
          .querySelectorAll('.card')
          .map((card) => `${card.querySelector('h2')?.textContent}: ${card.querySelector('.price-hint')?.textContent}`);
      assert.deepEqual(await titles('date=2026-06-03&groupSize=12'), ['Canoeing on the Vecht: €276.50 for 12 people']);
      assert.deepEqual(await titles('groupSize=4'), ['Canoeing on the Vecht: €132.50 for 4 people']);
      assert.deepEqual(await titles('date=2026-06-05&groupSize=12'), []);
      assert.deepEqual(await titles('groupSize=31'), []);
    });

    test('the form of a slot that cannot take the group says so before anything is typed', async () => {
      const full = await makeSlot(t.database.db, t.clock, activity, { date: '2026-06-04', capacity: 5 });
      const page = parseHtml((await t.app.inject({ url: `/book/${full.id}?groupSize=6`, headers: { 'accept-language': 'en' } })).body);
      assert.equal(
        page.querySelector('[data-testid="booking-refusal"]')?.textContent,
        'This time slot no longer has enough places for your group. Choose another time.',
      );
      const fits = parseHtml((await t.app.inject(`/book/${full.id}?groupSize=5`)).body);
      assert.equal(fits.querySelector('[data-testid="booking-refusal"]'), null);
    });

    test('a slot without places is called full, in the slot list and on its form, not "0 places left"', async () => {
      const other = await makeActivity(t.database.db, t.clock, { minGroupSize: 4, maxGroupSize: 30 });
      const full = await makeSlot(t.database.db, t.clock, other, { date: '2026-06-04', time: '10:00', capacity: 8 });
      const few = await makeSlot(t.database.db, t.clock, other, { date: '2026-06-04', time: '14:00', capacity: 8 });
      await book(t.database.db, t.clock, full, { groupSize: 8 });
      await book(t.database.db, t.clock, few, { groupSize: 4 });
      for (const [lang, expected, refusal] of [
        ['en', ['Full', 'Too few places for your group: 4 places left'], 'This time slot is full. Choose another time.'],
        ['nl', ['Vol', 'Te weinig plaatsen voor uw groep: Nog 4 plaatsen'], 'Dit tijdslot is vol. Kies een ander tijdstip.'],
      ] as const) {
        const headers = { 'accept-language': lang };
        const page = parseHtml((await t.app.inject({ url: `/activities/${other.slug}?date=2026-06-04&groupSize=6`, headers })).body);
        const rows = page.querySelectorAll('[data-testid="slot"]').map((row) => {
          const reason = row.querySelector('.reason')?.textContent;
          const places = row.querySelector('.places')!.textContent;
          return reason ? `${reason}: ${places}` : places;
        });
        assert.deepEqual(rows, expected, lang);
        assert.doesNotMatch(page.textContent, /\b0 places|Nog 0/, 'no "0 places left"');
        const form = parseHtml((await t.app.inject({ url: `/book/${full.id}?groupSize=6`, headers })).body);
        assert.equal(form.querySelector('[data-testid="booking-refusal"]')?.textContent, refusal, lang);
      }
    });

    test('pages and mails write the visit in one format per language', async () => {
      const slot = await makeSlot(t.database.db, t.clock, activity, { date: '2026-06-13', time: '10:00', capacity: 30 });
      const { booking, manageToken } = await book(t.database.db, t.clock, slot, { groupSize: 6 });
      for (const [lang, expected] of [
        ['nl', 'za 13 jun 2026, 10:00–11:30'],
        ['en', 'Sat 13 Jun 2026, 10:00–11:30'],
      ] as const) {
        const headers = { 'accept-language': lang };
        const manage = parseHtml((await t.app.inject({ url: `/b/${manageToken}`, headers })).body);
        const form = parseHtml((await t.app.inject({ url: `/book/${slot.id}`, headers })).body);
        const links = {
          manageUrl: undefined,
          participantUrl: undefined,
          activityUrl: 'https://x.test/',
          lostLinkUrl: 'https://x.test/',
          adminUrl: 'https://x.test/',
        };
        const mail = renderMail('booking_received', lang, {}, { booking, ...links });
        const when = mail.text.split('\n').find((line) => line.startsWith(lang === 'nl' ? 'Wanneer: ' : 'When: '));
        assert.equal(manage.querySelector('[data-testid="slot-when"]')?.textContent, expected, `${lang} manage page`);
        assert.equal(form.querySelector('[data-testid="slot-when"]')?.textContent, expected, `${lang} booking form`);
        assert.equal(when?.slice(when.indexOf(': ') + 2), expected, `${lang} mail`);
      }
    });

    test('the language switcher on a form answer submits that form, elsewhere returns to the home page', async () => {
      const slot = await t.database.db.selectFrom('slots').select('id').where('activity_id', '=', activity.id).executeTakeFirstOrThrow();
      const refused = await t.app.inject({
        method: 'POST',
        url: `/book/${slot.id}`,
        headers: FORM,
        payload: urlencoded({ groupSize: '5', action: 'review' }),
      });
      // On the booking form the switcher's buttons submit the form itself (see booking-resubmission.test.ts).
      const switcher = parseHtml(refused.body).querySelectorAll('.language button[name="lang"]');
      assert.deepEqual(
        switcher.map((b) => b.getAttribute('form')),
        ['booking-form', 'booking-form'],
      );
      const forbidden = await t.app.inject({
        method: 'POST',
        url: '/language',
        headers: { ...FORM, 'sec-fetch-site': 'cross-site' },
        payload: 'lang=en',
      });
      assert.equal(forbidden.statusCode, 403);
      assert.equal(parseHtml(forbidden.body).querySelector('form.language input[name="back"]')?.getAttribute('value'), '/');
    });

    test('a script or HTML payload in every text field comes back inert on every page that shows it', async () => {
      const slot = await t.database.db.selectFrom('slots').select('id').where('activity_id', '=', activity.id).executeTakeFirstOrThrow();
      const payload = `"'><script>alert(1)</script><img src=x onerror=alert(2)><a href="javascript:alert(3)">x</a>`;
      const marker = '<script>alert(1)';
      const valid = {
        groupSize: '4',
        name: payload,
        email: 'x@example.nl',
        phone: '0301234567',
        organisation: payload,
        notes: payload,
        acceptTerms: 'yes',
      };
      // Invalid fields are shown back in the form.
      for (const field of ['groupSize', 'email', 'phone']) {
        const res = await t.app.inject({
          method: 'POST',
          url: `/book/${slot.id}`,
          headers: FORM,
          payload: urlencoded({ ...valid, [field]: payload, action: 'review' }),
        });
        assert.equal(res.statusCode, 422, field);
        assertInert(res.body, marker);
        assert.equal(formFields(parseHtml(res.body).querySelector('form[action^="/book/"]')!)[field], payload, `${field} kept verbatim`);
      }
      const review = await t.app.inject({
        method: 'POST',
        url: `/book/${slot.id}`,
        headers: FORM,
        payload: urlencoded({ ...valid, action: 'review' }),
      });
      assert.equal(review.statusCode, 200);
      assertInert(review.body, marker);
      const confirmForm = parseHtml(review.body).querySelector('form.actions')!;
      assert.equal(formFields(confirmForm).notes, payload, 'hidden fields carry the payload verbatim');
      const confirm = await t.app.inject({
        method: 'POST',
        url: `/book/${slot.id}`,
        headers: FORM,
        payload: urlencoded({ ...formFields(confirmForm), action: 'confirm' }),
      });
      const manage = await t.app.inject(String(confirm.headers.location));
      assert.equal(manage.statusCode, 200);
      assertInert(manage.body, marker);
      const shown = parseHtml(manage.body)
        .querySelectorAll('dd')
        .map((d) => d.textContent);
      assert.ok(shown.filter((text) => text === payload).length >= 3, 'name, organisation and notes shown as text');
      // Query strings and unknown URLs echo nothing executable either.
      for (const url of [
        `/?date=${encodeURIComponent(payload)}&groupSize=${encodeURIComponent(payload)}`,
        `/activities/${activity.slug}?date=${encodeURIComponent(payload)}`,
        `/${encodeURIComponent(payload)}`,
      ]) {
        const res = await t.app.inject(url);
        assert.ok(res.statusCode === 400 || res.statusCode === 404, url);
        assertInert(res.body, marker);
      }
    });

    test('unknown slots, activities and manage tokens get a plain translated 404 page', async () => {
      for (const url of ['/book/nope', '/activities/nope', '/b/nope', `/b/${'A'.repeat(43)}`, '/b/%00', '/nowhere']) {
        const res = await t.app.inject({ url, headers: { 'accept-language': 'en' } });
        assert.equal(res.statusCode, 404, url);
        assert.equal(
          parseHtml(res.body).querySelector('[data-testid="error-message"]')?.textContent,
          'This page does not exist (any more).',
        );
      }
    });

    test("the activity page shows the venue's contact address and phone, when the venue gave them", async () => {
      const venue = await createVenue(t.database.db, t.clock, {
        slug: 'klimhal-de-wand',
        name: 'Klimhal De Wand',
        city: 'Utrecht',
        contactEmail: 'info@klimhal-de-wand.example.nl',
        contactPhone: '030 555 0202',
      });
      const climbing = await makeActivity(t.database.db, t.clock, { venueId: venue.id, slug: 'klimmen-groepen' });
      for (const [lang, text] of [
        ['en', 'Questions? Contact Klimhal De Wand:'],
        ['nl', 'Vragen? Neem contact op met Klimhal De Wand:'],
      ] as const) {
        const page = parseHtml((await t.app.inject({ url: `/activities/${climbing.slug}`, headers: { cookie: `lang=${lang}` } })).body);
        const contact = page.querySelector('[data-testid="venue-contact"]')!;
        assert.equal(contact.querySelector('p')?.textContent, text);
        assert.deepEqual(
          contact.querySelectorAll('a').map((a) => a.getAttribute('href')),
          ['tel:0305550202', 'mailto:info@klimhal-de-wand.example.nl'],
        );
      }
      const without = parseHtml((await t.app.inject(`/activities/${activity.slug}`)).body);
      assert.equal(without.querySelector('[data-testid="venue-contact"]'), null, 'a venue without contact details shows none');
    });
  });
}
