import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../app-context.js';
import { activityFor } from '../../core/catalog/activity-admin.service.js';
import type { Activity } from '../../core/catalog/activity.js';
import {
  addScheduleException,
  createScheduleFromForm,
  deleteSchedule,
  listSchedulesOf,
  removeScheduleException,
  type ScheduleForm,
} from '../../core/availability/schedule.service.js';
import { addSlotFromForm, changeSlotCapacity, deleteSlot, listSlotsOf, type SlotForm } from '../../core/availability/slot-admin.service.js';
import { DomainError } from '../../core/shared/errors.js';
import type { FieldError } from '../../core/shared/field-errors.js';
import { isKey } from '../../core/shared/ids.js';
import { type DateRange, parseDateRange } from '../../core/shared/date-range.js';
import { addLocalDays, isLocalDate, localDateOf, startOfLocalDay } from '../../core/shared/time.js';
import { fieldMessages } from '../field-errors.js';
import { FIELD_ERRORS_STATUS, statusOfDomainError } from '../plugins/errors.js';
import { formField } from '../form-body.js';
import { sendPage } from '../public/respond.js';
import { type RowError, type SlotsNotice, SlotListPage } from '../views/admin/slot-list.page.js';
import { requirePermission } from './admin-request.js';
import { adminUiFor } from './admin-ui.js';
import { formCheckbox, formFields } from './catalog-form.js';
import { count } from '../../core/i18n/i18n.js';

type Params = { id: string; slotId?: string; scheduleId?: string; date?: string };
type SlotsRequest = FastifyRequest<{ Params: Params }>;

/** The longest period the slot list shows at once. */
const MAX_RANGE_DAYS = 366;
const DEFAULT_RANGE_DAYS = 27;

/** What a successful change tells on the page it returns to; numbers ride along in the query. */
const NOTICES = [
  'slot_created',
  'capacity_changed',
  'slot_deleted',
  'schedule_created',
  'schedule_deleted',
  'exception_removed_slot',
  'exception_kept_booked',
  'exception_added',
  'exception_removed',
] as const;

function noticeOf(query: unknown): SlotsNotice | undefined {
  const code = formField(query, 'done');
  if (!(NOTICES as readonly string[]).includes(code)) return undefined;
  const count = (name: string) => {
    const text = formField(query, name);
    return /^\d{1,4}$/.test(text) ? Number(text) : 0;
  };
  return {
    code: code as SlotsNotice['code'],
    created: count('created'),
    existing: count('existing'),
    skipped: count('skipped'),
    removed: count('removed'),
  };
}

/** The list's period: the dates asked for when they make sense, else four weeks from today. */
function rangeOf(query: unknown, today: string): DateRange {
  const typed = { from: formField(query, 'from'), to: formField(query, 'to') };
  return parseDateRange(typed, { maxDays: MAX_RANGE_DAYS, fallback: { from: today, days: DEFAULT_RANGE_DAYS } }).range;
}

function slotFormFrom(body: unknown): SlotForm {
  return {
    date: formField(body, 'date'),
    time: formField(body, 'time'),
    capacity: formField(body, 'capacity'),
    exclusive: formCheckbox(body, 'exclusive'),
  };
}

function scheduleFormFrom(body: unknown): ScheduleForm {
  return {
    weekdays: formFields(body, 'weekdays'),
    startTime: formField(body, 'startTime'),
    capacity: formField(body, 'capacity'),
    exclusive: formCheckbox(body, 'exclusive'),
    validFrom: formField(body, 'validFrom'),
    validUntil: formField(body, 'validUntil'),
    skipDates: formField(body, 'skipDates'),
  };
}

/** What a refused POST puts back on the page: the form with its input and messages, or a refusal. */
interface PageState {
  slotForm?: SlotForm;
  slotErrors?: Record<string, string>;
  scheduleForm?: ScheduleForm;
  scheduleErrors?: Record<string, string>;
  capacityError?: RowError;
  exceptionError?: RowError;
  refusal?: string;
}

/**
 * An activity's slots and weekly schedules: one slot at a time (add, capacity, delete) and schedules
 * that generate slots (add, skip dates, delete). Viewing needs bookings.read, changes slots.write.
 */
