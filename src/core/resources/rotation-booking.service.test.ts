import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { TEST_ADMIN, TEST_ADMIN_ACTOR } from '../../../test/actors.js';
import { TestClock } from '../../../test/clock.js';
import { type TestDatabase, testDialects } from '../../../test/databases.js';
import { book, makeActivity, makeSlot } from '../../../test/factories.js';
import { addPart, shareResource } from '../../../test/resources.js';
import { findSlot } from '../availability/slot.repository.js';
import { listSlotOffers } from '../availability/slot.service.js';
import type { Slot } from '../availability/slot.js';
import { cancelByOrganiser, changeGroupSize } from '../booking-flows/booking-changes.service.js';
import { findBookingByLink } from '../booking-flows/booking.service.js';
import type { Activity } from '../catalog/activity.js';
import type { Db } from '../../db/schema.js';
import { removePart, savePartFromForm } from './programme-admin.service.js';
import { listProgrammeParts } from './programme.repository.js';
import { createResourceFromForm } from './resource-admin.service.js';
import type { ProgrammePart } from './programme.js';
import type { Resource } from './resource.js';
import { movePartFromForm } from '../booking-flows/part-move.service.js';
import { saveRotationFromForm } from './rotation-admin.service.js';
import { outcome, refusedWith } from '../../../test/outcomes.js';

const DAY = '2026-06-15'; // a Monday

