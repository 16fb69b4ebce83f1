import type { BookingListItem, DaySchedule, ScheduleSlot } from '../../../core/bookings/booking-admin.js';
import type { Venue } from '../../../core/catalog/activity.js';
import { formatCount, formatDate, formatTime } from '../../../core/i18n/format.js';
import { addLocalDays, startOfLocalDay } from '../../../core/shared/time.js';
import type { AdminUi } from './admin-ui.js';
import { ErrorSummary, Field, InputField } from '../components.js';
import { type FieldMessages } from '../../field-errors.js';
import { DataTable } from '../data-table.js';
import { AdminLayout } from './admin-layout.js';
import { STATUS_LABELS } from './booking-labels.js';
import { NewBookingLink } from './new-booking-link.js';
import type { VenueBillingView } from '../../../core/invoices/venue-billing.service.js';
import { BillingStatus } from './venue-billing.page.js';
import type { PlatformCondition } from '../../../core/watch/platform-condition.repository.js';
import { DiskWarnings } from './disk-space.js';
import { count } from '../../../core/i18n/i18n.js';

interface Props {
  ui: AdminUi;
  /** The day shown (today when the asked one is invalid). */
  date: string;
  today: string;
  values: { date: string; venue: string };
  errors: FieldMessages;
  venues: Venue[];
  /** null when the filter is refused. */
  schedule: DaySchedule | null;
  /** Slots still to start offer "New booking". */
  now: Date;
  /** The venues that cannot issue invoices yet (billing details missing). */
  billingGaps: VenueBillingView[];
  /** For admins: the data directories low on space. */
  diskWarnings: PlatformCondition[];
}

function dayLink(date: string, venue: string): string {
  const params = new URLSearchParams({ date });
  if (venue) params.set('venue', venue);
  return `/admin?${params.toString()}`;
}

function GroupCells({ ui, group }: { ui: AdminUi; group: BookingListItem }) {
  const { t, lang } = ui;
  return (
    <>
      <td>
        <a href={`/admin/bookings/${group.id}`}>{group.reference}</a>
      </td>
      <td>
        {group.organisation && (
          <>
            {group.organisation}
            <br />
          </>
        )}
        {group.name}
      </td>
      <td>{formatCount(group.groupSize, lang)}</td>
      <td>{t(STATUS_LABELS[group.status])}</td>
      <td>{group.paidAt ? t('bookings.yes') : t('bookings.no')}</td>
    </>
  );
}

function SlotRows({ ui, entry, now }: { ui: AdminUi; entry: ScheduleSlot; now: Date }) {
  const { t, lang } = ui;
  const { slot } = entry;
  const slotCells = (
    <>
      <td>
        {formatTime(slot.startsAt)}–{formatTime(slot.endsAt)}
      </td>
      <td>{entry.activityTitle[lang]}</td>
      <td>
        {t('schedule.places', { booked: count(slot.bookedPersons), capacity: count(slot.capacity) })}
        <NewBookingLink
          ui={ui}
          slot={slot}
          now={now}
          label={t('phone_booking.new_for', { time: formatTime(slot.startsAt), activity: entry.activityTitle[lang] })}
        />
      </td>
    </>
  );
  if (entry.groups.length === 0) {
    return (
      <tr data-slot={slot.id}>
        {slotCells}
        <td colSpan={5} class="meta">
          {t('schedule.no_groups')}
        </td>
      </tr>
    );
  }
  return (
    <>
      {entry.groups.map((group) => (
        <tr key={group.id} data-slot={slot.id} data-testid="schedule-group">
          {slotCells}
          <GroupCells ui={ui} group={group} />
        </tr>
      ))}
    </>
  );
}

/** The back office's home: one day's slots and groups per venue, and the week after it. */
export function SchedulePage({ ui, date, today, values, errors, venues, schedule, now, billingGaps, diskWarnings }: Props) {
  const { t, lang } = ui;
  const title = t('schedule.title');
  return (
    <AdminLayout ui={ui} title={title}>
      <h1>
        {title}: {formatDate(startOfLocalDay(date), lang)}
      </h1>
      <DiskWarnings ui={ui} conditions={diskWarnings} />
      {billingGaps.map((view) => (
        <BillingStatus key={view.venue.id} ui={ui} view={view} named />
      ))}
      <nav class="actions no-print" aria-label={t('schedule.day_nav')}>
        <a href={dayLink(addLocalDays(date, -1), values.venue)} rel="prev">
          {t('schedule.previous_day')}
        </a>
        {date !== today && <a href={dayLink(today, values.venue)}>{t('schedule.today')}</a>}
        <a href={dayLink(addLocalDays(date, 1), values.venue)} rel="next">
          {t('schedule.next_day')}
        </a>
      </nav>
      <form method="get" action="/admin" class="filters" novalidate>
        <ErrorSummary ui={ui} errors={errors} labels={{ date: 'schedule.date', venue: 'schedule.venue' }} />
        <InputField id="date" label={t('schedule.date')} error={errors.date} name="date" type="date" value={values.date} />
        {venues.length > 1 && (
          <Field name="venue" label={t('schedule.venue')} error={errors.venue}>
            {(describedBy, invalid) => (
              <select id="venue" name="venue" aria-describedby={describedBy} aria-invalid={invalid ? 'true' : undefined}>
                <option value="">{t('schedule.all_venues')}</option>
                {venues.map((venue) => (
                  <option key={venue.id} value={venue.slug} selected={venue.slug === values.venue}>
                    {venue.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        <button type="submit">{t('schedule.show')}</button>
      </form>

      {schedule && schedule.venues.length === 0 && (
        <p class="notice" data-testid="schedule-empty">
          {t('schedule.no_slots')}
        </p>
      )}
      {schedule?.venues.map(({ venue, slots }) => (
        <section key={venue.id} data-testid="schedule-venue" data-venue={venue.slug}>
          <h2>{venue.name}</h2>
          <DataTable
            caption={venue.name}
            columns={[
              { figure: t('schedule.time') },
              t('bookings.col.activity'),
              { figure: t('schedule.occupancy') },
              { figure: t('bookings.col.reference') },
              t('schedule.group'),
              { figure: t('bookings.col.group_size') },
              { figure: t('bookings.col.status') },
              { figure: t('bookings.col.paid') },
            ]}
            rows={slots}
            row={(entry) => <SlotRows key={entry.slot.id} ui={ui} entry={entry} now={now} />}
          />
        </section>
      ))}

      {schedule && (
        <section>
          <h2>{t('schedule.upcoming')}</h2>
          <DataTable
            caption={t('schedule.upcoming')}
            testId="upcoming"
            columns={[{ figure: t('bookings.col.date') }, { figure: t('schedule.groups') }, { figure: t('schedule.persons') }]}
            rows={schedule.upcoming}
            row={(day) => (
              <tr key={day.date} data-date={day.date}>
                <td>
                  <a href={dayLink(day.date, values.venue)}>{formatDate(startOfLocalDay(day.date), lang)}</a>
                </td>
                <td>{formatCount(day.groups, lang)}</td>
                <td>{formatCount(day.persons, lang)}</td>
              </tr>
            )}
          />
        </section>
      )}
    </AdminLayout>
  );
}
