import { formatDate, formatDateTime, formatTime } from '../../../core/i18n/format.js';
import type { Interval } from '../../../core/resources/resource.js';
import type { ResourcePlanning } from '../../../core/resources/resource-planning.service.js';
import { can } from '../../../core/staff/staff.js';
import { addLocalDays, startOfLocalDay } from '../../../core/shared/time.js';
import type { FieldMessages } from '../../field-errors.js';
import { ErrorSummary, InputField } from '../components.js';
import { DataTable } from '../data-table.js';
import { AdminLayout } from './admin-layout.js';
import type { AdminUi } from './admin-ui.js';
import { STATUS_LABELS } from './booking-labels.js';
import { count } from '../../../core/i18n/i18n.js';

interface Props {
  ui: AdminUi;
  planning: ResourcePlanning;
  today: string;
  /** The date as typed, shown back when refused. */
  value: string;
  errors: FieldMessages;
}

/** An instant as the day's planning shows it: a time on that day, 24:00 at its end, else with its date. */
function timeIn(ui: AdminUi, day: Interval, instant: Date): string {
  if (instant.getTime() === day.to.getTime()) return '24:00';
  return instant >= day.from && instant < day.to ? formatTime(instant) : formatDateTime(instant, ui.lang);
}

/** A resource's day: the slots of its activities with their bookings, and when it is free; a day back and on without JavaScript. */
export function ResourcePlanningPage({ ui, planning, today, value, errors }: Props) {
  const { t, lang } = ui;
  const { resource, date, day, opening } = planning;
  const base = `/admin/resources/${resource.id}/planning`;
  const at = (instant: Date) => timeIn(ui, day, instant);
  const title = t('resource_planning.title', { name: resource.name });
  return (
    <AdminLayout ui={ui} title={title}>
      <p class="breadcrumb">
        <a href="/admin/resources">{t('resources_admin.back')}</a>
        {can(ui.staff, 'catalog.write') && (
          <>
            {' · '}
            <a href={`/admin/resources/${resource.id}`}>{t('resource_planning.settings')}</a>
          </>
        )}
      </p>
      <h1>
        {title}: {formatDate(startOfLocalDay(date), lang)}
      </h1>
      <nav class="actions" aria-label={t('schedule.day_nav')}>
        <a href={`${base}?date=${addLocalDays(date, -1)}`} rel="prev">
          {t('schedule.previous_day')}
        </a>
        {date !== today && <a href={`${base}?date=${today}`}>{t('schedule.today')}</a>}
        <a href={`${base}?date=${addLocalDays(date, 1)}`} rel="next">
          {t('schedule.next_day')}
        </a>
      </nav>
      <form method="get" action={base} class="filters" novalidate>
        <ErrorSummary ui={ui} errors={errors} labels={{ date: 'resource_planning.date' }} />
        <InputField id="date" name="date" type="date" label={t('resource_planning.date')} error={errors.date} value={value} />
        <button type="submit">{t('resource_planning.show')}</button>
      </form>

      <p data-testid="opening">
        {opening === null
          ? t('resource_planning.closed')
          : resource.hours.length === 0
            ? t('resource_planning.always_open')
            : t('resource_planning.open', { from: at(opening.from), until: at(opening.to) })}
      </p>
      {planning.closures.map((closure) => (
        <p key={closure.id} class="notice" data-testid="closure">
          {t('resource_planning.closure', { from: at(closure.startsAt), until: at(closure.endsAt), reason: closure.reason })}
        </p>
      ))}

      <h2>{t('resource_planning.slots')}</h2>
      <DataTable
        caption={t('resource_planning.slots')}
        testId="planning-slots"
        columns={[
          t('resource_planning.time'),
          t('resources_admin.activity'),
          t('resource_planning.held_until'),
          t('resource_planning.booked'),
          t('resource_planning.bookings'),
        ]}
        rows={planning.slots}
        empty={<p data-testid="planning-no-slots">{t('resource_planning.no_slots')}</p>}
        row={(slot) => (
          <tr key={slot.id} data-slot={slot.id}>
            <th scope="row">
              {at(slot.startsAt)}–{at(slot.endsAt)}
            </th>
            <td>
              {slot.activityTitle[lang]}
              {slot.partTitle && `: ${slot.partTitle[lang]}`}
            </td>
            <td>
              {at(slot.heldUntil)}
              {slot.bufferMinutes > 0 && ` (+${t('resources_admin.minutes', { n: count(slot.bufferMinutes) })})`}
            </td>
            <td data-testid="booked">
              {planning.resource.kind === 'persons'
                ? t('resource_planning.booked_of', {
                    persons: count(slot.bookedPersons),
                    capacity: count(planning.resource.capacity),
                    groups: count(slot.bookedGroups),
                  })
                : t('resource_planning.booked_units', {
                    groups: count(slot.bookedGroups),
                    capacity: count(planning.resource.capacity),
                    persons: count(slot.bookedPersons),
                  })}
            </td>
            <td>
              {slot.bookings.length === 0 ? (
                t('resource_planning.no_bookings')
              ) : (
                <ul>
                  {slot.bookings.map((booking) => (
                    <li key={booking.id}>
                      <a href={`/admin/bookings/${booking.id}`}>{booking.reference}</a>{' '}
                      {[
                        booking.organisation || booking.name,
                        t('price.persons', { n: count(booking.groupSize) }),
                        ...(booking.subgroup ? [t('resource_planning.subgroup', { n: booking.subgroup })] : []),
                        ...(booking.moved ? [t('resource_planning.moved')] : []),
                        t(STATUS_LABELS[booking.status]),
                      ].join(' · ')}
                    </li>
                  ))}
                  <li>
                    <a href={`/admin/bookings?${new URLSearchParams({ activity: slot.activityId, from: date, to: date }).toString()}`}>
                      {t('resource_planning.all_bookings')}
                    </a>
                  </li>
                </ul>
              )}
            </td>
          </tr>
        )}
      />

      <h2>{t('resource_planning.gaps')}</h2>
      <p class="hint">{t('resource_planning.gaps_intro')}</p>
      {planning.gaps.length === 0 ? (
        <p data-testid="planning-no-gaps">{t('resource_planning.no_gaps')}</p>
      ) : (
        <ul data-testid="planning-gaps">
          {planning.gaps.map((gap) => (
            <li key={gap.from.toISOString()}>{t('resource_planning.gap', { from: at(gap.from), until: at(gap.to) })}</li>
          ))}
        </ul>
      )}
    </AdminLayout>
  );
}
