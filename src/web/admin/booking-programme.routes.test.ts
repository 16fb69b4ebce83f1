import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, type TestApp } from '../../../test/app.js';
import { testDialects } from '../../../test/databases.js';
import { book, makeActivity, makeSlot } from '../../../test/factories.js';
import { parseHtml } from '../../../test/html.js';
import { addPart, shareResource } from '../../../test/resources.js';
import { adminGet, adminPost, type Member } from '../../../test/staff.js';
import { makeTwoVenues, signInMembers } from '../../../test/venues.js';
import type { CreatedBooking } from '../../core/booking-flows/booking.service.js';
import type { ProgrammePart } from '../../core/resources/programme.js';
import type { Resource } from '../../core/resources/resource.js';
import { SESSION_COOKIE } from './session-cookie.js';

for (const dialect of testDialects()) {
  describe(`moving a booked programme's part in the back office (${dialect.name})`, () => {
    let t: TestApp;
    let staff: Member;
    let viewer: Member;
    let otherManager: Member;
    let boat: Resource;
    let tour: ProgrammePart;
    let booked: CreatedBooking;
    let plain: CreatedBooking;

    before(async () => {
      t = await buildTestApp(dialect, '2026-06-01T08:00:00Z');
      const { home, away } = await makeTwoVenues(t);
      ({ staff, viewer, otherManager } = await signInMembers(t, { home, away }, ['staff', 'viewer', 'otherManager']));
      const { db } = t.database;
      const cruise = await makeActivity(db, t.clock, { venueId: home.venue.id, durationMinutes: 60 });
      boat = await shareResource(db, t.clock, [cruise], { kind: 'units', capacity: 1 });
      const programme = await makeActivity(db, t.clock, { venueId: home.venue.id, durationMinutes: 330 });
      await addPart(db, t.clock, programme, { title: { nl: 'Klimmen', en: 'Climbing' }, offset: 0, duration: 90 });
      tour = await addPart(db, t.clock, programme, {
        title: { nl: 'Rondvaart', en: 'Canal tour' },
        offset: 210,
        duration: 60,
        uses: [{ resource: boat, bufferMinutes: 15 }],
      });
      booked = await book(db, t.clock, await makeSlot(db, t.clock, programme, { date: '2026-06-15', time: '09:30' }), { groupSize: 10 });
      // A stand-alone cruise on the boat at 16:00: the boat is taken 16:00-17:00.
      await book(db, t.clock, await makeSlot(db, t.clock, cruise, { date: '2026-06-15', time: '16:00' }), { groupSize: 4 });
      plain = await book(db, t.clock, await makeSlot(db, t.clock, home, { date: '2026-06-15' }), { groupSize: 4 });
    });
    after(() => t.close());

    const page = (body: string) => parseHtml(body);
    const url = () => `/admin/bookings/${booked.booking.id}`;
    const moveUrl = () => `${url()}/parts/${tour.id}/move`;
    const rows = (body: string) =>
      [...page(body).querySelectorAll('[data-testid="booking-parts"] tbody tr')].map((tr) =>
        [...tr.querySelectorAll('th, td')].map((cell) => cell.textContent.replace(/\s+/g, ' ').trim()).join(' | '),
      );
    const moves = () => t.database.db.selectFrom('booking_part_moves').selectAll().where('booking_id', '=', booked.booking.id).execute();

    test("the booking's page lists its programme's parts with a form to move each; an ordinary booking has no such section", async () => {
      const res = await adminGet(t, staff, url());
      assert.equal(res.statusCode, 200);
      assert.deepEqual(rows(res.body), [
        '09:30–11:00 | Klimmen | — | volgens plan',
        '13:00–14:00 | Rondvaart | Fluisterboot (+15 min.) | volgens plan',
      ]);
      const html = page(res.body);
      const form = html.querySelector(`form[action="${moveUrl()}"]`);
      assert.ok(form, 'a move form per part');
      assert.equal(form.querySelector('input[name="start"]')?.getAttribute('value'), '13:00');
      assert.ok(form.querySelector(`input[name="resources"][value="${boat.id}"][checked]`));
      assert.equal(form.querySelector(`input[name="buffers.${boat.id}"]`)?.getAttribute('value'), '15');
      assert.ok(form.querySelector('input[name="_csrf"]'));
      assert.equal(html.querySelector(`form[action="${url()}/parts/${tour.id}/reset"]`), null, 'nothing to put back yet');

      const viewed = page((await adminGet(t, viewer, url())).body);
      assert.ok(viewed.querySelector('[data-testid="booking-programme"]'), 'a viewer sees the programme');
      assert.equal(viewed.querySelector(`form[action="${moveUrl()}"]`), null, 'but cannot move it');
      const ordinary = await adminGet(t, staff, `/admin/bookings/${plain.booking.id}`);
      assert.equal(page(ordinary.body).querySelector('[data-testid="booking-programme"]'), null);
    });

    test('a move onto a taken time is refused at the part’s form, as typed (422); a free time is moved, and put back', async () => {
      const taken = await adminPost(t, staff, moveUrl(), { start: '15:30', resources: boat.id, [`buffers.${boat.id}`]: '5' });
      assert.equal(taken.statusCode, 422);
      const html = page(taken.body);
      const error = html.querySelector(`[data-testid="error-move-${tour.id}-resources"]`)?.textContent ?? '';
      assert.match(error, /passen geboekte tijdsloten niet meer/);
      assert.equal(html.querySelector(`[data-testid="move-${tour.id}"]`)?.hasAttribute('open'), true);
      assert.equal(html.querySelector(`#move-${tour.id}-start`)?.getAttribute('value'), '15:30', 'kept as typed');
      assert.equal(html.querySelector(`#move-${tour.id}-buffers\\.${boat.id}`)?.getAttribute('value'), '5');
      assert.ok(html.querySelector(`[data-testid="form-errors"] a[href="#move-${tour.id}-resources"]`));
      assert.deepEqual(await moves(), []);

      const early = await adminPost(t, staff, moveUrl(), { start: '08:00', resources: boat.id });
      assert.equal(early.statusCode, 422);
      assert.match(page(early.body).querySelector(`#move-${tour.id}-start-error`)?.textContent ?? '', /vóór het begin van het tijdslot/);

      const moved = await adminPost(t, staff, moveUrl(), { start: '14:30', resources: boat.id, [`buffers.${boat.id}`]: '15' });
      assert.equal(moved.statusCode, 303, moved.body.slice(0, 400));
      assert.equal(moved.headers.location, `${url()}?done=part_moved`);
      const after = await adminGet(t, staff, moved.headers.location!);
      // The way back to the plan is in the part's row, not folded away in its move form.
      assert.deepEqual(rows(after.body)[1], '14:30–15:30 | Rondvaart | Fluisterboot (+15 min.) | verplaatst Terug volgens plan');
      assert.ok(page(after.body).querySelector(`[data-testid="booking-parts"] form[action="${url()}/parts/${tour.id}/reset"]`));
      assert.match(page(after.body).querySelector('[data-testid="notice"]')?.textContent ?? '', /verplaatst/);
      assert.match(page(after.body).querySelector('[data-testid="booking-history"]')?.textContent ?? '', /onderdeel verplaatst/);

      const english = await t.app.inject({ url: url(), headers: { cookie: `lang=en; ${SESSION_COOKIE}=${staff.cookie}` } });
      assert.deepEqual(rows(english.body)[1], '14:30–15:30 | Canal tour | Fluisterboot (+15 min) | moved Back to the plan');

      const reset = await adminPost(t, staff, `${url()}/parts/${tour.id}/reset`);
      assert.equal(reset.headers.location, `${url()}?done=part_reset`);
      assert.deepEqual(await moves(), []);
    });

    test("another venue's manager finds neither the booking nor its part; a viewer may not move", async () => {
      const foreign = await adminPost(t, otherManager, moveUrl(), { start: '14:30', resources: boat.id });
      assert.equal(foreign.statusCode, 404);
      assert.equal((await adminPost(t, otherManager, `${url()}/parts/${tour.id}/reset`)).statusCode, 404);
      assert.equal((await adminPost(t, staff, `${url()}/parts/no-such-part/move`, { start: '14:30' })).statusCode, 404);
      assert.equal((await adminPost(t, viewer, moveUrl(), { start: '14:30', resources: boat.id })).statusCode, 403);
      assert.deepEqual(await moves(), []);
    });
  });
}
