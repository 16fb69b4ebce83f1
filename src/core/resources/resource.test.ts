import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { localToInstant } from '../shared/time.js';
import { fitsAt, isOpen, peakUse, type Resource, type ResourceUse, roomAt, type SlotResource, useWindow } from './resource.js';

const at = (date: string, time: string) => localToInstant(date, time);
const minutes = (n: number) => n * 60_000;

function boat(overrides: Partial<Resource> = {}): Resource {
  return { id: 'r1', venueId: 'v1', name: 'Fluisterboot', kind: 'units', capacity: 1, hours: [], closures: [], ...overrides };
}

/** A booked slot's use of a resource: its time on `date` plus `buffer` minutes. */
function use(date: string, from: string, to: string, { persons = 10, groups = 1, buffer = 0 } = {}): ResourceUse {
  const window = useWindow(at(date, from), at(date, to), { bufferMinutes: buffer });
  return { slotId: `${from}-${to}`, startsAt: window.from, usedUntil: window.until, endsAt: window.heldUntil, persons, groups };
}

/** A slot's use of the resource from `from` to `to` with `buffer` minutes after, among the booked uses. */
function wants(resource: Resource, from: Date, to: Date, buffer: number, uses: ResourceUse[]): SlotResource {
  return { resource, ...useWindow(from, to, { bufferMinutes: buffer }), uses };
}

