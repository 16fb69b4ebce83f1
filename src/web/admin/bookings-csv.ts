import type { BookingListItem } from '../../core/bookings/booking-admin.js';
import { formatTime } from '../../core/i18n/format.js';
import type { Translate } from '../i18n/i18n.js';
import { localDateOf } from '../../core/shared/time.js';
import { STATUS_LABELS } from '../views/admin/booking-labels.js';
import type { Language } from '../../core/shared/language.js';

/** Dutch Excel's list separator. */
const SEPARATOR = ';';
const BOM = '\uFEFF';

/**
 * One cell: a text a spreadsheet would read as a formula (= + - @, or a leading tab or carriage
 * return) gets a leading apostrophe, then the cell is quoted per RFC 4180 when it holds the
 * separator, a quote or a line break.
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[;"\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function euros(cents: number, lang: Language): string {
  const text = (cents / 100).toFixed(2);
  return lang === 'nl' ? text.replace('.', ',') : text;
}

function localStamp(instant: Date): string {
  return `${localDateOf(instant)} ${formatTime(instant)}`;
}

/** The bookings as a CSV file for Excel: UTF-8 with BOM, `;`-separated, CRLF, a header row. */
export function bookingsCsv(items: readonly BookingListItem[], t: Translate, lang: Language): string {
  const header = [
    t('bookings.col.reference'),
    t('bookings.col.status'),
    t('bookings.col.activity'),
    t('bookings.col.date'),
    t('bookings.col.time'),
    t('bookings.col.group_size'),
    t('bookings.col.party'),
    t('bookings.col.organiser'),
    t('bookings.col.organisation'),
    t('bookings.col.email'),
    t('bookings.col.phone'),
    t('bookings.col.total_euros'),
    t('bookings.col.paid'),
    t('bookings.col.created'),
  ];
  const rows = items.map((item) => [
    item.reference,
    t(STATUS_LABELS[item.status]),
    item.activityTitle[lang],
    localDateOf(item.startsAt),
    formatTime(item.startsAt),
    String(item.groupSize),
    item.partyText?.[lang] ?? '',
    item.name,
    item.organisation,
    item.email,
    item.phone,
    euros(item.totalCents, lang),
    item.paidAt ? t('bookings.yes') : t('bookings.no'),
    localStamp(item.createdAt),
  ]);
  return BOM + [header, ...rows].map((row) => row.map(csvCell).join(SEPARATOR) + '\r\n').join('');
}
