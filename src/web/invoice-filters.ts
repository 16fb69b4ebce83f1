import { REGISTER_MAX_DAYS, REGISTER_STATUSES, type RegisterFilter, type RegisterStatus } from '../core/invoices/invoice-list.service.js';
import { dateRangeErrors, parseDateRange } from '../core/shared/date-range.js';
import type { FieldError } from '../core/shared/field-errors.js';
import { addLocalDays, isLocalDate } from '../core/shared/time.js';
import { formField } from './form-body.js';

export const INVOICE_FILTER_FIELDS = ['from', 'to', 'status', 'venue'] as const;
export type InvoiceFilterValues = Record<(typeof INVOICE_FILTER_FIELDS)[number], string>;

export interface ParsedInvoiceFilter {
  /** As typed, to show them back and to carry them to the export. */
  values: InvoiceFilterValues;
  errors: FieldError[];
  /** The period, status and venue to read; meaningful only without errors. */
  filter: RegisterFilter;
}

/** The first day of the month of a date (YYYY-MM-DD). */
export function monthStart(date: string): string {
  return `${date.slice(0, 7)}-01`;
}

/** The last day of the month of a date (YYYY-MM-DD). */
export function monthEnd(date: string): string {
  const [year, month] = date.split('-').map(Number) as [number, number];
  const next = month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
  return addLocalDays(next, -1);
}

/**
 * The register's period and status from the query string. The period is of issue dates, both
 * ends included, at most REGISTER_MAX_DAYS long; an end left empty is the month's: no dates at all
 * is this month (of `today`), a start alone runs to the end of its month, an end alone from the
 * start of its month. Status: empty or `all` for every document, else one of REGISTER_STATUSES.
 * Venue: empty for every venue in scope, else one of `venueIds` (those in the member's scope).
 */
export function parseInvoiceFilter(query: unknown, today: string, venueIds: readonly string[]): ParsedInvoiceFilter {
  const values = Object.fromEntries(INVOICE_FILTER_FIELDS.map((name) => [name, formField(query, name).trim()])) as InvoiceFilterValues;
  const errors: FieldError[] = [];
  const from = values.from !== '' ? values.from : monthStart(isLocalDate(values.to) ? values.to : today);
  const dates = parseDateRange({ from, to: values.to }, { maxDays: REGISTER_MAX_DAYS });
  errors.push(...dateRangeErrors(dates.faults, REGISTER_MAX_DAYS));
  const start = dates.range.from ?? monthStart(today);
  const filter: RegisterFilter = { from: start, to: dates.range.to ?? monthEnd(start) };
  if ((REGISTER_STATUSES as readonly string[]).includes(values.status)) filter.status = values.status as RegisterStatus;
  else if (values.status !== '' && values.status !== 'all') errors.push({ field: 'status', code: 'invalid_value' });
  if (venueIds.includes(values.venue)) filter.venueId = values.venue;
  else if (values.venue !== '') errors.push({ field: 'venue', code: 'invalid_value' });
  return { values, errors, filter };
}

/** The query string of the filters as typed (empty ones left out). */
export function invoiceFilterQuery(values: InvoiceFilterValues): string {
  const params = new URLSearchParams();
  for (const name of INVOICE_FILTER_FIELDS) if (values[name] !== '') params.set(name, values[name]);
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}
