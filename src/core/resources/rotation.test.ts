import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { localToInstant } from '../shared/time.js';
import type { PartMove, ProgrammePart } from './programme.js';
import { roomInTurns } from './resource.js';
import { bookingParts, partUses, rotates, rotationProblem, subgroupSizes, subgroupsOf } from './rotation.js';

const at = (date: string, time: string) => localToInstant(date, time);
const utc = (iso: string) => new Date(iso);

/** A part `offset` minutes into the programme for `duration`, on one resource named after it; `size` set when it rotates. */
function part(id: string, position: number, offset: number, duration: number, size: number | null = 20): ProgrammePart {
  return {
    id,
    activityId: 'school-trip',
    position,
    title: { nl: id, en: id },
    offsetMinutes: offset,
    durationMinutes: duration,
    partActivityId: null,
    resources: [{ resourceId: `r-${id}`, name: id, bufferMinutes: 0 }],
    subgroupSize: size,
  };
}

/** A school trip: climbing, canoeing and archery of an hour each in turns, subgroups of 20, then lunch together. */
const schoolTrip = (): ProgrammePart[] => [
  part('climbing', 0, 0, 60),
  part('canoeing', 1, 60, 60),
  part('archery', 2, 120, 60),
  part('lunch', 3, 180, 45, null),
];

/** Each subgroup's size and parts as `id@HH:MM` on the Amsterdam wall clock of a summer day (UTC+2). */
function timeline(parts: readonly ProgrammePart[], startsAt: Date, persons: number): string[][] {
  const clock = (d: Date) => new Date(d.getTime() + 2 * 3_600_000).toISOString().slice(11, 16);
  return subgroupsOf(parts, startsAt, persons).map((s) => [String(s.persons), ...s.parts.map((p) => `${p.part.id}@${clock(p.startsAt)}`)]);
}

