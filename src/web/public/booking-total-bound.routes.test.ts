import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { buildTestApp, TEST_PUBLIC_URL, type TestApp } from '../../../test/app.js';
import { testDialects } from '../../../test/databases.js';
import { makeExtra } from '../../../test/extras.js';
import { book, bookingRequest, makeActivity, makeSlot } from '../../../test/factories.js';
import { parseHtml, urlencoded } from '../../../test/html.js';
import { adminPost, type Member, signInMember } from '../../../test/staff.js';
import type { Slot } from '../../core/availability/slot.js';
import type { Activity } from '../../core/catalog/activity.js';
import type { Extra } from '../../core/catalog/extras.js';
import { createVenue } from '../../core/catalog/catalog.service.js';
import { MAX_BOOKING_CENTS } from '../../core/shared/money.js';
import { newToken } from '../../core/shared/ids.js';
import { validationErrorJson } from './api.schemas.js';

const FORM = { 'content-type': 'application/x-www-form-urlencoded', origin: TEST_PUBLIC_URL };
const text = (res: LightMyRequestResponse, testid: string) =>
  parseHtml(res.body)
    .querySelector(`[data-testid="${testid}"]`)
    ?.textContent.replace(/\u00a0/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
const TOO_LARGE = {
  nl: 'Zo komt de prijs van deze boeking boven € 1.000.000,00, het hoogste bedrag dat één boeking kan kosten. Kies een kleinere groep of minder extra’s.',
  en: 'This would bring the price of this booking above €1,000,000.00, the most one booking can cost. Choose a smaller group or fewer extras.',
};

/**
 * The most one booking may cost (MAX_BOOKING_CENTS): a price above it, typed or computed (persons
 * times an extra of € 1.000.000,00), is refused on every path that prices a booking, where its
 * cause is (the extra chosen, for a group that alone stays within it; the group size a change
 * typed), and never reaches the database, whose money columns are 32-bit on PostgreSQL.
 */
for (const dialect of testDialects()) {
  describe(`a booking's price above the most one booking may cost (${dialect.name})`, () => {
    let t: TestApp;
    let activity: Activity;
    let slot: Slot;
    let million: Extra;
    let large: Extra;
    let manager: Member;
    const db = () => t.database.db;
    const bookings = async () => (await db().selectFrom('bookings').select('id').execute()).length;
    /** A booking's stored group size and total: what a refused change must leave as it was. */
    const sizeAndTotal = async (id: string) => {
      const row = await db().selectFrom('bookings').select(['group_size', 'total_cents']).where('id', '=', id).executeTakeFirstOrThrow();
      return [row.group_size, row.total_cents];
    };

    before(async () => {
      t = await buildTestApp(dialect, '2026-06-01T08:00:00Z');
      const venue = await createVenue(db(), t.clock, {
        slug: 'kasteel',
        name: 'Kasteel',
        city: 'Utrecht',
        contactEmail: 'info@kasteel.example',
        contactPhone: '030 123 4567',
      });
      // EUR 12.50 a person; extras of EUR 1,000,000 and EUR 400,000 a person, as the back office accepts.
      activity = await makeActivity(db(), t.clock, { venueId: venue.id, maxGroupSize: 40 });
      million = await makeExtra(db(), activity, { label: { nl: 'Diner', en: 'Dinner' }, amountCents: 100_000_000, position: 1 });
      large = await makeExtra(db(), activity, { label: { nl: 'Suite', en: 'Suite' }, amountCents: 40_000_000, position: 2 });
      slot = await makeSlot(db(), t.clock, activity, { capacity: 100 });
      manager = await signInMember(t, 'manager', venue);
    });
    after(() => t.close());

    test('the API refuses 30 persons with an extra of EUR 1,000,000 at the extra, naming the maximum in cents', async () => {
      const before = await bookings();
      for (const [lang, message] of [
        ['nl', TOO_LARGE.nl],
        ['en', TOO_LARGE.en],
      ] as const) {
        const res = await t.app.inject({
          method: 'POST',
          url: '/api/v1/bookings',
          headers: { 'accept-language': lang },
          payload: bookingRequest(slot.id, { groupSize: 30, extras: { [million.id]: 1 }, email: `api-${lang}@example.nl` }) as object,
        });
        assert.equal(res.statusCode, 422, res.body);
        const errors = validationErrorJson.parse(res.json()).errors.map((e) => ({ ...e, message: e.message.replace(/\u00a0/g, ' ') }));
        assert.deepEqual(errors, [{ field: `extras.${million.id}`, code: 'total_too_large', message, params: { max: MAX_BOOKING_CENTS } }]);
      }
      assert.equal(await bookings(), before, 'nothing is stored');
    });

    test("the form's review and confirm steps refuse it at the extra chosen in both languages, keeping the input", async () => {
      const before = await bookings();
      for (const action of ['review', 'confirm']) {
        for (const lang of ['nl', 'en'] as const) {
          const res = await t.app.inject({
            method: 'POST',
            url: `/book/${slot.id}`,
            headers: { ...FORM, 'accept-language': lang },
            payload: urlencoded({
              ...(bookingRequest(slot.id, { groupSize: '30', name: 'Jet Jansen', email: 'jet@example.nl' }) as Record<string, string>),
              acceptTerms: 'yes',
              [`extras.${million.id}`]: '1',
              submissionKey: newToken(),
              action,
            }),
          });
          assert.equal(res.statusCode, 422, `${action} ${lang}: ${res.body.slice(0, 300)}`);
          assert.equal(text(res, `error-extras.${million.id}`), TOO_LARGE[lang]);
          assert.equal(text(res, 'error-groupSize'), undefined, 'the group alone is within the bound');
          const page = parseHtml(res.body);
          assert.ok(page.querySelector(`.error-summary a[href="#extras.${million.id}"]`), 'the summary links to the extra');
          assert.equal(page.querySelector(`input[name="extras.${million.id}"]`)?.getAttribute('aria-invalid'), 'true');
          assert.equal(page.querySelector('input[name="groupSize"]')?.getAttribute('value'), '30');
          assert.equal(page.querySelector('input[name="name"]')?.getAttribute('value'), 'Jet Jansen');
          assert.equal(page.querySelector(`input[name="extras.${million.id}"]`)?.hasAttribute('checked'), true);
        }
      }
      assert.equal(await bookings(), before, 'nothing is stored');
    });

    test("the manage page refuses a larger group whose price would pass the maximum, keeping what was typed and the booking's price", async () => {
      const { booking, manageToken } = await book(db(), t.clock, slot, { groupSize: 2, extras: { [large.id]: 1 } }, t.linkKey);
      assert.equal(booking.price.totalCents, 2 * 1250 + 2 * 40_000_000);
      for (const action of ['group-size/preview', 'group-size']) {
        for (const lang of ['nl', 'en'] as const) {
          const res = await t.app.inject({
            method: 'POST',
            url: `/b/${manageToken}/${action}`,
            headers: { ...FORM, 'accept-language': lang },
            payload: urlencoded({ groupSize: '3' }),
          });
          assert.equal(res.statusCode, 422, `${action} ${lang}: ${res.body.slice(0, 300)}`);
          assert.equal(text(res, 'error-groupSize'), TOO_LARGE[lang]);
          assert.equal(parseHtml(res.body).querySelector('#groupSize')?.getAttribute('value'), '3');
        }
      }
      assert.deepEqual(await sizeAndTotal(booking.id), [2, booking.price.totalCents]);
    });

    test('the fees a booking kept count toward the bound: a group grown again after shrinking is refused', async () => {
      const { booking, manageToken } = await book(
        db(),
        t.clock,
        slot,
        { groupSize: 1, extras: { [large.id]: 1 }, email: 'fees@example.nl' },
        t.linkKey,
      );
      // As after a group of 2 made 1 with the whole fee of the person given up kept (EUR 400,012.50).
      await db().updateTable('bookings').set({ adjustment_cents: booking.price.totalCents }).where('id', '=', booking.id).execute();
      const res = await t.app.inject({
        method: 'POST',
        url: `/b/${manageToken}/group-size`,
        headers: { ...FORM, 'accept-language': 'en' },
        payload: urlencoded({ groupSize: '2' }),
      });
      assert.equal(res.statusCode, 422, res.body.slice(0, 300));
      assert.equal(text(res, 'error-groupSize'), TOO_LARGE.en);
      assert.deepEqual(await sizeAndTotal(booking.id), [1, booking.price.totalCents]);
    });

    test("staff's booking for a caller is refused at the extra chosen, keeping what they typed", async () => {
      const before = await bookings();
      const res = await adminPost(t, manager, `/admin/slots/${slot.id}/book`, {
        groupSize: '30',
        name: 'Els de Beller',
        email: 'els@school.nl',
        phone: '+31 6 12345678',
        organisation: 'OBS De Telefoon',
        notes: '',
        language: 'en',
        status: 'confirmed',
        [`extras.${million.id}`]: '1',
      });
      assert.equal(res.statusCode, 422, res.body.slice(0, 300));
      assert.equal(text(res, `error-extras.${million.id}`), TOO_LARGE.nl);
      const page = parseHtml(res.body);
      assert.equal(page.querySelector('input[name="groupSize"]')?.getAttribute('value'), '30');
      assert.equal(page.querySelector(`input[name="extras.${million.id}"]`)?.hasAttribute('checked'), true);
      assert.equal(page.querySelector('input[name="name"]')?.getAttribute('value'), 'Els de Beller');
      assert.equal(await bookings(), before, 'nothing is stored');
    });

    test("staff's change of the group size is refused the same way, at the field staff typed in", async () => {
      const { booking } = await book(db(), t.clock, slot, { groupSize: 2, extras: { [large.id]: 1 }, email: 'staff@example.nl' });
      const { name, email, phone, organisation, notes } = booking;
      const res = await adminPost(t, manager, `/admin/bookings/${booking.id}/details`, {
        groupSize: '3',
        name,
        email,
        phone,
        organisation,
        notes,
      });
      assert.equal(res.statusCode, 422, res.body.slice(0, 300));
      assert.equal(text(res, 'error-edit-groupSize'), TOO_LARGE.nl);
      assert.equal(parseHtml(res.body).querySelector('#edit-groupSize')?.getAttribute('value'), '3');
      assert.deepEqual(await sizeAndTotal(booking.id), [2, booking.price.totalCents]);
    });
  });
}
