import { MAX_GROUP_SIZE } from '../../core/catalog/catalog.service.js';
import type { FieldError } from '../../core/shared/field-errors.js';
import { isLocalDate } from '../../core/shared/time.js';
import { formField, formNumber } from './form-body.js';

export interface Filters {
  /** As typed, to show them back. */
  values: { date: string; groupSize: string };
  errors: FieldError[];
  date?: string;
  groupSize?: number;
}

/** The date and group-size filters of the listing and activity pages (query string). */
export function parseFilters(query: unknown): Filters {
  const values = { date: formField(query, 'date').trim(), groupSize: formField(query, 'groupSize').trim() };
  const filters: Filters = { values, errors: [] };
  if (values.date !== '') {
    if (isLocalDate(values.date)) filters.date = values.date;
    else filters.errors.push({ field: 'date', code: 'invalid_date' });
  }
  const size = formNumber(values.groupSize);
  if (typeof size === 'number' && size >= 1 && size <= MAX_GROUP_SIZE) filters.groupSize = size;
  else if (typeof size === 'number') filters.errors.push({ field: 'groupSize', code: size < 1 ? 'too_small' : 'too_large' });
  else if (size !== undefined) filters.errors.push({ field: 'groupSize', code: 'not_a_number' });
  return filters;
}