describe('subgroup rotation', () => {
  test('a group larger than the subgroup size splits into as few subgroups as fit, at most one per rotating part', () => {
    const parts = schoolTrip();
    assert.equal(rotates(parts), true);
    assert.deepEqual(subgroupSizes(parts, 60), [20, 20, 20]);
    assert.deepEqual(subgroupSizes(parts, 28), [14, 14]);
    assert.deepEqual(subgroupSizes(parts, 45), [15, 15, 15]);
    assert.deepEqual(subgroupSizes(parts, 41), [14, 14, 13]);
    // More than three subgroups of 20 would leave one without a part: three larger ones, the larger first.
    assert.deepEqual(subgroupSizes(parts, 61), [21, 20, 20]);
    assert.deepEqual(subgroupSizes(parts, 20), [20], 'a group within the subgroup size is not split');
    assert.deepEqual(subgroupSizes(parts, 7), [7]);
  });

  test('fewer than two rotating parts never split a group', () => {
    const one = [part('climbing', 0, 0, 60), part('canoeing', 1, 60, 60, null), part('lunch', 2, 120, 45, null)];
    assert.equal(rotates(one), false);
    assert.deepEqual(subgroupSizes(one, 60), [60]);
    assert.equal(subgroupsOf(one, at('2026-06-15', '09:00'), 60).length, 1);
    const none = schoolTrip().map((p) => ({ ...p, subgroupSize: null }));
    assert.equal(rotates(none), false);
    assert.deepEqual(subgroupSizes(none, 60), [60]);
  });

  test('turns are parts of one length that do not overlap', () => {
    assert.equal(rotationProblem(schoolTrip()), undefined);
    const parts = schoolTrip();
    assert.equal(rotationProblem(parts.map((p) => (p.id === 'archery' ? { ...p, durationMinutes: 45 } : p))), 'rotation_durations_differ');
    assert.equal(rotationProblem(parts.map((p) => (p.id === 'archery' ? { ...p, offsetMinutes: 90 } : p))), 'rotation_parts_overlap');
    assert.equal(rotationProblem(parts.map((p) => (p.id === 'archery' ? { ...p, offsetMinutes: 150 } : p))), undefined, 'a gap is fine');
    // Lunch is no turn: its length and time are its own.
    assert.equal(rotationProblem(parts.map((p) => (p.id === 'lunch' ? { ...p, offsetMinutes: 30 } : p))), undefined);
  });

  test('subgroup 0 follows the plan, each next one is a turn further on; lunch is at its own time for all', () => {
    const start = at('2026-06-15', '09:00');
    assert.deepEqual(timeline(schoolTrip(), start, 60), [
      ['20', 'climbing@09:00', 'canoeing@10:00', 'archery@11:00', 'lunch@12:00'],
      ['20', 'canoeing@09:00', 'archery@10:00', 'climbing@11:00', 'lunch@12:00'],
      ['20', 'archery@09:00', 'climbing@10:00', 'canoeing@11:00', 'lunch@12:00'],
    ]);
    // Two subgroups: the third turn's part is done by nobody then.
    assert.deepEqual(timeline(schoolTrip(), start, 28), [
      ['14', 'climbing@09:00', 'canoeing@10:00', 'archery@11:00', 'lunch@12:00'],
      ['14', 'canoeing@09:00', 'archery@10:00', 'climbing@11:00', 'lunch@12:00'],
    ]);
    assert.deepEqual(timeline(schoolTrip(), start, 20), [['20', 'climbing@09:00', 'canoeing@10:00', 'archery@11:00', 'lunch@12:00']]);
  });

  test('a part done together between the turns stays put; the turns are the rotating parts in time order', () => {
    // Positions out of time order, and lunch between the second and third turn.
    const parts = [part('archery', 0, 165, 60), part('lunch', 1, 120, 45, null), part('climbing', 2, 0, 60), part('canoeing', 3, 60, 60)];
    assert.deepEqual(timeline(parts, at('2026-06-15', '09:00'), 45), [
      ['15', 'climbing@09:00', 'canoeing@10:00', 'lunch@11:00', 'archery@11:45'],
      ['15', 'canoeing@09:00', 'archery@10:00', 'lunch@11:00', 'climbing@11:45'],
      ['15', 'archery@09:00', 'climbing@10:00', 'lunch@11:00', 'canoeing@11:45'],
    ]);
  });

  test('uses: lunch once with everyone, each rotating part once per subgroup with its persons, one subgroup at a time', () => {
    const start = at('2026-06-15', '09:00');
    const uses = partUses(schoolTrip(), start, 61);
    const lunch = uses.filter((u) => u.part.id === 'lunch');
    assert.deepEqual(
      lunch.map((u) => [u.startsAt, u.endsAt, u.persons]),
      [[at('2026-06-15', '12:00'), at('2026-06-15', '12:45'), 61]],
    );
    for (const id of ['climbing', 'canoeing', 'archery']) {
      const own = uses.filter((u) => u.part.id === id).sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
      assert.deepEqual(
        own.map((u) => u.startsAt),
        [at('2026-06-15', '09:00'), at('2026-06-15', '10:00'), at('2026-06-15', '11:00')],
        `${id} at every turn`,
      );
      assert.deepEqual(own.map((u) => u.persons).sort(), [20, 20, 21]);
      for (let i = 1; i < own.length; i++) assert.ok(own[i - 1]!.endsAt <= own[i]!.startsAt, `${id}: one subgroup at a time`);
    }
    assert.equal(uses.length, 3 * 3 + 1);
    assert.equal(
      uses.filter((u) => u.part.subgroupSize !== null).reduce((sum, u) => sum + u.persons, 0),
      3 * 61,
      'every person does every rotating part once',
    );
    // Not split: every part once, with the whole group, at its planned time.
    assert.deepEqual(
      partUses(schoolTrip(), start, 18).map((u) => [u.part.id, u.startsAt, u.persons]),
      [
        ['climbing', at('2026-06-15', '09:00'), 18],
        ['canoeing', at('2026-06-15', '10:00'), 18],
        ['archery', at('2026-06-15', '11:00'), 18],
        ['lunch', at('2026-06-15', '12:00'), 18],
      ],
    );
  });

  test('a part staff moved for one booking leaves the rotation: done together at its new time, on its new resources', () => {
    const moved: PartMove = {
      partId: 'archery',
      offsetMinutes: 240,
      resources: [{ resourceId: 'r-field', name: 'field', bufferMinutes: 10 }],
    };
    const parts = bookingParts(schoolTrip(), [moved]);
    const archery = parts.find((p) => p.id === 'archery')!;
    assert.deepEqual([archery.offsetMinutes, archery.subgroupSize, archery.resources], [240, null, moved.resources]);
    assert.deepEqual(parts[0], schoolTrip()[0], 'the parts not moved as planned');
    assert.deepEqual(subgroupSizes(parts, 60), [30, 30], 'two rotating parts left: two subgroups');
    const uses = partUses(parts, at('2026-06-15', '09:00'), 60);
    assert.deepEqual(
      uses.filter((u) => u.part.id === 'archery').map((u) => [u.startsAt, u.persons]),
      [[at('2026-06-15', '13:00'), 60]],
    );
    assert.deepEqual(
      uses.filter((u) => u.part.id === 'climbing').map((u) => [u.startsAt, u.persons]),
      [
        [at('2026-06-15', '09:00'), 30],
        [at('2026-06-15', '10:00'), 30],
      ],
    );
    // Two moved: one rotating part left, so no split at all.
    const two = bookingParts(schoolTrip(), [moved, { partId: 'canoeing', offsetMinutes: 300, resources: [] }]);
    assert.equal(rotates(two), false);
    assert.deepEqual(subgroupSizes(two, 60), [60]);
    assert.deepEqual(bookingParts(schoolTrip(), []), schoolTrip(), 'no moves: the plan');
  });

  test('room in turns: what a resource has left per turn admits that many per turn once it takes a whole subgroup', () => {
    const turns = { fromMinutes: 0, untilMinutes: 180, count: 3, subgroupSize: 20 };
    assert.equal(roomInTurns(20, turns), 60);
    assert.equal(roomInTurns(25, turns), 75);
    assert.equal(roomInTurns(19, turns), 19, 'less than a subgroup: one group that is not split');
    assert.equal(roomInTurns(0, turns), 0);
    // What is offered books: every group up to it splits into subgroups within `left`.
    for (const left of [5, 19, 20, 25, 30]) {
      for (let persons = 1; persons <= roomInTurns(left, turns); persons++) {
        const largest = subgroupSizes(schoolTrip(), persons)[0]!;
        assert.ok(largest <= left, `${persons} persons with ${left} left per turn: a subgroup of ${largest}`);
      }
    }
  });

  test('summer time ends during the turns (25-hour day): each turn stays 60 real minutes', () => {
    // Sunday 25 October 2026: 03:00 summer time is 02:00 winter time, so 02:00 comes twice.
    const start = at('2026-10-25', '01:00');
    assert.deepEqual(start, utc('2026-10-24T23:00:00Z'));
    const [first, second] = subgroupsOf(schoolTrip(), start, 40);
    const instants = (s: typeof first) => s!.parts.map((p) => [p.part.id, p.startsAt.toISOString(), p.endsAt.toISOString()]);
    assert.deepEqual(instants(first), [
      ['climbing', '2026-10-24T23:00:00.000Z', '2026-10-25T00:00:00.000Z'],
      ['canoeing', '2026-10-25T00:00:00.000Z', '2026-10-25T01:00:00.000Z'], // 02:00 summer time to 02:00 winter time
      ['archery', '2026-10-25T01:00:00.000Z', '2026-10-25T02:00:00.000Z'],
      ['lunch', '2026-10-25T02:00:00.000Z', '2026-10-25T02:45:00.000Z'],
    ]);
    assert.deepEqual(instants(second), [
      ['canoeing', '2026-10-24T23:00:00.000Z', '2026-10-25T00:00:00.000Z'],
      ['archery', '2026-10-25T00:00:00.000Z', '2026-10-25T01:00:00.000Z'],
      ['climbing', '2026-10-25T01:00:00.000Z', '2026-10-25T02:00:00.000Z'],
      ['lunch', '2026-10-25T02:00:00.000Z', '2026-10-25T02:45:00.000Z'],
    ]);
    // Lunch is at 03:00 winter time: three hours of wall clock plus the hour repeated.
    assert.deepEqual(at('2026-10-25', '03:00'), utc('2026-10-25T02:00:00Z'));
  });

  test('summer time starts during the turns (23-hour day): each turn stays 60 real minutes', () => {
    // Sunday 29 March 2026: 02:00 winter time is 03:00 summer time.
    const start = at('2026-03-29', '01:30');
    assert.deepEqual(start, utc('2026-03-29T00:30:00Z'));
    const uses = partUses(schoolTrip(), start, 60);
    const of = (id: string) => uses.filter((u) => u.part.id === id).map((u) => [u.startsAt.toISOString(), u.endsAt.toISOString()]);
    assert.deepEqual(of('canoeing'), [
      ['2026-03-29T01:30:00.000Z', '2026-03-29T02:30:00.000Z'], // subgroup 0: 03:30 to 04:30 summer time
      ['2026-03-29T00:30:00.000Z', '2026-03-29T01:30:00.000Z'], // subgroup 1: 01:30 winter time to 03:30 summer time
      ['2026-03-29T02:30:00.000Z', '2026-03-29T03:30:00.000Z'], // subgroup 2
    ]);
    assert.deepEqual(of('lunch'), [['2026-03-29T03:30:00.000Z', '2026-03-29T04:15:00.000Z']]);
    assert.deepEqual(at('2026-03-29', '05:30'), utc('2026-03-29T03:30:00Z'), 'lunch at 05:30 on the wall clock');
  });
});
