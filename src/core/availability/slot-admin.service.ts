import { z } from 'zod';
import type { Db } from '../../db/schema.js';
import { recordActivity } from '../activity-log/activity-log.service.js';
import { activityFor } from '../catalog/activity-admin.service.js';
import type { Activity } from '../catalog/activity.js';
import { localDate, type NumberWriting, wallClockTime, wholeNumber } from '../catalog/admin-fields.js';
import type { Clock } from '../shared/clock.js';
import { DomainError } from '../shared/errors.js';
import { type FormResult, fieldErrorsOf, inFieldOrder, parseEachField, refused } from '../shared/field-errors.js';
import { newId } from '../shared/ids.js';
import { localToInstant } from '../shared/time.js';
import type { StaffMember } from '../staff/staff.js';
import {
  type AdminSlot,
  deleteSlotIfUnbooked,
  findAdminSlot,
  insertSlotsUnlessTaken,
  listAdminSlots,
  setCapacityNotBelowBooked,
} from './slot-admin.repository.js';
import { MAX_GROUP_SIZE } from '../shared/group-size.js';

/** A single slot as typed: Amsterdam date and time, capacity, one group only. */
export interface SlotForm {
  date: string;
  time: string;
  capacity: string;
  exclusive: boolean;
}

/** A slot's capacity, read as written in `lang`, the page's language (see readWholeNumber). */
const capacityOf = (lang: NumberWriting) => wholeNumber(1, MAX_GROUP_SIZE, lang);
const slotFields = (lang: NumberWriting) => z.object({ date: localDate(), time: wallClockTime(), capacity: capacityOf(lang) });

/** When a slot of this activity starting then ends. */
export function endOf(activity: Activity, startsAt: Date): Date {
  return new Date(startsAt.getTime() + activity.durationMinutes * 60_000);
}

/** The Amsterdam wall-clock time as an instant, or the field error that says why it cannot be one. */
function instantOrError(date: string, time: string): FormResult<Date> {
  try {
    return { ok: true, value: localToInstant(date, time) };
  } catch (error) {
    if (error instanceof DomainError && error.code === 'time_nonexistent') return refused('time', 'time_nonexistent');
    throw error;
  }
}

/** The slots of an activity (already found in the member's scope) starting in [from, to). */
export async function listSlotsOf(db: Db, activity: Activity, from: Date, to: Date): Promise<AdminSlot[]> {
  return listAdminSlots(db, activity.id, from, to);
}

/** A slot of an activity of the member's venues, or not_found. */
async function slotFor(db: Db, member: StaffMember, activityId: string, slotId: string): Promise<{ activity: Activity; slot: AdminSlot }> {
  const activity = await activityFor(db, member, activityId);
  const slot = await findAdminSlot(db, activity.id, slotId);
  if (!slot) throw new DomainError('not_found');
  return { activity, slot };
}

/**
 * Adds one slot; refused in the past, at a time that does not exist, or where the activity already
 * has one. The capacity is read as written in `lang`, the page's language.
 */
export async function addSlotFromForm(
  db: Db,
  clock: Clock,
  member: StaffMember,
  activityId: string,
  form: SlotForm,
  lang: NumberWriting,
): Promise<FormResult<string>> {
  const activity = await activityFor(db, member, activityId);
  // Every fault at once: a date in the past is named even while the capacity is refused.
  const { values, errors } = parseEachField(slotFields(lang).shape, { ...form });
  const { date, time, capacity } = values;
  const startsAt: FormResult<Date> | undefined = date !== undefined && time !== undefined ? instantOrError(date, time) : undefined;
  if (startsAt && !startsAt.ok) errors.push(...startsAt.errors);
  if (startsAt?.ok && startsAt.value <= clock.now()) errors.push({ field: 'date', code: 'in_past' });
  if (errors.length > 0 || !startsAt?.ok || capacity === undefined) return { ok: false, errors: inFieldOrder(errors, Object.keys(form)) };
  const slot = {
    id: newId(),
    activityId: activity.id,
    startsAt: startsAt.value,
    endsAt: endOf(activity, startsAt.value),
    capacity,
    exclusive: form.exclusive,
    scheduleId: null,
  };
  return db.transaction().execute(async (trx): Promise<FormResult<string>> => {
    if ((await insertSlotsUnlessTaken(trx, [slot], clock.now().toISOString())) === 0) return refused('time', 'slot_exists');
    await recordActivity(trx, clock, {
      actor: member,
      venueId: activity.venue.id,
      action: 'slot.created',
      target: slot.id,
      detail: { activity: activity.slug, startsAt: slot.startsAt.toISOString(), capacity, exclusive: form.exclusive },
    });
    return { ok: true, value: slot.id };
  });
}

/**
 * Changes a slot's capacity, never below the persons booked: the check is part of the UPDATE, so a
 * booking made at the same moment is counted. Refused with capacity_below_booked otherwise. The
 * capacity is read as written in `lang`, the page's language.
 */
export async function changeSlotCapacity(
  db: Db,
  clock: Clock,
  member: StaffMember,
  activityId: string,
  slotId: string,
  capacityText: string,
  lang: NumberWriting,
): Promise<FormResult<number>> {
  const { activity, slot } = await slotFor(db, member, activityId, slotId);
  const parsed = z.object({ capacity: capacityOf(lang) }).safeParse({ capacity: capacityText });
  if (!parsed.success) return { ok: false, errors: fieldErrorsOf(parsed.error) };
  const { capacity } = parsed.data;
  return db.transaction().execute(async (trx) => {
    if (!(await setCapacityNotBelowBooked(trx, activity.id, slot.id, capacity))) {
      const now = await findAdminSlot(trx, activity.id, slot.id);
      if (!now) throw new DomainError('not_found');
      throw new DomainError('capacity_below_booked', { booked: now.bookedPersons });
    }
    await recordActivity(trx, clock, {
      actor: member,
      venueId: activity.venue.id,
      action: 'slot.capacity_changed',
      target: slot.id,
      detail: { activity: activity.slug, startsAt: slot.startsAt.toISOString(), from: slot.capacity, to: capacity },
    });
    return { ok: true, value: capacity };
  });
}

/** Deletes a slot nobody booked; refused with slot_has_bookings otherwise. */
export async function deleteSlot(db: Db, clock: Clock, member: StaffMember, activityId: string, slotId: string): Promise<void> {
  const { activity, slot } = await slotFor(db, member, activityId, slotId);
  await db.transaction().execute(async (trx) => {
    if (!(await deleteSlotIfUnbooked(trx, activity.id, slot.id))) {
      if (!(await findAdminSlot(trx, activity.id, slot.id))) throw new DomainError('not_found');
      throw new DomainError('slot_has_bookings');
    }
    await recordActivity(trx, clock, {
      actor: member,
      venueId: activity.venue.id,
      action: 'slot.deleted',
      target: slot.id,
      detail: { activity: activity.slug, startsAt: slot.startsAt.toISOString(), capacity: slot.capacity },
    });
  });
}
