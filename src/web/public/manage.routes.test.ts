import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, beforeEach, describe, test } from 'node:test';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildTestApp, TEST_PUBLIC_URL, type TestApp } from '../../../test/app.js';
import { testDialects } from '../../../test/databases.js';
import { book, bookingRequest, makeActivity, makeSlot } from '../../../test/factories.js';
import { parseHtml, urlencoded } from '../../../test/html.js';
import { captureLog } from '../../../test/log-capture.js';
import { adminGet, type Member, signInMember } from '../../../test/staff.js';
import { findSlot } from '../../core/availability/slot.repository.js';
import type { Slot } from '../../core/availability/slot.js';
import { recordBookingEvent } from '../../core/bookings/booking-history.js';
import { issueLink } from '../../core/bookings/booking-links.js';
import { reissueBookingLink } from '../../core/booking-flows/booking-links.service.js';
import type { BookingDetails } from '../../core/bookings/booking.js';
import { mailDetail } from '../../../test/lifecycle.js';
import type { Activity } from '../../core/catalog/activity.js';
import { createVenue } from '../../core/catalog/catalog.service.js';
import type { PriceBreakdown } from '../../core/catalog/pricing.js';

const BASE = '2026-06-01T08:00:00Z';
const VENUE = 'Kanoverhuur De Vecht';
const FORM = { 'content-type': 'application/x-www-form-urlencoded', origin: TEST_PUBLIC_URL };

interface Booked {
  booking: BookingDetails;
  token: string;
  /** The manage page: `/b/<token>`. */
  path: string;
}

