import type { FieldError } from '../../core/shared/field-errors.js';
import { checkGroupSize } from '../../core/shared/group-size.js';
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
  const checked = size === undefined ? undefined : checkGroupSize(size);
  if (checked?.ok) filters.groupSize = checked.groupSize;
  else if (checked) filters.errors.push({ field: 'groupSize', code: checked.fault });
  return filters;
}
