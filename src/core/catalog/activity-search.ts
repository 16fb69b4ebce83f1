import { z } from 'zod';
import { refuseTextProblem } from '../shared/control-characters.js';
import { type FieldError, fieldErrorsOf } from '../shared/field-errors.js';
import { type Activity, type ActivityCategory, isActivityCategory } from './activity.js';

/** What a visitor looks for in the catalogue; every part given must hold. */
export interface ActivitySearch {
  /** Words that must each occur in the title or description (either language), the venue's name or its city. */
  text?: string;
  /** The venue's city, compared without case and accents. */
  city?: string;
  category?: ActivityCategory;
  /** The most per person, VAT included, for the group size (or the activity's smallest group). */
  maxPerPersonCents?: number;
  /** Only activities the group can still book on this Amsterdam date. */
  date?: string | undefined;
  groupSize?: number | undefined;
}

/** The search's text parts as typed (a form or query string), '' when not given. */
export interface TypedSearchTerms {
  q: string;
  city: string;
  category: string;
}

const typedText = (max: number) => z.string().trim().max(max, 'too_long').superRefine(refuseTextProblem(false));

const TERM_SCHEMAS = {
  q: typedText(100),
  city: typedText(120),
  category: z.string().refine((value) => value === '' || isActivityCategory(value), 'invalid_value'),
};

/**
 * The text parts of a search: each field on its own, so a refused one (too long, control
 * characters, an unknown category) is named while the others still apply.
 */
export function parseSearchTerms(typed: TypedSearchTerms): { search: ActivitySearch; errors: FieldError[] } {
  const search: ActivitySearch = {};
  const errors: FieldError[] = [];
  for (const field of ['q', 'city', 'category'] as const) {
    const parsed = TERM_SCHEMAS[field].safeParse(typed[field]);
    if (!parsed.success) {
      errors.push(...fieldErrorsOf(parsed.error).map((e) => ({ ...e, field })));
      continue;
    }
    const value = parsed.data.trim();
    if (value === '') continue;
    if (field === 'q') search.text = value;
    else if (field === 'city') search.city = value;
    else if (isActivityCategory(value)) search.category = value;
  }
  return { search, errors };
}

/** Text as the search compares it: accents dropped ("é" is "e"), lower case. */
export function searchable(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Whether each word of `text` occurs (as a whole word or a part of one) in what the activity says about itself. */
export function matchesText(activity: Activity, text: string): boolean {
  const haystack = searchable(
    [activity.title.nl, activity.title.en, activity.description.nl, activity.description.en, activity.venue.name, activity.venue.city].join(
      '\n',
    ),
  );
  return searchable(text)
    .split(/\s+/)
    .every((word) => haystack.includes(word));
}

/** Whether two city names are the same, whatever their case and accents. */
export function sameCity(a: string, b: string): boolean {
  return searchable(a.trim()) === searchable(b.trim());
}

/** Whether an activity holds to a search's catalogue parts (text, city, category); price and date need more. */
export function matchesTerms(activity: Activity, search: ActivitySearch): boolean {
  if (search.category && activity.category !== search.category) return false;
  if (search.city && !sameCity(activity.venue.city, search.city)) return false;
  return !search.text || matchesText(activity, search.text);
}
