import { type ActivitySearch, parseSearchTerms } from '../../core/catalog/activity-search.js';
import { decimal } from '../../core/catalog/admin-fields.js';
import { type FieldError, fieldErrorsOf } from '../../core/shared/field-errors.js';
import { isLocalMonth } from '../../core/shared/month.js';
import { checkGroupSize } from '../../core/shared/group-size.js';
import type { Activity } from '../../core/catalog/activity.js';
import { withGroupLimitError } from '../../core/bookings/booking-input.js';
import { isLocalDate } from '../../core/shared/time.js';
import type { Language } from '../../core/shared/language.js';
import { formField, formNumber, withNumberFaults } from '../form-body.js';

export interface Filters {
  /** As typed, spaces and all, to show them back; the filters are read without the spaces around. */
  values: { date: string; groupSize: string };
  errors: FieldError[];
  date?: string;
  groupSize?: number;
}

/** The date and group-size filters of the listing and activity pages (query string), numbers written the page's `lang` way. */
export function parseFilters(query: unknown, lang: Language): Filters {
  const values = { date: formField(query, 'date'), groupSize: formField(query, 'groupSize') };
  const filters: Filters = { values, errors: [] };
  const date = values.date.trim();
  if (date !== '') {
    if (isLocalDate(date)) filters.date = date;
    else filters.errors.push({ field: 'date', code: 'invalid_date' });
  }
  const size = formNumber(values.groupSize, lang);
  const checked = size === undefined ? undefined : checkGroupSize(size);
  if (checked?.ok) filters.groupSize = checked.groupSize;
  else if (checked) filters.errors.push({ field: 'groupSize', ...checked.fault });
  return { ...filters, errors: withNumberFaults(filters.errors, query, lang) };
}

/**
 * The filters of one activity's page: a group size outside the activity's limits is refused as the
 * booking form refuses it (`group_too_small`, `group_too_large`, naming the limit, also below 1 or
 * over MAX_GROUP_SIZE), and is then no filter: no day or time is free or full for a group the
 * activity does not take. The group size is read as written the page's `lang` way, as parseFilters reads it.
 */
export function activityFilters(filters: Filters, activity: Pick<Activity, 'minGroupSize' | 'maxGroupSize'>, lang: Language): Filters {
  const errors = withGroupLimitError(activity, formNumber(filters.values.groupSize, lang), filters.errors);
  if (!errors.some((error) => error.field === 'groupSize')) return { ...filters, errors };
  const { groupSize: _refused, ...rest } = filters;
  return { ...rest, errors };
}

/** The most a visitor can ask to pay per person: beyond it, a typing error. */
const maxPrice = decimal('invalid_amount', 100_000_00, 'plain');

export interface SearchFilters {
  /** As typed, spaces and all, to show them back; the search is read without the spaces around. */
  values: { q: string; city: string; category: string; maxPrice: string };
  errors: FieldError[];
  /** The valid ones; a refused field is left out. */
  search: ActivitySearch;
}

/** The listing's search: text, city, category and the most per person in euros ("17,50" or "17.50"). */
export function parseSearchFilters(query: unknown): SearchFilters {
  const field = (name: string) => formField(query, name);
  // The category is a choice: shown back as the option it names.
  const values = { q: field('q'), city: field('city'), category: field('category').trim(), maxPrice: field('maxPrice') };
  const trimmed = Object.fromEntries(Object.entries(values).map(([name, typed]) => [name, typed.trim()])) as typeof values;
  const { search, errors } = parseSearchTerms(trimmed);
  if (trimmed.maxPrice !== '') {
    const price = maxPrice.safeParse(trimmed.maxPrice);
    if (price.success) search.maxPerPersonCents = price.data;
    else errors.push(...fieldErrorsOf(price.error).map((error) => ({ ...error, field: 'maxPrice' })));
  }
  return { values, errors, search };
}

/** The month the activity page's calendar shows (`month`, YYYY-MM), when one is asked for. */
export function parseMonth(query: unknown): { month?: string; error?: FieldError } {
  const typed = formField(query, 'month').trim();
  if (typed === '') return {};
  return isLocalMonth(typed) ? { month: typed } : { error: { field: 'month', code: 'invalid_value' } };
}
