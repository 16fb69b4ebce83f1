import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, type TestApp } from '../../test/app.js';
import { testDialects } from '../../test/databases.js';
import { makeExtra } from '../../test/extras.js';
import { book, makeActivity, makeSlot } from '../../test/factories.js';
import { formFields, parseHtml, urlencoded } from '../../test/html.js';
import { adminGet, type Member, signInMember } from '../../test/staff.js';
import type { Slot } from '../core/availability/slot.js';
import type { CreatedBooking } from '../core/booking-flows/booking.service.js';
import type { Activity } from '../core/catalog/activity.js';
import { createVenue } from '../core/catalog/catalog.service.js';

const FORM = { 'content-type': 'application/x-www-form-urlencoded', 'accept-language': 'nl' };

/** The text of the element with the test id, its white space folded (a table's cells run together). */
function text(body: string, testId: string): string {
  return (parseHtml(body).querySelector(`[data-testid="${testId}"]`)?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

for (const dialect of testDialects()) {
  describe(`a large group's numbers, written the language's way (${dialect.name})`, () => {
    let t: TestApp;
    let activity: Activity;
    let slot: Slot;
    let manager: Member;
    let booked: CreatedBooking;

    before(async () => {
      t = await buildTestApp(dialect, '2026-06-01T08:00:00Z');
      const { db } = t.database;
      const venue = await createVenue(db, t.clock, { slug: 'rederij', name: 'Rederij', city: 'Amsterdam' });
      activity = await makeActivity(db, t.clock, {
        venueId: venue.id,
        title: { nl: 'Rondvaart', en: 'Canal cruise' },
        minGroupSize: 1200,
        maxGroupSize: 10_000,
        pricing: [{ label: { nl: 'Rondvaart', en: 'Canal cruise' }, basis: 'person', vat: 'low', amountCents: 1250 }],
      });
      slot = await makeSlot(db, t.clock, activity, { capacity: 9999 });
      booked = await book(db, t.clock, slot, { groupSize: 2026 }, t.linkKey);
      manager = await signInMember(t, 'manager', venue);
    });
    after(() => t.close());

    test('the price lines of the review page, the manage page and the back office', async () => {
      const form = parseHtml((await t.app.inject({ url: `/book/${slot.id}`, headers: FORM })).body).querySelector(
        'form[action^="/book/"]',
      )!;
      const fields = {
        ...formFields(form),
        groupSize: '2026',
        name: 'Anna',
        email: 'anna@school.nl',
        phone: '030 1234567',
        acceptTerms: 'yes',
      };
      const review = await t.app.inject({ method: 'POST', url: `/book/${slot.id}`, headers: FORM, payload: urlencoded(fields) });
      assert.equal(review.statusCode, 200);
      assert.match(text(review.body, 'price-breakdown'), /Rondvaart2\.026 personen€/);
      // The size the form sent as text, read as digits by now: a quantity too.
      assert.match(text(review.body, 'organiser-details'), /Aantal personen2\.026 personen/);
      const manage = await t.app.inject({ url: `/b/${booked.manageToken}`, headers: FORM });
      assert.match(text(manage.body, 'price-breakdown'), /Rondvaart2\.026 personen€/);
      assert.match(text(manage.body, 'manage-actions'), /Voor groepen van 1\.200 tot 10\.000 personen;/);
      const staff = await adminGet(t, manager, `/admin/bookings/${booked.booking.id}`);
      assert.match(text(staff.body, 'price-breakdown'), /Rondvaart2\.026 personen€/);
    });

    test("the activity page's calendar, the day's schedule, the slots and the activity form", async () => {
      const page = await t.app.inject({ url: `/activities/${activity.slug}?groupSize=1500`, headers: FORM });
      assert.match(text(page.body, 'month-calendar'), /geen plaats meer voor een groep van 1\.500\./);
      const day = parseHtml((await adminGet(t, manager, '/admin?date=2026-06-15')).body);
      const row = day.querySelectorAll('tr').find((tr) => tr.textContent.includes(booked.booking.reference))!;
      assert.ok(
        row.querySelectorAll('td').some((td) => td.textContent === '2.026'),
        row.textContent,
      );
      const slots = await adminGet(t, manager, `/admin/activities/${activity.id}/slots?from=2026-06-15&to=2026-06-15`);
      assert.match(text(slots.body, `slot-${slot.id}`), /2\.026 van 9\.999 personen .*1 groepCapaciteit/);
      const edit = parseHtml((await adminGet(t, manager, `/admin/activities/${activity.id}`)).body);
      assert.equal(edit.querySelector('#cancelUntilHours-hint')?.textContent, '0 tot 8.760 uur.');
    });

    test("the home page's summary names the price field; the booking form's lists the extras before the terms", async () => {
      const home = parseHtml((await t.app.inject({ url: '/?maxPrice=1.000.000', headers: { 'accept-language': 'en' } })).body);
      assert.deepEqual(
        home.querySelectorAll('.error-summary a').map((a) => a.textContent),
        ['Price per person: At most €100,000.00.'],
      );
      const extra = await makeExtra(t.database.db, activity, { label: { nl: 'Helmcamera', en: 'Helmet camera' }, basis: 'unit' });
      const form = parseHtml((await t.app.inject({ url: `/book/${slot.id}`, headers: FORM })).body).querySelector(
        'form[action^="/book/"]',
      )!;
      const fields = {
        ...formFields(form),
        groupSize: '1300',
        name: '',
        email: 'anna@school.nl',
        phone: '030 1234567',
        [`extras.${extra.id}`]: 'veel',
      };
      delete fields.acceptTerms;
      const refused = parseHtml(
        (await t.app.inject({ method: 'POST', url: `/book/${slot.id}`, headers: FORM, payload: urlencoded(fields) })).body,
      );
      assert.deepEqual(
        refused.querySelectorAll('.error-summary a').map((a) => a.getAttribute('href')),
        ['#name', `#extras.${extra.id}`, '#acceptTerms'],
      );
    });
  });
}
