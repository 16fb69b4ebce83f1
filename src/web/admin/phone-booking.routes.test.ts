import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, TEST_PUBLIC_URL, type TestApp } from '../../../test/app.js';
import { testDialects } from '../../../test/databases.js';
import { makeActivity, makeActivityWithRules, makeSlot } from '../../../test/factories.js';
import { parseHtml, urlencoded } from '../../../test/html.js';
import { SESSION_COOKIE } from './session-cookie.js';
import { historyOf, mailsOf } from '../../../test/lifecycle.js';
import { adminGet, adminPost, type Member } from '../../../test/staff.js';
import { makeTwoVenues, signInMembers } from '../../../test/venues.js';
import { findSlot } from '../../core/availability/slot.repository.js';
import type { Slot } from '../../core/availability/slot.js';
import type { Activity } from '../../core/catalog/activity.js';
import type { OutgoingMail } from '../../core/mail/mail-sender.js';
import { deliverDueMails } from '../../core/mail/mail-delivery.service.js';
import { makeExtra, unitsTaken } from '../../../test/extras.js';
import { TEST_ADMIN } from '../../../test/actors.js';
import { createDiscountCode } from '../../core/discounts/discount-admin.service.js';
import { NEW_DISCOUNT_CODE_FORM } from '../../core/discounts/discount-form.js';
import { createVoucher } from '../../core/vouchers/voucher-issuing.service.js';

const CALLER = {
  groupSize: '12',
  name: 'Els de Beller',
  email: 'els@school.nl',
  phone: '+31 6 12345678',
  organisation: 'OBS De Telefoon',
  notes: 'Belde om 9 uur',
  language: 'en',
  status: 'confirmed',
};

