import { wholeNumberText } from '../../../core/catalog/admin-fields.js';
import type { JSX } from 'preact';
import type { AdminSlot } from '../../../core/availability/slot-admin.repository.js';
import type { ScheduleForm } from '../../../core/availability/schedule.service.js';
import { type SlotSchedule, type Weekday, WEEKDAYS } from '../../../core/availability/schedule.js';
import type { SlotForm } from '../../../core/availability/slot-admin.service.js';
import type { Activity } from '../../../core/catalog/activity.js';
import { formatDate, formatTime } from '../../../core/i18n/format.js';
import type { MessageKey } from '../../i18n/i18n.js';
import { startOfLocalDay } from '../../../core/shared/time.js';
import { can } from '../../../core/staff/staff.js';
import type { AdminUi } from './admin-ui.js';
import { ErrorSummary, Field, InputField, WHOLE_NUMBER_INPUT } from '../components.js';
import { type FieldMessages } from '../../field-errors.js';
import { DataTable } from '../data-table.js';
import { AdminLayout, CsrfField, PostButton } from './admin-layout.js';
import { NewBookingLink } from './new-booking-link.js';
import { count } from '../../../core/i18n/i18n.js';

/** What the last change did, as the page it redirected to tells it. */
export interface SlotsNotice {
  code:
    | 'slot_created'
    | 'capacity_changed'
    | 'slot_deleted'
    | 'schedule_created'
    | 'schedule_deleted'
    | 'exception_removed_slot'
    | 'exception_kept_booked'
    | 'exception_added'
    | 'exception_removed';
  created: number;
  existing: number;
  skipped: number;
  removed: number;
}

/** A refused one-field form in a row of the page (a slot's capacity, a schedule's skipped date). */
export interface RowError {
  id: string;
  value: string;
  message: string;
}

interface Props {
  ui: AdminUi;
  activity: Activity;
  slots: AdminSlot[];
  schedules: SlotSchedule[];
  range: { from: string; to: string };
  /** Slots still to start get "New booking". */
  now: Date;
  notice?: SlotsNotice | undefined;
  slotForm?: SlotForm;
  slotErrors?: FieldMessages;
  scheduleForm?: ScheduleForm;
  scheduleErrors?: FieldMessages;
  capacityError?: RowError;
  exceptionError?: RowError;
  refusal?: string;
}

const WEEKDAY_NAMES: Record<Weekday, MessageKey> = {
  1: 'slots.weekday.1',
  2: 'slots.weekday.2',
  3: 'slots.weekday.3',
  4: 'slots.weekday.4',
  5: 'slots.weekday.5',
  6: 'slots.weekday.6',
  7: 'slots.weekday.7',
};

const SLOT_LABELS: Record<string, MessageKey> = {
  'slot-date': 'slots.date',
  'slot-time': 'slots.time',
  'slot-capacity': 'slots.capacity',
};

const SCHEDULE_LABELS: Record<string, MessageKey> = {
  'schedule-weekdays': 'slots.schedule_weekdays',
  'schedule-startTime': 'slots.time',
  'schedule-capacity': 'slots.capacity',
  'schedule-validFrom': 'slots.schedule_from',
  'schedule-validUntil': 'slots.schedule_until',
  'schedule-skipDates': 'slots.schedule_skip',
};

/** Field messages keyed by the ids the page gives the fields (two forms on one page share names). */
function prefixed(prefix: string, errors: FieldMessages): FieldMessages {
  return Object.fromEntries(Object.entries(errors).map(([field, message]) => [`${prefix}-${field}`, message]));
}

function noticeText(ui: AdminUi, notice: SlotsNotice): string {
  const { t } = ui;
  switch (notice.code) {
    case 'slot_created':
      return t('slots.done.slot_created');
    case 'capacity_changed':
      return t('slots.done.capacity_changed');
    case 'slot_deleted':
      return t('slots.done.slot_deleted');
    case 'schedule_created': {
      const text = t('slots.done.schedule_created', { created: count(notice.created), existing: count(notice.existing) });
      return notice.skipped > 0 ? `${text} ${t('slots.done.schedule_skipped', { n: count(notice.skipped) })}` : text;
    }
    case 'schedule_deleted':
      return t('slots.done.schedule_deleted', { n: count(notice.removed) });
    case 'exception_removed_slot':
      return t('slots.done.exception_removed_slot');
    case 'exception_kept_booked':
      return t('slots.done.exception_kept_booked');
    case 'exception_added':
      return t('slots.done.exception_added');
    case 'exception_removed':
      return notice.created > 0 ? t('slots.done.exception_removed_slot_back') : t('slots.done.exception_removed');
  }
}

