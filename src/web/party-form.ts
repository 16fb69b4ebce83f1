import { type CategoryLine, type Party, partySize } from '../core/catalog/price-categories.js';
import type { Language } from '../core/shared/language.js';
import { formField, formNumber } from './form-body.js';

/** A party's counts as typed on a form, by category key (`party.<key>` fields). */
export type PartyValues = Record<string, string>;

/** The counts typed for the activity's categories: each category's `party.<key>` field, '' when absent. */
export function partyValuesFrom(body: unknown, categories: readonly CategoryLine[]): PartyValues {
  return Object.fromEntries(categories.map((c) => [c.key, formField(body, `party.${c.key}`)]));
}

/** The counts as a form shows a party: each as text. */
export function partyValuesOf(party: Record<string, number>): PartyValues {
  return Object.fromEntries(Object.entries(party).map(([key, count]) => [key, String(count)]));
}

/**
 * The typed counts as a request's party (a blank count is 0; text that is no number stays text, for
 * validation to name) and the group size they add up to when they are all whole numbers (written
 * the page's `lang` way).
 */
export function partyInputOf(
  values: PartyValues,
  lang: Language,
): { party: Record<string, number | string>; groupSize: number | undefined } {
  const party = Object.fromEntries(Object.entries(values).map(([key, typed]) => [key, formNumber(typed, lang) ?? 0]));
  const counted = Object.values(party).every((c) => typeof c === 'number');
  return { party, groupSize: counted ? partySize(party as Party) : undefined };
}