describe('resources', () => {
  test('the peak counts only uses that overlap at one moment; touching ends do not overlap', () => {
    const day = '2026-06-15';
    const uses = [
      use(day, '10:00', '11:00', { persons: 10 }),
      use(day, '11:00', '12:00', { persons: 15 }),
      use(day, '10:30', '11:30', { persons: 5 }),
    ];
    const persons = (u: ResourceUse) => u.persons;
    assert.equal(peakUse(uses, at(day, '09:00'), at(day, '13:00'), persons), 20);
    assert.equal(peakUse(uses, at(day, '10:00'), at(day, '10:30'), persons), 10);
    assert.equal(peakUse(uses, at(day, '11:30'), at(day, '12:00'), persons), 15);
    assert.equal(peakUse(uses, at(day, '12:00'), at(day, '13:00'), persons), 0);
  });

  test("a changeover buffer holds the resource after the slot: the next group fits at the buffer's end, not a minute before", () => {
    const day = '2026-06-15';
    const tour = use(day, '10:00', '11:00', { buffer: 15 });
    const charter = (start: string, end: string) => roomAt([wants(boat(), at(day, start), at(day, end), 30, [tour])]);
    assert.equal(charter('11:15', '12:00').unitFree, true);
    assert.equal(charter('11:14', '12:00').unitFree, false);
    // Its own buffer holds the boat too: a charter ending 09:45 with 30 minutes to sail back meets the tour at 10:00.
    assert.equal(charter('08:30', '09:45').unitFree, false);
    assert.equal(charter('08:30', '09:30').unitFree, true);
  });

  test('persons are shared: what is left is the capacity less the peak, the slowest resource decides', () => {
    const day = '2026-06-15';
    const restaurant = boat({ id: 'r2', kind: 'persons', capacity: 40 });
    const guide = boat({ id: 'r3', kind: 'persons', capacity: 25 });
    const lunch = [use(day, '12:00', '13:00', { persons: 28 })];
    const room = roomAt([
      wants(restaurant, at(day, '12:30'), at(day, '13:30'), 0, lunch),
      wants(guide, at(day, '12:30'), at(day, '13:30'), 0, [use(day, '12:00', '14:00', { persons: 20 })]),
    ]);
    assert.deepEqual(room, { open: true, persons: 5, unitFree: true });
    assert.equal(fitsAt(restaurant, [...lunch, use(day, '12:30', '13:30', { persons: 12 })], at(day, '12:30'), at(day, '13:30')), true);
    assert.equal(fitsAt(restaurant, [...lunch, use(day, '12:30', '13:30', { persons: 13 })], at(day, '12:30'), at(day, '13:30')), false);
  });

  test("a programme's part uses its resource only for the part's time within the slot", () => {
    const day = '2026-06-15';
    // A day out from 09:30 to 15:00; its canal tour is the part 210 minutes in, for 60 minutes, then 15 to moor.
    const tour = useWindow(at(day, '09:30'), at(day, '15:00'), { bufferMinutes: 15, part: { offsetMinutes: 210, durationMinutes: 60 } });
    assert.deepEqual(tour, { from: at(day, '13:00'), until: at(day, '14:00'), heldUntil: at(day, '14:15') });
    const morningCruise = use(day, '10:00', '11:00', { buffer: 15 });
    assert.equal(roomAt([{ resource: boat(), ...tour, uses: [morningCruise] }]).unitFree, true);
    const lateCruise = use(day, '14:00', '15:00');
    assert.equal(roomAt([{ resource: boat(), ...tour, uses: [lateCruise] }]).unitFree, false);
  });

  test('units: each group takes one; four lanes hold four groups at once', () => {
    const day = '2026-06-15';
    const lanes = boat({ capacity: 4 });
    const three = [use(day, '19:00', '20:00', { groups: 2 }), use(day, '19:30', '20:30', { groups: 1 })];
    assert.equal(roomAt([wants(lanes, at(day, '19:30'), at(day, '20:00'), 0, three)]).unitFree, true);
    const four = [...three, use(day, '19:45', '21:00')];
    assert.equal(roomAt([wants(lanes, at(day, '19:30'), at(day, '20:00'), 0, four)]).unitFree, false);
    assert.equal(fitsAt(lanes, four, at(day, '19:00'), at(day, '21:00')), true);
    assert.equal(fitsAt(lanes, [...four, use(day, '19:50', '20:10')], at(day, '19:00'), at(day, '21:00')), false);
  });

  test('opening hours: a slot must lie within its weekday; 24:00 closes at midnight; days without hours are closed', () => {
    // 15 June 2026 is a Monday, 20 June a Saturday.
    const room = boat({
      hours: [
        { weekday: 1, opens: '09:00', closes: '17:00' },
        { weekday: 6, opens: '18:00', closes: '24:00' },
      ],
    });
    assert.equal(isOpen(room, at('2026-06-15', '09:00'), at('2026-06-15', '17:00')), true);
    assert.equal(isOpen(room, at('2026-06-15', '08:59'), at('2026-06-15', '10:00')), false);
    assert.equal(isOpen(room, at('2026-06-15', '16:00'), at('2026-06-15', '17:01')), false);
    assert.equal(isOpen(room, at('2026-06-20', '22:00'), at('2026-06-21', '00:00')), true);
    assert.equal(isOpen(room, at('2026-06-16', '10:00'), at('2026-06-16', '11:00')), false);
    // Cleaning after closing time is the venue's own: the buffer may run past the hours.
    assert.equal(
      isOpen(room, at('2026-06-15', '16:00'), at('2026-06-15', '17:00'), new Date(at('2026-06-15', '17:00').getTime() + minutes(30))),
      true,
    );
  });

  test('opening hours follow the wall clock on the days summer time starts and ends', () => {
    // Sunday 29 March 2026: 02:00 becomes 03:00; Sunday 25 October 2026: 03:00 becomes 02:00.
    const room = boat({ hours: [{ weekday: 7, opens: '01:00', closes: '04:00' }] });
    const spring = at('2026-03-29', '01:00');
    assert.equal(at('2026-03-29', '04:00').getTime() - spring.getTime(), minutes(120));
    assert.equal(isOpen(room, spring, at('2026-03-29', '04:00')), true);
    assert.equal(isOpen(room, spring, new Date(spring.getTime() + minutes(181))), false);
    const autumn = at('2026-10-25', '01:00');
    assert.equal(at('2026-10-25', '04:00').getTime() - autumn.getTime(), minutes(240));
    assert.equal(isOpen(room, autumn, new Date(autumn.getTime() + minutes(240))), true);
    assert.equal(isOpen(room, autumn, new Date(autumn.getTime() + minutes(241))), false);
    // Hours that open in the skipped hour cannot be met that day.
    assert.equal(
      isOpen(boat({ hours: [{ weekday: 7, opens: '02:30', closes: '05:00' }] }), at('2026-03-29', '03:00'), at('2026-03-29', '04:00')),
      false,
    );
  });

  test('a closure makes the resource unavailable over it, its changeover included', () => {
    const day = '2026-06-15';
    const yard = boat({ closures: [{ id: 'c1', startsAt: at(day, '12:00'), endsAt: at(day, '15:00'), reason: 'Onderhoud' }] });
    const room = (from: string, to: string, buffer = 0) => roomAt([wants(yard, at(day, from), at(day, to), buffer, [])]).open;
    assert.equal(room('10:00', '12:00'), true);
    assert.equal(room('10:00', '11:45', 30), false);
    assert.equal(room('14:00', '16:00'), false);
    assert.equal(room('15:00', '16:00'), true);
  });
});
