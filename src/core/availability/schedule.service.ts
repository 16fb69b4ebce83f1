import { z } from 'zod';
import type { Db, Tx } from '../../db/schema.js';
import { recordActivity } from '../activity-log/activity-log.service.js';
import { activityFor } from '../catalog/activity-admin.service.js';
import type { Activity } from '../catalog/activity.js';
import { localDate, type NumberWriting, wallClockTime, wholeNumber } from '../catalog/admin-fields.js';
import type { Clock } from '../shared/clock.js';
import { DomainError } from '../shared/errors.js';
import { type FieldError, type FormResult, fieldErrorsOf, inFieldOrder, parseEachField, refused } from '../shared/field-errors.js';
import { newId } from '../shared/ids.js';
import { addLocalDays, isLocalDate, localDateOf, startOfLocalDay } from '../shared/time.js';
import type { StaffMember } from '../staff/staff.js';
import { expandPattern, formatWeekdays, latestUntil, type SlotSchedule, type Weekday, type WeeklyPattern } from './schedule.js';
import {
  deleteException,
  deleteScheduleRow,
  findScheduleOfActivity,
  insertException,
  insertSchedule,
  listSchedulesOfActivity,
  lockSchedulesAt,
} from './schedule.repository.js';
import { endOf } from './slot-admin.service.js';
import {
  deleteSlotIfUnbooked,
  deleteUnbookedSlotsOfSchedule,
  detachSlotsOfSchedule,
  findScheduleSlotBetween,
  insertSlotsUnlessTaken,
} from './slot-admin.repository.js';
import { MAX_GROUP_SIZE } from '../shared/group-size.js';

/** A weekly schedule as typed: the checked weekdays ("1" Monday .. "7" Sunday) and the dates to skip as text. */
export interface ScheduleForm {
  weekdays: string[];
  startTime: string;
  capacity: string;
  exclusive: boolean;
  validFrom: string;
  validUntil: string;
  /** Dates to skip (YYYY-MM-DD), separated by spaces, commas or line breaks. */
  skipDates: string;
}

/** A weekly schedule's fields, its capacity read as written in `lang` (see readWholeNumber). */
const scheduleFields = (lang: NumberWriting) =>
  z.object({
    weekdays: z
      .array(z.enum(['1', '2', '3', '4', '5', '6', '7'], { error: 'invalid_value' }))
      .min(1, 'weekday_required')
      .transform((days) => days.map((d) => Number(d) as Weekday)),
    startTime: wallClockTime(),
    capacity: wholeNumber(1, MAX_GROUP_SIZE, lang),
    validFrom: localDate(),
    validUntil: localDate(),
    skipDates: z
      .string()
      .transform((s) => s.split(/[\s,;]+/).filter(Boolean))
      .pipe(z.array(z.string().refine(isLocalDate, 'invalid_date')).max(366, 'too_long')),
  });

type ParsedSchedule = z.output<ReturnType<typeof scheduleFields>>;

/**
 * The form's rules beyond single fields, for the fields that passed: a period of at most a year,
 * not begun before today, skipped dates inside it. One error per field, all fields at once.
 */
function periodErrors(input: Partial<ParsedSchedule>, today: string): FieldError[] {
  const { validFrom: from, validUntil: until, skipDates } = input;
  const errors: FieldError[] = [];
  if (from !== undefined && from < today) errors.push({ field: 'validFrom', code: 'in_past' });
  if (from === undefined || until === undefined) return errors;
  if (until < from) errors.push({ field: 'validUntil', code: 'until_before_from' });
  else if (until > latestUntil(from)) errors.push({ field: 'validUntil', code: 'period_too_long' });
  if (skipDates?.some((d) => d < from || d > until)) errors.push({ field: 'skipDates', code: 'outside_period' });
  return errors;
}

