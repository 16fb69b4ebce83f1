import type { Db, Tx } from '../../db/schema.js';
import type { NumberWriting } from '../catalog/admin-fields.js';
import type { NewActivityEntry } from '../activity-log/activity-log.js';
import type { Slot } from '../availability/slot.js';
import { findSlotWithActivity } from '../availability/slot.repository.js';
import type { BookingDetails } from '../bookings/booking.js';
import type { BookingRow } from '../bookings/booking.repository.js';
import { findBookingRow } from '../bookings/booking-lifecycle.repository.js';
import { enqueueBookingMail } from '../bookings/mail-snapshot.js';
import { deletePartMove, listPartMoves, savePartMove } from '../resources/part-move.repository.js';
import { type PartMoveForm, parsePartMove } from '../resources/part-move.js';
import { type PartMove, type ProgrammePart, partTimes } from '../resources/programme.js';
import { listProgrammeParts, programmeResourceIds } from '../resources/programme.repository.js';
import type { Resource } from '../resources/resource.js';
import { changeUnderResources } from '../resources/resource-change.service.js';
import { listVenueResources } from '../resources/resource.repository.js';
import { bookingParts, subgroupSizes } from '../resources/rotation.js';
import { type BookingStatus, HOLDS_PLACES } from '../shared/booking-status.js';
import type { Clock } from '../shared/clock.js';
import { DomainError } from '../shared/errors.js';
import type { FormResult } from '../shared/field-errors.js';
import { newId } from '../shared/ids.js';
import { venueScopeOf } from '../shared/venue-scope.js';
import { findOrRefuse, type StaffActor } from './booking-admin.service.js';

/** One part of a booked programme as the booking has it. */
export interface BookedPart {
  /** The part at its time and on its resources for this booking: moved, or as planned. */
  part: ProgrammePart;
  moved: boolean;
  startsAt: Date;
  endsAt: Date;
  /** Whether the group's subgroups take turns at it: each at its own turn (the first at the time shown). */
  inTurns: boolean;
}

/** A booking's programme in the back office: its parts in time order, the venue's resources, whether staff may move them. */
export interface BookingProgramme {
  parts: BookedPart[];
  resources: Resource[];
  movable: boolean;
}

/** Whether a booking's parts may move: it holds its places and its slot has not started. */
function isMovable(status: BookingStatus, slot: Slot, clock: Clock): boolean {
  return HOLDS_PLACES[status] && slot.startsAt > clock.now();
}

/** The programme of a booking (read in the member's scope) as it has it; undefined for an activity without parts. */
export async function readBookingProgramme(db: Db, clock: Clock, booking: BookingDetails): Promise<BookingProgramme | undefined> {
  const planned = (await listProgrammeParts(db, [booking.activity.id])).get(booking.activity.id) ?? [];
  if (planned.length === 0) return undefined;
  const moves = (await listPartMoves(db, [booking.id])).get(booking.id) ?? [];
  const parts = bookingParts(planned, moves);
  const splits = subgroupSizes(parts, booking.groupSize).length > 1;
  return {
    parts: partTimes(parts, booking.slot.startsAt).map(({ part, startsAt, endsAt }) => ({
      part,
      moved: moves.some((move) => move.partId === part.id),
      startsAt,
      endsAt,
      inTurns: splits && part.subgroupSize !== null,
    })),
    resources: await listVenueResources(db, [booking.activity.venue.id], clock.now()),
    movable: isMovable(booking.status, booking.slot, clock),
  };
}

/** A booking of the member's venues whose part staff change, that part as planned, and whether the booking has it moved. */
interface MoveTarget {
  row: BookingRow;
  slot: Slot;
  planned: ProgrammePart;
  moved: boolean;
}

async function moveTargetOf(db: Db, clock: Clock, actor: StaffActor, bookingId: string, partId: string): Promise<MoveTarget> {
  const row = await findOrRefuse(db, venueScopeOf(actor.member), bookingId);
  const found = await findSlotWithActivity(db, row.slot_id);
  if (!found) throw new DomainError('not_found');
  const planned = (await listProgrammeParts(db, [found.activity.id])).get(found.activity.id)?.find((part) => part.id === partId);
  if (!planned) throw new DomainError('not_found');
  if (!isMovable(row.status as BookingStatus, found.slot, clock)) throw new DomainError('booking_not_active');
  const moves = (await listPartMoves(db, [row.id])).get(row.id) ?? [];
  return { row, slot: found.slot, planned, moved: moves.some((move) => move.partId === partId) };
}

