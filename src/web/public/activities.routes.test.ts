import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, type TestApp } from '../../../test/app.js';
import { testDialects } from '../../../test/databases.js';
import { book, makeActivity, makeSlot } from '../../../test/factories.js';
import { makeExtra } from '../../../test/extras.js';
import { formFields, parseHtml } from '../../../test/html.js';
import type { Activity } from '../../core/catalog/activity.js';
import { createVenue } from '../../core/catalog/catalog.service.js';

for (const dialect of testDialects()) {
  describe(`finding an activity and a date through the pages on ${dialect.name}`, () => {
    let t: TestApp;
    let cruise: Activity;
    let climbing: Activity;
    let boat: Activity;

    before(async () => {
      t = await buildTestApp(dialect, '2027-03-10T08:00:00Z');
      const { db } = t.database;
      const amsterdam = await createVenue(db, t.clock, { slug: 'rederij', name: 'Rederij Amstel', city: 'Amsterdam' });
      const utrecht = await createVenue(db, t.clock, { slug: 'klimhal', name: 'Klimhal De Wand', city: 'Utrecht' });
      cruise = await makeActivity(db, t.clock, {
        venueId: amsterdam.id,
        category: 'water',
        title: { nl: 'Rondvaart door de grachten', en: 'Canal cruise' },
        minGroupSize: 1,
        maxGroupSize: 20,
        pricing: [{ label: { nl: 'Rondvaart', en: 'Cruise' }, basis: 'person', vat: 'low', amountCents: 1650 }],
      });
      climbing = await makeActivity(db, t.clock, {
        venueId: utrecht.id,
        category: 'sport',
        title: { nl: 'Klimclinic', en: 'Climbing clinic' },
        pricing: [{ label: { nl: 'Klimmen', en: 'Climbing' }, basis: 'person', vat: 'low', amountCents: 2450 }],
      });
      const full = await makeSlot(db, t.clock, cruise, { date: '2027-03-12', time: '10:00', capacity: 10 });
      await book(db, t.clock, full, { groupSize: 8 });
      await makeSlot(db, t.clock, cruise, { date: '2027-03-16', time: '10:00', capacity: 20 });
      await makeSlot(db, t.clock, cruise, { date: '2027-04-20', time: '10:00', capacity: 20 });
      boat = await makeActivity(db, t.clock, {
        venueId: (await createVenue(db, t.clock, { slug: 'sloepen', name: 'Sloepverhuur', city: 'Leiden' })).id,
        slug: 'sloep',
        category: 'team',
        pricing: [{ label: { nl: 'Sloep', en: 'Sloop' }, basis: 'person', vat: 'low', amountCents: 4000 }],
        title: { nl: 'Sloep varen', en: 'Sloop sailing' },
        minGroupSize: 6,
        maxGroupSize: 12,
      });
      // 10 of its 16 places left, and 9 life jackets, which everyone wears (the booking came before them): a group of 6 to 9 can book it, one of 10 to 12 cannot.
      await book(db, t.clock, await makeSlot(db, t.clock, boat, { date: '2027-03-18', time: '14:00', capacity: 16 }), { groupSize: 6 });
      await makeExtra(db, boat, { label: { nl: 'Zwemvest', en: 'Life jacket' }, basis: 'person', required: true, stock: 9 });
    });
    after(() => t.close());

    const get = (url: string, lang = 'nl') => t.app.inject({ url, headers: { 'accept-language': lang } });
    const cards = async (query: string, lang = 'nl') =>
      parseHtml((await get(`/?${query}`, lang)).body)
        .querySelectorAll('.card')
        .map((card) => card.querySelector('h2')?.textContent);

    test('cards: title, venue and city, category, price per person including VAT, in Dutch and English', async () => {
      const nl = parseHtml((await get('/')).body);
      const card = nl.querySelectorAll('.card').find((c) => c.querySelector('h2')?.textContent === 'Rondvaart door de grachten')!;
      assert.match(card.textContent, /Rederij Amstel, Amsterdam · Op het water/);
      assert.equal(card.querySelector('[data-testid="price-per-person"]')?.textContent, '€\u00a016,50 per persoon, incl. btw');
      const en = parseHtml((await get('/', 'en')).body);
      const englishCard = en.querySelectorAll('.card').find((c) => c.querySelector('h2')?.textContent === 'Climbing clinic')!;
      assert.match(englishCard.textContent, /Klimhal De Wand, Utrecht · Sport and adventure/);
      assert.equal(englishCard.querySelector('[data-testid="price-per-person"]')?.textContent, '€24.50 per person, incl. VAT');
      assert.equal(nl.querySelector('[data-testid="search-result"]'), null, 'no count without a search');
    });

    test('search, city, category and price combine in a shareable GET URL; the form keeps every choice', async () => {
      assert.deepEqual(await cards('q=RONDVAART'), ['Rondvaart door de grachten']);
      assert.deepEqual(await cards('q=climbing', 'en'), ['Climbing clinic']);
      assert.deepEqual(await cards('city=utrecht'), ['Klimclinic']);
      assert.deepEqual(await cards('category=water'), ['Rondvaart door de grachten']);
      assert.deepEqual(await cards('maxPrice=20'), ['Rondvaart door de grachten']);
      assert.deepEqual(await cards('maxPrice=24%2C50&city=Utrecht&category=sport&q=klim'), ['Klimclinic']);
      const response = await get('/?q=klim&city=Utrecht&category=sport&maxPrice=30&groupSize=4');
      assert.equal(response.statusCode, 200);
      assert.equal(response.headers['cache-control'], 'public, max-age=60');
      const page = parseHtml(response.body);
      const form = page.querySelector('form.filters')!;
      assert.equal(form.getAttribute('method'), 'get');
      assert.deepEqual(formFields(form), { q: 'klim', maxPrice: '30', date: '', groupSize: '4' });
      assert.equal(form.querySelector('#city option[selected]')?.getAttribute('value'), 'Utrecht');
      assert.equal(form.querySelector('#category option[selected]')?.getAttribute('value'), 'sport');
      assert.equal(page.querySelector('[data-testid="search-result"]')?.textContent, 'Gevonden activiteiten: 1 Alle filters wissen');
      assert.match(page.querySelector('.card h2 a')!.getAttribute('href')!, /^\/activities\/[\w-]+\?groupSize=4$/);
    });

    test('nothing found: the page says so and offers to clear the filters', async () => {
      const page = parseHtml((await get('/?q=kano&city=Zwolle', 'en')).body);
      assert.equal(page.querySelectorAll('.card').length, 0);
      assert.equal(page.querySelector('[data-testid="no-activities"]')?.textContent, 'No activities match your search.');
      assert.equal(page.querySelector('[data-testid="search-result"] a')?.getAttribute('href'), '/');
      assert.equal(page.querySelector('#city option[selected]')?.getAttribute('value'), 'Zwolle', 'an unknown city is kept');
    });

    test('invalid filters: 400, translated messages linked to their fields, the input kept, the valid filters applied', async () => {
      const response = await get(`/?q=${'x'.repeat(101)}&category=kermis&maxPrice=veel&city=Utrecht`);
      assert.equal(response.statusCode, 400);
      assert.equal(response.headers['cache-control'], 'no-store');
      const page = parseHtml(response.body);
      assert.equal(page.querySelector('[data-testid="error-q"]')?.textContent, 'Deze tekst is te lang.');
      assert.equal(page.querySelector('[data-testid="error-category"]')?.textContent, 'Deze waarde is ongeldig.');
      assert.equal(page.querySelector('[data-testid="error-maxPrice"]')?.textContent, 'Vul een bedrag in euro in, zoals 12,50.');
      for (const field of ['q', 'category', 'maxPrice']) assert.ok(page.querySelector(`.error-summary a[href="#${field}"]`), field);
      assert.equal(formFields(page.querySelector('form.filters')!).maxPrice, 'veel');
      assert.deepEqual(
        page.querySelectorAll('.card').map((card) => card.querySelector('h2')?.textContent),
        ['Klimclinic'],
      );
      const english = parseHtml((await get('/?maxPrice=12.505', 'en')).body);
      assert.equal(english.querySelector('[data-testid="error-maxPrice"]')?.textContent, 'Enter an amount in euros, like 12.50.');
      // A well-formed amount below zero is too small, not badly typed: the message names the bound as money.
      const negative = parseHtml((await get('/?maxPrice=-3', 'en')).body);
      assert.equal(negative.querySelector('[data-testid="error-maxPrice"]')?.textContent, 'At least €0.00.');
      const large = parseHtml((await get('/?maxPrice=1.000.000', 'nl')).body);
      assert.equal(large.querySelector('[data-testid="error-maxPrice"]')?.textContent, 'Hoogstens €\u00a0100.000,00.');
    });

    test('the filters come back exactly as typed, spaces and all; the search and the links read them without', async () => {
      const typed = { q: ' rondvaart ', maxPrice: ' 20 ', date: ' 2027-03-16 ', groupSize: ' 4 ' };
      const found = await get(`/?${new URLSearchParams({ ...typed, city: ' Amsterdam ' })}`);
      assert.equal(found.statusCode, 200);
      const page = parseHtml(found.body);
      assert.deepEqual(formFields(page.querySelector('form.filters')!), typed);
      assert.deepEqual(
        page.querySelectorAll('.card h2').map((h2) => h2.textContent),
        ['Rondvaart door de grachten'],
      );
      assert.match(page.querySelector('.card h2 a')!.getAttribute('href')!, /\?date=2027-03-16&groupSize=4$/);
      const refused = await get(`/?${new URLSearchParams({ q: ' klim ', maxPrice: ' veel ', groupSize: ' 0 ', date: ' morgen ' })}`);
      assert.equal(refused.statusCode, 400);
      assert.deepEqual(formFields(parseHtml(refused.body).querySelector('form.filters')!), {
        q: ' klim ',
        maxPrice: ' veel ',
        date: ' morgen ',
        groupSize: ' 0 ',
      });
      // The activity page's filter too: shown as typed, carried without the spaces.
      const activity = parseHtml(
        (await get(`/activities/${cruise.slug}?${new URLSearchParams({ date: ' 2027-03-16 ', groupSize: ' 4 ' })}`)).body,
      );
      assert.deepEqual(formFields(activity.querySelector('form.filters')!), { date: ' 2027-03-16 ', groupSize: ' 4 ' });
      assert.equal(
        activity.querySelector('[data-testid="slots-later"]')?.getAttribute('href'),
        `/activities/${cruise.slug}?date=2027-03-30&groupSize=4#slots`,
      );
      const wrong = parseHtml((await get(`/activities/${cruise.slug}?${new URLSearchParams({ groupSize: ' veel ' })}`)).body);
      assert.equal(formFields(wrong.querySelector('form.filters')!).groupSize, ' veel ');
    });

    test('the group size filter reads the bound its hint shows the language\'s way: "10.000" in Dutch, "10,000" in English', async () => {
      for (const [lang, typed, refused, message] of [
        ['nl', '10.000', '10,000', 'Een komma staat voor decimalen. Bedoelt u 10.000? Schrijf dan 10000 of 10.000.'],
        ['en', '10,000', '10.000', 'A point marks decimals. Do you mean 10,000? Then write 10000 or 10,000.'],
      ] as const) {
        const read = parseHtml((await get(`/?groupSize=${encodeURIComponent(typed)}`, lang)).body);
        assert.equal(read.querySelector('#groupSize-error'), null, `${lang} ${typed}`);
        assert.equal(formFields(read.querySelector('form.filters')!).groupSize, typed);
        // The other language's single group could be 10 or 10000: refused, saying how to write it, kept as typed.
        const ambiguous = parseHtml((await get(`/?groupSize=${encodeURIComponent(refused)}`, lang)).body);
        assert.equal(ambiguous.querySelector('#groupSize-error')?.textContent?.trim(), message, `${lang} ${refused}`);
        assert.equal(formFields(ambiguous.querySelector('form.filters')!).groupSize, refused);
      }
    });

    test('the group size filter names its bounds in a hint, as every group size field does, in Dutch and English', async () => {
      for (const [lang, hint, cruiseHint] of [
        ['nl', 'groepen van 1 tot 10.000 personen', 'groepen van 1 tot 20 personen'],
        ['en', 'groups of 1 to 10,000 people', 'groups of 1 to 20 people'],
      ] as const) {
        const page = parseHtml((await get('/?groupSize=0', lang)).body);
        const input = page.querySelector('form.filters input#groupSize')!;
        assert.equal(page.querySelector('#groupSize-hint')?.textContent, hint);
        assert.deepEqual(input.getAttribute('aria-describedby')?.split(' '), ['groupSize-hint', 'groupSize-error']);
        const activity = parseHtml((await get(`/activities/${cruise.slug}`, lang)).body);
        assert.equal(activity.querySelector('form.filters #groupSize-hint')?.textContent, cruiseHint);
      }
    });

    test('the activity page: a month as a table of days, each state in words, the chosen day current; in Dutch and English', async () => {
      const response = await get(`/activities/${cruise.slug}?groupSize=4&date=2027-03-16`);
      assert.equal(response.statusCode, 200);
      assert.equal(response.headers['cache-control'], 'public, max-age=60');
      const page = parseHtml(response.body);
      const table = page.querySelector('table.calendar')!;
      assert.equal(table.querySelector('caption')?.textContent, 'Beschikbaarheid in maart 2027');
      assert.deepEqual(
        table.querySelectorAll('thead th .visually-hidden').map((th) => th.textContent),
        ['maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag', 'zaterdag', 'zondag'],
      );
      // 1 March 2027 is a Monday: the first week starts with it; 31 March is a Wednesday.
      const weeks = table.querySelectorAll('tbody tr');
      assert.equal(weeks.length, 5);
      assert.equal(weeks[0]!.querySelectorAll('td')[0]!.querySelector('.day-number')?.textContent, '1');
      const day = (n: number) => table.querySelectorAll('td').find((td) => td.querySelector('.day-number')?.textContent === String(n))!;
      assert.equal(day(12).getAttribute('data-state'), 'full');
      assert.equal(day(12).querySelector('.day-state')?.textContent, 'vol');
      assert.equal(day(16).querySelector('.day-state')?.textContent, 'vrij');
      assert.equal(day(16).querySelector('a')?.getAttribute('aria-current'), 'date');
      assert.equal(day(16).querySelector('a')?.getAttribute('href'), `/activities/${cruise.slug}?date=2027-03-16&groupSize=4#slots`);
      assert.equal(day(12).querySelector('a')?.hasAttribute('aria-current'), false);
      assert.equal(day(13).querySelector('a'), null, 'a day without times is no link');
      assert.equal(day(13).querySelector('.visually-hidden')?.textContent, 'geen tijden');
      assert.equal(page.querySelector('.month-nav [rel="prev"]'), null, 'no month before this one');
      assert.equal(
        page.querySelector('.month-nav [rel="next"]')?.getAttribute('href'),
        `/activities/${cruise.slug}?date=2027-03-16&month=2027-04&groupSize=4#slots`,
      );

      const april = parseHtml((await get(`/activities/${cruise.slug}?groupSize=4&date=2027-03-16&month=2027-04`, 'en')).body);
      assert.equal(april.querySelector('table.calendar caption')?.textContent, 'Availability in April 2027');
      assert.equal(april.querySelector('table.calendar thead th .visually-hidden')?.textContent, 'Monday');
      assert.equal(april.querySelector('td[data-state="free"] .day-state')?.textContent, 'free');
      assert.equal(april.querySelector('[aria-current]'), null, 'the chosen day is not in April');
      assert.ok(april.querySelector('.month-nav [rel="prev"]'));
      assert.equal(april.querySelectorAll('[data-testid="slot"]').length, 1, 'the list stays at the chosen date');
    });

    test('a full day for a group of 4 is few left for a group of 2', async () => {
      const page = parseHtml((await get(`/activities/${cruise.slug}?groupSize=2`)).body);
      assert.equal(page.querySelector('td[data-state="few"] .day-number')?.textContent, '12');
      assert.equal(page.querySelector('td[data-state="few"] .day-state')?.textContent, 'bijna vol');
    });

    test('times page by two weeks: later from the day after the last shown, earlier never before today', async () => {
      const first = parseHtml((await get(`/activities/${cruise.slug}?groupSize=4`)).body);
      assert.equal(first.querySelector('[data-testid="slots-earlier"]'), null);
      assert.equal(
        first.querySelector('[data-testid="slots-later"]')?.getAttribute('href'),
        `/activities/${cruise.slug}?date=2027-03-24&groupSize=4#slots`,
      );
      assert.match(first.querySelector('.slot-paging p')?.textContent ?? '', /^Tijden van wo 10 mrt 2027 tot en met di 23 mrt 2027$/);
      const later = parseHtml((await get(`/activities/${cruise.slug}?date=2027-04-14&groupSize=4`)).body);
      assert.equal(later.querySelectorAll('[data-testid="slot"]').length, 1);
      assert.equal(
        later.querySelector('[data-testid="slots-earlier"]')?.getAttribute('href'),
        `/activities/${cruise.slug}?date=2027-03-31&groupSize=4#slots`,
      );
      const soon = parseHtml((await get(`/activities/${cruise.slug}?date=2027-03-15&groupSize=4`)).body);
      assert.equal(
        soon.querySelector('[data-testid="slots-earlier"]')?.getAttribute('href'),
        `/activities/${cruise.slug}?date=2027-03-10&groupSize=4#slots`,
      );
    });

    test('an invalid month: 400 with a translated message at the calendar, which shows the month of the date', async () => {
      for (const month of ['2027-13', 'maart', '1999-12']) {
        const response = await get(`/activities/${cruise.slug}?month=${month}&date=2027-04-01`, 'en');
        assert.equal(response.statusCode, 400, month);
        const page = parseHtml(response.body);
        assert.equal(page.querySelector('[data-testid="error-month"]')?.textContent, 'Month: This value is not valid.');
        assert.equal(page.querySelector('table.calendar caption')?.textContent, 'Availability in April 2027');
      }
      const bad = await get(`/activities/${climbing.slug}?date=2027-02-30&groupSize=veel`);
      assert.equal(bad.statusCode, 400);
      assert.equal(parseHtml(bad.body).querySelector('table.calendar caption')?.textContent, 'Beschikbaarheid in maart 2027');
    });

    test("a group outside the activity's limits: 400 at the field, naming the limit as the booking form does; nl and en", async () => {
      const refusals = [
        ['nl', '3', 'Deze activiteit is voor groepen van minstens 6 personen.'],
        ['nl', '-1', 'Deze activiteit is voor groepen van minstens 6 personen.'],
        ['nl', '13', 'Deze activiteit is voor groepen van hoogstens 12 personen.'],
        ['nl', '1.000.000', 'Deze activiteit is voor groepen van hoogstens 12 personen.'],
        ['nl', '1.000', 'Deze activiteit is voor groepen van hoogstens 12 personen.'],
        ['en', '3', 'This activity is for groups of at least 6 people.'],
        ['en', '0', 'This activity is for groups of at least 6 people.'],
        ['en', '100', 'This activity is for groups of at most 12 people.'],
        ['en', '1,000,000', 'This activity is for groups of at most 12 people.'],
        ['en', '1,000', 'This activity is for groups of at most 12 people.'],
      ] as const;
      for (const [lang, typed, message] of refusals) {
        const url = `/activities/${boat.slug}?${new URLSearchParams({ date: '2027-03-18', groupSize: ` ${typed} ` })}`;
        // Twice: the refusal is not kept as the page's answer.
        for (const round of [1, 2]) {
          const response = await get(url, lang);
          assert.equal(response.statusCode, 400, `${typed} (${round})`);
          assert.equal(response.headers['cache-control'], 'no-store');
          const page = parseHtml(response.body);
          assert.equal(page.querySelector('[data-testid="error-groupSize"]')?.textContent, message, typed);
          const label = lang === 'nl' ? 'Aantal personen' : 'Number of people';
          assert.equal(page.querySelector('.error-summary a[href="#groupSize"]')?.textContent, `${label}: ${message}`);
          assert.equal(formFields(page.querySelector('form.filters')!).groupSize, ` ${typed} `, 'kept as typed');
          // As for any refused filter: no times, and the calendar for the activity's smallest group, not the one refused.
          assert.equal(page.querySelectorAll('[data-testid="slot"]').length, 0);
          assert.match(page.querySelector('.month-calendar .hint')?.textContent ?? '', lang === 'nl' ? /groep van 6\.$/ : /group of 6\.$/);
          const day = page.querySelectorAll('table.calendar td').find((td) => td.querySelector('.day-number')?.textContent === '18');
          assert.equal(day?.getAttribute('data-state'), 'free');
          // Its days lead to that group's times, not back to the refusal.
          assert.match(day?.querySelector('a')?.getAttribute('href') ?? '', /[?&]groupSize=6(&|#|$)/);
        }
      }
    });

    test("every group size the activity takes: the calendar's day and the day's times agree", async () => {
      for (const groupSize of [6, 7, 8, 9, 10, 11, 12]) {
        const response = await get(`/activities/${boat.slug}?date=2027-03-18&groupSize=${groupSize}`, 'en');
        assert.equal(response.statusCode, 200, String(groupSize));
        const page = parseHtml(response.body);
        const day = page.querySelectorAll('table.calendar td').find((td) => td.querySelector('.day-number')?.textContent === '18')!;
        const bookable = page.querySelectorAll('[data-testid="slot"] a.button').length > 0;
        assert.equal(day.getAttribute('data-state'), groupSize <= 9 ? 'free' : 'full', String(groupSize));
        assert.equal(bookable, groupSize <= 9, String(groupSize));
      }
    });
  });
}