/**
 * The inputs of one of the page's two forms: the id is the field's name prefixed with the form's,
 * and labels and errors are looked up by that id.
 */
function formInput<Name extends string>(
  ui: AdminUi,
  prefix: string,
  labels: Record<string, MessageKey>,
  errors: FieldMessages,
  values: Record<Name, string>,
) {
  return (name: Name, type: string) => {
    const id = `${prefix}-${name}`;
    return (
      <InputField
        id={id}
        label={ui.t(labels[id]!)}
        error={errors[id]}
        name={name}
        {...(name === 'capacity' ? WHOLE_NUMBER_INPUT : { type })}
        value={values[name]}
      />
    );
  };
}

/**
 * A one-field form in a row of the page; a refused value comes back with its message (RowError),
 * summed up above the field as on every form, the summary taking the focus.
 */
function RowForm({
  ui,
  action,
  id,
  label,
  hideLabel,
  error,
  errorTestId,
  submit,
  ...input
}: JSX.InputHTMLAttributes<HTMLInputElement> & {
  ui: AdminUi;
  action: string;
  id: string;
  label: string;
  hideLabel?: boolean;
  error: RowError | undefined;
  errorTestId: string;
  submit: string;
}) {
  return (
    <form method="post" action={action} class="inline-form">
      <CsrfField ui={ui} />
      {error && <ErrorSummary ui={ui} errors={{ [id]: error.message }} labels={{}} named={{ [id]: label }} />}
      <label for={id} class={hideLabel ? 'visually-hidden' : undefined}>
        {label}
      </label>
      {error && (
        <p class="error" id={`${id}-error`} data-testid={errorTestId}>
          {error.message}
        </p>
      )}
      <input id={id} {...input} aria-describedby={error ? `${id}-error` : undefined} aria-invalid={error ? 'true' : undefined} />
      <button type="submit" class="button-secondary">
        {submit}
      </button>
    </form>
  );
}

function localDay(date: string, ui: AdminUi): string {
  return formatDate(startOfLocalDay(date), ui.lang);
}

function SlotRow({
  ui,
  activity,
  slot,
  error,
  range,
  now,
}: {
  ui: AdminUi;
  activity: Activity;
  slot: AdminSlot;
  error?: RowError | undefined;
  range: string;
  now: Date;
}) {
  const { t, lang } = ui;
  const base = `/admin/activities/${activity.id}/slots/${slot.id}`;
  return (
    <tr data-testid={`slot-${slot.id}`}>
      <th scope="row">
        {formatDate(slot.startsAt, lang)} {formatTime(slot.startsAt)}
      </th>
      <td>
        <span data-testid="booked">{t('slots.booked_of', { booked: count(slot.bookedPersons), capacity: count(slot.capacity) })}</span>
        <NewBookingLink
          ui={ui}
          slot={slot}
          now={now}
          label={t('phone_booking.new_on', { date: formatDate(slot.startsAt, lang), time: formatTime(slot.startsAt) })}
        />
      </td>
      <td>{slot.bookedGroups === 1 ? t('slots.groups_one') : t('slots.groups', { n: count(slot.bookedGroups) })}</td>
      <td>
        {[slot.exclusive ? t('slots.exclusive_short') : '', slot.scheduleId ? t('slots.from_schedule') : ''].filter(Boolean).join(' · ')}
      </td>
      {can(ui.staff, 'slots.write') && (
        <td>
          <RowForm
            ui={ui}
            action={`${base}/capacity?${range}`}
            id={`capacity-${slot.id}`}
            label={t('slots.capacity')}
            hideLabel
            error={error}
            errorTestId="capacity-error"
            submit={t('slots.change_capacity')}
            name="capacity"
            {...WHOLE_NUMBER_INPUT}
            size={5}
            value={error ? error.value : wholeNumberText(slot.capacity, ui.lang)}
          />
          {slot.bookings === 0 ? (
            <PostButton ui={ui} action={`${base}/delete?${range}`} label={t('slots.delete')} danger />
          ) : (
            <span class="meta">{t('slots.has_bookings')}</span>
          )}
        </td>
      )}
    </tr>
  );
}

