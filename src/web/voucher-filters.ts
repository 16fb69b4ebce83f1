import { VOUCHER_LIST_STATUSES, type VoucherListStatus } from '../core/vouchers/voucher.js';
import { dateRangeErrors, parseDateRange } from '../core/shared/date-range.js';
import type { FieldError } from '../core/shared/field-errors.js';
import { isLocalDate } from '../core/shared/time.js';
import { formField } from './form-body.js';
import { monthEnd, monthStart } from './invoice-filters.js';

export const VOUCHER_FILTER_FIELDS = ['status', 'venue', 'on', 'from', 'to'] as const;
export type VoucherFilterValues = Record<(typeof VOUCHER_FILTER_FIELDS)[number], string>;

/** The longest period the movements export covers, in days. */
export const VOUCHER_MOVEMENTS_MAX_DAYS = 366;

export interface ParsedVoucherFilter {
  /** As typed, to show them back. */
  values: VoucherFilterValues;
  errors: FieldError[];
  status: VoucherListStatus | undefined;
  venueId: string | undefined;
  /** The balances' date: today unless typed. */
  on: string;
  /** The movements' period: this month unless typed (an end left empty is its month's). */
  from: string;
  to: string;
}

/**
 * The vouchers' list and exports from the query string: a status (empty or `all`: every voucher),
 * a venue of the member's scope (empty: all of them), the balances' date and the movements' period,
 * each refused at its field when it is no such thing.
 */
export function parseVoucherFilter(query: unknown, today: string, venueIds: readonly string[]): ParsedVoucherFilter {
  const values = Object.fromEntries(VOUCHER_FILTER_FIELDS.map((name) => [name, formField(query, name).trim()])) as VoucherFilterValues;
  const errors: FieldError[] = [];
  let status: VoucherListStatus | undefined;
  if ((VOUCHER_LIST_STATUSES as readonly string[]).includes(values.status)) status = values.status as VoucherListStatus;
  else if (values.status !== '' && values.status !== 'all') errors.push({ field: 'status', code: 'invalid_value' });
  let venueId: string | undefined;
  if (venueIds.includes(values.venue)) venueId = values.venue;
  else if (values.venue !== '') errors.push({ field: 'venue', code: 'invalid_value' });
  let on = today;
  if (isLocalDate(values.on)) on = values.on;
  else if (values.on !== '') errors.push({ field: 'on', code: 'invalid_date' });
  const from = values.from !== '' ? values.from : monthStart(isLocalDate(values.to) ? values.to : today);
  const dates = parseDateRange({ from, to: values.to }, { maxDays: VOUCHER_MOVEMENTS_MAX_DAYS });
  errors.push(...dateRangeErrors(dates.faults, VOUCHER_MOVEMENTS_MAX_DAYS));
  const start = dates.range.from ?? monthStart(today);
  return { values, errors, status, venueId, on, from: start, to: dates.range.to ?? monthEnd(start) };
}