/** What saving a schedule did. */
export interface ScheduleOutcome {
  schedule: SlotSchedule;
  /** Slots added now. */
  created: number;
  /** Starts that already had a slot of the activity, left as they were. */
  existing: number;
  /** Dates on which the start time does not exist (summer time begins): no slot. */
  nonexistent: string[];
}

/**
 * Adds the pattern's future starts as slots of the schedule, skipping starts the activity already
 * has a slot at: running it again for the same dates adds nothing.
 */
async function generateSlots(trx: Tx, clock: Clock, activity: Activity, schedule: SlotSchedule, pattern: WeeklyPattern) {
  const now = clock.now();
  const expansion = expandPattern(pattern, new Set(schedule.exceptions));
  const future = expansion.occurrences.filter((o) => o.startsAt > now);
  const slots = future.map((o) => ({
    id: newId(),
    activityId: activity.id,
    startsAt: o.startsAt,
    endsAt: endOf(activity, o.startsAt),
    capacity: schedule.capacity,
    exclusive: schedule.exclusive,
    scheduleId: schedule.id,
  }));
  const created = await insertSlotsUnlessTaken(trx, slots, now.toISOString());
  return { created, existing: slots.length - created, nonexistent: expansion.nonexistent };
}

export async function listSchedulesOf(db: Db, activity: Activity): Promise<SlotSchedule[]> {
  return listSchedulesOfActivity(db, activity.id);
}

/**
 * Saves a weekly schedule of an activity of the member's venues and generates its slots for the
 * whole period; its capacity is read as written in `lang`, the page's language.
 */
export async function createScheduleFromForm(
  db: Db,
  clock: Clock,
  member: StaffMember,
  activityId: string,
  form: ScheduleForm,
  lang: NumberWriting,
): Promise<FormResult<ScheduleOutcome>> {
  const activity = await activityFor(db, member, activityId);
  const shape = scheduleFields(lang).shape;
  const parsed = parseEachField(shape, { ...form });
  const errors = [...parsed.errors, ...periodErrors(parsed.values, localDateOf(clock.now()))];
  if (errors.length > 0) return { ok: false, errors: inFieldOrder(errors, Object.keys(shape)) };
  const { weekdays, startTime, capacity, validFrom, validUntil, skipDates } = parsed.values as ParsedSchedule;
  const schedule: SlotSchedule = {
    id: newId(),
    activityId: activity.id,
    weekdays: [...new Set(weekdays)].sort(),
    startTime,
    capacity,
    exclusive: form.exclusive,
    validFrom,
    validUntil,
    exceptions: [...new Set(skipDates)].sort(),
  };
  return db.transaction().execute(async (trx): Promise<FormResult<ScheduleOutcome>> => {
    // A schedule of the activity at the same time on a same weekday in an overlapping period would
    // be the same slots twice over (or two schedules to keep in step): refused, nothing saved.
    const same = await lockSchedulesAt(trx, schedule);
    if (same.some((other) => other.weekdays.some((day) => schedule.weekdays.includes(day))))
      return refused('startTime', 'schedule_overlaps');
    await insertSchedule(trx, schedule, clock.now().toISOString());
    const generated = await generateSlots(trx, clock, activity, schedule, schedule);
    await recordActivity(trx, clock, {
      actor: member,
      venueId: activity.venue.id,
      action: 'schedule.created',
      target: schedule.id,
      detail: {
        activity: activity.slug,
        weekdays: formatWeekdays(schedule.weekdays),
        startTime,
        validFrom,
        validUntil,
        capacity,
        exclusive: schedule.exclusive,
        exceptions: schedule.exceptions.join(','),
        slotsCreated: generated.created,
        slotsExisting: generated.existing,
      },
    });
    return { ok: true, value: { schedule, ...generated } };
  });
}

/** A schedule of an activity of the member's venues, or not_found. */
async function scheduleFor(db: Db, member: StaffMember, activityId: string, scheduleId: string) {
  const activity = await activityFor(db, member, activityId);
  const schedule = await findScheduleOfActivity(db, activity.id, scheduleId);
  if (!schedule) throw new DomainError('not_found');
  return { activity, schedule };
}

