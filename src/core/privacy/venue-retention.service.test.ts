import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { TEST_ADMIN, venueMember } from '../../../test/actors.js';
import { TestClock } from '../../../test/clock.js';
import { type TestDatabase, testDialects } from '../../../test/databases.js';
import { book, makeActivity, makeSlot } from '../../../test/factories.js';
import { outcome, refusedWith } from '../../../test/outcomes.js';
import type { Activity } from '../catalog/activity.js';
import { DEFAULT_RETENTION, type RetentionLimits } from './retention.js';
import { applyRetention } from './retention.service.js';
import {
  readVenueRetention,
  type RetentionMember,
  saveVenueRetention,
  type VenueRetentionForm,
  venueRetentionFormOf,
} from './venue-retention.service.js';

const LIMITS: RetentionLimits = { participantsDays: 30, organiserMonths: 24, cancelledDays: 14, mailDays: 30, activityLogMonths: 12 };
const EMPTY: VenueRetentionForm = { participantsDays: '', organiserMonths: '', cancelledDays: '' };

for (const dialect of testDialects()) {
  describe(`a venue's retention periods on ${dialect.name}`, () => {
    let database: TestDatabase;
    let clock: TestClock;
    let home: Activity;
    let away: Activity;
    let manager: RetentionMember;
    let viewer: RetentionMember;
    let staff: RetentionMember;
    let otherManager: RetentionMember;
    let admin: RetentionMember;
    beforeEach(async () => {
      database = await dialect.create();
      clock = new TestClock('2026-06-01T08:00:00Z');
      home = await makeActivity(database.db, clock);
      away = await makeActivity(database.db, clock);
      manager = venueMember('manager', home.venue.id);
      viewer = venueMember('viewer', home.venue.id);
      staff = venueMember('staff', home.venue.id);
      otherManager = { id: 'manager-2', email: 'manager@away.test', role: 'manager', venueId: away.venue.id };
      admin = TEST_ADMIN;
    });
    afterEach(() => database.close());

    const entries = () =>
      database.db.selectFrom('activity_log').selectAll().where('action', '=', 'venue.retention_changed').orderBy('at').execute();
    const stored = (venueId: string) =>
      database.db.selectFrom('venue_retention').selectAll().where('venue_id', '=', venueId).executeTakeFirst();

    test("a venue without a choice: the platform's periods apply, the form is empty, no runs yet", async () => {
      const view = await readVenueRetention(database.db, LIMITS, viewer, home.venue.id);
      assert.deepEqual(venueRetentionFormOf(view.choice, 'nl'), EMPTY);
      assert.deepEqual(view.choice, { participantsDays: null, organiserMonths: null, cancelledDays: null });
      assert.deepEqual(view.effective, { participantsDays: 30, organiserMonths: 24, cancelledDays: 14 });
      assert.deepEqual(view.limits, LIMITS);
      assert.equal(view.runs, null, "the runs' counts are the whole platform's: not for a venue's staff");
      assert.deepEqual((await readVenueRetention(database.db, LIMITS, admin, home.venue.id)).runs, []);
      assert.equal(view.venue.id, home.venue.id);
    });

    test('saved with an activity log entry naming each changed period and its value; the same again writes nothing', async () => {
      clock.set('2026-06-02T10:00:00Z');
      const result = await saveVenueRetention(
        database.db,
        clock,
        LIMITS,
        manager,
        home.venue.id,
        {
          participantsDays: ' 7 ',
          organiserMonths: '',
          cancelledDays: '14',
        },
        'nl',
      );
      assert.ok(result.ok, JSON.stringify(result));
      assert.deepEqual(result.value.effective, { participantsDays: 7, organiserMonths: 24, cancelledDays: 14 });
      assert.deepEqual(venueRetentionFormOf(result.value.choice, 'nl'), {
        participantsDays: '7',
        organiserMonths: '',
        cancelledDays: '14',
      });
      const row = await stored(home.venue.id);
      assert.deepEqual(
        { p: row?.participants_days, o: row?.organiser_months, c: row?.cancelled_days },
        { p: 7, o: null, c: 14 },
        'the limit itself is allowed',
      );
      assert.equal(await stored(away.venue.id), undefined, 'the other venue is untouched');
      const [entry, ...more] = await entries();
      assert.equal(more.length, 0);
      assert.equal(entry?.venue_id, home.venue.id);
      assert.equal(entry?.actor_email, 'manager@venue.test');
      assert.equal(entry?.target, home.venue.slug);
      assert.equal(entry?.at, '2026-06-02T10:00:00.000Z');
      assert.deepEqual(JSON.parse(String(entry?.detail)), {
        changed: 'participantsDays,cancelledDays',
        participantsDays: 7,
        cancelledDays: 14,
      });

      assert.ok(
        (
          await saveVenueRetention(
            database.db,
            clock,
            LIMITS,
            manager,
            home.venue.id,
            {
              ...EMPTY,
              participantsDays: '007',
              cancelledDays: '14',
            },
            'nl',
          )
        ).ok,
      );
      assert.equal((await entries()).length, 1, 'an unchanged choice logs nothing');
      assert.deepEqual(venueRetentionFormOf((await readVenueRetention(database.db, LIMITS, viewer, home.venue.id)).choice, 'nl'), {
        participantsDays: '7',
        organiserMonths: '',
        cancelledDays: '14',
      });
    });

    test("cleared back to the platform's default: stored as none, logged with null", async () => {
      assert.ok(
        (await saveVenueRetention(database.db, clock, LIMITS, manager, home.venue.id, { ...EMPTY, organiserMonths: '6' }, 'nl')).ok,
      );
      clock.advance(60_000);
      const cleared = await saveVenueRetention(database.db, clock, LIMITS, manager, home.venue.id, EMPTY, 'nl');
      assert.ok(cleared.ok);
      assert.deepEqual(cleared.value.effective, { participantsDays: 30, organiserMonths: 24, cancelledDays: 14 });
      assert.equal((await stored(home.venue.id))?.organiser_months, null);
      const last = (await entries()).at(-1);
      assert.deepEqual(JSON.parse(String(last?.detail)), { changed: 'organiserMonths', organiserMonths: null });
      assert.deepEqual(venueRetentionFormOf((await readVenueRetention(database.db, LIMITS, manager, home.venue.id)).choice, 'nl'), EMPTY);
    });

    test('refused: longer than the platform allows (naming its limit), 0 or below, and what is no whole number; nothing saved or logged', async () => {
      const save = (form: Partial<VenueRetentionForm>) =>
        saveVenueRetention(database.db, clock, LIMITS, manager, home.venue.id, { ...EMPTY, ...form }, 'nl');
      const above = await save({ participantsDays: '31', organiserMonths: '25', cancelledDays: '99999999999999999999' });
      assert.deepEqual(above, {
        ok: false,
        errors: [
          { field: 'participantsDays', code: 'above_platform_limit', params: { max: 30 } },
          { field: 'organiserMonths', code: 'above_platform_limit', params: { max: 24 } },
          { field: 'cancelledDays', code: 'above_platform_limit', params: { max: 14 } },
        ],
      });
      assert.equal(
        outcome(await save({ participantsDays: '0', organiserMonths: '00' })),
        'participantsDays:too_small,organiserMonths:too_small',
      );
      assert.equal(
        outcome(await save({ participantsDays: 'abc', organiserMonths: '1.5', cancelledDays: '-3' })),
        'participantsDays:not_a_number,organiserMonths:not_a_number,cancelledDays:too_small',
      );
      assert.equal(
        outcome(await save({ participantsDays: '1e1', organiserMonths: '٣', cancelledDays: '0x5' })),
        'participantsDays:not_a_number,organiserMonths:not_a_number,cancelledDays:not_a_number',
      );
      // One good field next to a bad one saves nothing either.
      assert.equal(outcome(await save({ participantsDays: '5', cancelledDays: '15' })), 'cancelledDays:above_platform_limit');
      assert.equal(await stored(home.venue.id), undefined);
      assert.deepEqual(await entries(), []);
      // The limit follows the platform's setting.
      assert.ok(
        (
          await saveVenueRetention(
            database.db,
            clock,
            { ...LIMITS, cancelledDays: 60 },
            manager,
            home.venue.id,
            {
              ...EMPTY,
              cancelledDays: '45',
            },
            'nl',
          )
        ).ok,
      );
    });

    test("another venue's staff find nothing; the venue's staff and viewers read but may not change; an admin changes any venue", async () => {
      await assert.rejects(readVenueRetention(database.db, LIMITS, otherManager, home.venue.id), refusedWith('not_found'));
      await assert.rejects(
        saveVenueRetention(database.db, clock, LIMITS, otherManager, home.venue.id, { ...EMPTY, participantsDays: '3' }, 'nl'),
        refusedWith('not_found'),
      );
      await assert.rejects(
        saveVenueRetention(database.db, clock, LIMITS, manager, 'no-such-venue', { ...EMPTY, participantsDays: '3' }, 'nl'),
        refusedWith('not_found'),
      );
      for (const member of [viewer, staff]) {
        assert.deepEqual(venueRetentionFormOf((await readVenueRetention(database.db, LIMITS, member, home.venue.id)).choice, 'nl'), EMPTY);
        await assert.rejects(
          saveVenueRetention(database.db, clock, LIMITS, member, home.venue.id, { ...EMPTY, participantsDays: '3' }, 'nl'),
          refusedWith('not_allowed'),
        );
      }
      assert.equal(await stored(home.venue.id), undefined);
      assert.deepEqual(await entries(), []);

      assert.ok((await saveVenueRetention(database.db, clock, LIMITS, admin, away.venue.id, { ...EMPTY, participantsDays: '3' }, 'nl')).ok);
      assert.equal((await stored(away.venue.id))?.participants_days, 3);
      assert.equal((await entries())[0]?.venue_id, away.venue.id);
    });

    test("a shorter choice makes the retention job anonymise that venue's booking before the other venue's", async () => {
      const homeSlot = await makeSlot(database.db, clock, home, { date: '2026-06-15', time: '10:00' });
      const awaySlot = await makeSlot(database.db, clock, away, { date: '2026-06-15', time: '10:00' });
      const { booking: homeBooking } = await book(database.db, clock, homeSlot, { email: 'home@example.nl' });
      const { booking: awayBooking } = await book(database.db, clock, awaySlot, { email: 'away@example.nl' });
      assert.ok(
        (await saveVenueRetention(database.db, clock, DEFAULT_RETENTION, manager, home.venue.id, { ...EMPTY, organiserMonths: '1' }, 'nl'))
          .ok,
      );
      const bookingRow = (id: string) =>
        database.db.selectFrom('bookings').select(['organiser_email', 'anonymised_at']).where('id', '=', id).executeTakeFirstOrThrow();

      // A day after the visit: nothing is due yet at either venue.
      clock.set('2026-06-16T12:00:00Z');
      assert.equal((await applyRetention(database.db, clock, { limits: DEFAULT_RETENTION })).organisers, 0);
      assert.equal((await bookingRow(homeBooking.id)).organiser_email, 'home@example.nl');

      // A month and a day after the visit: the home venue's month is over, the platform's 24 months are not.
      clock.set('2026-07-16T12:00:00Z');
      const counts = await applyRetention(database.db, clock, { limits: DEFAULT_RETENTION });
      assert.equal(counts.organisers, 1);
      assert.deepEqual(await bookingRow(homeBooking.id), { organiser_email: '', anonymised_at: '2026-07-16T12:00:00.000Z' });
      assert.deepEqual(await bookingRow(awayBooking.id), { organiser_email: 'away@example.nl', anonymised_at: null });

      // Both runs are listed to an admin, newest first, counts only.
      const runs = (await readVenueRetention(database.db, DEFAULT_RETENTION, admin, home.venue.id)).runs;
      assert.deepEqual(
        runs?.map((run) => [run.startedAt.toISOString(), run.counts.organisers]),
        [
          ['2026-07-16T12:00:00.000Z', 1],
          ['2026-06-16T12:00:00.000Z', 0],
        ],
      );
    });
  });
}
