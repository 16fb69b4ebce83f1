import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, type TestApp } from '../../../test/app.js';
import { testDialects } from '../../../test/databases.js';
import { book, makeSlot } from '../../../test/factories.js';
import { parseHtml } from '../../../test/html.js';
import { bookingRow, historyOf, mailsOf, mailsOfKind } from '../../../test/lifecycle.js';
import { adminGet, adminPost, type Member, signInMember } from '../../../test/staff.js';
import { makeTwoVenues, signInMembers } from '../../../test/venues.js';
import { findSlot } from '../../core/availability/slot.repository.js';
import type { Slot } from '../../core/availability/slot.js';
import { updateActivityRow } from '../../core/catalog/activity-admin.repository.js';
import type { Activity } from '../../core/catalog/activity.js';

for (const dialect of testDialects()) {
  describe(`options and requests in the back office (${dialect.name})`, () => {
    let t: TestApp;
    let home: Activity;
    let slot: Slot;
    let manager: Member;
    let viewer: Member;
    let otherManager: Member;

    before(async () => {
      t = await buildTestApp(dialect, '2026-06-01T08:00:00Z');
      const venues = await makeTwoVenues(t);
      home = venues.home;
      ({ manager, viewer, otherManager } = await signInMembers(t, venues, ['manager', 'viewer', 'otherManager']));
      slot = await makeSlot(t.database.db, t.clock, home, { date: '2026-06-15', capacity: 30 });
      t.clock.set('2026-06-01T09:00:00Z'); // signing in moved the clock on; 11:00 in Amsterdam
    });
    after(() => t.close());

    const page = async (member: Member, id: string) => parseHtml((await adminGet(t, member, `/admin/bookings/${id}`)).body);
    const staffHistory = async (reference: string) =>
      (await historyOf(t.database.db, reference)).filter(([, by]) => by === 'staff').map(([action]) => action);

    test('an option shows its deadline; staff confirm it and the organiser is mailed', async () => {
      const { booking } = await book(t.database.db, t.clock, slot, { option: true, groupSize: 4 });
      const shown = await page(manager, booking.id);
      assert.equal(shown.querySelector('[data-testid="booking-status"]')?.textContent, 'Optie');
      assert.equal(shown.querySelector('[data-testid="option-deadline"]')?.textContent, 'Vastgehouden tot wo 3 jun 2026 om 11:00.');
      assert.equal(
        shown.querySelector('[data-testid="option-extension"]')?.textContent,
        'Nog niet verlengd. Verlengen geeft 48 uur extra, tot uiterlijk de start van het bezoek.',
      );
      assert.equal(
        (await page(viewer, booking.id)).querySelectorAll('[data-testid="option-admin"] form').length,
        0,
        'a viewer sees no buttons',
      );
      assert.equal((await adminPost(t, viewer, `/admin/bookings/${booking.id}/confirm`)).statusCode, 403);
      assert.equal((await adminPost(t, otherManager, `/admin/bookings/${booking.id}/confirm`)).statusCode, 404);
      assert.equal((await bookingRow(t.database.db, booking.id)).status, 'option');

      t.clock.advance(60_000);
      const res = await adminPost(t, manager, `/admin/bookings/${booking.id}/confirm`);
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, `/admin/bookings/${booking.id}?done=confirmed`);
      assert.equal((await bookingRow(t.database.db, booking.id)).status, 'confirmed');
      assert.equal(await mailsOfKind(t.database.db, booking.id, 'confirmed'), 1);
      const after = parseHtml((await adminGet(t, manager, String(res.headers.location))).body);
      assert.equal(
        after.querySelector('[data-testid="notice"]')?.textContent,
        'De optie is bevestigd; de contactpersoon krijgt een bevestiging.',
      );
      assert.equal(after.querySelector('[data-testid="option-admin"]'), null);
      const history = after.querySelector('[data-testid="booking-history"]')!.textContent;
      assert.ok(history.includes('boeking bevestigd') && history.includes('boeking geplaatst'), history);
      const placedRow = after
        .querySelectorAll('[data-testid="booking-history"] tbody tr')
        .find((tr) => tr.textContent.includes('boeking geplaatst'));
      assert.equal(placedRow?.querySelectorAll('td')[1]?.textContent, 'Organisator (via de link)', 'who placed it');
    });

    test('staff extend an option once; the second time is refused with the reason', async () => {
      t.clock.set('2026-06-01T09:00:00Z');
      const { booking } = await book(t.database.db, t.clock, slot, { option: true, groupSize: 2, email: 'els@example.nl' });
      const res = await adminPost(t, manager, `/admin/bookings/${booking.id}/extend`);
      assert.equal(res.headers.location, `/admin/bookings/${booking.id}?done=extended`);
      const row = await bookingRow(t.database.db, booking.id);
      assert.deepEqual([row.option_expires_at, row.option_extended_at], ['2026-06-05T09:00:00.000Z', t.clock.now().toISOString()]);
      const shown = await page(manager, booking.id);
      assert.equal(shown.querySelector('[data-testid="option-deadline"]')?.textContent, 'Vastgehouden tot vr 5 jun 2026 om 11:00.');
      assert.match(shown.querySelector('[data-testid="option-extension"]')!.textContent, /^Verlengd op /);
      assert.equal(shown.querySelector(`form[action="/admin/bookings/${booking.id}/extend"]`), null, 'no second extension offered');

      const again = await adminPost(t, manager, `/admin/bookings/${booking.id}/extend`);
      assert.equal(again.statusCode, 409);
      assert.ok(
        parseHtml(again.body)
          .querySelector('[data-testid="form-errors"]')
          ?.textContent.includes('Deze optie is al eens verlengd. Een optie kan maar één keer worden verlengd.'),
      );
      assert.deepEqual(await bookingRow(t.database.db, booking.id), row, 'nothing changed');
      assert.deepEqual(await staffHistory(booking.reference), ['booking.option_extended']);
    });

    test('requests: staff accept one, and decline another only with the box ticked', async () => {
      await t.database.db
        .transaction()
        .execute((trx) => updateActivityRow(trx, { ...home, rules: { ...home.rules, bookingMode: 'request' } }));
      const accepted = await book(t.database.db, t.clock, slot, { groupSize: 5, email: 'a@example.nl' });
      const declined = await book(t.database.db, t.clock, slot, { groupSize: 3, email: 'd@example.nl' });
      assert.equal(accepted.booking.status, 'requested');
      const shown = await page(manager, accepted.booking.id);
      assert.ok(shown.querySelector('[data-testid="request-admin"]'));
      assert.equal(shown.querySelector('[data-testid="cancel-form"]'), null, 'a request is declined, not cancelled');

      t.clock.advance(60_000);
      const accept = await adminPost(t, manager, `/admin/bookings/${accepted.booking.id}/accept`);
      assert.equal(accept.headers.location, `/admin/bookings/${accepted.booking.id}?done=accepted`);
      assert.equal((await bookingRow(t.database.db, accepted.booking.id)).status, 'confirmed');
      const toOrganiser = (await mailsOf(t.database.db, accepted.booking.id)).filter(([, to]) => to === 'a@example.nl');
      assert.deepEqual(
        toOrganiser.map(([kind]) => kind),
        ['request_received', 'confirmed'],
      );

      const held = (await findSlot(t.database.db, slot.id))!.bookedPersons;
      const unticked = await adminPost(t, manager, `/admin/bookings/${declined.booking.id}/decline`);
      assert.equal(unticked.statusCode, 422);
      assert.equal(
        parseHtml(unticked.body).querySelector('[data-testid="error-decline-confirm"]')?.textContent,
        'Vink het vakje aan om de afwijzing te bevestigen.',
      );
      assert.equal((await bookingRow(t.database.db, declined.booking.id)).status, 'requested');
      const decline = await adminPost(t, manager, `/admin/bookings/${declined.booking.id}/decline`, { confirm: 'yes' });
      assert.equal(decline.headers.location, `/admin/bookings/${declined.booking.id}?done=declined`);
      assert.equal((await bookingRow(t.database.db, declined.booking.id)).status, 'cancelled');
      assert.equal((await findSlot(t.database.db, slot.id))!.bookedPersons, held - 3);
      assert.deepEqual(
        (await mailsOf(t.database.db, declined.booking.id)).filter(([, to]) => to === 'd@example.nl'),
        [
          ['request_received', 'd@example.nl', {}],
          ['cancelled', 'd@example.nl', { by: 'staff', from: 'requested' }],
        ],
      );
      assert.deepEqual(await staffHistory(declined.booking.reference), ['booking.declined']);
      const after = parseHtml((await adminGet(t, manager, `/admin/bookings/${declined.booking.id}`)).body);
      assert.ok(after.querySelector('[data-testid="booking-history"]')!.textContent.includes('aanvraag afgewezen'));
    });

    test('an option past its deadline cannot be confirmed or extended by staff either', async () => {
      const start = t.clock.now();
      const { booking } = await book(t.database.db, t.clock, slot, { option: true, groupSize: 2, email: 'piet@example.nl' });
      try {
        t.clock.set(booking.optionExpiresAt!);
        // Two days on, the manager's session has ended: a member signs in anew (which moves the clock on a little).
        const late = await signInMember(t, 'manager', home.venue);
        for (const action of ['confirm', 'extend']) {
          const res = await adminPost(t, late, `/admin/bookings/${booking.id}/${action}`);
          assert.equal(res.statusCode, 409, action);
          assert.ok(parseHtml(res.body).querySelector('[data-testid="form-errors"]')?.textContent.includes('Deze optie is verlopen'));
        }
        assert.equal((await bookingRow(t.database.db, booking.id)).status, 'option');
      } finally {
        t.clock.set(start);
      }
    });
  });
}