/** What adding an exception did to the slot of that date. */
export type ExceptionSlotOutcome = 'removed' | 'kept_booked' | 'none';

/**
 * Makes the schedule skip a date (today or later, inside its period). Its slot on that date is
 * removed when nobody booked it, and kept (and said so) when somebody did.
 */
export async function addScheduleException(
  db: Db,
  clock: Clock,
  member: StaffMember,
  activityId: string,
  scheduleId: string,
  dateText: string,
): Promise<FormResult<ExceptionSlotOutcome>> {
  const { activity, schedule } = await scheduleFor(db, member, activityId, scheduleId);
  const parsed = z.object({ date: localDate() }).safeParse({ date: dateText });
  if (!parsed.success) return { ok: false, errors: fieldErrorsOf(parsed.error) };
  const { date } = parsed.data;
  if (date < localDateOf(clock.now())) return refused('date', 'in_past');
  if (date < schedule.validFrom || date > schedule.validUntil) return refused('date', 'outside_period');
  return db.transaction().execute(async (trx): Promise<FormResult<ExceptionSlotOutcome>> => {
    const added = await insertException(trx, schedule.id, date, clock.now().toISOString());
    const slot = await findScheduleSlotBetween(trx, schedule.id, startOfLocalDay(date), startOfLocalDay(addLocalDays(date, 1)));
    let outcome: ExceptionSlotOutcome = 'none';
    if (slot) outcome = (await deleteSlotIfUnbooked(trx, activity.id, slot.id)) ? 'removed' : 'kept_booked';
    if (added || outcome === 'removed') {
      await recordActivity(trx, clock, {
        actor: member,
        venueId: activity.venue.id,
        action: 'schedule.exception_added',
        target: schedule.id,
        detail: { activity: activity.slug, date, slot: outcome },
      });
    }
    return { ok: true, value: outcome };
  });
}

/** Stops skipping a date: the schedule's slot for that date comes back if it is still to come and free. */
export async function removeScheduleException(
  db: Db,
  clock: Clock,
  member: StaffMember,
  activityId: string,
  scheduleId: string,
  date: string,
): Promise<{ slotCreated: boolean }> {
  const { activity, schedule } = await scheduleFor(db, member, activityId, scheduleId);
  if (!schedule.exceptions.includes(date)) throw new DomainError('not_found');
  return db.transaction().execute(async (trx) => {
    if (!(await deleteException(trx, schedule.id, date))) throw new DomainError('not_found');
    const remaining = { ...schedule, exceptions: schedule.exceptions.filter((d) => d !== date) };
    const { created } = await generateSlots(trx, clock, activity, remaining, { ...schedule, validFrom: date, validUntil: date });
    await recordActivity(trx, clock, {
      actor: member,
      venueId: activity.venue.id,
      action: 'schedule.exception_removed',
      target: schedule.id,
      detail: { activity: activity.slug, date, slotCreated: created > 0 },
    });
    return { slotCreated: created > 0 };
  });
}

/** Deletes a schedule with its future slots nobody booked; booked and past slots stay, as single slots. */
export async function deleteSchedule(
  db: Db,
  clock: Clock,
  member: StaffMember,
  activityId: string,
  scheduleId: string,
): Promise<{ removed: number; kept: number }> {
  const { activity, schedule } = await scheduleFor(db, member, activityId, scheduleId);
  return db.transaction().execute(async (trx) => {
    const removed = await deleteUnbookedSlotsOfSchedule(trx, schedule.id, clock.now());
    const kept = await detachSlotsOfSchedule(trx, schedule.id);
    await deleteScheduleRow(trx, schedule.id);
    await recordActivity(trx, clock, {
      actor: member,
      venueId: activity.venue.id,
      action: 'schedule.deleted',
      target: schedule.id,
      detail: { activity: activity.slug, slotsRemoved: removed, slotsKept: kept },
    });
    return { removed, kept };
  });
}
