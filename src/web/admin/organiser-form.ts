import type { FieldError } from '../../core/shared/field-errors.js';
import type { Language } from '../../core/shared/language.js';
import type { OrganiserFieldValues, StaffEditValues } from '../views/admin/organiser-fields.js';
import { optionalNumberText } from '../../core/catalog/admin-fields.js';
import type { CategoryLine } from '../../core/catalog/price-categories.js';
import { formNumber, organiserValuesFrom } from '../form-body.js';
import { partyInputOf, partyValuesFrom } from '../party-form.js';

/** The values as core parses them: the group size a number when it is one (written the page's `lang` way), else the text typed. */
export function organiserInput<V extends OrganiserFieldValues>(values: V, lang: Language): Omit<V, 'groupSize'> & { groupSize: unknown } {
  return { ...values, groupSize: formNumber(values.groupSize, lang) };
}

/** Field errors at the ids of fields rendered under `prefix` (see OrganiserFields). */
export function atPrefixed(prefix: string, errors: readonly FieldError[]): FieldError[] {
  return errors.map((error) => ({ ...error, field: `${prefix}${error.field}` }));
}

/**
 * The booking detail page's change as typed and as core parses it: for an activity with price
 * categories (the booking's, `categories`) the counts of each, the group size their sum, as the
 * organiser's change form and the phone booking form take them.
 */
export function staffEditOf(body: unknown, categories: readonly CategoryLine[], lang: Language) {
  const party = partyValuesFrom(body, categories);
  const counted = categories.length > 0 ? partyInputOf(party, lang) : undefined;
  const values: StaffEditValues = {
    ...organiserValuesFrom(body),
    ...(counted && { groupSize: optionalNumberText(counted.groupSize, lang) }),
    party,
  };
  return { values, input: { ...organiserInput(values, lang), party: counted?.party } };
}

/**
 * The change's errors at its fields' ids: the organiser's under `prefix`; the counts per category
 * and their sum at the party fields' own ids (PartyFields), when the group is counted per category.
 */
export function staffEditErrorsAt(prefix: string, errors: readonly FieldError[], perCategory: boolean): FieldError[] {
  const own = (field: string) => perCategory && (field === 'groupSize' || field.startsWith('party.'));
  return errors.map((error) => (own(error.field) ? error : { ...error, field: `${prefix}${error.field}` }));
}
