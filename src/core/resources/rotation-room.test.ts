import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { localToInstant } from '../shared/time.js';
import type { ProgrammePart } from './programme.js';
import {
  fitsAt,
  type Resource,
  type ResourceKind,
  type ResourceUse,
  roomAt,
  type SlotResource,
  type Turns,
  useWindow,
} from './resource.js';
import { resourceTimes } from './rotation.js';

const START = localToInstant('2026-06-15', '09:00');
const HOUR = 3_600_000;

/** A rotating part `offset` minutes in, an hour long, on `resourceId` with `buffer` minutes of changeover. */
function part(position: number, offset: number, resourceId: string, buffer = 0): ProgrammePart {
  return {
    id: `p${position}`,
    activityId: 'trip',
    position,
    title: { nl: `p${position}`, en: `p${position}` },
    offsetMinutes: offset,
    durationMinutes: 60,
    partActivityId: null,
    resources: [{ resourceId, name: resourceId, bufferMinutes: buffer }],
    subgroupSize: 20,
  };
}

function resource(id: string, kind: ResourceKind, capacity: number): Resource {
  return { id, venueId: 'v', name: id, kind, capacity, hours: [], closures: [] };
}

/** Another slot's use of the resource from `from` to `to` hours after the programme's start. */
function booked(from: number, to: number, persons: number): ResourceUse {
  const startsAt = new Date(START.getTime() + from * HOUR);
  const endsAt = new Date(START.getTime() + to * HOUR);
  return { slotId: `other-${from}-${to}`, startsAt, usedUntil: endsAt, endsAt, persons, groups: 1 };
}

/** Other slots' uses, by resource id. */
type Booked = Record<string, ResourceUse[]>;

/** The resources the programme's slot uses, as slotResourcesOf reads them, with the uses booked around. */
function slotResources(parts: readonly ProgrammePart[], resources: readonly Resource[], uses: Booked): SlotResource[] {
  const turns: Turns = { startsMinutes: parts.map((p) => p.offsetMinutes).sort((a, b) => a - b), durationMinutes: 60, subgroupSize: 20 };
  const endsAt = new Date(START.getTime() + 4 * HOUR);
  return parts.flatMap((p) =>
    p.resources.map(({ resourceId, bufferMinutes }) => ({
      resource: resources.find((r) => r.id === resourceId)!,
      ...useWindow(START, endsAt, { bufferMinutes, part: { offsetMinutes: p.offsetMinutes, durationMinutes: 60, turns } }),
      uses: uses[resourceId] ?? [],
    })),
  );
}

/** Whether a group of `persons` fits beside `uses`, by the rule a booking is checked with: each subgroup's own times. */
function fitsByBooking(parts: readonly ProgrammePart[], resources: readonly Resource[], uses: Booked, persons: number) {
  const times = resourceTimes(parts, [], START, persons);
  return resources.every((r) => {
    const own = times
      .filter((t) => t.resourceId === r.id)
      .map((t) => ({ slotId: 'new', startsAt: t.startsAt, usedUntil: t.endsAt, endsAt: t.heldUntil, persons: t.persons, groups: 1 }));
    return own.every((use) => fitsAt(r, [...(uses[r.id] ?? []), ...own], use.startsAt, use.endsAt));
  });
}

/** The largest group whose every smaller group fits, by trying each size in turn. */
function roomByBooking(parts: readonly ProgrammePart[], resources: readonly Resource[], uses: Booked): number {
  let persons = 0;
  while (persons < 1000 && fitsByBooking(parts, resources, uses, persons + 1)) persons++;
  return persons;
}

/** A small deterministic generator, so that a failure can be run again. */
function random(seed: number) {
  return (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % n;
  };
}

describe('room at a rotating programme', () => {
  test('a resource full at a turn the group need not use leaves room: a class of 40 climbs at 09:00 and 11:00', () => {
    const wall = resource('wall', 'persons', 40);
    const parts = [part(0, 0, 'wall'), part(1, 60, 'workshop'), part(2, 120, 'boat')];
    const resources = [wall, resource('workshop', 'persons', 40), resource('boat', 'persons', 40)];
    // A climbing hour holds the whole wall at the second turn.
    const uses = { wall: [booked(1, 2, 40)] };
    const room = roomAt(slotResources(parts, resources, uses));
    assert.deepEqual(room, { open: true, persons: 40, unitFree: true }, 'two subgroups of 20: the wall at the first and third turns');
    assert.equal(fitsByBooking(parts, resources, uses, 40), true);
    assert.equal(fitsByBooking(parts, resources, uses, 41), false, 'a third subgroup would climb at 10:00');
  });

  test('the room is what the booking rule admits, for any uses, shared resources, units and buffers (400 cases)', () => {
    const next = random(42);
    for (let run = 0; run < 400; run++) {
      const kind: ResourceKind = next(3) === 0 ? 'units' : 'persons';
      const capacity = kind === 'units' ? 1 + next(3) : 10 + next(40);
      const shared = resource('shared', kind, capacity);
      const other = resource('other', 'persons', 10 + next(60));
      // Three or four turns an hour apart (a gap after the second sometimes); one or two parts on the shared resource.
      const gap = next(2) * 30;
      const offsets = [0, 60, 120 + gap, 180 + gap].slice(0, 3 + next(2));
      const onShared = new Set([next(offsets.length), next(offsets.length)]);
      const buffer = next(3) === 0 ? 15 : 0;
      const parts = offsets.map((offset, i) => part(i, offset, onShared.has(i) ? 'shared' : 'other', buffer));
      const around = (max: number, units: boolean) =>
        Array.from({ length: next(4) }, () => {
          const from = next(5);
          return booked(from, from + 1, units ? 1 : 1 + next(max));
        });
      const uses = { shared: around(capacity, kind === 'units'), other: around(other.capacity, false) };
      const resources = [shared, other];
      const expected = roomByBooking(parts, resources, uses);
      const room = roomAt(slotResources(parts, resources, uses));
      const offered = room.unitFree ? (room.persons ?? 1000) : 0;
      const what = JSON.stringify({ run, kind, capacity, offsets, onShared: [...onShared], buffer, uses });
      assert.equal(Math.min(offered, 1000), expected, what);
    }
  });
});
