import type { Translate } from '../../core/i18n/i18n.js';
import { isLocalDate } from '../../core/shared/time.js';
import type { FieldMessages } from '../views/components.js';
import { formField, formNumber } from './form-body.js';
import { MAX_GROUP_SIZE } from '../../core/shared/group-size.js';

export interface Filters {
  /** As typed, to show them back. */
  values: { date: string; groupSize: string };
  errors: FieldMessages;
  date?: string;
  groupSize?: number;
}

/** The date and group-size filters of the listing and activity pages (query string). */
export function parseFilters(query: unknown, t: Translate): Filters {
  const values = { date: formField(query, 'date').trim(), groupSize: formField(query, 'groupSize').trim() };
  const filters: Filters = { values, errors: {} };
  if (values.date !== '') {
    if (isLocalDate(values.date)) filters.date = values.date;
    else filters.errors.date = t('field.invalid_date');
  }
  const size = formNumber(values.groupSize);
  if (typeof size === 'number' && size >= 1 && size <= MAX_GROUP_SIZE) filters.groupSize = size;
  else if (typeof size === 'number') filters.errors.groupSize = t(size < 1 ? 'field.too_small' : 'field.too_large');
  else if (size !== undefined) filters.errors.groupSize = t('field.not_a_number');
  return filters;
}