for (const dialect of testDialects()) {
  describe(`booking a programme whose subgroups take turns, on ${dialect.name}`, () => {
    let database: TestDatabase;
    let db: Db;
    const clock = new TestClock();

    before(async () => {
      database = await dialect.create();
      db = database.db;
    });
    after(() => database.close());
    beforeEach(() => clock.set('2026-06-01T08:00:00Z'));

    /**
     * A school trip of three hours: climbing, canoeing and archery of an hour each, on a wall, canoes
     * and a range of 20 persons each; climbing on the wall is also a stand-alone activity. Groups of
     * up to 80, slots of 100 places: the resources decide.
     */
    async function schoolTrip() {
      const climbing = await makeActivity(db, clock, { durationMinutes: 60, title: { nl: 'Klimmen', en: 'Climbing' } });
      const venueId = climbing.venue.id;
      const wall = await shareResource(db, clock, [climbing], { kind: 'persons', capacity: 20, name: 'Klimwand' });
      const resource = async (name: string): Promise<Resource> => {
        const made = await createResourceFromForm(db, clock, TEST_ADMIN, { venueId, name, kind: 'persons', capacity: '20' }, 'nl');
        assert.ok(made.ok, JSON.stringify(made));
        return made.value;
      };
      const canoes = await resource('Kano’s');
      const range = await resource('Boogschietbaan');
      const programme = await makeActivity(db, clock, {
        venueId,
        durationMinutes: 180,
        maxGroupSize: 80,
        title: { nl: 'Schoolreis', en: 'School trip' },
      });
      const parts: ProgrammePart[] = [];
      for (const [i, [nl, en, on]] of (
        [
          ['Klimmen', 'Climbing', wall],
          ['Kanoën', 'Canoeing', canoes],
          ['Boogschieten', 'Archery', range],
        ] as const
      ).entries()) {
        parts.push(
          await addPart(db, clock, programme, {
            title: { nl, en },
            offset: 60 * i,
            duration: 60,
            uses: [{ resource: on, bufferMinutes: 0 }],
          }),
        );
      }
      const rotate = (subgroupSize: number | null) =>
        saveRotationFromForm(
          db,
          clock,
          TEST_ADMIN,
          programme.id,
          {
            subgroupSize: subgroupSize === null ? '' : String(subgroupSize),
            rotating: parts.map((part) => part.id),
          },
          'nl',
        );
      return { programme, climbing, parts, rotate };
    }

    const slotAt = (activity: Activity, time: string, date = DAY) => makeSlot(db, clock, activity, { date, time, capacity: 100 });

    /** What the slot offers a group of `groupSize` as the slots API and page show it: `refusal remaining`. */
    async function offerOf(activity: Activity, slot: Slot, groupSize: number, date = DAY): Promise<string> {
      const offer = (await listSlotOffers(db, clock, activity, { from: date, to: date, groupSize })).find((o) => o.slot.id === slot.id);
      assert.ok(offer, 'offered');
      return `${offer.refusal ?? 'bookable'} ${offer.remaining}`;
    }

    test('60 pupils in three subgroups of 20 fill three resources of 20 at every turn; cancelling frees them', async () => {
      const { programme, climbing, rotate } = await schoolTrip();
      const start = await slotAt(programme, '09:00');
      // Without rotation the group does each part at once: a resource of 20 takes no more.
      assert.equal(await offerOf(programme, start, 60), 'slot_full 20');
      await assert.rejects(book(db, clock, start, { groupSize: 60 }), refusedWith('slot_full'));
      assert.equal((await findSlot(db, start.id))?.bookedPersons, 0, 'the refused booking took no places');

      assert.equal(outcome(await rotate(20)), 'ok');
      assert.equal(await offerOf(programme, start, 60), 'bookable 60', '20 per turn at each of three parts');
      assert.equal(await offerOf(programme, start, 61), 'slot_full 60');
      const { booking, manageToken } = await book(db, clock, start, { groupSize: 60 });
      assert.equal(booking.status, 'confirmed');

      // Every resource is full at every turn: no second group, however small, and no climbing in between.
      assert.equal(await offerOf(programme, start, 20), 'slot_full 0');
      await assert.rejects(book(db, clock, start, { groupSize: 20 }), refusedWith('slot_full'));
      await assert.rejects(book(db, clock, start, { groupSize: 1 }), refusedWith('slot_full'));
      const turns = [await slotAt(climbing, '09:00'), await slotAt(climbing, '10:00'), await slotAt(climbing, '11:00')];
      const afterwards = await slotAt(climbing, '12:00');
      for (const slot of turns) {
        assert.equal(await offerOf(climbing, slot, 4), 'slot_full 0');
        await assert.rejects(book(db, clock, slot, { groupSize: 4 }), refusedWith('slot_full'));
      }
      assert.equal(await offerOf(climbing, afterwards, 20), 'bookable 20', 'the wall is free when the turns are over');

      await cancelByOrganiser(db, clock, (await findBookingByLink(db, 'manage', manageToken))!);
      assert.equal(await offerOf(climbing, turns[1]!, 20), 'bookable 20');
      assert.equal(await offerOf(programme, start, 60), 'bookable 60');
      await book(db, clock, turns[1]!, { groupSize: 20 });
      // Now the wall is taken in the second turn. A group of up to 40 climbs at 09:00 and (its second
      // subgroup) at 11:00 only, so the page offers it; a third subgroup would climb at 10:00.
      assert.equal(await offerOf(programme, start, 20), 'bookable 40');
      assert.equal(await offerOf(programme, start, 41), 'slot_full 40');
      await assert.rejects(book(db, clock, start, { groupSize: 41 }), refusedWith('slot_full'), 'its third subgroup would climb at 10:00');
      await book(db, clock, start, { groupSize: 40 });
      assert.equal(await offerOf(programme, start, 1), 'slot_full 0', 'every resource is full at the turns a subgroup of one would need');
    });

    test('a group within the subgroup size is not split: it takes each resource only at its own part’s time', async () => {
      const { programme, climbing, rotate } = await schoolTrip();
      assert.equal(outcome(await rotate(20)), 'ok');
      const start = await slotAt(programme, '09:00');
      await book(db, clock, start, { groupSize: 20 });
      const during = await slotAt(climbing, '09:00');
      const secondTurn = await slotAt(climbing, '10:00');
      assert.equal(await offerOf(climbing, during, 1), 'slot_full 0', 'the group climbs at 09:00');
      assert.equal(await offerOf(climbing, secondTurn, 20), 'bookable 20', 'and canoes at 10:00');
      await book(db, clock, secondTurn, { groupSize: 20 });
      await assert.rejects(book(db, clock, during, { groupSize: 1 }), refusedWith('slot_full'));
    });

    test('a group growing past the subgroup size splits, and its new turns are checked', async () => {
      const { programme, climbing, rotate } = await schoolTrip();
      assert.equal(outcome(await rotate(20)), 'ok');
      // Room at every turn: the second subgroup canoes at 09:00, shoots at 10:00, climbs at 11:00.
      const roomy = await slotAt(programme, '09:00');
      const grown = await book(db, clock, roomy, { groupSize: 20 });
      assert.deepEqual(await changeGroupSize(db, clock, grown.booking, 40), { changed: true, from: 20, to: 40, refundCents: 0 });
      assert.equal(await offerOf(climbing, await slotAt(climbing, '11:00'), 1), 'slot_full 0', 'the second subgroup climbs at 11:00');
      const sixty = await changeGroupSize(db, clock, (await findBookingByLink(db, 'manage', grown.manageToken))!, 60);
      assert.equal(sixty.changed, true);

      // Climbers take the wall at 11:00 after 20 pupils were booked (they climb at 09:00): growing to
      // 40 would send the second subgroup climbing at 11:00.
      const day = '2026-06-16';
      const tight = await slotAt(programme, '09:00', day);
      const group = await book(db, clock, tight, { groupSize: 20 });
      await book(db, clock, await slotAt(climbing, '11:00', day), { groupSize: 5 });
      await assert.rejects(changeGroupSize(db, clock, group.booking, 40), refusedWith('slot_full'));
      assert.equal((await findSlot(db, tight.id))?.bookedPersons, 20, 'the refused change took no places');
      assert.equal((await findBookingByLink(db, 'manage', group.manageToken))?.groupSize, 20);
      // 15 more fit in the second turn's wall, so 35 in two subgroups of 18 and 17 would not: the check says.
      await assert.rejects(changeGroupSize(db, clock, group.booking, 35), refusedWith('slot_full'));
      assert.equal((await changeGroupSize(db, clock, group.booking, 30)).changed, true, 'subgroups of 15 fit beside the 5 climbers');
    });

    test('a rotation that would over-fill a resource for a booked group is refused; switching it off is not', async () => {
      const { programme, climbing, parts, rotate } = await schoolTrip();
      // 20 pupils climb at 09:00 as one group; 20 climbers have the wall at 11:00.
      await book(db, clock, await slotAt(programme, '09:00'), { groupSize: 20 });
      await book(db, clock, await slotAt(climbing, '11:00'), { groupSize: 20 });
      // Subgroups of 10: the second would climb at 11:00 too.
      const refused = await rotate(10);
      assert.equal(outcome(refused), 'rotating:resource_conflict');
      assert.deepEqual(!refused.ok && refused.errors[0]!.params, { n: 2 });
      const rotating = await db.selectFrom('programme_parts').select('rotates').where('activity_id', '=', programme.id).execute();
      assert.deepEqual(
        rotating.map((row) => row.rotates),
        [0, 0, 0],
        'rolled back',
      );
      assert.equal(outcome(await rotate(20)), 'ok', 'subgroups of 20 leave a group of 20 whole');
      // A part taken in turns keeps the others' length and stays clear of them.
      const archery = parts[2]!;
      const change = (offset: number, duration: number) =>
        savePartFromForm(
          db,
          clock,
          TEST_ADMIN,
          programme.id,
          archery.id,
          {
            titleNl: archery.title.nl,
            titleEn: archery.title.en,
            offset: String(offset),
            duration: String(duration),
            partActivityId: '',
            resources: archery.resources.map((r) => r.resourceId),
            buffers: {},
          },
          'nl',
        );
      assert.equal(outcome(await change(120, 45)), 'duration:rotation_durations_differ');
      assert.equal(outcome(await change(90, 60)), 'offset:rotation_parts_overlap');
      assert.equal(outcome(await change(120, 60)), 'ok');
      assert.equal(outcome(await rotate(null)), 'ok');
      const logged = await db
        .selectFrom('activity_log')
        .select('detail')
        .where('target', '=', programme.slug)
        .where('action', '=', 'activity.updated')
        .execute();
      assert.equal(logged.filter((entry) => String(entry.detail).includes('"changed":"rotation"')).length, 2);
    });

    test('what changes the turns of other parts is checked: removing a rotating part, moving one out of the turns, a smaller group', async () => {
      const { programme, parts, rotate } = await schoolTrip();
      assert.equal(outcome(await rotate(20)), 'ok');
      // 40 pupils in two subgroups of 20: climbing and canoeing at 09:00, canoeing and archery at 10:00, archery and climbing at 11:00.
      const { booking } = await book(db, clock, await slotAt(programme, '09:00'), { groupSize: 40 });
      // Without archery, two turns for 40 pupils: still two subgroups of 20. Without two parts, one group of 40 on the wall of 20.
      assert.equal(outcome(await removePart(db, clock, TEST_ADMIN, programme.id, parts[2]!.id)), 'ok');
      const hall = await createResourceFromForm(
        db,
        clock,
        TEST_ADMIN,
        {
          venueId: programme.venue.id,
          name: 'Hal',
          kind: 'persons',
          capacity: '100',
        },
        'nl',
      );
      assert.ok(hall.ok);
      const climbingOut = await movePartFromForm(
        db,
        clock,
        TEST_ADMIN_ACTOR,
        booking.id,
        parts[0]!.id,
        {
          start: '14:00',
          resources: [hall.value.id],
          buffers: {},
        },
        'nl',
      );
      // Out of the turns the whole group climbs in the hall, which holds it; but canoeing is left alone, for 40 canoeists at 10:00.
      assert.equal(outcome(climbingOut), 'resources:resource_conflict');
      assert.equal(outcome(await removePart(db, clock, TEST_ADMIN, programme.id, parts[0]!.id)), 'rotating:resource_conflict');
      assert.equal((await listProgrammeParts(db, [programme.id])).get(programme.id)!.length, 2, 'the part is kept');
    });
  });
}
