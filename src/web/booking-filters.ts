import { BOOKING_SORTS, type BookingFilter, type BookingSort } from '../core/bookings/booking-admin.js';
import { BOOKING_STATUSES, type BookingStatus } from '../core/shared/booking-status.js';
import { CONTROL } from '../core/shared/control-characters.js';
import { parseDateRange } from '../core/shared/date-range.js';
import type { FieldError } from '../core/shared/field-errors.js';
import { formField, formNumber } from './form-body.js';

export const FILTER_FIELDS = ['q', 'status', 'activity', 'from', 'to', 'paid', 'sort'] as const;
export type FilterValues = Record<(typeof FILTER_FIELDS)[number], string>;

export interface ParsedBookingFilter {
  /** As typed (the search with its spaces), to show them back and to carry them to other pages and the export. */
  values: FilterValues;
  errors: FieldError[];
  filter: BookingFilter;
  page: number;
}

const MAX_SEARCH_LENGTH = 200;
const MAX_PAGE = 100_000;

/** The bookings list's search, filters, order and page from the query string; `activityIds` are those in scope. */
export function parseBookingFilter(query: unknown, activityIds: readonly string[]): ParsedBookingFilter {
  // The search is shown back exactly as typed, spaces and all, and read without the spaces around.
  const values = Object.fromEntries(FILTER_FIELDS.map((name) => [name, formField(query, name)])) as FilterValues;
  for (const name of FILTER_FIELDS) if (name !== 'q') values[name] = values[name].trim();
  // Read without the spaces around it, and a run of spaces between its words as one.
  const q = values.q.trim().replace(/\s+/g, ' ');
  const errors: FieldError[] = [];
  const filter: BookingFilter = { sort: 'visit_desc' };

  if (q.length > MAX_SEARCH_LENGTH) errors.push({ field: 'q', code: 'too_long' });
  // No booking holds control characters, and PostgreSQL's text cannot hold U+0000.
  else if (CONTROL.test(q)) errors.push({ field: 'q', code: 'invalid_characters' });
  else if (q !== '') filter.q = q;
  if ((BOOKING_STATUSES as readonly string[]).includes(values.status)) filter.status = values.status as BookingStatus;
  else if (values.status !== '') errors.push({ field: 'status', code: 'invalid_value' });
  if (activityIds.includes(values.activity)) filter.activityId = values.activity;
  else if (values.activity !== '') errors.push({ field: 'activity', code: 'invalid_value' });
  const dates = parseDateRange({ from: values.from, to: values.to });
  if (dates.range.from) filter.from = dates.range.from;
  if (dates.range.to) filter.to = dates.range.to;
  for (const [field, code] of Object.entries(dates.faults)) errors.push({ field, code });
  if (values.paid === 'paid' || values.paid === 'unpaid') filter.paid = values.paid === 'paid';
  else if (values.paid !== '') errors.push({ field: 'paid', code: 'invalid_value' });
  if ((BOOKING_SORTS as readonly string[]).includes(values.sort)) filter.sort = values.sort as BookingSort;
  else if (values.sort !== '') errors.push({ field: 'sort', code: 'invalid_value' });

  const pageText = formField(query, 'page');
  const page = formNumber(pageText, 'plain');
  if (page !== undefined && (typeof page !== 'number' || page < 1 || page > MAX_PAGE)) errors.push({ field: 'page', code: 'no_such_page' });
  return { values, errors, filter, page: typeof page === 'number' && page >= 1 && page <= MAX_PAGE ? page : 1 };
}

/** The query string of the filters as typed, without the spaces around (empty ones left out), with more parameters after them. */
export function filterQuery(values: FilterValues, more: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const name of FILTER_FIELDS) if (values[name].trim() !== '') params.set(name, values[name].trim());
  for (const [name, value] of Object.entries(more)) params.set(name, value);
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}
