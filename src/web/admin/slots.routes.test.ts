import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, type TestApp } from '../../../test/app.js';
import { testDialects } from '../../../test/databases.js';
import { book, makeActivity, makeSlot } from '../../../test/factories.js';
import { parseHtml } from '../../../test/html.js';
import { adminGet, adminPost, type Member, postForm, type SignedIn } from '../../../test/staff.js';
import { makeTwoVenues, signInMembers } from '../../../test/venues.js';
import { changeSlotCapacity } from '../../core/availability/slot-admin.service.js';
import type { Slot } from '../../core/availability/slot.js';
import type { Activity } from '../../core/catalog/activity.js';
import { DomainError } from '../../core/shared/errors.js';

for (const dialect of testDialects()) {
  describe(`the back office's slots and weekly schedules (${dialect.name})`, () => {
    let t: TestApp;
    let home: Activity;
    let away: Activity;
    let awaySlot: Slot;
    let manager: Member;
    let staff: SignedIn;
    let viewer: SignedIn;
    let otherManager: SignedIn;

    before(async () => {
      // 1 March 2026, 10:00 in Amsterdam: both DST changes of 2026 are still to come.
      t = await buildTestApp(dialect, '2026-03-01T09:00:00Z');
      ({ home, away } = await makeTwoVenues(t));
      awaySlot = await makeSlot(t.database.db, t.clock, away, { date: '2026-04-01', time: '10:00', capacity: 10 });
      ({ manager, staff, viewer, otherManager } = await signInMembers(t, { home, away }, ['manager', 'staff', 'viewer', 'otherManager']));
    });
    after(() => t.close());

    const db = () => t.database.db;
    /** Another activity of the home venue, so each test has its own slots. */
    const activityOfHome = () => makeActivity(db(), t.clock, { venueId: home.venue.id, durationMinutes: 60 });
    const slotsOf = (activityId: string) =>
      db().selectFrom('slots').selectAll().where('activity_id', '=', activityId).orderBy('starts_at').execute();
    const slotRow = (id: string) => db().selectFrom('slots').selectAll().where('id', '=', id).executeTakeFirst();
    const logEntriesOf = (action: string, target: string) =>
      db().selectFrom('activity_log').selectAll().where('action', '=', action).where('target', '=', target).execute();
    const text = (body: string, testid: string) => parseHtml(body).querySelector(`[data-testid="${testid}"]`)?.textContent ?? '';
    /** Posts a weekly schedule; the weekday checkboxes repeat one name, as a browser sends them. */
    const postSchedule = (who: SignedIn, activity: Activity, fields: Record<string, string>, weekdays: string[]) =>
      t.app.inject({
        method: 'POST',
        url: `/admin/activities/${activity.id}/schedules`,
        headers: {
          origin: 'http://bookings.test',
          'content-type': 'application/x-www-form-urlencoded',
          cookie: `__Host-groupz_session=${who.cookie}`,
        },
        payload: new URLSearchParams([['_csrf', who.csrf], ...weekdays.map((d) => ['weekdays', d]), ...Object.entries(fields)]).toString(),
      });
    const scheduleIdOf = async (activityId: string) =>
      (await db().selectFrom('slot_schedules').select('id').where('activity_id', '=', activityId).orderBy('created_at').execute()).map(
        (r) => r.id,
      );

    test('staff add a slot in Amsterdam time; the page lists it with booked and capacity', async () => {
      const response = await adminPost(t, staff, `/admin/activities/${home.id}/slots`, {
        date: '2026-03-29',
        time: '10:00',
        capacity: '20',
      });
      assert.equal(response.statusCode, 303);
      assert.equal(response.headers.location, `/admin/activities/${home.id}/slots?done=slot_created`);
      const [slot] = await slotsOf(home.id);
      assert.equal(slot?.starts_at, '2026-03-29T08:00:00.000Z', 'summer time: 10:00 is 08:00 UTC');
      assert.equal(slot?.ends_at, '2026-03-29T09:30:00.000Z');
      assert.deepEqual([slot?.capacity, slot?.exclusive, slot?.schedule_id], [20, 0, null]);
      const [entry] = await logEntriesOf('slot.created', slot!.id);
      assert.equal(entry?.venue_id, home.venue.id);

      const page = await adminGet(t, staff, `${response.headers.location}&from=2026-03-29&to=2026-03-29`);
      assert.equal(page.statusCode, 200);
      assert.equal(text(page.body, 'notice'), 'Het tijdslot is toegevoegd.');
      assert.equal(text(page.body, 'booked'), '0 van 20 personen');
    });

    test('a nonexistent DST time, a taken start and a past date are refused with 422, the input kept', async () => {
      const before = await slotsOf(home.id);
      const skipped = await adminPost(t, staff, `/admin/activities/${home.id}/slots`, {
        date: '2026-03-29',
        time: '02:30',
        capacity: '15',
        exclusive: '1',
      });
      assert.equal(skipped.statusCode, 422);
      const form = parseHtml(skipped.body).querySelector('[data-testid="new-slot"]')!;
      assert.match(text(skipped.body, 'error-slot-time'), /bestaat niet op deze dag/);
      assert.equal(form.querySelector('input[name="time"]')?.getAttribute('value'), '02:30');
      assert.equal(form.querySelector('input[name="capacity"]')?.getAttribute('value'), '15');
      assert.ok(form.querySelector('input[name="exclusive"]')?.hasAttribute('checked'));

      const taken = await adminPost(t, staff, `/admin/activities/${home.id}/slots`, { date: '2026-03-29', time: '10:00', capacity: '5' });
      assert.equal(taken.statusCode, 422);
      assert.match(text(taken.body, 'error-slot-time'), /al een tijdslot/);
      const past = await adminPost(t, staff, `/admin/activities/${home.id}/slots`, { date: '2026-02-01', time: '10:00', capacity: '5' });
      assert.equal(past.statusCode, 422);
      assert.match(text(past.body, 'error-slot-date'), /verleden/);
      const nonsense = await adminPost(t, staff, `/admin/activities/${home.id}/slots`, {
        date: '2026-02-30',
        time: '25:00',
        capacity: '0',
      });
      assert.equal(nonsense.statusCode, 422);
      assert.ok(
        text(nonsense.body, 'error-slot-date') && text(nonsense.body, 'error-slot-time') && text(nonsense.body, 'error-slot-capacity'),
      );
      // A past date and a bad capacity in one answer; the page opens at the summary (autofocus).
      const both = await adminPost(t, staff, `/admin/activities/${home.id}/slots`, { date: '2026-02-01', time: '10:00', capacity: '0' });
      assert.equal(both.statusCode, 422);
      assert.match(text(both.body, 'error-slot-date'), /verleden/);
      assert.ok(text(both.body, 'error-slot-capacity'));
      const summary = parseHtml(both.body).querySelector('[data-testid="new-slot"] [data-testid="form-errors"]');
      assert.ok(summary?.hasAttribute('autofocus'));
      assert.deepEqual(
        summary?.querySelectorAll('a').map((a) => a.getAttribute('href')),
        ['#slot-date', '#slot-capacity'],
      );
      assert.deepEqual(await slotsOf(home.id), before);
    });

    test('capacity never goes below the persons booked; a change above is saved and recorded', async () => {
      const activity = await activityOfHome();
      const slot = await makeSlot(db(), t.clock, activity, { date: '2026-04-10', capacity: 10 });
      await book(db(), t.clock, slot, { groupSize: 6 });
      const url = `/admin/activities/${activity.id}/slots/${slot.id}/capacity`;
      const refused = await adminPost(t, staff, url, { capacity: '5' });
      assert.equal(refused.statusCode, 409);
      assert.match(text(refused.body, 'refusal'), /de 6 personen die al geboekt/);
      assert.equal((await slotRow(slot.id))?.capacity, 10);
      // Posted from the list of that day: the row with the refused value is on the page that comes back.
      const invalid = await adminPost(t, staff, `${url}?from=2026-04-10&to=2026-04-10`, { capacity: 'twaalf' });
      assert.equal(invalid.statusCode, 422);
      assert.equal(parseHtml(invalid.body).querySelector(`#capacity-${slot.id}`)?.getAttribute('value'), 'twaalf');
      assert.equal(text(invalid.body, 'capacity-error'), 'Vul een heel getal in.');
      // Summed up above the field as on every form; the page opens at the summary (autofocus), in the row.
      const rowSummary = parseHtml(invalid.body).querySelector(`[data-testid="slot-${slot.id}"] [data-testid="form-errors"]`);
      assert.ok(rowSummary?.hasAttribute('autofocus'));
      assert.deepEqual(
        rowSummary?.querySelectorAll('a').map((a) => [a.getAttribute('href'), a.textContent]),
        [[`#capacity-${slot.id}`, 'Capaciteit (personen): Vul een heel getal in.']],
      );
      assert.equal(parseHtml(invalid.body).querySelectorAll('[autofocus]').length, 1);
      assert.equal((await slotRow(slot.id))?.capacity, 10);

      const saved = await adminPost(t, staff, `${url}?from=2026-04-01&to=2026-04-30`, { capacity: '6' });
      assert.equal(saved.statusCode, 303);
      assert.equal(saved.headers.location, `/admin/activities/${activity.id}/slots?done=capacity_changed&from=2026-04-01&to=2026-04-30`);
      assert.equal((await slotRow(slot.id))?.capacity, 6);
      const [entry] = await logEntriesOf('slot.capacity_changed', slot.id);
      assert.deepEqual([entry?.venue_id, JSON.parse(entry!.detail).from, JSON.parse(entry!.detail).to], [home.venue.id, 10, 6]);

      // Thousands in groups are read; the bound and the list write their numbers the language's way.
      const huge = await adminPost(t, staff, `${url}?from=2026-04-10&to=2026-04-10`, { capacity: '1.000.000' });
      assert.equal(huge.statusCode, 422);
      assert.equal(text(huge.body, 'capacity-error'), 'Hoogstens 10.000.');
      assert.equal((await adminPost(t, staff, url, { capacity: '1500' })).statusCode, 303);
      const list = await adminGet(t, staff, `/admin/activities/${activity.id}/slots?from=2026-04-10&to=2026-04-10`);
      assert.equal(text(list.body, 'booked'), '6 van 1.500 personen');
    });

    test('a capacity is read the way the page writes numbers: "10.000" in Dutch, "10,000" in English', async () => {
      const activity = await activityOfHome();
      const slot = await makeSlot(db(), t.clock, activity, { date: '2026-04-12', capacity: 10 });
      const url = `/admin/activities/${activity.id}/slots/${slot.id}/capacity`;
      const english = { ...staff, cookie: `${staff.cookie}; lang=en` };
      for (const [who, typed, refused, message] of [
        [staff, '10.000', '10,000', 'Een komma staat voor decimalen. Bedoelt u 10.000? Schrijf dan 10000 of 10.000.'],
        [english, '10,000', '10.000', 'A point marks decimals. Do you mean 10,000? Then write 10000 or 10,000.'],
      ] as const) {
        assert.equal((await adminPost(t, staff, url, { capacity: '10' })).statusCode, 303);
        assert.equal((await adminPost(t, who, url, { capacity: typed })).statusCode, 303, typed);
        assert.equal((await slotRow(slot.id))?.capacity, 10_000, typed);
        // Shown again the page's way, and sent back unchanged the same number.
        const listed = await adminGet(t, who, `/admin/activities/${activity.id}/slots?from=2026-04-12&to=2026-04-12`);
        assert.equal(parseHtml(listed.body).querySelector(`#capacity-${slot.id}`)?.getAttribute('value'), typed);
        assert.equal((await adminPost(t, who, url, { capacity: typed })).statusCode, 303, typed);
        assert.equal((await slotRow(slot.id))?.capacity, 10_000, typed);
        // The other language's single group could be 10 or 10000: refused, saying how to write it, the value kept.
        const ambiguous = await adminPost(t, who, `${url}?from=2026-04-12&to=2026-04-12`, { capacity: refused });
        assert.equal(ambiguous.statusCode, 422, refused);
        assert.equal(text(ambiguous.body, 'capacity-error'), message);
        assert.equal(parseHtml(ambiguous.body).querySelector(`#capacity-${slot.id}`)?.getAttribute('value'), refused);
        assert.equal((await slotRow(slot.id))?.capacity, 10_000);
      }
    });

    test('a capacity change racing with bookings never oversells the slot', async () => {
      const activity = await activityOfHome();
      const slot = await makeSlot(db(), t.clock, activity, { date: '2026-04-11', capacity: 40 });
      const bookings = Array.from({ length: 15 }, () => book(db(), t.clock, slot, { groupSize: 2 }));
      const change = changeSlotCapacity(db(), t.clock, manager.member, activity.id, slot.id, '12', 'nl');
      const results = await Promise.allSettled([...bookings, change]);
      for (const r of results) {
        if (r.status === 'rejected')
          assert.ok(r.reason instanceof DomainError && ['slot_full', 'capacity_below_booked'].includes(r.reason.code), String(r.reason));
      }
      const row = await slotRow(slot.id);
      const booked = await db().selectFrom('bookings').select('group_size').where('slot_id', '=', slot.id).execute();
      assert.equal(
        booked.reduce((sum, b) => sum + b.group_size, 0),
        row?.booked_persons,
      );
      assert.ok(row!.booked_persons <= row!.capacity, `${row?.booked_persons} booked, capacity ${row?.capacity}`);
      assert.ok([12, 40].includes(row!.capacity));
    });

    test('a slot without bookings is deleted; one with bookings is kept with a message', async () => {
      const activity = await activityOfHome();
      const free = await makeSlot(db(), t.clock, activity, { date: '2026-04-12' });
      const taken = await makeSlot(db(), t.clock, activity, { date: '2026-04-13' });
      await book(db(), t.clock, taken, { groupSize: 3 });
      const deleted = await adminPost(t, staff, `/admin/activities/${activity.id}/slots/${free.id}/delete`);
      assert.equal(deleted.statusCode, 303);
      assert.equal(await slotRow(free.id), undefined);
      assert.equal((await logEntriesOf('slot.deleted', free.id))[0]?.venue_id, home.venue.id);
      const refused = await adminPost(t, staff, `/admin/activities/${activity.id}/slots/${taken.id}/delete`);
      assert.equal(refused.statusCode, 409);
      assert.match(text(refused.body, 'refusal'), /heeft boekingen/);
      assert.ok(await slotRow(taken.id));
      assert.equal((await adminPost(t, staff, `/admin/activities/${activity.id}/slots/${free.id}/delete`)).statusCode, 404);
    });

    test('a weekly schedule across both DST changes gives the right UTC instants; the same schedule again is refused', async () => {
      const activity = await activityOfHome();
      const spring = { startTime: '10:00', capacity: '12', validFrom: '2026-03-22', validUntil: '2026-04-05', skipDates: '' };
      const first = await postSchedule(staff, activity, spring, ['7']);
      assert.equal(first.statusCode, 303);
      assert.equal(first.headers.location, `/admin/activities/${activity.id}/slots?done=schedule_created&created=3&existing=0&skipped=0`);
      const [scheduleId] = await scheduleIdOf(activity.id);
      const slots = await slotsOf(activity.id);
      assert.deepEqual(
        slots.map((s) => s.starts_at),
        ['2026-03-22T09:00:00.000Z', '2026-03-29T08:00:00.000Z', '2026-04-05T08:00:00.000Z'],
      );
      assert.ok(slots.every((s) => s.schedule_id === scheduleId && s.capacity === 12));
      const [entry] = await logEntriesOf('schedule.created', scheduleId!);
      assert.equal(entry?.venue_id, home.venue.id);
      assert.equal(JSON.parse(entry!.detail).slotsCreated, 3);

      // The same schedule again, or one sharing a weekday at that time in an overlapping period: refused, nothing saved.
      const again = await postSchedule(staff, activity, spring, ['7']);
      assert.equal(again.statusCode, 422);
      assert.match(text(again.body, 'error-schedule-startTime'), /^Deze activiteit heeft al een weekrooster op dit tijdstip/);
      const overlapping = await postSchedule(staff, activity, { ...spring, validFrom: '2026-04-01', validUntil: '2026-04-30' }, ['6', '7']);
      assert.equal(overlapping.statusCode, 422);
      assert.equal(
        parseHtml(overlapping.body).querySelector('[data-testid="new-schedule"] input[name="validUntil"]')?.getAttribute('value'),
        '2026-04-30',
        'the input is kept',
      );
      assert.deepEqual(await scheduleIdOf(activity.id), [scheduleId]);
      assert.equal((await slotsOf(activity.id)).length, 3, 'no second slot at the same start');
      // Another weekday, or the same day at another time, is another schedule; a start that already has a slot keeps it.
      await makeSlot(db(), t.clock, activity, { date: '2026-03-28', time: '10:00', capacity: 5 });
      const saturdays = await postSchedule(staff, activity, spring, ['6']);
      assert.equal(
        saturdays.headers.location,
        `/admin/activities/${activity.id}/slots?done=schedule_created&created=1&existing=1&skipped=0`,
      );
      const page = await adminGet(t, staff, String(saturdays.headers.location));
      assert.equal(text(page.body, 'notice'), 'Het weekrooster is opgeslagen: 1 tijdsloten aangemaakt, 1 bestonden al.');
      const later = await postSchedule(staff, activity, { ...spring, startTime: '14:00' }, ['7']);
      assert.equal(later.statusCode, 303);
      assert.equal((await scheduleIdOf(activity.id)).length, 3);

      const autumn = await postSchedule(staff, activity, { ...spring, validFrom: '2026-10-18', validUntil: '2026-11-01', skipDates: '' }, [
        '7',
      ]);
      assert.equal(autumn.statusCode, 303);
      const october = (await slotsOf(activity.id)).filter((s) => s.starts_at >= '2026-10').map((s) => s.starts_at);
      assert.deepEqual(october, ['2026-10-18T08:00:00.000Z', '2026-10-25T09:00:00.000Z', '2026-11-01T09:00:00.000Z']);
    });

    test('a start time the spring change skips is reported; skipped dates at creation give no slot', async () => {
      const activity = await activityOfHome();
      // Saturdays and Sundays at 02:30: 29 March has no 02:30, 4 April is skipped.
      const night = await postSchedule(
        staff,
        activity,
        { startTime: '02:30', capacity: '4', validFrom: '2026-03-28', validUntil: '2026-04-05', skipDates: '2026-04-04' },
        ['6', '7'],
      );
      assert.equal(night.statusCode, 303);
      assert.match(String(night.headers.location), /created=2&existing=0&skipped=1$/);
      assert.deepEqual(
        (await slotsOf(activity.id)).map((s) => s.starts_at),
        ['2026-03-28T01:30:00.000Z', '2026-04-05T00:30:00.000Z'],
      );
    });

    test('exceptions: a free slot of the date goes, a booked one stays and is said so; removing it brings the slot back', async () => {
      const activity = await activityOfHome();
      // Mondays, Wednesdays and Fridays in April 2026 at 14:00 (12:00 UTC).
      const created = await postSchedule(
        staff,
        activity,
        { startTime: '14:00', capacity: '10', validFrom: '2026-04-01', validUntil: '2026-04-30', skipDates: '' },
        ['1', '3', '5'],
      );
      assert.equal(created.statusCode, 303);
      const [scheduleId] = await scheduleIdOf(activity.id);
      const base = `/admin/activities/${activity.id}/schedules/${scheduleId}`;
      const slotOn = async (date: string) => (await slotsOf(activity.id)).find((s) => s.starts_at.startsWith(date));
      assert.equal((await slotsOf(activity.id)).length, 13);
      await book(db(), t.clock, (await slotOn('2026-04-08'))!, { groupSize: 2 });

      const free = await adminPost(t, staff, `${base}/exceptions`, { date: '2026-04-06' });
      assert.equal(free.headers.location, `/admin/activities/${activity.id}/slots?done=exception_removed_slot`);
      assert.equal(await slotOn('2026-04-06'), undefined);
      const kept = await adminPost(t, staff, `${base}/exceptions`, { date: '2026-04-08' });
      assert.equal(kept.headers.location, `/admin/activities/${activity.id}/slots?done=exception_kept_booked`);
      assert.ok(await slotOn('2026-04-08'));
      const page = await adminGet(t, staff, String(kept.headers.location));
      assert.match(text(page.body, 'notice'), /heeft boekingen en blijft daarom staan/);
      const listed = parseHtml(page.body).querySelectorAll(`[data-testid="schedule-${scheduleId}"] [data-testid="exceptions"] time`);
      assert.deepEqual(
        listed.map((e) => e.getAttribute('datetime')),
        ['2026-04-06', '2026-04-08'],
      );
      const exceptions = await db()
        .selectFrom('slot_schedule_exceptions')
        .select('date')
        .where('schedule_id', '=', scheduleId!)
        .orderBy('date')
        .execute();
      assert.deepEqual(
        exceptions.map((e) => e.date),
        ['2026-04-06', '2026-04-08'],
      );
      const recorded = await logEntriesOf('schedule.exception_added', scheduleId!);
      assert.deepEqual(recorded.map((e) => JSON.parse(e.detail).slot).sort(), ['kept_booked', 'removed']);

      const outside = await adminPost(t, staff, `${base}/exceptions`, { date: '2026-05-04' });
      assert.equal(outside.statusCode, 422);
      assert.match(text(outside.body, 'exception-error'), /buiten de periode/);

      const removed = await adminPost(t, staff, `${base}/exceptions/2026-04-06/delete`);
      assert.equal(removed.headers.location, `/admin/activities/${activity.id}/slots?done=exception_removed&created=1`);
      assert.equal((await slotOn('2026-04-06'))?.starts_at, '2026-04-06T12:00:00.000Z');
      assert.equal((await logEntriesOf('schedule.exception_removed', scheduleId!))[0]?.venue_id, home.venue.id);
      assert.equal((await adminPost(t, staff, `${base}/exceptions/2026-04-06/delete`)).statusCode, 404, 'no such exception any more');
    });

    test('deleting a schedule removes its future slots without bookings and keeps the booked ones', async () => {
      const activity = await activityOfHome();
      await postSchedule(
        staff,
        activity,
        { startTime: '09:00', capacity: '10', validFrom: '2026-05-01', validUntil: '2026-05-31', skipDates: '' },
        ['5'],
      );
      const [scheduleId] = await scheduleIdOf(activity.id);
      const slots = await slotsOf(activity.id);
      assert.equal(slots.length, 5);
      await book(db(), t.clock, slots[1]!, { groupSize: 4 });
      await adminPost(t, staff, `/admin/activities/${activity.id}/schedules/${scheduleId}/exceptions`, { date: '2026-05-22' });
      const deleted = await adminPost(t, staff, `/admin/activities/${activity.id}/schedules/${scheduleId}/delete`);
      assert.equal(deleted.headers.location, `/admin/activities/${activity.id}/slots?done=schedule_deleted&removed=3`);
      const left = await slotsOf(activity.id);
      assert.deepEqual(
        left.map((s) => [s.id, s.schedule_id]),
        [[slots[1]!.id, null]],
      );
      assert.equal(await db().selectFrom('slot_schedules').select('id').where('id', '=', scheduleId!).executeTakeFirst(), undefined);
      assert.equal(
        (await db().selectFrom('slot_schedule_exceptions').select('date').where('schedule_id', '=', scheduleId!).execute()).length,
        0,
      );
      const [entry] = await logEntriesOf('schedule.deleted', scheduleId!);
      assert.deepEqual([entry?.venue_id, JSON.parse(entry!.detail).slotsRemoved], [home.venue.id, 3]);
    });

    test('a refused schedule comes back with 422 and its input; a period over a year is refused', async () => {
      const activity = await activityOfHome();
      const none = await postSchedule(
        staff,
        activity,
        { startTime: '10:00', capacity: '8', validFrom: '2026-04-01', validUntil: '2026-04-30', skipDates: '' },
        [],
      );
      assert.equal(none.statusCode, 422);
      assert.equal(text(none.body, 'error-schedule-weekdays'), 'Kies minstens één dag van de week.');
      const long = await postSchedule(
        staff,
        activity,
        { startTime: '10:00', capacity: '8', validFrom: '2026-04-01', validUntil: '2027-04-01', skipDates: '2026-04-02 x' },
        ['2', '4'],
      );
      assert.equal(long.statusCode, 422);
      const form = parseHtml(long.body).querySelector('[data-testid="new-schedule"]')!;
      assert.ok(text(long.body, 'error-schedule-skipDates'));
      assert.deepEqual(
        form.querySelectorAll('input[name="weekdays"][checked]').map((i) => i.getAttribute('value')),
        ['2', '4'],
      );
      assert.equal(form.querySelector('input[name="validUntil"]')?.getAttribute('value'), '2027-04-01');
      assert.equal(form.querySelector('textarea[name="skipDates"]')?.textContent, '2026-04-02 x');
      const year = await postSchedule(
        staff,
        activity,
        { startTime: '10:00', capacity: '8', validFrom: '2026-04-01', validUntil: '2027-04-01', skipDates: '' },
        ['2'],
      );
      assert.equal(year.statusCode, 422);
      assert.match(text(year.body, 'error-schedule-validUntil'), /hoogstens één jaar/);
      // Every fault in one answer: no weekday, a bad capacity, a past start and a skipped date outside the period.
      const all = await postSchedule(
        staff,
        activity,
        { startTime: '10:00', capacity: 'x', validFrom: '2026-02-01', validUntil: '2026-04-30', skipDates: '2026-05-02' },
        [],
      );
      assert.equal(all.statusCode, 422);
      for (const field of ['weekdays', 'capacity', 'validFrom', 'skipDates']) assert.ok(text(all.body, `error-schedule-${field}`), field);
      assert.equal(await scheduleIdOf(activity.id).then((ids) => ids.length), 0);
      assert.equal((await slotsOf(activity.id)).length, 0);
    });

    test('the slots page lists the schedules; a viewer sees it without forms and cannot change anything', async () => {
      const activity = await activityOfHome();
      await postSchedule(
        staff,
        activity,
        { startTime: '11:00', capacity: '6', validFrom: '2026-04-01', validUntil: '2026-04-14', skipDates: '' },
        ['3'],
      );
      const [scheduleId] = await scheduleIdOf(activity.id);
      const [slot] = await slotsOf(activity.id);
      const page = await adminGet(t, viewer, `/admin/activities/${activity.id}/slots?from=2026-04-01&to=2026-04-30`);
      assert.equal(page.statusCode, 200);
      const root = parseHtml(page.body);
      assert.match(root.querySelector(`[data-testid="schedule-${scheduleId}"] h3`)?.textContent ?? '', /woensdag 11:00/);
      assert.equal(root.querySelectorAll('[data-testid="slots"] tbody tr').length, 2);
      assert.equal(root.querySelectorAll('form[method="post"][action^="/admin/activities"]').length, 0, 'no change forms for a viewer');

      const posts: [string, Record<string, string>][] = [
        [`/admin/activities/${activity.id}/slots`, { date: '2026-04-20', time: '10:00', capacity: '5' }],
        [`/admin/activities/${activity.id}/slots/${slot!.id}/capacity`, { capacity: '50' }],
        [`/admin/activities/${activity.id}/slots/${slot!.id}/delete`, {}],
        [
          `/admin/activities/${activity.id}/schedules`,
          { weekdays: '1', startTime: '10:00', capacity: '5', validFrom: '2026-04-01', validUntil: '2026-04-30' },
        ],
        [`/admin/activities/${activity.id}/schedules/${scheduleId}/exceptions`, { date: '2026-04-08' }],
        [`/admin/activities/${activity.id}/schedules/${scheduleId}/delete`, {}],
      ];
      const before = JSON.stringify([await slotsOf(activity.id), await scheduleIdOf(activity.id)]);
      for (const [url, fields] of posts) assert.equal((await adminPost(t, viewer, url, fields)).statusCode, 403, url);
      assert.equal(JSON.stringify([await slotsOf(activity.id), await scheduleIdOf(activity.id)]), before);
    });

    test("every slot and schedule route with another venue's ids is not found, and nothing changes", async () => {
      const activity = await activityOfHome();
      await postSchedule(
        staff,
        activity,
        { startTime: '15:00', capacity: '6', validFrom: '2026-04-01', validUntil: '2026-04-30', skipDates: '2026-04-15' },
        ['3'],
      );
      const [scheduleId] = await scheduleIdOf(activity.id);
      const [slot] = await slotsOf(activity.id);
      const state = async () =>
        JSON.stringify([
          await db().selectFrom('slots').selectAll().orderBy('id').execute(),
          await db().selectFrom('slot_schedules').selectAll().orderBy('id').execute(),
          await db().selectFrom('slot_schedule_exceptions').selectAll().orderBy('date').execute(),
        ]);
      const before = await state();
      const a = `/admin/activities/${activity.id}`;
      assert.equal((await adminGet(t, otherManager, `${a}/slots`)).statusCode, 404);
      const posts: [string, Record<string, string>][] = [
        [`${a}/slots`, { date: '2026-04-20', time: '10:00', capacity: '5' }],
        [`${a}/slots/${slot!.id}/capacity`, { capacity: '50' }],
        [`${a}/slots/${slot!.id}/delete`, {}],
        [`${a}/schedules`, { weekdays: '1', startTime: '10:00', capacity: '5', validFrom: '2026-04-01', validUntil: '2026-04-30' }],
        [`${a}/schedules/${scheduleId}/exceptions`, { date: '2026-04-08' }],
        [`${a}/schedules/${scheduleId}/exceptions/2026-04-15/delete`, {}],
        [`${a}/schedules/${scheduleId}/delete`, {}],
        // The other manager's own activity with this venue's slot or schedule: still not found.
        [`/admin/activities/${away.id}/slots/${slot!.id}/capacity`, { capacity: '50' }],
        [`/admin/activities/${away.id}/slots/${slot!.id}/delete`, {}],
        [`/admin/activities/${away.id}/schedules/${scheduleId}/exceptions`, { date: '2026-04-08' }],
        [`/admin/activities/${away.id}/schedules/${scheduleId}/exceptions/2026-04-15/delete`, {}],
        [`/admin/activities/${away.id}/schedules/${scheduleId}/delete`, {}],
      ];
      for (const [url, fields] of posts) assert.equal((await adminPost(t, otherManager, url, fields)).statusCode, 404, url);
      // And this venue's manager on the other venue's slot.
      assert.equal((await adminGet(t, manager, `/admin/activities/${away.id}/slots`)).statusCode, 404);
      assert.equal(
        (await adminPost(t, manager, `/admin/activities/${away.id}/slots/${awaySlot.id}/capacity`, { capacity: '1' })).statusCode,
        404,
      );
      assert.equal((await adminPost(t, manager, `/admin/activities/${activity.id}/slots/${awaySlot.id}/delete`)).statusCode, 404);
      assert.equal(await state(), before);
      assert.equal((await slotRow(awaySlot.id))?.capacity, 10);
    });

    test('a change without the form token changes nothing', async () => {
      const [slot] = await slotsOf(home.id);
      const response = await postForm(t, `/admin/activities/${home.id}/slots/${slot!.id}/capacity`, { capacity: '99' }, staff.cookie);
      assert.equal(response.statusCode, 403);
      assert.equal((await slotRow(slot!.id))?.capacity, 20);
    });
  });
}
