import { addLocalDays, daysBetween, isLocalDate } from './time.js';

/** Amsterdam dates (YYYY-MM-DD) from `from` to `to`, both included. */
export interface DateRange {
  from: string;
  to: string;
}

/** Why a typed end of a range is refused: no date, an end before the start, or a range longer than allowed. */
export type DateRangeFault = 'invalid_date' | 'to_before_from' | 'range_too_long';

export type DateRangeFaults = Partial<Record<keyof DateRange, DateRangeFault>>;

export interface DateRangeRules {
  /** The most days the range may span, both ends counted; no limit when absent. */
  maxDays?: number;
  /** What an end left empty or refused becomes: `from` this date, `to` this many days after the start. */
  fallback?: { from: string; days: number };
}

/** A range whose ends may be open (undefined): what a range without a fallback gives. */
export type OpenDateRange = { [End in keyof DateRange]: string | undefined };

/**
 * A date range as typed: each end given must be a date, `to` not before `from` and the whole at
 * most `maxDays` long; each refused end is named with why. An end left empty or refused becomes
 * the fallback, or stays open without one.
 */
export function parseDateRange(
  typed: DateRange,
  rules: DateRangeRules & Required<Pick<DateRangeRules, 'fallback'>>,
): { range: DateRange; faults: DateRangeFaults };
export function parseDateRange(typed: DateRange, rules?: DateRangeRules): { range: OpenDateRange; faults: DateRangeFaults };
export function parseDateRange(
  typed: DateRange,
  { maxDays, fallback }: DateRangeRules = {},
): { range: OpenDateRange; faults: DateRangeFaults } {
  const faults: DateRangeFaults = {};
  let from: string | undefined;
  if (isLocalDate(typed.from)) from = typed.from;
  else if (typed.from !== '') faults.from = 'invalid_date';
  from ??= fallback?.from;
  let to: string | undefined;
  if (typed.to === '') to = undefined;
  else if (!isLocalDate(typed.to)) faults.to = 'invalid_date';
  else if (from !== undefined && typed.to < from) faults.to = 'to_before_from';
  else if (from !== undefined && maxDays !== undefined && daysBetween(from, typed.to) >= maxDays) faults.to = 'range_too_long';
  else to = typed.to;
  if (to === undefined && fallback && from !== undefined) to = addLocalDays(from, fallback.days);
  return { range: { from, to }, faults };
}

/** A range's faults as field errors; one too long names the limit (`max`, in days) its message says. */
export function dateRangeErrors(
  faults: DateRangeFaults,
  maxDays?: number,
): { field: string; code: DateRangeFault; params?: { max: number } }[] {
  return Object.entries(faults).map(([field, code]) => ({
    field,
    code,
    ...(code === 'range_too_long' && maxDays !== undefined && { params: { max: maxDays } }),
  }));
}