for (const dialect of testDialects()) {
  describe(`booking for a caller in the back office (${dialect.name})`, () => {
    let t: TestApp;
    let home: Activity;
    let away: Activity;
    let staff: Member;
    let viewer: Member;
    let admin: Member;
    let otherManager: Member;
    const db = () => t.database.db;
    const text = (body: string, testid: string) => parseHtml(body).querySelector(`[data-testid="${testid}"]`)?.textContent ?? '';
    const bookingsOf = (slotId: string) => db().selectFrom('bookings').selectAll().where('slot_id', '=', slotId).execute();
    /** The phone-booking form sent by the manager, in a language of theirs (Accept-Language). */
    const bookIn = (slotId: string, language: string, fields: Record<string, string>) =>
      t.app.inject({
        method: 'POST',
        url: `/admin/slots/${slotId}/book`,
        headers: {
          origin: t.publicUrl,
          'content-type': 'application/x-www-form-urlencoded',
          'accept-language': language,
          cookie: `${SESSION_COOKIE}=${staff.cookie}`,
        },
        payload: urlencoded({ _csrf: staff.csrf, ...fields }),
      });

    before(async () => {
      t = await buildTestApp(dialect, '2026-06-01T08:00:00Z');
      ({ home, away } = await makeTwoVenues(t));
      ({ staff, viewer, admin, otherManager } = await signInMembers(t, { home, away }));
    });
    after(() => t.close());

    test('staff book for a caller: the same rules, price and places as a booking online, history naming them, the usual mail', async () => {
      const slot = await makeSlot(db(), t.clock, home, { date: '2026-06-15', capacity: 30 });
      const schedule = parseHtml((await adminGet(t, staff, '/admin?date=2026-06-15')).body);
      assert.equal(
        schedule.querySelector(`[data-slot="${slot.id}"] [data-testid="new-booking"]`)?.getAttribute('href'),
        `/admin/slots/${slot.id}/book`,
      );

      // The activity's slot list has it too, for a slot still to start and for who may book.
      const soon = await makeSlot(db(), t.clock, home, { date: '2026-06-01', time: '10:05', capacity: 30 });
      const linkOn = async (who: Member, { id }: Slot) =>
        parseHtml((await adminGet(t, who, `/admin/activities/${home.id}/slots?from=2026-06-01&to=2026-06-15`)).body)
          .querySelector(`[data-testid="slot-${id}"] [data-testid="new-booking"]`)
          ?.getAttribute('href');
      assert.equal(await linkOn(staff, slot), `/admin/slots/${slot.id}/book`);
      assert.equal(await linkOn(staff, soon), `/admin/slots/${soon.id}/book`);
      assert.equal(await linkOn(viewer, slot), undefined, 'a viewer may not book');
      t.clock.advance(6 * 60_000);
      assert.equal(await linkOn(staff, soon), undefined, 'started');
      assert.equal(await linkOn(staff, slot), `/admin/slots/${slot.id}/book`);
      t.clock.set('2026-06-01T08:00:00Z');

      const form = await adminGet(t, staff, `/admin/slots/${slot.id}/book`);
      assert.equal(form.statusCode, 200);
      const page = parseHtml(form.body);
      assert.deepEqual(
        page.querySelectorAll('input[name="status"]').map((i) => i.getAttribute('value')),
        ['confirmed', 'option'],
        'no request: the activity books instantly',
      );
      assert.equal(page.querySelector('#language option[selected]')?.getAttribute('value'), 'nl', "the staff member's language first");

      const placed = await adminPost(t, staff, `/admin/slots/${slot.id}/book`, CALLER);
      assert.equal(placed.statusCode, 303, placed.body);
      const [row] = await bookingsOf(slot.id);
      assert.equal(placed.headers.location, `/admin/bookings/${row!.id}?done=phone_booked`);
      assert.deepEqual(
        [
          row!.status,
          row!.group_size,
          row!.organiser_name,
          row!.organiser_email,
          row!.organiser_phone,
          row!.organisation,
          row!.notes,
          row!.language,
        ],
        ['confirmed', 12, 'Els de Beller', 'els@school.nl', '+31 6 12345678', 'OBS De Telefoon', 'Belde om 9 uur', 'en'],
      );
      assert.equal(row!.total_cents, 12 * 1250, "the activity's price");
      assert.equal((await findSlot(db(), slot.id))?.bookedPersons, 12);
      const [created] = await historyOf(db(), row!.reference);
      assert.deepEqual(created, ['booking.booked_by_phone', 'staff', { status: 'confirmed', group_size: 12, terms_version: null }]);
      const detail = await adminGet(t, staff, String(placed.headers.location));
      assert.match(text(detail.body, 'notice'), /De boeking is geplaatst/);
      assert.match(text(detail.body, 'booking-history'), new RegExp(`${staff.member.email}.*telefonisch geboekt`));

      assert.deepEqual(
        (await mailsOf(db(), row!.id)).filter(([kind]) => !kind.startsWith('staff_')).map(([kind, to]) => [kind, to]),
        [['booking_received', 'els@school.nl']],
      );
      const notices = (await mailsOf(db(), row!.id)).filter(([kind]) => kind === 'staff_new_booking').map(([, to]) => to);
      assert.ok(notices.length > 0, "the venue's other staff are told");
      assert.ok(!notices.includes(staff.member.email), 'not the staff member who took the call');
      const sent: OutgoingMail[] = [];
      await deliverDueMails(db(), t.clock, {
        sender: { target: 'test', send: async (mail) => void sent.push(mail) },
        linkKey: t.linkKey,
        publicUrl: TEST_PUBLIC_URL,
        from: 'Groupz <no-reply@bookings.test>',
      });
      const mail = sent.find((m) => m.to === 'els@school.nl')!;
      assert.match(mail.text, new RegExp(`${TEST_PUBLIC_URL}/b/[A-Za-z0-9_-]+`), 'the manage link');
      assert.match(mail.subject, /[A-Za-z]/);
      assert.doesNotMatch(mail.text, /Beste|Uw boeking/, 'in the language chosen for the organiser');
    });

    test('an option or a request as the activity allows; a refused form keeps its input and names every error at once', async () => {
      const onRequest = await makeActivityWithRules(
        db(),
        t.clock,
        { bookingMode: 'request', options: { allowed: false } },
        { venueId: home.venue.id },
      );
      const slot = await makeSlot(db(), t.clock, onRequest, { date: '2026-06-20', capacity: 10 });
      const page = parseHtml((await adminGet(t, staff, `/admin/slots/${slot.id}/book`)).body);
      assert.deepEqual(
        page.querySelectorAll('input[name="status"]').map((i) => i.getAttribute('value')),
        ['confirmed', 'requested'],
      );
      const refused = await adminPost(t, staff, `/admin/slots/${slot.id}/book`, {
        ...CALLER,
        groupSize: '25',
        email: 'geen-adres',
        phone: '',
        status: 'option',
      });
      assert.equal(refused.statusCode, 422);
      const body = parseHtml(refused.body);
      for (const field of ['groupSize', 'email', 'phone', 'status']) assert.ok(text(refused.body, `error-${field}`), `${field} refused`);
      assert.match(text(refused.body, 'error-status'), /optie/i);
      assert.equal(body.querySelectorAll('[data-testid="form-errors"] li').length, 4, 'every error in one round');
      assert.equal(body.querySelector('input[name="name"]')?.getAttribute('value'), 'Els de Beller', 'the input is kept');
      assert.equal(body.querySelector('input[name="groupSize"]')?.getAttribute('value'), '25');
      assert.equal(body.querySelector('textarea[name="notes"]')?.textContent, 'Belde om 9 uur');
      assert.deepEqual(await bookingsOf(slot.id), []);

      const request = await adminPost(t, staff, `/admin/slots/${slot.id}/book`, { ...CALLER, groupSize: '4', status: 'requested' });
      assert.equal(request.statusCode, 303);
      const withOption = await makeSlot(db(), t.clock, home, { date: '2026-06-25', capacity: 10 });
      const option = await adminPost(t, staff, `/admin/slots/${withOption.id}/book`, { ...CALLER, groupSize: '4', status: 'option' });
      assert.equal(option.statusCode, 303);
      assert.deepEqual([(await bookingsOf(slot.id))[0]?.status, (await bookingsOf(withOption.id))[0]?.status], ['requested', 'option']);
    });

    test('a group over the most any activity takes names the activity’s maximum, one below 1 its minimum, as the public form and the API do (nl, en)', async () => {
      const slot = await makeSlot(db(), t.clock, home, { date: '2026-06-21', capacity: 10 });
      for (const [groupSize, language, message] of [
        ['10001', 'nl', `Deze activiteit is voor groepen van hoogstens ${home.maxGroupSize} personen.`],
        ['20000', 'en', `This activity is for groups of at most ${home.maxGroupSize} people.`],
        ['21', 'en', `This activity is for groups of at most ${home.maxGroupSize} people.`],
        ['0', 'nl', `Deze activiteit is voor groepen van minstens ${home.minGroupSize} personen.`],
        ['-3', 'en', `This activity is for groups of at least ${home.minGroupSize} people.`],
        ['1,000', 'nl', 'Een komma staat voor decimalen. Bedoelt u 1.000? Schrijf dan 1000 of 1.000.'],
        ['1.000', 'en', 'A point marks decimals. Do you mean 1,000? Then write 1000 or 1,000.'],
      ] as const) {
        const refused = await bookIn(slot.id, language, { ...CALLER, groupSize, email: 'geen-adres' });
        assert.equal(refused.statusCode, 422, groupSize);
        assert.equal(text(refused.body, 'error-groupSize'), message, groupSize);
        assert.ok(text(refused.body, 'error-email'), 'the other fields’ errors with it');
        assert.equal(parseHtml(refused.body).querySelector('input[name="groupSize"]')?.getAttribute('value'), groupSize, 'as typed');
      }
      assert.deepEqual(await bookingsOf(slot.id), []);
    });

    test("the group size's hint names the activity's limits, as the public form's does", async () => {
      const activity = await makeActivity(db(), t.clock, { venueId: home.venue.id, minGroupSize: 10, maxGroupSize: 30 });
      const slot = await makeSlot(db(), t.clock, activity, { date: '2026-06-23', capacity: 30 });
      const page = parseHtml((await adminGet(t, staff, `/admin/slots/${slot.id}/book`)).body);
      const input = page.querySelector('input#groupSize');
      assert.deepEqual(
        ['type', 'inputmode', 'autocomplete', 'min', 'max'].map((attribute) => input?.getAttribute(attribute)),
        ['text', 'numeric', 'off', undefined, undefined],
      );
      assert.match(page.querySelector('#groupSize-hint')?.textContent ?? '', /10 tot 30/);
    });

    test('a full slot refuses as an online booking would, with the input kept; nothing is overbooked', async () => {
      const slot: Slot = await makeSlot(db(), t.clock, home, { date: '2026-06-16', capacity: 10 });
      const results = await Promise.all(
        Array.from({ length: 4 }, (_, i) =>
          adminPost(t, staff, `/admin/slots/${slot.id}/book`, { ...CALLER, groupSize: '4', email: `bel${i}@school.nl` }),
        ),
      );
      assert.deepEqual(results.map((r) => r.statusCode).sort(), [303, 303, 409, 409]);
      const full = results.find((r) => r.statusCode === 409)!;
      assert.match(text(full.body, 'booking-refusal'), /niet genoeg plaatsen/);
      assert.equal(parseHtml(full.body).querySelector('input[name="email"]')?.getAttribute('value')?.startsWith('bel'), true);
      assert.equal((await findSlot(db(), slot.id))?.bookedPersons, 8);
    });

    test('an activity priced per category: the caller’s pupils and adults counted, faults per field with the input kept', async () => {
      const school = await makeActivity(db(), t.clock, {
        venueId: home.venue.id,
        minGroupSize: 10,
        maxGroupSize: 40,
        pricing: [
          { label: { nl: 'Leerling', en: 'Pupil' }, basis: 'category', key: 'pupil', vat: 'low', amountCents: 950 },
          {
            label: { nl: 'Begeleider', en: 'Adult' },
            basis: 'category',
            key: 'adult',
            vat: 'low',
            amountCents: 1650,
            minCount: 1,
            free: { per: 8, of: 'pupil' },
          },
        ],
      });
      const slot = await makeSlot(db(), t.clock, school, { date: '2026-06-17', capacity: 60 });
      const form = parseHtml((await adminGet(t, staff, `/admin/slots/${slot.id}/book`)).body);
      assert.ok(form.querySelector('[data-testid="party-fields"] input[name="party.pupil"]'));
      assert.equal(form.querySelector('input[name="groupSize"]'), null, 'the size is the sum');
      const { groupSize: _size, ...caller } = CALLER;
      const refused = await adminPost(t, staff, `/admin/slots/${slot.id}/book`, { ...caller, 'party.pupil': '20', 'party.adult': '0' });
      assert.equal(refused.statusCode, 422);
      assert.ok(parseHtml(refused.body).querySelector('[data-testid="error-party.adult"]'));
      assert.equal(parseHtml(refused.body).querySelector('input[name="party.pupil"]')?.getAttribute('value'), '20');
      // A count over the most any group may be names that limit, in the staff member's language, the input kept.
      for (const [language, message] of [
        ['nl', 'Hoogstens 10.000.'],
        ['en', 'At most 10,000.'],
      ] as const) {
        const huge = await bookIn(slot.id, language, { ...caller, 'party.pupil': '20000', 'party.adult': '3' });
        assert.equal(huge.statusCode, 422);
        assert.equal(text(huge.body, 'error-party.pupil'), message);
        assert.equal(parseHtml(huge.body).querySelector('input[name="party.pupil"]')?.getAttribute('value'), '20000', 'as typed');
      }
      const placed = await adminPost(t, staff, `/admin/slots/${slot.id}/book`, { ...caller, 'party.pupil': '20', 'party.adult': '3' });
      assert.equal(placed.statusCode, 303, placed.body.slice(0, 300));
      const [booking] = await bookingsOf(slot.id);
      assert.deepEqual(
        [booking?.group_size, JSON.parse(booking!.party!), booking?.total_cents],
        [23, { pupil: 20, adult: 3 }, 20 * 950 + 1650],
      );
    });

    test('staff take extras, a discount code and a gift voucher for the caller, as the booking form does', async () => {
      const activity = await makeActivity(db(), t.clock, { venueId: home.venue.id, maxGroupSize: 40 });
      const lunch = await makeExtra(db(), activity, { label: { nl: 'Lunchpakket', en: 'Packed lunch' }, stock: 20 });
      const code = await createDiscountCode(
        db(),
        t.clock,
        TEST_ADMIN,
        home.venue.id,
        {
          ...NEW_DISCOUNT_CODE_FORM,
          code: 'BELLER',
          value: '10',
        },
        'nl',
      );
      assert.ok(code.ok);
      const { code: voucher } = await db()
        .transaction()
        .execute((trx) =>
          createVoucher(trx, t.clock, t.auth.secretKey, {
            venueId: home.venue.id,
            amountCents: 5000,
            validityMonths: 24,
            origin: 'issued',
            language: 'nl',
            issuedBy: null,
            pending: false,
          }),
        );
      const slot = await makeSlot(db(), t.clock, activity, { date: '2026-06-22', capacity: 40 });
      const form = parseHtml((await adminGet(t, staff, `/admin/slots/${slot.id}/book`)).body);
      for (const name of [`extras.${lunch.id}`, 'discountCode', 'voucherCode']) assert.ok(form.querySelector(`[name="${name}"]`), name);

      const refused = await adminPost(t, staff, `/admin/slots/${slot.id}/book`, {
        ...CALLER,
        [`extras.${lunch.id}`]: '1',
        discountCode: 'BELLER',
        voucherCode: 'ABCD-EFGH-JKMN-PQRS',
      });
      assert.equal(refused.statusCode, 422);
      assert.match(text(refused.body, 'error-voucherCode'), /kennen we niet/);
      const kept = parseHtml(refused.body);
      assert.equal(kept.querySelector('#voucherCode')?.getAttribute('value'), 'ABCD-EFGH-JKMN-PQRS');
      assert.equal(kept.querySelector('#discountCode')?.getAttribute('value'), 'BELLER');
      assert.equal(kept.querySelector(`[name="extras.${lunch.id}"]`)?.hasAttribute('checked'), true);

      const placed = await adminPost(t, staff, `/admin/slots/${slot.id}/book`, {
        ...CALLER,
        [`extras.${lunch.id}`]: '1',
        discountCode: 'beller',
        voucherCode: voucher,
      });
      assert.equal(placed.statusCode, 303, placed.body);
      const [row] = await bookingsOf(slot.id);
      // 12 × 12.50 + 12 lunches × 12.50 (testExtra's price), less 10 %.
      const lines = JSON.parse(row!.price_breakdown) as { lines: { label: { en: string } }[]; totalCents: number };
      assert.deepEqual(
        lines.lines.map((l) => l.label.en),
        ['Entrance', 'Packed lunch', 'Discount BELLER'],
      );
      const paid = await db().selectFrom('payments').select(['method', 'amount_cents']).where('booking_id', '=', row!.id).execute();
      assert.deepEqual(paid, [{ method: 'voucher', amount_cents: 5000 }]);
      assert.equal(await unitsTaken(db(), slot.id, lunch.id), 12);
    });

    test("an extra's fault is named by the extra, with its own maximum over 999 too, beside the group's (nl, en)", async () => {
      const activity = await makeActivity(db(), t.clock, { venueId: home.venue.id, maxGroupSize: 30 });
      const gear = await makeExtra(db(), activity, { label: { nl: 'Klimset', en: 'Climbing gear' }, basis: 'unit', maxPerBooking: 5 });
      const slot = await makeSlot(db(), t.clock, activity, { date: '2026-06-24', capacity: 40 });
      for (const [language, group, atMost] of [
        ['nl', 'Aantal personen: Deze activiteit is voor groepen van hoogstens 30 personen.', 'Klimset: Hoogstens 5.'],
        ['en', 'Number of people: This activity is for groups of at most 30 people.', 'Climbing gear: At most 5.'],
      ] as const) {
        for (const units of ['6', '1000']) {
          const refused = await bookIn(slot.id, language, { ...CALLER, groupSize: '31', [`extras.${gear.id}`]: units });
          assert.equal(refused.statusCode, 422);
          const summary = parseHtml(refused.body)
            .querySelectorAll('[data-testid="form-errors"] li')
            .map((li) => li.textContent.trim());
          assert.deepEqual(summary, [group, atMost], `${language} ${units}`);
        }
      }
      assert.deepEqual(await bookingsOf(slot.id), []);
    });

    test('the same form sent twice (a double click) places one booking; both answers lead to it', async () => {
      const slot = await makeSlot(db(), t.clock, home, { date: '2026-06-19', capacity: 30 });
      const form = parseHtml((await adminGet(t, staff, `/admin/slots/${slot.id}/book`)).body);
      const submissionKey = form.querySelector('input[name="submissionKey"]')!.getAttribute('value')!;
      assert.ok(submissionKey.length >= 22);
      const twice = await Promise.all([1, 2].map(() => adminPost(t, staff, `/admin/slots/${slot.id}/book`, { ...CALLER, submissionKey })));
      const again = await adminPost(t, staff, `/admin/slots/${slot.id}/book`, { ...CALLER, submissionKey });
      const rows = await bookingsOf(slot.id);
      assert.equal(rows.length, 1);
      for (const res of [...twice, again]) assert.equal(res.headers.location, `/admin/bookings/${rows[0]!.id}?done=phone_booked`);
      assert.equal((await findSlot(db(), slot.id))?.bookedPersons, 12);
      const other = await makeSlot(db(), t.clock, home, { date: '2026-06-19', time: '14:00' });
      const elsewhere = await adminPost(t, staff, `/admin/slots/${other.id}/book`, { ...CALLER, submissionKey });
      assert.equal(elsewhere.statusCode, 409, 'a key opens no booking of another slot');
      assert.deepEqual(await bookingsOf(other.id), []);
    });

    test("another venue's slot is not found; a viewer may not book; an admin books at any venue", async () => {
      const theirs = await makeSlot(db(), t.clock, away, { date: '2026-06-17' });
      assert.equal((await adminGet(t, staff, `/admin/slots/${theirs.id}/book`)).statusCode, 404);
      assert.equal((await adminPost(t, staff, `/admin/slots/${theirs.id}/book`, CALLER)).statusCode, 404);
      assert.equal((await adminPost(t, staff, '/admin/slots/not-a-slot/book', CALLER)).statusCode, 404);
      const ours = await makeSlot(db(), t.clock, home, { date: '2026-06-17' });
      assert.equal((await adminPost(t, otherManager, `/admin/slots/${ours.id}/book`, CALLER)).statusCode, 404);
      assert.equal((await adminGet(t, viewer, `/admin/slots/${ours.id}/book`)).statusCode, 403);
      assert.equal((await adminPost(t, viewer, `/admin/slots/${ours.id}/book`, CALLER)).statusCode, 403);
      assert.deepEqual(await bookingsOf(theirs.id), []);
      assert.deepEqual(await bookingsOf(ours.id), []);
      assert.equal((await adminPost(t, admin, `/admin/slots/${theirs.id}/book`, CALLER)).statusCode, 303);
    });
  });
}
