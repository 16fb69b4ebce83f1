import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { buildTestApp, TEST_PUBLIC_URL, type TestApp } from '../../../test/app.js';
import { testDialects } from '../../../test/databases.js';
import { book, bookingRequest, makeActivity, makeSlot } from '../../../test/factories.js';
import { parseHtml, urlencoded } from '../../../test/html.js';
import { bookingRow, historyOf, mailsOf } from '../../../test/lifecycle.js';
import { adminGet, adminPost, type Member } from '../../../test/staff.js';
import { makeTwoVenues, signInMembers } from '../../../test/venues.js';
import { findSlot } from '../../core/availability/slot.repository.js';
import type { Slot } from '../../core/availability/slot.js';
import type { CreatedBooking } from '../../core/booking-flows/booking.service.js';
import type { Activity } from '../../core/catalog/activity.js';
import { translator } from '../i18n/i18n.js';
import { count } from '../../core/i18n/i18n.js';
import { schoolCategories } from '../../../test/school-pricing.js';

const nl = translator('nl');

/** The change form's fields as a booking of Anna's has them, with `changes`. */
function editOf(booked: CreatedBooking, changes: Record<string, string> = {}): Record<string, string> {
  const { groupSize, name, email, phone, organisation, notes } = booked.booking;
  return { groupSize: String(groupSize), name, email, phone, organisation, notes, ...changes };
}