function ScheduleItem({
  ui,
  activity,
  schedule,
  error,
  range,
}: {
  ui: AdminUi;
  activity: Activity;
  schedule: SlotSchedule;
  error?: RowError | undefined;
  range: string;
}) {
  const { t } = ui;
  const base = `/admin/activities/${activity.id}/schedules/${schedule.id}`;
  const write = can(ui.staff, 'slots.write');
  return (
    <li data-testid={`schedule-${schedule.id}`} class="card">
      <h3>
        {schedule.weekdays.map((d) => t(WEEKDAY_NAMES[d])).join(', ')} {schedule.startTime}
      </h3>
      <p>
        {t('slots.schedule_period', { from: localDay(schedule.validFrom, ui), until: localDay(schedule.validUntil, ui) })} ·{' '}
        {t('slots.schedule_capacity', { n: count(schedule.capacity) })}
        {schedule.exclusive && ` · ${t('slots.exclusive_short')}`}
      </p>
      <h4>{t('slots.exceptions')}</h4>
      {schedule.exceptions.length === 0 ? (
        <p class="meta">{t('slots.no_exceptions')}</p>
      ) : (
        <ul data-testid="exceptions">
          {schedule.exceptions.map((date) => (
            <li key={date}>
              <time dateTime={date}>{localDay(date, ui)}</time>{' '}
              {write && <PostButton ui={ui} action={`${base}/exceptions/${date}/delete?${range}`} label={t('slots.exception_remove')} />}
            </li>
          ))}
        </ul>
      )}
      {write && (
        <>
          <RowForm
            ui={ui}
            action={`${base}/exceptions?${range}`}
            id={`exception-${schedule.id}`}
            label={t('slots.exception_add_label')}
            error={error}
            errorTestId="exception-error"
            submit={t('slots.exception_add')}
            name="date"
            type="date"
            value={error?.value ?? ''}
          />
          <p class="hint">{t('slots.schedule_delete_hint')}</p>
          <PostButton ui={ui} action={`${base}/delete?${range}`} label={t('slots.schedule_delete')} danger />
        </>
      )}
    </li>
  );
}

/** The props of the forms that add a slot or a weekly schedule: the values and errors of the last attempt. */
interface NewFormProps<Values> {
  ui: AdminUi;
  activity: Activity;
  values: Values;
  errors: FieldMessages;
  range: string;
}

function NewSlotForm({ ui, activity, values, errors, range }: NewFormProps<SlotForm>) {
  const { t } = ui;
  const ids = prefixed('slot', errors);
  const input = formInput<'date' | 'time' | 'capacity'>(ui, 'slot', SLOT_LABELS, ids, values);
  return (
    <form method="post" action={`/admin/activities/${activity.id}/slots?${range}`} novalidate class="narrow-form" data-testid="new-slot">
      <CsrfField ui={ui} />
      <ErrorSummary ui={ui} errors={ids} labels={SLOT_LABELS} />
      {input('date', 'date')}
      {input('time', 'time')}
      <p class="hint">{t('slots.time_hint')}</p>
      {input('capacity', 'text')}
      <div class="field checkbox">
        <input id="slot-exclusive" name="exclusive" type="checkbox" value="1" checked={values.exclusive} />
        <label for="slot-exclusive">{t('slots.exclusive')}</label>
      </div>
      <button type="submit">{t('slots.add')}</button>
    </form>
  );
}

function NewScheduleForm({ ui, activity, values, errors, range }: NewFormProps<ScheduleForm>) {
  const { t } = ui;
  const ids = prefixed('schedule', errors);
  const input = formInput<'startTime' | 'capacity' | 'validFrom' | 'validUntil'>(ui, 'schedule', SCHEDULE_LABELS, ids, values);
  return (
    <form
      method="post"
      action={`/admin/activities/${activity.id}/schedules?${range}`}
      novalidate
      class="narrow-form"
      data-testid="new-schedule"
    >
      <CsrfField ui={ui} />
      <ErrorSummary ui={ui} errors={ids} labels={SCHEDULE_LABELS} />
      <fieldset
        id="schedule-weekdays"
        class={ids['schedule-weekdays'] ? 'field-error' : undefined}
        aria-describedby={ids['schedule-weekdays'] ? 'schedule-weekdays-error' : undefined}
      >
        <legend>{t('slots.schedule_weekdays')}</legend>
        {ids['schedule-weekdays'] && (
          <p class="error" id="schedule-weekdays-error" data-testid="error-schedule-weekdays">
            {ids['schedule-weekdays']}
          </p>
        )}
        {WEEKDAYS.map((day) => (
          <span key={day} class="inline-form">
            <input
              id={`weekday-${day}`}
              name="weekdays"
              type="checkbox"
              value={String(day)}
              checked={values.weekdays.includes(String(day))}
            />{' '}
            <label for={`weekday-${day}`}>{t(WEEKDAY_NAMES[day])}</label>
          </span>
        ))}
      </fieldset>
      {input('startTime', 'time')}
      {input('capacity', 'text')}
      <div class="field checkbox">
        <input id="schedule-exclusive" name="exclusive" type="checkbox" value="1" checked={values.exclusive} />
        <label for="schedule-exclusive">{t('slots.exclusive')}</label>
      </div>
      {input('validFrom', 'date')}
      {input('validUntil', 'date')}
      <p class="hint">{t('slots.schedule_period_hint')}</p>
      <Field
        name="schedule-skipDates"
        label={t('slots.schedule_skip')}
        error={ids['schedule-skipDates']}
        hint={t('slots.schedule_skip_hint')}
      >
        {(describedBy, invalid) => (
          <textarea
            id="schedule-skipDates"
            name="skipDates"
            rows={3}
            aria-describedby={describedBy}
            aria-invalid={invalid ? 'true' : undefined}
          >
            {values.skipDates}
          </textarea>
        )}
      </Field>
      <button type="submit">{t('slots.schedule_save')}</button>
    </form>
  );
}

