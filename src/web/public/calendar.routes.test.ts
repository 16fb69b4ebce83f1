import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import ICAL from 'ical.js';
import { buildTestApp, type TestApp } from '../../../test/app.js';
import { testDialects } from '../../../test/databases.js';
import { book, makeActivity, makeSlot } from '../../../test/factories.js';
import type { Slot } from '../../core/availability/slot.js';
import { issueLink } from '../../core/bookings/booking-links.js';
import { recordBookingEvent } from '../../core/bookings/booking-history.js';
import { type CreatedBooking } from '../../core/booking-flows/booking.service.js';

function parseEvent(body: string) {
  const vevent = new ICAL.Component(ICAL.parse(body)).getFirstSubcomponent('vevent')!;
  return { vevent, event: new ICAL.Event(vevent) };
}

for (const dialect of testDialects()) {
  describe(`the booking's calendar file (${dialect.name})`, () => {
    let t: TestApp;
    let slot: Slot;
    let created: CreatedBooking;
    const url = (token: string) => `/b/${token}/calendar.ics`;

    before(async () => {
      t = await buildTestApp(dialect, '2026-06-01T08:00:00Z');
      const activity = await makeActivity(t.database.db, t.clock);
      // The night summer time ends: 01:30 CEST to 02:00 CET.
      slot = await makeSlot(t.database.db, t.clock, activity, { date: '2026-10-25', time: '01:30' });
      created = await book(t.database.db, t.clock, slot, { language: 'en' }, t.linkKey);
    });
    after(() => t.close());

    test('the manage link gives the visit as an .ics download, never cached', async () => {
      const res = await t.app.inject({ url: url(created.manageToken) });
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers['content-type'], 'text/calendar; charset=utf-8');
      assert.equal(res.headers['content-disposition'], `attachment; filename="${created.booking.reference}.ics"`);
      assert.equal(res.headers['cache-control'], 'no-store');
      assert.equal(res.headers['set-cookie'], undefined);
      const { vevent, event } = parseEvent(res.body);
      assert.equal(event.uid, `${created.booking.id}@bookings.test`);
      assert.equal(event.summary, 'Test activity');
      assert.equal(vevent.getFirstProperty('dtstart')?.getParameter('tzid'), 'Europe/Amsterdam');
      assert.equal(event.startDate.toJSDate().toISOString(), slot.startsAt.toISOString());
      assert.equal(event.endDate.toJSDate().toISOString(), slot.endsAt.toISOString());
      assert.ok(!res.body.includes(created.manageToken), 'the private link stays out of the calendar');
      assert.equal(vevent.getFirstPropertyValue('dtstamp')?.toString(), '2026-06-01T08:00:00Z');
      assert.equal(event.sequence, 0);
    });

    test('each change in the booking history raises the sequence, so calendars take the newer copy', async () => {
      await t.database.db.transaction().execute((trx) =>
        recordBookingEvent(trx, t.clock, {
          by: 'organiser',
          venueId: created.booking.activity.venue.id,
          reference: created.booking.reference,
          action: 'booking.group_size_changed',
        }),
      );
      const res = await t.app.inject({ url: url(created.manageToken) });
      assert.equal(parseEvent(res.body).event.sequence, 1);
    });

    test('a wrong, malformed or re-issued token gets the plain 404, without a cookie', async () => {
      const wrong = `${created.manageToken.slice(0, -2)}${created.manageToken.endsWith('AA') ? 'BB' : 'AA'}`;
      const unknown = await t.app.inject({ url: '/nowhere' });
      const { db } = t.database;
      const version = 1;
      const reissued = issueLink(t.linkKey, 'manage', created.booking.id, version);
      await db
        .updateTable('bookings')
        .set({ manage_link_version: version, manage_token_hash: reissued.hash })
        .where('id', '=', created.booking.id)
        .execute();
      for (const token of [wrong, 'not a token', '%27%20or%201%3D1--', 'x'.repeat(90), created.manageToken]) {
        const res = await t.app.inject({ url: url(token) });
        assert.equal(res.statusCode, 404, token);
        assert.equal(res.headers['content-type'], unknown.headers['content-type']);
        assert.equal(res.headers['set-cookie'], undefined);
        assert.ok(!res.body.includes(created.booking.reference));
        assert.ok(!res.body.includes('BEGIN:VCALENDAR'));
      }
      const fresh = await t.app.inject({ url: url(reissued.token) });
      assert.equal(fresh.statusCode, 200, 'the new link works');
      assert.equal(parseEvent(fresh.body).event.uid.startsWith(created.booking.id), true, 'the same booking');
    });
  });
}