/**
 * Writes a change of one booking's part under the locks of its slot (its status and size stay as
 * read: a cancellation waits, or came first and is refused here as `booking_not_active`) and of
 * every resource the programme's bookings may hold (a part leaving the turns changes the others'); refused with `resource_conflict` or
 * `resource_closed_conflict` at `resources` when a booked time would lose its room (this booking's
 * at its new time, or another's). The organiser gets the booking's "changed" mail.
 */
async function changePart(
  db: Db,
  clock: Clock,
  { row, slot }: MoveTarget,
  resourceIds: readonly string[],
  write: (trx: Tx) => Promise<void>,
  entry: NewActivityEntry,
): Promise<FormResult<void>> {
  return changeUnderResources(
    db,
    clock,
    { resourceIds: [...new Set(resourceIds)], slotIds: [slot.id] },
    'resources',
    async (trx) => {
      const now = await findBookingRow(trx, row.id);
      if (!now || !HOLDS_PLACES[now.status as BookingStatus]) throw new DomainError('booking_not_active');
      await write(trx);
      await enqueueBookingMail(trx, clock, {
        kind: 'changed',
        bookingId: row.id,
        recipient: now.organiser_email,
        language: now.language === 'en' ? 'en' : 'nl',
        dedupeKey: `changed:${row.id}:${newId()}`,
      });
    },
    entry,
  );
}

/** The booking history's entry of a part moved (or put back): which part, its new start, its resources. */
function partEntry(actor: StaffActor, target: MoveTarget, action: string, part: ProgrammePart): NewActivityEntry {
  const startsAt = new Date(target.slot.startsAt.getTime() + part.offsetMinutes * 60_000);
  return {
    actor: actor.member,
    venueId: target.row.venue_id,
    action,
    target: target.row.reference,
    detail: {
      part: part.title.en,
      starts_at: startsAt.toISOString(),
      resources: part.resources.map((r) => r.name).join(', '),
    },
    client: actor.client,
  };
}

/**
 * Moves one part of a booked programme, for that booking only, to another time on the slot's day
 * and onto other resources of the venue (see parsePartMove; every refused field at once). The
 * whole group then does the part together, out of any rotation. Only for a booking holding its
 * places whose slot has not started (`booking_not_active`); another venue's booking, part or
 * resource is not_found. Numbers are read as written in `lang`, the page's language.
 */
export async function movePartFromForm(
  db: Db,
  clock: Clock,
  actor: StaffActor,
  bookingId: string,
  partId: string,
  form: PartMoveForm,
  lang: NumberWriting,
): Promise<FormResult<PartMove>> {
  const target = await moveTargetOf(db, clock, actor, bookingId, partId);
  const resources = await listVenueResources(db, [target.row.venue_id], clock.now());
  const parsed = parsePartMove(form, partId, target.slot.startsAt, resources, lang);
  if (!parsed.ok) return parsed;
  const move = parsed.value;
  // The whole group does a moved part together: a resource that can never hold it says so, not "booked times".
  const persons = target.row.group_size;
  const tooSmall = resources.filter(
    (r) => r.kind === 'persons' && r.capacity < persons && move.resources.some((u) => u.resourceId === r.id),
  );
  if (tooSmall.length > 0) {
    const capacity = Math.min(...tooSmall.map((r) => r.capacity));
    return { ok: false, errors: [{ field: 'resources', code: 'group_exceeds_resource', params: { n: persons, capacity } }] };
  }
  // Out of the rotation, the part leaves the others fewer turns: every resource of the programme is checked.
  const touched = [...move.resources.map((r) => r.resourceId), ...(await programmeResourceIds(db, target.planned.activityId))];
  const entry = partEntry(actor, target, 'booking.part_moved', { ...target.planned, ...move });
  const at = clock.now().toISOString();
  const result = await changePart(db, clock, target, touched, (trx) => savePartMove(trx, target.row.id, move, at), entry);
  return result.ok ? { ok: true, value: move } : result;
}

/**
 * Puts a booking's moved part back as the programme plans it: checked like a move, as its planned
 * time may have been taken meanwhile. False when the part was not moved.
 */
export async function resetPartMove(
  db: Db,
  clock: Clock,
  actor: StaffActor,
  bookingId: string,
  partId: string,
): Promise<FormResult<boolean>> {
  const target = await moveTargetOf(db, clock, actor, bookingId, partId);
  if (!target.moved) return { ok: true, value: false };
  const touched = await programmeResourceIds(db, target.planned.activityId);
  const entry = partEntry(actor, target, 'booking.part_move_undone', target.planned);
  const result = await changePart(db, clock, target, touched, (trx) => deletePartMove(trx, target.row.id, partId), entry);
  return result.ok ? { ok: true, value: true } : result;
}