for (const dialect of testDialects()) {
  describe(`staff change a booking's size and organiser's details (${dialect.name})`, () => {
    let t: TestApp;
    let home: Activity;
    let away: Activity;
    let staff: Member;
    let manager: Member;
    let viewer: Member;
    let otherManager: Member;
    const db = () => t.database.db;
    const text = (res: LightMyRequestResponse, testid: string) =>
      parseHtml(res.body).querySelector(`[data-testid="${testid}"]`)?.textContent.trim() ?? '';
    const bookOn = (slot: Slot, overrides: Record<string, unknown> = {}) =>
      book(db(), t.clock, slot, { name: 'Anna de Vries', email: 'anna@school.nl', ...overrides }, t.linkKey);
    const edit = (who: Member, booked: CreatedBooking, changes: Record<string, string> = {}) =>
      adminPost(t, who, `/admin/bookings/${booked.booking.id}/details`, editOf(booked, changes));
    /** The places the slot's holding bookings take, as the slot's counter must say. */
    const heldBy = async (slotId: string) =>
      (
        await db()
          .selectFrom('bookings')
          .select('group_size')
          .where('slot_id', '=', slotId)
          .where('status', 'in', ['option', 'requested', 'confirmed'])
          .execute()
      ).reduce((sum, r) => sum + r.group_size, 0);

    before(async () => {
      t = await buildTestApp(dialect, '2026-06-01T08:00:00Z');
      ({ home, away } = await makeTwoVenues(t));
      ({ staff, manager, viewer, otherManager } = await signInMembers(t, { home, away }));
    });
    after(() => t.close());

    test('a change of size and details: the price again, the places moved, the history naming the staff member, a mail to the new address', async () => {
      const slot = await makeSlot(db(), t.clock, home, { date: '2026-06-15', capacity: 30 });
      const booked = await bookOn(slot, { groupSize: 6 });
      const form = parseHtml((await adminGet(t, staff, `/admin/bookings/${booked.booking.id}`)).body).querySelector(
        '[data-testid="edit-booking"] form',
      )!;
      assert.equal(form.querySelector('#edit-groupSize')?.getAttribute('value'), '6');
      assert.equal(form.querySelector('#edit-email')?.getAttribute('value'), 'anna@school.nl');

      const changes = { groupSize: '9', name: 'Anna de Vries-Bakker', email: 'anna@nieuweschool.nl', phone: '+31 20 1234567' };
      const res = await edit(staff, booked, changes);
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, `/admin/bookings/${booked.booking.id}?done=edited`);
      const row = await bookingRow(db(), booked.booking.id);
      assert.deepEqual(
        [row.group_size, row.total_cents, row.organiser_name, row.organiser_email, row.organiser_phone, row.organisation],
        [9, 9 * 1250, 'Anna de Vries-Bakker', 'anna@nieuweschool.nl', '+31 20 1234567', booked.booking.organisation],
      );
      assert.equal((await findSlot(db(), slot.id))?.bookedPersons, 9);
      const history = (await historyOf(db(), booked.booking.reference)).slice(1);
      assert.deepEqual(history, [
        ['booking.details_changed', 'staff', { fields: 'name,email,phone' }],
        ['booking.group_size_changed', 'staff', { from: 6, to: 9, total_cents: 9 * 1250 }],
      ]);
      const entries = await db()
        .selectFrom('activity_log')
        .select('actor_id')
        .where('target', '=', booked.booking.reference)
        .where('actor_kind', '=', 'staff')
        .execute();
      assert.ok(entries.every((e) => e.actor_id === staff.member.id));
      const changed = (await mailsOf(db(), booked.booking.id)).filter(([kind]) => kind === 'changed');
      assert.deepEqual(changed, [['changed', 'anna@nieuweschool.nl', { from_group_size: 6, to_group_size: 9 }]]);
      const told = (await mailsOf(db(), booked.booking.id)).filter(([kind]) => kind === 'contact_changed');
      assert.deepEqual(told, [['contact_changed', 'anna@school.nl', { to_email: 'a***@nieuweschool.nl' }]], 'the previous address is told');
      const page = await adminGet(t, staff, String(res.headers.location));
      assert.equal(text(page, 'notice'), nl('booking_edit.done'));

      // Only the notes: one entry, a mail without sizes; the same values again: nothing at all.
      const now = { ...booked, booking: { ...booked.booking, ...changes, groupSize: 9 } };
      assert.equal(
        (await edit(manager, now, { notes: 'Komt met de bus' })).headers.location,
        `/admin/bookings/${booked.booking.id}?done=edited`,
      );
      const again = await edit(manager, now, { notes: 'Komt met de bus' });
      assert.equal(again.headers.location, `/admin/bookings/${booked.booking.id}`);
      assert.equal((await historyOf(db(), booked.booking.reference)).length, 4);
      assert.equal((await mailsOf(db(), booked.booking.id)).filter(([kind]) => kind === 'changed').length, 2);
      assert.equal((await mailsOf(db(), booked.booking.id)).filter(([kind]) => kind === 'contact_changed').length, 1, 'the address stayed');
    });

    test('a party of several categories: staff set the count of each, at the prices the booking keeps; bad counts come back as typed', async () => {
      const school = await makeActivity(db(), t.clock, { venueId: home.venue.id, pricing: schoolCategories(950, 1200), maxGroupSize: 40 });
      const slot = await makeSlot(db(), t.clock, school, { date: '2026-06-16', capacity: 60 });
      const booked = await bookOn(slot, { party: { pupil: 16, teacher: 2 }, groupSize: undefined });
      const form = parseHtml((await adminGet(t, staff, `/admin/bookings/${booked.booking.id}`)).body).querySelector(
        '[data-testid="edit-booking"] form',
      )!;
      assert.equal(form.querySelector('input[name="party.pupil"]')?.getAttribute('value'), '16');
      assert.equal(form.querySelector('input[name="party.teacher"]')?.getAttribute('value'), '2');
      assert.equal(form.querySelector('#edit-groupSize'), null, 'the size is the counts’ sum');
      const { groupSize: _, ...contact } = editOf(booked);
      // One teacher more, two pupils fewer: not the pupils alone.
      const res = await adminPost(t, staff, `/admin/bookings/${booked.booking.id}/details`, {
        ...contact,
        'party.pupil': '14',
        'party.teacher': '3',
      });
      assert.equal(res.statusCode, 303, res.body.slice(0, 300));
      const row = await bookingRow(db(), booked.booking.id);
      // One teacher free per 8 pupils: one of three for 14 pupils.
      assert.deepEqual([row.group_size, JSON.parse(row.party!), row.total_cents], [17, { pupil: 14, teacher: 3 }, 14 * 950 + 2 * 1200]);
      assert.equal((await findSlot(db(), slot.id))?.bookedPersons, 17);
      const typo = await adminPost(t, staff, `/admin/bookings/${booked.booking.id}/details`, {
        ...contact,
        'party.pupil': '14',
        'party.teacher': 'veel',
      });
      assert.equal(typo.statusCode, 422);
      const page = parseHtml(typo.body);
      assert.equal(page.querySelector('[data-testid="edit-booking"] input[name="party.teacher"]')?.getAttribute('value'), 'veel');
      assert.equal(page.querySelector('[data-testid="error-party.teacher"]')?.textContent.trim(), 'Vul een heel getal in.');
      assert.equal((await bookingRow(db(), booked.booking.id)).group_size, 17, 'nothing changed');
    });

    test("staff may pass the organiser's deadlines until the visit starts; the group limits and the capacity still hold", async () => {
      // Booked this morning for 10:30 (Amsterdam); then the activity gets a cut-off of a day: the
      // organiser can no longer change the booking, nor (past the 48 hours) bring fewer people.
      const strict = await makeActivity(db(), t.clock, { venueId: home.venue.id, maxGroupSize: 12 });
      const slot = await makeSlot(db(), t.clock, strict, { date: '2026-06-01', time: '10:30', capacity: 10 });
      const booked = await bookOn(slot, { groupSize: 6 });
      await bookOn(slot, { groupSize: 2, email: 'ander@school.nl' });
      await db()
        .updateTable('activities')
        .set({ booking_cutoff_minutes: 24 * 60 })
        .where('id', '=', strict.id)
        .execute();
      assert.equal((await edit(staff, booked, { groupSize: '4' })).statusCode, 303, 'fewer, after both deadlines');
      const grown = { ...booked, booking: { ...booked.booking, groupSize: 4 } };
      const full = await edit(staff, grown, { groupSize: '9' });
      assert.equal(full.statusCode, 409);
      assert.equal(text(full, 'error-edit-groupSize'), nl('error.slot_full'));
      assert.equal(parseHtml(full.body).querySelector('#edit-groupSize')?.getAttribute('value'), '9', 'as typed');
      const refused = await edit(staff, grown, { groupSize: '13', email: 'geen adres', name: '' });
      assert.equal(refused.statusCode, 422);
      for (const field of ['groupSize', 'name', 'email']) assert.ok(text(refused, `error-edit-${field}`), `${field}: an error`);
      assert.equal(parseHtml(refused.body).querySelectorAll('[data-testid="form-errors"] li').length, 3, 'every error in one round');
      assert.equal(parseHtml(refused.body).querySelector('#edit-email')?.getAttribute('value'), 'geen adres');
      // Over the most any activity takes: the activity's maximum, as the public form and the API name it.
      const huge = await edit(staff, grown, { groupSize: '10001' });
      assert.equal(huge.statusCode, 422);
      assert.equal(text(huge, 'error-edit-groupSize'), nl('field.group_too_large', { max: 12 }));
      assert.equal(parseHtml(huge.body).querySelector('#edit-groupSize')?.getAttribute('value'), '10001', 'as typed');
      const grouped = await edit(staff, grown, { groupSize: '1,000' });
      assert.equal(text(grouped, 'error-edit-groupSize'), nl('field.ambiguous_grouping', { digits: 1000, grouped: count(1000) }));
      assert.deepEqual([(await bookingRow(db(), booked.booking.id)).group_size, (await findSlot(db(), slot.id))?.bookedPersons], [4, 6]);

      t.clock.set('2026-06-01T08:30:00Z');
      try {
        const started = await edit(staff, grown, { groupSize: '5' });
        assert.equal(started.statusCode, 409);
        assert.equal(text(started, 'error-edit-groupSize'), nl('error.change_closed'));
      } finally {
        t.clock.set('2026-06-01T08:00:00Z');
      }
    });

    test("another venue's booking is not found; a viewer may only read; a cancelled booking has no change form", async () => {
      const slot = await makeSlot(db(), t.clock, home, { date: '2026-06-16' });
      const booked = await bookOn(slot, { groupSize: 5 });
      assert.equal((await edit(otherManager, booked, { groupSize: '6' })).statusCode, 404);
      assert.equal((await edit(viewer, booked, { groupSize: '6' })).statusCode, 403);
      assert.equal(
        parseHtml((await adminGet(t, viewer, `/admin/bookings/${booked.booking.id}`)).body).querySelector('[data-testid="edit-booking"]'),
        null,
      );
      const theirs = await bookOn(await makeSlot(db(), t.clock, away, { date: '2026-06-16' }), { groupSize: 5 });
      assert.equal((await edit(manager, theirs, { groupSize: '6' })).statusCode, 404);
      assert.deepEqual(
        [(await bookingRow(db(), booked.booking.id)).group_size, (await bookingRow(db(), theirs.booking.id)).group_size],
        [5, 5],
      );

      assert.equal((await adminPost(t, staff, `/admin/bookings/${booked.booking.id}/cancel`, { confirm: 'yes' })).statusCode, 303);
      assert.equal(
        parseHtml((await adminGet(t, staff, `/admin/bookings/${booked.booking.id}`)).body).querySelector('[data-testid="edit-booking"]'),
        null,
      );
      const late = await edit(staff, booked, { groupSize: '6' });
      assert.equal(late.statusCode, 409);
      // No form to show it at: the page's error summary says why.
      assert.ok(text(late, 'form-errors').includes(nl('error.booking_not_active')), text(late, 'form-errors'));
    });

    test('concurrent changes by staff, the organiser and new bookings on the last places never overbook; a lost race is reported', async () => {
      const slot = await makeSlot(db(), t.clock, home, { date: '2026-06-18', capacity: 20 });
      const held = [
        await bookOn(slot, { groupSize: 6 }),
        await bookOn(slot, { groupSize: 6, email: 'b@school.nl' }),
        await bookOn(slot, { groupSize: 6, email: 'c@school.nl' }),
      ];
      const staffEdits = Array.from({ length: 8 }, (_, i) => ({
        who: i % 2 ? staff : manager,
        booked: held[i % 3]!,
        to: 7 + (i % 2),
        name: `Naam ${i}`,
      }));
      const results = await Promise.all([
        ...staffEdits.map(({ who, booked, to, name }) => edit(who, booked, { groupSize: String(to), name })),
        t.app.inject({
          method: 'POST',
          url: `/b/${held[0]!.manageToken}/group-size`,
          headers: { 'content-type': 'application/x-www-form-urlencoded', origin: TEST_PUBLIC_URL },
          payload: urlencoded({ groupSize: '8' }),
        }),
        ...[1, 2].map((i) =>
          t.app.inject({
            method: 'POST',
            url: '/api/v1/bookings',
            payload: bookingRequest(slot.id, { groupSize: 2, email: `nieuw${i}@school.nl` }),
          }),
        ),
      ]);
      const edits = results.slice(0, staffEdits.length);
      for (const res of results) assert.ok(res.statusCode < 500, String(res.statusCode));
      const reasons = new Set(edits.filter((r) => r.statusCode !== 303).map((r) => text(r, 'error-edit-groupSize')));
      for (const reason of reasons) assert.ok([nl('error.slot_full'), nl('error.booking_changed')].includes(reason), reason);
      for (const res of edits) assert.ok([303, 409].includes(res.statusCode), String(res.statusCode));
      assert.ok(reasons.size > 0, 'some change lost its race or found the slot full');
      const counts = await findSlot(db(), slot.id);
      assert.equal(counts?.bookedPersons, await heldBy(slot.id), "the slot's counter is the sum of its bookings");
      assert.ok(counts!.bookedPersons <= 20, `${counts?.bookedPersons} places of 20`);
      const done = edits.filter((r) => r.headers.location?.endsWith('?done=edited')).length;
      const mails = (await Promise.all(held.map((b) => mailsOf(db(), b.booking.id)))).flat().filter(([kind]) => kind === 'changed');
      assert.equal(mails.length, done + (results[staffEdits.length]!.statusCode === 303 ? 1 : 0), 'one mail per change that went through');
    });
  });
}
