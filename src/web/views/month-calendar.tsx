import { count } from '../../core/i18n/i18n.js';
import type { DayState } from '../../core/availability/day-state.js';
import type { MonthAvailability } from '../../core/availability/month.service.js';
import { addMonths, weekdayOf } from '../../core/shared/month.js';
import type { Language } from '../../core/shared/language.js';
import type { MessageKey } from '../i18n/i18n.js';
import { availabilityHref } from './availability-links.js';
import type { Ui } from './ui.js';

const LOCALES: Record<Language, string> = { nl: 'nl-NL', en: 'en-GB' };
/** 2024-01-01 was a Monday: the week's day names are read from that week. */
const A_MONDAY = Date.UTC(2024, 0, 1);
const DAY_MS = 86_400_000;

const STATE_LABELS: Record<DayState, MessageKey> = {
  free: 'calendar.state.free',
  few: 'calendar.state.few',
  full: 'calendar.state.full',
  none: 'calendar.state.none',
};

function weekdayNames(lang: Language) {
  const long = new Intl.DateTimeFormat(LOCALES[lang], { weekday: 'long', timeZone: 'UTC' });
  const short = new Intl.DateTimeFormat(LOCALES[lang], { weekday: 'short', timeZone: 'UTC' });
  return Array.from({ length: 7 }, (_, i) => ({ long: long.format(A_MONDAY + i * DAY_MS), short: short.format(A_MONDAY + i * DAY_MS) }));
}

function monthName(month: string, lang: Language): string {
  return new Intl.DateTimeFormat(LOCALES[lang], { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${month}-01T12:00:00Z`),
  );
}

/** The month's days in weeks from Monday to Sunday; null fills the days of the neighbouring months. */
function weeksOf<T extends { date: string }>(days: T[]): (T | null)[][] {
  const cells: (T | null)[] = [...Array<null>(weekdayOf(days[0]!.date) - 1).fill(null), ...days];
  while (cells.length % 7 !== 0) cells.push(null);
  return Array.from({ length: cells.length / 7 }, (_, i) => cells.slice(i * 7, i * 7 + 7));
}

interface Props {
  ui: Ui;
  slug: string;
  /** The page's date and group size, kept by every link. */
  query: { date: string; groupSize: string };
  calendar: MonthAvailability;
  today: string;
  /** The translated reason the asked month was refused (the calendar then shows the date's month). */
  error?: string | undefined;
}

/**
 * A month as a table of links, without JavaScript: each day says in words whether a group can
 * still book it; a day with times opens the list of times from that day. Previous and next month
 * are links too (no month before today's).
 */
export function MonthCalendar({ ui, slug, query, calendar, today, error }: Props) {
  const { t, lang } = ui;
  const { month } = calendar;
  const names = weekdayNames(lang);
  const link = (params: { date: string; month?: string }) => availabilityHref(slug, { ...params, groupSize: query.groupSize });
  return (
    <div id="month" class="month-calendar" data-testid="month-calendar">
      {error && (
        <p class="error" role="alert" data-testid="error-month">
          {t('calendar.month')}: {error}
        </p>
      )}
      <p class="hint">{t('calendar.hint', { n: count(calendar.groupSize) })}</p>
      <nav class="month-nav" aria-label={t('calendar.month')}>
        {month > today.slice(0, 7) && (
          <a href={link({ date: query.date, month: addMonths(month, -1) })} rel="prev">
            {t('calendar.previous')}
          </a>
        )}
        {month < '2199-12' && (
          <a href={link({ date: query.date, month: addMonths(month, 1) })} rel="next">
            {t('calendar.next')}
          </a>
        )}
      </nav>
      <table class="calendar">
        <caption>{t('calendar.caption', { month: monthName(month, lang) })}</caption>
        <thead>
          <tr>
            {names.map((name) => (
              <th key={name.long} scope="col">
                <span aria-hidden="true">{name.short}</span>
                <span class="visually-hidden">{name.long}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeksOf(calendar.days).map((week, i) => (
            <tr key={i}>
              {week.map((day, j) =>
                day === null ? (
                  <td key={j} />
                ) : (
                  <td key={day.date} class={`day-${day.state}`} data-state={day.state}>
                    {day.state === 'none' ? (
                      <span class="day-link">
                        <span class="day-number">{Number(day.date.slice(8))}</span>{' '}
                        <span class="visually-hidden">{t(STATE_LABELS.none)}</span>
                      </span>
                    ) : (
                      <a class="day-link" href={link({ date: day.date })} aria-current={day.date === query.date ? 'date' : undefined}>
                        <span class="day-number">{Number(day.date.slice(8))}</span>{' '}
                        <span class="day-state">{t(STATE_LABELS[day.state])}</span>
                      </a>
                    )}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