export async function slotRoutes(app: FastifyInstance, { db, clock, auth }: AppContext): Promise<void> {
  async function activityOf(request: SlotsRequest): Promise<Activity> {
    const { id, slotId, scheduleId } = request.params;
    if (![id, slotId ?? 'x', scheduleId ?? 'x'].every(isKey)) throw new DomainError('not_found');
    return activityFor(db, request.staff, id);
  }

  async function page(request: SlotsRequest, reply: FastifyReply, status: number, activity: Activity, state: PageState = {}) {
    const range = rangeOf(request.query, localDateOf(clock.now()));
    const slots = await listSlotsOf(db, activity, startOfLocalDay(range.from), startOfLocalDay(addLocalDays(range.to, 1)));
    const schedules = await listSchedulesOf(db, activity);
    const ui = adminUiFor(request, auth);
    return sendPage(
      reply,
      status,
      <SlotListPage
        ui={ui}
        activity={activity}
        slots={slots}
        schedules={schedules}
        range={range}
        now={clock.now()}
        notice={status === 200 ? noticeOf(request.query) : undefined}
        {...state}
      />,
    );
  }

  /** The slots page after a change: with what it did, and the period the form was posted from. */
  const back = (request: SlotsRequest, activity: Activity, query: string) => {
    const from = formField(request.query, 'from');
    const to = formField(request.query, 'to');
    const shown = isLocalDate(from) && isLocalDate(to) ? `&from=${from}&to=${to}` : '';
    return `/admin/activities/${activity.id}/slots?${query}${shown}`;
  };
  const messages = (request: SlotsRequest, errors: FieldError[]) => fieldMessages(adminUiFor(request, auth).t, errors);

  /** A rule that refused a change to a slot becomes the page's message, with what it concerns. */
  async function refusing(request: SlotsRequest, reply: FastifyReply, activity: Activity, change: () => Promise<FastifyReply>) {
    try {
      return await change();
    } catch (error) {
      if (!(error instanceof DomainError) || (error.code !== 'capacity_below_booked' && error.code !== 'slot_has_bookings')) throw error;
      const ui = adminUiFor(request, auth);
      const refusal =
        error.code === 'capacity_below_booked'
          ? ui.t('slots.refusal.capacity_below_booked', { n: count(Number(error.details.booked ?? 0)) })
          : ui.t('error.slot_has_bookings');
      return page(request, reply, statusOfDomainError(error.code), activity, { refusal });
    }
  }

  app.get('/activities/:id/slots', async (request: SlotsRequest, reply) => {
    requirePermission(request, 'bookings.read');
    return page(request, reply, 200, await activityOf(request));
  });

  app.post('/activities/:id/slots', async (request: SlotsRequest, reply) => {
    requirePermission(request, 'slots.write');
    const activity = await activityOf(request);
    const form = slotFormFrom(request.body);
    const result = await addSlotFromForm(db, clock, request.staff, activity.id, form, request.lang);
    if (result.ok) return reply.seeOther(back(request, activity, 'done=slot_created'));
    return page(request, reply, FIELD_ERRORS_STATUS, activity, { slotForm: form, slotErrors: messages(request, result.errors) });
  });

  app.post('/activities/:id/slots/:slotId/capacity', async (request: SlotsRequest, reply) => {
    requirePermission(request, 'slots.write');
    const activity = await activityOf(request);
    const slotId = request.params.slotId!;
    const value = formField(request.body, 'capacity');
    return refusing(request, reply, activity, async () => {
      const result = await changeSlotCapacity(db, clock, request.staff, activity.id, slotId, value, request.lang);
      if (result.ok) return reply.seeOther(back(request, activity, 'done=capacity_changed'));
      const message = Object.values(messages(request, result.errors))[0] ?? '';
      return page(request, reply, FIELD_ERRORS_STATUS, activity, { capacityError: { id: slotId, value, message } });
    });
  });

  app.post('/activities/:id/slots/:slotId/delete', async (request: SlotsRequest, reply) => {
    requirePermission(request, 'slots.write');
    const activity = await activityOf(request);
    return refusing(request, reply, activity, async () => {
      await deleteSlot(db, clock, request.staff, activity.id, request.params.slotId!);
      return reply.seeOther(back(request, activity, 'done=slot_deleted'));
    });
  });

  app.post('/activities/:id/schedules', async (request: SlotsRequest, reply) => {
    requirePermission(request, 'slots.write');
    const activity = await activityOf(request);
    const form = scheduleFormFrom(request.body);
    const result = await createScheduleFromForm(db, clock, request.staff, activity.id, form, request.lang);
    if (!result.ok) {
      return page(request, reply, FIELD_ERRORS_STATUS, activity, { scheduleForm: form, scheduleErrors: messages(request, result.errors) });
    }
    const { created, existing, nonexistent } = result.value;
    return reply.seeOther(
      back(request, activity, `done=schedule_created&created=${created}&existing=${existing}&skipped=${nonexistent.length}`),
    );
  });

  app.post('/activities/:id/schedules/:scheduleId/delete', async (request: SlotsRequest, reply) => {
    requirePermission(request, 'slots.write');
    const activity = await activityOf(request);
    const { removed } = await deleteSchedule(db, clock, request.staff, activity.id, request.params.scheduleId!);
    return reply.seeOther(back(request, activity, `done=schedule_deleted&removed=${removed}`));
  });

  app.post('/activities/:id/schedules/:scheduleId/exceptions', async (request: SlotsRequest, reply) => {
    requirePermission(request, 'slots.write');
    const activity = await activityOf(request);
    const scheduleId = request.params.scheduleId!;
    const value = formField(request.body, 'date');
    const result = await addScheduleException(db, clock, request.staff, activity.id, scheduleId, value);
    if (!result.ok) {
      const message = Object.values(messages(request, result.errors))[0] ?? '';
      return page(request, reply, FIELD_ERRORS_STATUS, activity, { exceptionError: { id: scheduleId, value, message } });
    }
    const done =
      result.value === 'removed' ? 'exception_removed_slot' : result.value === 'kept_booked' ? 'exception_kept_booked' : 'exception_added';
    return reply.seeOther(back(request, activity, `done=${done}`));
  });

  app.post('/activities/:id/schedules/:scheduleId/exceptions/:date/delete', async (request: SlotsRequest, reply) => {
    requirePermission(request, 'slots.write');
    const activity = await activityOf(request);
    const date = request.params.date!;
    if (!isLocalDate(date)) throw new DomainError('not_found');
    const { slotCreated } = await removeScheduleException(db, clock, request.staff, activity.id, request.params.scheduleId!, date);
    return reply.seeOther(back(request, activity, `done=exception_removed&created=${slotCreated ? 1 : 0}`));
  });
}