const EMPTY_SLOT: SlotForm = { date: '', time: '', capacity: '', exclusive: false };
const EMPTY_SCHEDULE: ScheduleForm = {
  weekdays: [],
  startTime: '',
  capacity: '',
  exclusive: false,
  validFrom: '',
  validUntil: '',
  skipDates: '',
};

/** An activity's slots in a period with what is booked, its weekly schedules, and the forms to change them. */
export function SlotListPage(props: Props) {
  const { ui, activity, slots, schedules, range, notice, refusal } = props;
  const { t, lang } = ui;
  const write = can(ui.staff, 'slots.write');
  const title = t('slots.title', { title: activity.title[lang] });
  // Every change posts back the period shown, so the page it returns to shows the same slots.
  const shown = `from=${range.from}&to=${range.to}`;
  return (
    <AdminLayout ui={ui} title={title}>
      <p class="breadcrumb">
        <a href="/admin/activities">{t('activity_form.back')}</a>
        {can(ui.staff, 'catalog.write') && (
          <>
            {' · '}
            <a href={`/admin/activities/${activity.id}`}>{t('activities_admin.edit')}</a>
          </>
        )}
      </p>
      <h1>{title}</h1>
      <p class="meta">
        {activity.venue.name} · {t('slots.duration', { minutes: count(activity.durationMinutes) })}
      </p>
      {notice && (
        <p class="notice success" role="status" data-testid="notice">
          {noticeText(ui, notice)}
        </p>
      )}
      {refusal && (
        <p class="notice error" role="alert" data-testid="refusal">
          {refusal}
        </p>
      )}

      <h2>{t('slots.list')}</h2>
      <form method="get" action={`/admin/activities/${activity.id}/slots`} class="filters">
        <div class="field">
          <label for="from">{t('slots.range_from')}</label>
          <input id="from" name="from" type="date" value={range.from} />
        </div>
        <div class="field">
          <label for="to">{t('slots.range_to')}</label>
          <input id="to" name="to" type="date" value={range.to} />
        </div>
        <button type="submit">{t('slots.range_show')}</button>
      </form>
      <DataTable
        caption={t('slots.list')}
        testId="slots"
        columns={[t('slots.when'), t('slots.booked'), t('slots.groups_heading'), t('slots.kind'), write && t('activities_admin.actions')]}
        rows={slots}
        empty={<p data-testid="no-slots">{t('slots.none')}</p>}
        row={(slot) => (
          <SlotRow
            key={slot.id}
            ui={ui}
            activity={activity}
            slot={slot}
            range={shown}
            now={props.now}
            error={props.capacityError?.id === slot.id ? props.capacityError : undefined}
          />
        )}
      />
      {write && (
        <>
          <h2>{t('slots.new')}</h2>
          <NewSlotForm ui={ui} activity={activity} range={shown} values={props.slotForm ?? EMPTY_SLOT} errors={props.slotErrors ?? {}} />
        </>
      )}

      <h2>{t('slots.schedules')}</h2>
      <p class="hint">{t('slots.schedules_hint')}</p>
      {schedules.length === 0 ? (
        <p>{t('slots.no_schedules')}</p>
      ) : (
        <ul class="cards" data-testid="schedules">
          {schedules.map((schedule) => (
            <ScheduleItem
              key={schedule.id}
              ui={ui}
              activity={activity}
              schedule={schedule}
              range={shown}
              error={props.exceptionError?.id === schedule.id ? props.exceptionError : undefined}
            />
          ))}
        </ul>
      )}
      {write && (
        <>
          <h2>{t('slots.schedule_new')}</h2>
          <NewScheduleForm
            ui={ui}
            activity={activity}
            range={shown}
            values={props.scheduleForm ?? EMPTY_SCHEDULE}
            errors={props.scheduleErrors ?? {}}
          />
        </>
      )}
    </AdminLayout>
  );
}
