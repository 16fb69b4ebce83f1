import type { FieldError } from '../../core/shared/field-errors.js';
import type { Language } from '../../core/shared/language.js';
import { formNumber } from '../form-body.js';
import type { OrganiserFieldValues } from '../views/admin/organiser-fields.js';

/** The values as core parses them: the group size a number when it is one (written the page's `lang` way), else the text typed. */
export function organiserInput<V extends OrganiserFieldValues>(values: V, lang: Language): Omit<V, 'groupSize'> & { groupSize: unknown } {
  return { ...values, groupSize: formNumber(values.groupSize, lang) };
}

/** Field errors at the ids of fields rendered under `prefix` (see OrganiserFields). */
export function atPrefixed(prefix: string, errors: readonly FieldError[]): FieldError[] {
  return errors.map((error) => ({ ...error, field: `${prefix}${error.field}` }));
}