for (const dialect of testDialects()) {
  describe(`the manage link and its actions (${dialect.name})`, () => {
    let t: TestApp;
    let activity: Activity;
    let manager: Member;
    let slotDay = 0;

    // The app's log: an error logged after an answer was sent (a handler going on with it) fails the request.
    const { log, lines } = captureLog();

    before(async () => {
      t = await buildTestApp(dialect, BASE, {}, { loggerInstance: log });
      const { db } = t.database;
      const venue = await createVenue(db, t.clock, {
        slug: 'kanoverhuur-de-vecht',
        name: VENUE,
        city: 'Utrecht',
        contactEmail: 'info@kanoverhuur.example',
        contactPhone: '030 123 4567',
      });
      // Groups of 2 to 20; bookings close an hour before the start; a confirmed booking may be
      // cancelled until 48 hours before (the default rules). EUR 12.50 a person (low VAT) and
      // EUR 25 a group (high VAT).
      activity = await makeActivity(db, t.clock, {
        venueId: venue.id,
        title: { nl: 'Kanoën', en: 'Canoeing' },
        minGroupSize: 2,
        maxGroupSize: 20,
        bookingCutoffMinutes: 60,
        pricing: [
          { label: { nl: 'Kano', en: 'Canoe' }, basis: 'person', vat: 'low', amountCents: 1250 },
          { label: { nl: 'Gids', en: 'Guide' }, basis: 'group', vat: 'high', amountCents: 2500 },
        ],
      });
      // An active manager of the venue gets the staff notices and reads the history.
      manager = await signInMember(t, 'manager', venue);
    });
    after(() => t.close());
    beforeEach(() => t.clock.set(BASE));

    /** Every answer in these flows: never a cookie, never a server error (answered, or logged once answered). */
    async function send(options: InjectOptions): Promise<LightMyRequestResponse> {
      lines.length = 0;
      const res = await t.app.inject(options);
      await new Promise((resolve) => setImmediate(resolve));
      const request = `${options.method ?? 'GET'} ${options.url}`;
      assert.equal(res.headers['set-cookie'], undefined, `${request} set a cookie`);
      assert.ok(res.statusCode < 500, `${request}: ${res.statusCode}`);
      const errors = lines.filter((line) => Number(line.level) >= 50).map((line) => line.err ?? line.msg);
      assert.deepEqual(errors, [], `${request} logged an error`);
      return res;
    }
    const get = (url: string, lang = 'nl') => send({ url, headers: { 'accept-language': lang } });
    const post = (url: string, fields: Record<string, string> = {}, lang = 'nl') =>
      send({ method: 'POST', url, headers: { ...FORM, 'accept-language': lang }, payload: urlencoded(fields) });

    /** A new slot on its own day from 2026-06-15 on, 10:00 in Amsterdam. */
    async function newSlot(capacity = 30, { exclusive = false } = {}): Promise<Slot> {
      const day = 15 + slotDay++;
      return makeSlot(t.database.db, t.clock, activity, { date: `2026-06-${day}`, time: '10:00', capacity, exclusive });
    }

    /** Anna's booking, with its manage link as a token and as the page's path. */
    async function bookAsAnna(slot: Slot, groupSize = 4, email = 'anna@school.nl'): Promise<Booked> {
      const { booking, manageToken } = await book(t.database.db, t.clock, slot, { groupSize, email, name: 'Anna de Vries' }, t.linkKey);
      return { booking, token: manageToken, path: `/b/${manageToken}` };
    }

    const row = (id: string) => t.database.db.selectFrom('bookings').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const slotNow = async (id: string) => (await findSlot(t.database.db, id))!;
    const history = (reference: string) =>
      t.database.db.selectFrom('activity_log').selectAll().where('target', '=', reference).orderBy('at').orderBy('action').execute();
    const mails = (bookingId: string, kind?: string) => {
      let q = t.database.db.selectFrom('mail_outbox').selectAll().where('booking_id', '=', bookingId);
      if (kind) q = q.where('kind', '=', kind);
      return q.orderBy('created_at').orderBy('id').execute();
    };
    /** Everything an action on the booking could change: its row, its slot, its history and its mails. */
    const stateOf = async (booking: { id: string; reference: string }, slot: Slot) => [
      await row(booking.id),
      await slotNow(slot.id),
      await history(booking.reference),
      await mails(booking.id),
    ];
    const setStatus = (id: string, status: string, optionExpiresAt: string | null = null) =>
      t.database.db
        .updateTable('bookings')
        .set({ status, option_expires_at: optionExpiresAt, confirmed_at: status === 'confirmed' ? BASE : null })
        .where('id', '=', id)
        .execute();
    /** The places the slot's holding bookings take, and the groups, as the slot's counters must say. */
    async function heldBy(slotId: string) {
      const rows = await t.database.db
        .selectFrom('bookings')
        .select('group_size')
        .where('slot_id', '=', slotId)
        .where('status', 'in', ['option', 'requested', 'confirmed', 'completed'])
        .execute();
      return { persons: rows.reduce((sum, r) => sum + r.group_size, 0), groups: rows.length };
    }

    const page = (res: LightMyRequestResponse) => parseHtml(res.body);
    const text = (res: LightMyRequestResponse, testid: string) => page(res).querySelector(`[data-testid="${testid}"]`)?.textContent.trim();
    const refusalCode = (res: LightMyRequestResponse) => page(res).querySelector('[data-testid="refusal"]')?.getAttribute('data-code');
    /** The forms on a page that change the booking (the language switcher and the participants section, tested in its own file, left out). */
    const actionForms = (res: LightMyRequestResponse) =>
      page(res)
        .querySelectorAll('form[method="post"]')
        .filter((f) => f.getAttribute('action') !== '/language' && !f.getAttribute('action')?.includes('/participants/'))
        .map((f) => f.getAttribute('action'));

    test('the page shows the booking, its status explained, and the actions open now; never cached', async () => {
      const slot = await newSlot();
      const a = await bookAsAnna(slot, 4);
      const res = await get(a.path);
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers['cache-control'], 'no-store');
      assert.equal(res.headers['referrer-policy'], 'no-referrer');
      assert.equal(text(res, 'booking-reference'), a.booking.reference);
      assert.equal(text(res, 'booking-status'), 'Bevestigd');
      assert.match(text(res, 'status-explanation')!, /Uw boeking is definitief/);
      // It owes its price (paid at the venue): a gift voucher can pay it now.
      assert.deepEqual(actionForms(res), [`${a.path}/voucher`, `${a.path}/group-size/preview`, `${a.path}/resend`]);
      const size = page(res).querySelector('#groupSize')!;
      assert.equal(size.getAttribute('value'), '4');
      assert.deepEqual(
        ['type', 'inputmode', 'min', 'max'].map((attribute) => size.getAttribute(attribute)),
        ['text', 'numeric', undefined, undefined],
      );
      assert.match(page(res).querySelector('#groupSize-hint')?.textContent ?? '', /^Voor groepen van 2 tot 20 personen;/);
      assert.equal(page(res).querySelector('[data-testid="cancel-link"]')?.getAttribute('href'), `${a.path}/cancel`);
      const calendar = page(res).querySelector('[data-testid="calendar-link"]')!;
      assert.equal(calendar.getAttribute('href'), `${a.path}/calendar.ics`);
      assert.equal(calendar.textContent, 'In agenda zetten (.ics)');
      assert.match(res.body, /Dit kan tot \S+ \d+ jun 2026 om 09:00\./);
      assert.match(res.body, /U kunt deze boeking online annuleren tot \S+ \d+ jun 2026 om 10:00\./);

      const english = await get(a.path, 'en');
      assert.equal(text(english, 'calendar-link'), 'Add to calendar (.ics)');
      assert.equal(text(english, 'booking-status'), 'Confirmed');

      await setStatus(a.booking.id, 'option', '2026-06-03T08:00:00.000Z');
      const option = await get(a.path);
      assert.equal(text(option, 'booking-status'), 'Optie');
      assert.match(text(option, 'status-explanation')!, /Dit is een optie.*De optie loopt tot wo 3 jun 2026 om 10:00\./s);
      await setStatus(a.booking.id, 'requested');
      const requested = await get(`${a.path}?created=1`, 'en');
      assert.equal(page(requested).querySelector('h1')?.textContent, 'Your request has been received');
      assert.match(text(requested, 'status-explanation')!, new RegExp(`${VENUE} is considering your request`));
      for (const [status, explanation] of [
        ['expired', /Deze optie is verlopen/],
        ['completed', new RegExp(`Bedankt voor uw bezoek aan ${VENUE}`)],
        ['cancelled', /Deze boeking is geannuleerd/],
      ] as const) {
        await setStatus(a.booking.id, status);
        const final = await get(a.path);
        assert.match(text(final, 'status-explanation')!, explanation, status);
        assert.equal(page(final).querySelector('[data-testid="manage-actions"]'), null, `${status}: no actions`);
        assert.equal(page(final).querySelector('[data-testid="calendar-link"]'), null);
        assert.deepEqual(actionForms(final), []);
      }
    });

    test('a larger group takes the places and pays the new price; a smaller one gives places back', async () => {
      const slot = await newSlot(30);
      const a = await bookAsAnna(slot, 4, 'groei@school.nl');
      const grown = await post(`${a.path}/group-size`, { groupSize: '7' });
      assert.equal(grown.statusCode, 303);
      assert.equal(grown.headers.location, `${a.path}?done=changed`);
      const shown = await get(String(grown.headers.location));
      assert.equal(text(shown, 'notice'), 'Het aantal personen is nu 7. U ontvangt een bevestiging per e-mail.');
      assert.equal(text(shown, 'price-total'), '€\u00a0112,50');
      assert.equal(page(shown).querySelector('#groupSize')?.getAttribute('value'), '7');

      let stored = await row(a.booking.id);
      assert.equal(stored.group_size, 7);
      assert.equal(stored.total_cents, 7 * 1250 + 2500);
      assert.equal(stored.vat_cents, 722 + 434, 'VAT per line: 9 % of EUR 87.50 and 21 % of EUR 25');
      const price = JSON.parse(stored.price_breakdown) as PriceBreakdown;
      assert.deepEqual(
        price.lines.map((l) => [l.quantity, l.totalCents, l.rateBp, l.vatCents]),
        [
          [7, 8750, 900, 722],
          [1, 2500, 2100, 434],
        ],
      );
      let counts = await slotNow(slot.id);
      assert.deepEqual([counts.bookedPersons, counts.bookedGroups], [7, 1]);

      const changed = await mails(a.booking.id, 'changed');
      assert.equal(changed.length, 1);
      assert.equal(changed[0]!.recipient, 'groei@school.nl');
      assert.deepEqual(mailDetail(changed[0]!.detail), { from_group_size: 4, to_group_size: 7 });
      const notices = await mails(a.booking.id, 'staff_booking_changed');
      assert.deepEqual(
        notices.map((m) => [m.recipient, mailDetail(m.detail)]),
        [[manager.email, { change: 'group_size', from_group_size: 4, to_group_size: 7 }]],
      );
      const entry = (await history(a.booking.reference)).find((e) => e.action === 'booking.group_size_changed')!;
      assert.equal(entry.actor_kind, 'organiser');
      assert.equal(entry.actor_id, null);
      assert.deepEqual(JSON.parse(entry.detail), { from: 4, to: 7, total_cents: 11250 });

      const shrunk = await post(`${a.path}/group-size`, { groupSize: '3' });
      assert.equal(shrunk.headers.location, `${a.path}?done=changed`);
      stored = await row(a.booking.id);
      assert.deepEqual([stored.group_size, stored.total_cents, stored.vat_cents], [3, 3 * 1250 + 2500, 310 + 434]);
      counts = await slotNow(slot.id);
      assert.deepEqual([counts.bookedPersons, counts.bookedGroups], [3, 1]);
      assert.equal((await mails(a.booking.id, 'changed')).length, 2);

      const same = await post(`${a.path}/group-size`, { groupSize: ' 3 ' });
      assert.equal(same.headers.location, `${a.path}?done=unchanged`);
      assert.equal(text(await get(String(same.headers.location)), 'notice'), 'Het aantal personen was al 3; er is niets gewijzigd.');
      assert.equal((await history(a.booking.reference)).filter((e) => e.action === 'booking.group_size_changed').length, 2);
      assert.equal((await mails(a.booking.id, 'changed')).length, 2);
    });

    test('an exclusive slot changes size within its capacity, and the price follows the VAT of the visit date', async () => {
      // Low VAT rises to 10 % from July; a visit in July is priced at 10 % whatever today's rate.
      await t.database.db.insertInto('vat_rates').values({ code: 'low', rate_bp: 1000, valid_from: '2026-07-01' }).execute();
      const slot = await makeSlot(t.database.db, t.clock, activity, { date: '2026-07-15', time: '10:00', capacity: 8, exclusive: true });
      const a = await bookAsAnna(slot, 4);
      assert.equal((await post(`${a.path}/group-size`, { groupSize: '5' })).statusCode, 303);
      const price = JSON.parse((await row(a.booking.id)).price_breakdown) as PriceBreakdown;
      assert.deepEqual(
        price.lines.map((l) => [l.totalCents, l.rateBp, l.vatCents]),
        [
          [6250, 1000, 568],
          [2500, 2100, 434],
        ],
      );
      assert.equal((await row(a.booking.id)).vat_cents, 568 + 434);
      assert.equal((await post(`${a.path}/group-size`, { groupSize: '8' })).statusCode, 303);
      const full = await post(`${a.path}/group-size`, { groupSize: '9' });
      assert.equal(full.statusCode, 409);
      assert.equal(refusalCode(full), 'slot_full');
      assert.equal(
        text(full, 'error-groupSize'),
        'Er zijn niet genoeg plaatsen meer vrij: op dit tijdstip kunt u met hoogstens 8 personen komen.',
      );
      const counts = await slotNow(slot.id);
      assert.deepEqual([counts.bookedPersons, counts.bookedGroups], [8, 1]);
    });

    test('sizes outside the limits and the slot are refused with a translated message on the field, the input kept', async () => {
      const slot = await newSlot(30);
      const a = await bookAsAnna(slot, 4);
      await bookAsAnna(slot, 20, 'vol@school.nl');
      const before = [await row(a.booking.id), await slotNow(slot.id), await history(a.booking.reference), await mails(a.booking.id)];
      for (const [typed, status, code, message, lang] of [
        ['1', 409, 'group_too_small', 'Deze activiteit is voor groepen van minstens 2 personen.', 'nl'],
        ['21', 409, 'group_too_large', 'Deze activiteit is voor groepen van hoogstens 20 personen.', 'nl'],
        ['99999999999999999999', 409, 'group_too_large', 'This activity is for groups of at most 20 people.', 'en'],
        ['-3', 409, 'group_too_small', 'Deze activiteit is voor groepen van minstens 2 personen.', 'nl'],
        ['11', 409, 'slot_full', 'Er zijn niet genoeg plaatsen meer vrij: op dit tijdstip kunt u met hoogstens 10 personen komen.', 'nl'],
        ['11', 409, 'slot_full', 'There are not enough places left: at most 10 people can come at this time.', 'en'],
        ['', 422, 'required', 'Vul dit veld in.', 'nl'],
        ['vier', 422, 'not_a_number', 'Vul een heel getal in.', 'nl'],
        ['4.5', 422, 'not_a_number', 'Enter a whole number.', 'en'],
        ['1.000.000', 409, 'group_too_large', 'Deze activiteit is voor groepen van hoogstens 20 personen.', 'nl'],
        // Thousands the page's language's way; the other language's single group could be 1 or 1000.
        ['1,000', 409, 'group_too_large', 'This activity is for groups of at most 20 people.', 'en'],
        ['1.000', 409, 'group_too_large', 'Deze activiteit is voor groepen van hoogstens 20 personen.', 'nl'],
        ['1.000', 422, 'ambiguous_grouping', 'A point marks decimals. Do you mean 1,000? Then write 1000 or 1,000.', 'en'],
        ['1,000', 422, 'ambiguous_grouping', 'Een komma staat voor decimalen. Bedoelt u 1.000? Schrijf dan 1000 of 1.000.', 'nl'],
      ] as const) {
        const res = await post(`${a.path}/group-size`, { groupSize: typed }, lang);
        assert.equal(res.statusCode, status, typed);
        assert.equal(refusalCode(res), code, typed);
        assert.equal(text(res, 'error-groupSize'), message, typed);
        const input = page(res).querySelector('#groupSize')!;
        assert.equal(input.getAttribute('value'), typed, 'the typed value is kept');
        assert.equal(input.getAttribute('aria-invalid'), 'true');
        assert.match(input.getAttribute('aria-describedby')!, /\bgroupSize-error\b/);
        assert.equal(page(res).querySelector('[data-testid="form-errors"] a')?.getAttribute('href'), '#groupSize');
        assert.equal(res.headers['cache-control'], 'no-store');
      }
      // The form's first step refuses what is no number the same way (and goes no further once it has answered).
      for (const typed of ['1.500', '1e5', '']) {
        for (const action of ['group-size/preview', 'group-size']) {
          const res = await post(`${a.path}/${action}`, { groupSize: typed }, 'en');
          assert.equal(res.statusCode, 422, `${action} ${typed}`);
          assert.equal(refusalCode(res), { '': 'required', '1.500': 'ambiguous_grouping' }[typed] ?? 'not_a_number', `${action} ${typed}`);
          assert.equal(page(res).querySelector('#groupSize')!.getAttribute('value'), typed, 'the typed value is kept');
        }
      }
      // Switching language on a refused form comes back to the form's address, which shows the page.
      const refused = await post(`${a.path}/group-size`, { groupSize: '1' });
      assert.equal(page(refused).querySelector('input[name="back"]')?.getAttribute('value'), `${a.path}/group-size`);
      for (const action of ['group-size', 'group-size/preview', 'resend']) {
        const back = await get(`${a.path}/${action}`);
        assert.deepEqual([back.statusCode, back.headers.location], [303, a.path]);
      }
      const afterwards = [await row(a.booking.id), await slotNow(slot.id), await history(a.booking.reference), await mails(a.booking.id)];
      assert.deepEqual(afterwards, before, 'nothing changed');
    });

    test('the deadlines: fewer people and cancelling until 48 hours before, any change until the cut-off; then contact the venue', async () => {
      const slot = await newSlot(30);
      const start = slot.startsAt.getTime();
      const a = await bookAsAnna(slot, 4);
      const day = (offsetHours: number) => new Date(start - offsetHours * 3_600_000);
      const deadline = 'dat kon tot';

      t.clock.set(new Date(day(48).getTime() - 1000));
      assert.equal((await post(`${a.path}/group-size`, { groupSize: '3' })).headers.location, `${a.path}?done=changed`);

      t.clock.set(day(48));
      const fewer = await post(`${a.path}/group-size`, { groupSize: '2' });
      assert.equal(fewer.statusCode, 409);
      assert.equal(refusalCode(fewer), 'decrease_closed');
      const closedAt = page(await get(a.path)).querySelector('[data-testid="only-more"]')!.textContent;
      assert.match(closedAt, new RegExp(`Sinds .* om 10:00 kan de groep alleen nog groter worden\\. .*contact op met ${VENUE}\\.`));
      assert.match(
        text(fewer, 'error-groupSize')!,
        new RegExp(`^Minder personen kon online tot .* om 10:00\\. Neem contact op met ${VENUE}\\.$`),
      );
      assert.equal(page(fewer).querySelector('#groupSize')?.getAttribute('value'), '2');
      const english = await post(`${a.path}/group-size`, { groupSize: '2' }, 'en');
      assert.match(
        text(english, 'error-groupSize')!,
        new RegExp(`^Fewer people could be booked online until .* at 10:00\\. Please contact ${VENUE}\\.$`),
      );
      assert.equal((await row(a.booking.id)).group_size, 3);
      assert.match(text(await get(a.path), 'only-more')!, /^Sinds .* kan de groep alleen nog groter worden\./, 'the form offers only more');
      assert.equal((await post(`${a.path}/group-size`, { groupSize: '5' })).statusCode, 303, 'a larger group is still welcome');

      const manage = await get(a.path);
      assert.equal(page(manage).querySelector('[data-testid="cancel-link"]'), null);
      assert.match(
        text(manage, 'cancel-closed')!,
        new RegExp(`niet meer online worden geannuleerd \\(${deadline} .* om 10:00\\)\\. Neem contact op met ${VENUE}\\.`),
      );
      const cancelPage = await get(`${a.path}/cancel`);
      assert.equal(cancelPage.statusCode, 200);
      assert.equal(refusalCode(cancelPage), 'cancel_closed');
      assert.deepEqual(actionForms(cancelPage), [], 'no cancel button after the deadline');
      const cancel = await post(`${a.path}/cancel`);
      assert.equal(cancel.statusCode, 409);
      assert.equal(refusalCode(cancel), 'cancel_closed');
      assert.match(text(cancel, 'refusal')!, new RegExp(`Neem contact op met ${VENUE}`));
      assert.match(
        text(cancel, 'venue-contact')!,
        /info@kanoverhuur\.example/,
        'the page that sends the organiser to the venue says how to reach it',
      );
      assert.equal((await row(a.booking.id)).status, 'confirmed');

      t.clock.set(day(1)); // the cut-off: an hour before the start
      const late = await post(`${a.path}/group-size`, { groupSize: '6' });
      assert.equal(late.statusCode, 409);
      assert.equal(refusalCode(late), 'change_closed');
      assert.equal(page(late).querySelector('#groupSize'), null, 'no form, so the message stands alone');
      assert.match(text(late, 'refusal')!, new RegExp(`${deadline} \\S+ \\d+ jun 2026 om 09:00\\)\\. Neem contact op met ${VENUE}\\.`));
      assert.equal(page(await get(a.path)).querySelector('[data-testid="group-size-form"]'), null);
      assert.ok(page(await get(a.path)).querySelector('[data-testid="group-size-closed"]'));
      assert.deepEqual([(await row(a.booking.id)).group_size, (await slotNow(slot.id)).bookedPersons], [5, 5]);
    });

    test('an option or a request may get smaller and be cancelled after the 48 hours, until the start', async () => {
      const slot = await newSlot(30);
      const start = slot.startsAt.getTime();
      const option = await bookAsAnna(slot, 6, 'optie@school.nl');
      const request = await bookAsAnna(slot, 5, 'aanvraag@school.nl');
      await setStatus(option.booking.id, 'option', new Date(start - 2 * 3_600_000).toISOString());
      await setStatus(request.booking.id, 'requested');

      t.clock.set(new Date(start - 24 * 3_600_000));
      assert.equal((await post(`${option.path}/group-size`, { groupSize: '4' })).statusCode, 303);
      const policy = await get(`${request.path}/cancel`);
      assert.match(
        text(policy, 'cancel-policy')!,
        /^Een optie of aanvraag kunt u altijd annuleren, tot het bezoek begint \(.* om 10:00\)\.$/,
      );
      assert.deepEqual(actionForms(policy), [`${request.path}/cancel`]);
      assert.equal((await post(`${request.path}/cancel`)).headers.location, `${request.path}?done=cancelled`);
      assert.equal((await row(request.booking.id)).status, 'cancelled');
      assert.deepEqual([(await slotNow(slot.id)).bookedPersons, (await slotNow(slot.id)).bookedGroups], [4, 1]);

      t.clock.set(new Date(start));
      const tooLate = await post(`${option.path}/cancel`);
      assert.equal(tooLate.statusCode, 409);
      assert.equal(refusalCode(tooLate), 'cancel_closed');
      assert.equal((await row(option.booking.id)).status, 'option');
    });

    test('cancelling: a confirmation page with the policy, then the places go back once; a cancelled booking offers nothing', async () => {
      const slot = await newSlot(30);
      const a = await bookAsAnna(slot, 6, 'weg@school.nl');
      await bookAsAnna(slot, 3, 'blijft@school.nl');
      const confirmPage = await get(`${a.path}/cancel`);
      assert.equal(confirmPage.statusCode, 200);
      assert.equal(confirmPage.headers['cache-control'], 'no-store');
      assert.match(
        text(confirmPage, 'cancel-policy')!,
        new RegExp(
          `^Een bevestigde boeking kunt u online annuleren tot 48 uur voor het begin, dus tot .* om 10:00\\. Daarna neemt u contact op met ${VENUE}\\.$`,
        ),
      );
      assert.deepEqual(actionForms(confirmPage), [`${a.path}/cancel`]);
      assert.match(confirmPage.body, /De 6 plaatsen komen dan vrij voor anderen/);
      assert.equal((await row(a.booking.id)).status, 'confirmed', 'showing the question changes nothing');

      t.clock.set('2026-06-02T09:30:00Z');
      const cancelled = await post(`${a.path}/cancel`);
      assert.equal(cancelled.statusCode, 303);
      assert.equal(cancelled.headers.location, `${a.path}?done=cancelled`);
      const stored = await row(a.booking.id);
      assert.deepEqual([stored.status, stored.cancelled_at], ['cancelled', '2026-06-02T09:30:00.000Z']);
      assert.deepEqual([(await slotNow(slot.id)).bookedPersons, (await slotNow(slot.id)).bookedGroups], [3, 1]);
      const mail = await mails(a.booking.id, 'cancelled');
      assert.deepEqual(
        mail.map((m) => [m.recipient, mailDetail(m.detail)]),
        [['weg@school.nl', { by: 'organiser', from: 'confirmed' }]],
      );
      assert.deepEqual(
        (await mails(a.booking.id, 'staff_booking_changed')).map((m) => [m.recipient, mailDetail(m.detail)]),
        [[manager.email, { change: 'cancelled', by: 'organiser' }]],
      );
      const entry = (await history(a.booking.reference)).find((e) => e.action === 'booking.cancelled')!;
      assert.equal(entry.actor_kind, 'organiser');
      assert.deepEqual(JSON.parse(entry.detail), { from: 'confirmed', to: 'cancelled', places_released: 6 });

      const shown = await get(String(cancelled.headers.location));
      assert.equal(text(shown, 'notice'), 'Uw boeking is geannuleerd. U ontvangt een bevestiging per e-mail.');
      assert.equal(text(shown, 'booking-status'), 'Geannuleerd');
      assert.equal(page(shown).querySelector('[data-testid="manage-actions"]'), null);
      assert.deepEqual(actionForms(shown), []);

      const state = () => stateOf(a.booking, slot);
      const before = await state();
      for (const [url, fields] of [
        [`${a.path}/cancel`, {}],
        [`${a.path}/group-size`, { groupSize: '8' }],
        [`${a.path}/resend`, {}],
      ] as const) {
        const res = await post(url, fields);
        assert.equal(res.statusCode, 409, url);
        assert.equal(refusalCode(res), 'booking_not_active', url);
        assert.match(res.body, /Deze boeking is niet meer actief/);
      }
      const again = await get(`${a.path}/cancel`);
      assert.equal(refusalCode(again), 'booking_not_active');
      assert.deepEqual(actionForms(again), []);
      assert.deepEqual(await state(), before, 'nothing changed');
    });

    test('concurrent group-size increases and new bookings on the last places never overbook', async () => {
      const slot = await newSlot(20);
      const held = [
        await bookAsAnna(slot, 6, 'a@school.nl'),
        await bookAsAnna(slot, 6, 'b@school.nl'),
        await bookAsAnna(slot, 6, 'c@school.nl'),
      ];
      // One target per booking, so no request can shrink a group another request grew: whatever
      // the order, a place left over is taken by a booking still at 6 (two of them grow by one).
      const increases = Array.from({ length: 10 }, (_, i) => ({ booked: held[i % 3]!, to: i % 3 === 2 ? 8 : 7 }));
      const results = await Promise.all([
        ...increases.map(({ booked, to }) => post(`${booked.path}/group-size`, { groupSize: String(to) })),
        ...[1, 2, 3].map((i) =>
          send({
            method: 'POST',
            url: '/api/v1/bookings',
            payload: bookingRequest(slot.id, { groupSize: 2, email: `nieuw${i}@school.nl` }),
          }),
        ),
      ]);
      const pages = results.slice(0, increases.length);
      const api = results.slice(increases.length);
      for (const res of pages) {
        if (res.statusCode === 303) continue;
        assert.equal(res.statusCode, 409);
        assert.ok(['slot_full', 'booking_changed'].includes(refusalCode(res)!), refusalCode(res));
        assert.ok(text(res, 'error-groupSize'));
      }
      for (const res of api) {
        if (res.statusCode === 201) continue;
        assert.equal(res.statusCode, 409);
        assert.equal(res.json().code, 'slot_full');
      }
      const counts = await slotNow(slot.id);
      const holding = await heldBy(slot.id);
      assert.deepEqual([counts.bookedPersons, counts.bookedGroups], [holding.persons, holding.groups]);
      assert.ok(counts.bookedPersons <= 20, `${counts.bookedPersons} places booked of 20`);
      assert.equal(counts.bookedPersons, 20, 'the two last places were taken');
      assert.ok(
        pages.some((r) => refusalCode(r) === 'slot_full'),
        'some increase found the slot full',
      );
      const changed = pages.filter((r) => r.headers.location?.endsWith('?done=changed')).length;
      const entries = (await Promise.all(held.map((h) => history(h.booking.reference)))).flat();
      assert.equal(entries.filter((e) => e.action === 'booking.group_size_changed').length, changed, 'one history entry per change');
      const changeMails = (await Promise.all(held.map((h) => mails(h.booking.id, 'changed')))).flat();
      assert.equal(changeMails.length, changed, 'one mail per change');
    });

    test('concurrent cancels release the places once; a cancel racing size changes leaves the slot consistent', async () => {
      const slot = await newSlot(20);
      const a = await bookAsAnna(slot, 5, 'dubbel@school.nl');
      // Enough places held besides, so only the status condition can stop a second release.
      await bookAsAnna(slot, 12, 'ander@school.nl');
      const results = await Promise.all(Array.from({ length: 6 }, () => post(`${a.path}/cancel`)));
      assert.equal(results.filter((r) => r.statusCode === 303).length, 1);
      for (const res of results.filter((r) => r.statusCode !== 303)) {
        assert.equal(res.statusCode, 409);
        assert.equal(refusalCode(res), 'booking_not_active');
      }
      assert.deepEqual([(await slotNow(slot.id)).bookedPersons, (await slotNow(slot.id)).bookedGroups], [12, 1]);
      assert.equal((await history(a.booking.reference)).filter((e) => e.action === 'booking.cancelled').length, 1);
      assert.equal((await mails(a.booking.id, 'cancelled')).length, 1);

      const b = await bookAsAnna(slot, 4, 'race@school.nl');
      const raced = await Promise.all([
        post(`${b.path}/group-size`, { groupSize: '9' }),
        post(`${b.path}/cancel`),
        post(`${b.path}/group-size`, { groupSize: '6' }),
        post(`${b.path}/group-size`, { groupSize: '2' }),
      ]);
      for (const res of raced) assert.ok([303, 409].includes(res.statusCode));
      const counts = await slotNow(slot.id);
      const holding = await heldBy(slot.id);
      assert.deepEqual([counts.bookedPersons, counts.bookedGroups], [holding.persons, holding.groups]);
      // The cancel either went through, or a size change came between its read and its write and
      // the organiser was told so; never both, never half.
      const cancel = raced[1]!;
      const status = (await row(b.booking.id)).status;
      if (cancel.statusCode === 303) assert.equal(status, 'cancelled');
      else assert.deepEqual([refusalCode(cancel), status], ['booking_changed', 'confirmed']);
    });

    test('a wrong, re-issued or malformed token gets the plain 404 of an unknown page, revealing nothing', async () => {
      const slot = await newSlot(30);
      const a = await bookAsAnna(slot, 4, 'geheim@school.nl');
      const revoked = a.token;
      assert.equal(
        await reissueBookingLink(t.database.db, t.clock, t.linkKey, { member: manager.member, client: null }, a.booking.id, 'manage'),
        true,
      );
      const current = issueLink(t.linkKey, 'manage', a.booking.id, 1).token;
      assert.equal((await get(`/b/${current}`)).statusCode, 200);

      const state = () => stateOf(a.booking, slot);
      const before = await state();
      const withoutBack = (body: string) => body.replace(/name="back" value="[^"]*"/, 'name="back"');
      // The 404 of any path under /b/ (the same for every token: it points to the lost-link form).
      const unknown = withoutBack((await get('/b/nowhere/at-all')).body);
      const tokens = [
        revoked,
        randomBytes(32).toString('base64url'),
        issueLink(t.linkKey, 'participants', a.booking.id, 0).token,
        current.slice(0, -1),
        `${current}A`,
        current.toUpperCase(),
        'x',
        'A'.repeat(129),
        'A'.repeat(300),
        'A'.repeat(5000),
        '%00',
        `${current}%00`,
        'caf%C3%A9',
        '%F0%9F%94%91',
        `${current.slice(0, 20)}%C3%A9${current.slice(22)}`,
        '..%2F..%2Fnowhere',
        "'%20or%201=1--",
      ];
      for (const token of tokens) {
        for (const [method, suffix, fields] of [
          ['GET', '', {}],
          ['GET', '/cancel', {}],
          ['GET', '/group-size', {}],
          ['GET', '/resend', {}],
          ['POST', '/group-size', { groupSize: '5' }],
          ['POST', '/cancel', {}],
          ['POST', '/resend', {}],
        ] as const) {
          const url = `/b/${token}${suffix}`;
          const res = method === 'GET' ? await get(url) : await post(url, fields);
          assert.equal(res.statusCode, 404, `${method} ${url.slice(0, 80)}`);
          assert.equal(withoutBack(res.body), unknown, `${method} ${url.slice(0, 80)}: the unknown page's body`);
          assert.equal(res.headers['cache-control'], 'no-store');
          for (const secret of [a.booking.reference, 'geheim@school.nl', 'Anna de Vries']) assert.ok(!res.body.includes(secret));
        }
      }
      assert.deepEqual(await state(), before, 'nothing changed');
      assert.equal((await get(`/p/${current}`)).statusCode, 404, 'the manage token opens no participant page');
    });

    test("booking A's link never reads or changes booking B", async () => {
      const slot = await newSlot(30);
      const a = await bookAsAnna(slot, 4, 'a-kant@school.nl');
      const b = await bookAsAnna(slot, 6, 'b-kant@school.nl');
      const stateOfB = async () => [await row(b.booking.id), await history(b.booking.reference), await mails(b.booking.id)];
      const before = await stateOfB();
      const responses = [
        await get(a.path),
        await get(`${a.path}/cancel`),
        await post(`${a.path}/group-size`, { groupSize: '5', bookingId: b.booking.id, token: b.token }),
        await post(`${a.path}/resend`, { email: 'b-kant@school.nl' }),
        await post(`${a.path}/cancel`, { bookingId: b.booking.id }),
        await get(`${a.path}?id=${b.booking.id}`),
      ];
      for (const res of responses) {
        for (const secret of [b.booking.reference, 'b-kant@school.nl', b.token]) assert.ok(!res.body.includes(secret), secret);
      }
      assert.deepEqual(await stateOfB(), before, 'B is unchanged');
      assert.deepEqual([(await row(a.booking.id)).group_size, (await row(a.booking.id)).status], [5, 'cancelled'], 'the actions were on A');
      assert.equal((await slotNow(slot.id)).bookedPersons, 6);
      const resent = await mails(a.booking.id, 'manage_link');
      assert.deepEqual(
        resent.map((m) => m.recipient),
        ['a-kant@school.nl'],
        "the link goes to the booking's own address, never one the visitor names",
      );
    });

    test('resending the link mails it at most once per ten minutes, with the same answer every time', async () => {
      const slot = await newSlot(30);
      const a = await bookAsAnna(slot, 4, 'kwijt@school.nl');
      const first = await post(`${a.path}/resend`);
      assert.equal(first.statusCode, 303);
      assert.equal(first.headers.location, `${a.path}?done=resent`);
      const firstPage = await get(String(first.headers.location));
      assert.equal(
        text(firstPage, 'notice'),
        'De link naar deze pagina is gemaild naar kwijt@school.nl (hoogstens één e-mail per tien minuten). Kijk ook bij uw ongewenste e-mail.',
      );
      t.clock.advance(9 * 60_000 + 59_000);
      const second = await post(`${a.path}/resend`);
      assert.deepEqual([second.statusCode, second.headers.location], [first.statusCode, first.headers.location]);
      assert.equal((await get(String(second.headers.location))).body, firstPage.body, 'no oracle: the same page');
      let sent = await mails(a.booking.id, 'manage_link');
      assert.deepEqual(
        sent.map((m) => [m.recipient, m.language, m.dedupe_key]),
        [['kwijt@school.nl', 'nl', `manage_link:${a.booking.id}:${Date.parse(BASE) / 600_000}`]],
      );
      t.clock.advance(1000);
      assert.equal((await post(`${a.path}/resend`)).headers.location, `${a.path}?done=resent`);
      sent = await mails(a.booking.id, 'manage_link');
      assert.equal(sent.length, 2, 'the next ten minutes may send again');
      const entries = (await history(a.booking.reference)).filter((e) => e.action === 'booking.manage_link_resent');
      assert.deepEqual(
        entries.map((e) => e.actor_kind),
        ['organiser', 'organiser'],
        'one history entry per mail sent',
      );
    });

    test("every action is in the booking's history with who made it, on the staff booking page and in the activity log", async () => {
      const slot = await newSlot(30);
      const a = await bookAsAnna(slot, 4, 'geschiedenis@school.nl');
      t.clock.advance(1000);
      await post(`${a.path}/group-size`, { groupSize: '6' });
      t.clock.advance(1000);
      await post(`${a.path}/resend`);
      t.clock.advance(1000);
      await post(`${a.path}/cancel`);
      t.clock.advance(1000);
      await t.database.db.transaction().execute((trx) =>
        recordBookingEvent(trx, t.clock, {
          by: 'system',
          venueId: activity.venue.id,
          reference: a.booking.reference,
          action: 'booking.completed',
        }),
      );
      t.clock.set(BASE);
      const entries = await history(a.booking.reference);
      assert.deepEqual(
        entries.map((e) => [e.action, e.actor_kind]),
        [
          ['booking.created', 'organiser'],
          ['booking.group_size_changed', 'organiser'],
          ['booking.manage_link_resent', 'organiser'],
          ['booking.cancelled', 'organiser'],
          ['booking.completed', 'system'],
        ],
      );
      for (const e of entries) assert.ok(!e.detail.includes(a.token), 'never the token');

      const detail = await adminGet(t, manager, `/admin/bookings/${a.booking.id}`);
      assert.equal(detail.statusCode, 200);
      const rows = parseHtml(detail.body)
        .querySelectorAll('[data-testid="booking-history"] tbody tr')
        .map((tr) => tr.querySelectorAll('td').map((td) => td.textContent));
      assert.deepEqual(
        rows.map(([, who]) => who),
        ['Systeem', 'Organisator (via de link)', 'Organisator (via de link)', 'Organisator (via de link)', 'Organisator (via de link)'],
      );
      assert.deepEqual(
        rows.slice(1).map(([, , what]) => what),
        ['boeking geannuleerd', 'boekingslink opnieuw gemaild', 'aantal personen gewijzigd', 'boeking geplaatst'],
      );
      const english = await t.app.inject({
        url: `/admin/bookings/${a.booking.id}`,
        headers: { cookie: `__Host-groupz_session=${manager.cookie}; lang=en` },
      });
      const whoInEnglish = parseHtml(english.body)
        .querySelectorAll('[data-testid="booking-history"] tbody tr')
        .map((tr) => tr.querySelectorAll('td')[1]!.textContent);
      assert.deepEqual(whoInEnglish, [
        'System',
        'Organiser (through the link)',
        'Organiser (through the link)',
        'Organiser (through the link)',
        'Organiser (through the link)',
      ]);

      const logged = parseHtml((await adminGet(t, manager, '/admin/activity')).body);
      const about = logged
        .querySelectorAll('[data-testid="activity-log-entries"] tbody tr')
        .filter((tr) => tr.querySelectorAll('td')[3]?.textContent === a.booking.reference)
        .map((tr) => [tr.getAttribute('data-action'), tr.querySelectorAll('td')[1]!.textContent]);
      assert.deepEqual(about, [
        ['booking.completed', 'Systeem'],
        ['booking.cancelled', 'Organisator (via de link)'],
        ['booking.manage_link_resent', 'Organisator (via de link)'],
        ['booking.group_size_changed', 'Organisator (via de link)'],
        ['booking.created', 'Organisator (via de link)'],
      ]);
    });
  });
}
