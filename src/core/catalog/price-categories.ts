import type { Language } from '../shared/language.js';
import { z } from 'zod';
import { MAX_GROUP_SIZE } from '../shared/group-size.js';
import type { FieldError } from '../shared/field-errors.js';

/**
 * Price categories: a group is made of persons of kinds that pay differently (pupils, teachers,
 * children under 4). Each category is a price line of its own (basis `category`) with a key the
 * booking's counts name, its own price and VAT rate, limits on its count, and possibly a free
 * allowance: one free person of it per `per` persons of the category `of` (one teacher free per
 * eight pupils). The group size is the sum of the counts; capacity counts persons.
 */
export const categoryKeySchema = z.string().regex(/^[a-z][a-z0-9-]{0,31}$/);

export const categoryLineSchema = z.object({
  label: z.object({ nl: z.string().min(1), en: z.string().min(1) }),
  basis: z.literal('category'),
  key: categoryKeySchema,
  vat: z.enum(['low', 'high']),
  amountCents: z.number().int().min(0),
  minCount: z.number().int().min(0).max(MAX_GROUP_SIZE).optional(),
  maxCount: z.number().int().min(1).max(MAX_GROUP_SIZE).optional(),
  free: z.object({ per: z.number().int().min(1), of: categoryKeySchema }).optional(),
});

export type CategoryLine = z.infer<typeof categoryLineSchema>;

/** How many persons of each category a group has, by key. */
export type Party = Record<string, number>;

/** A group as a booking holds it: its size and, for an activity with price categories, its party (whose sum the size is). */
export interface Group {
  groupSize: number;
  party: Party | null;
}

/** The same group: the same size and the same counts per category (a category left out counts 0). */
export function sameGroup(a: Group, b: Group): boolean {
  if (a.groupSize !== b.groupSize) return false;
  const keys = new Set([...Object.keys(a.party ?? {}), ...Object.keys(b.party ?? {})]);
  return [...keys].every((key) => (a.party?.[key] ?? 0) === (b.party?.[key] ?? 0));
}

/**
 * "Leerling 24, Begeleider 3": a party in words, its categories in their order, those with nobody
 * left out; each count as `writeCount` writes it (the language's way: core/i18n/format.ts).
 */
export function partySummary(
  categories: readonly CategoryLine[],
  party: Party,
  lang: 'nl' | 'en',
  writeCount: (n: number) => string,
): string {
  return categories
    .filter((c) => (party[c.key] ?? 0) > 0)
    .map((c) => `${c.label[lang]} ${writeCount(party[c.key]!)}`)
    .join(', ');
}

/**
 * "Leerling 24, Begeleider 3" and "Pupil 24, Adult 3": a party in words in both languages, as a
 * person reads it (pages, the data download, the history): by the categories' names, never their
 * keys, as partySummary writes it. A count of a key the pricing no longer has (a category since
 * removed) follows under that key, so that nothing held is left out.
 */
export function partyWords(
  categories: readonly CategoryLine[],
  party: Party,
  writeCount: (n: number, lang: Language) => string,
): Record<Language, string> {
  const known = new Set(categories.map((c) => c.key));
  const words = (lang: Language) =>
    [
      partySummary(categories, party, lang, (n) => writeCount(n, lang)),
      ...Object.entries(party)
        .filter(([key, count]) => !known.has(key) && count > 0)
        .map(([key, count]) => `${key} ${writeCount(count, lang)}`),
    ]
      .filter(Boolean)
      .join(', ');
  return { nl: words('nl'), en: words('en') };
}

/** The number of persons in a party. */
export function partySize(party: Party): number {
  return Object.values(party).reduce((sum, count) => sum + count, 0);
}

/** How many of the category's persons go free in the party: one per `per` of the category named, at most all of them. */
export function freeCount(category: CategoryLine, party: Party): number {
  if (!category.free) return 0;
  return Math.min(party[category.key] ?? 0, Math.floor((party[category.free.of] ?? 0) / category.free.per));
}

/**
 * The party a group of `size` is taken to be when nobody said (a search for a group size, a client
 * that sends only a group size): each category at its minimum, the rest in the first category
 * that has no free allowance.
 */
export function defaultParty(categories: readonly CategoryLine[], size: number): Party {
  const party: Party = Object.fromEntries(categories.map((c) => [c.key, c.minCount ?? 0]));
  const main = categories.find((c) => !c.free) ?? categories[0];
  if (main) party[main.key] = (party[main.key] ?? 0) + Math.max(0, size - partySize(party));
  return party;
}

/**
 * The party resized to `size` persons: the first category without a free allowance takes the
 * difference (down to 0; beyond that, the last categories give up persons), the others keep theirs.
 */
export function resizedParty(categories: readonly CategoryLine[], party: Party, size: number): Party {
  const resized: Party = Object.fromEntries(categories.map((c) => [c.key, party[c.key] ?? 0]));
  const main = categories.find((c) => !c.free) ?? categories[0];
  if (!main) return resized;
  resized[main.key] = Math.max(0, resized[main.key]! + size - partySize(resized));
  for (const category of [...categories].reverse()) {
    const excess = partySize(resized) - size;
    if (excess <= 0) break;
    resized[category.key] = Math.max(0, resized[category.key]! - excess);
  }
  return resized;
}

/**
 * The faults of a party for the activity's categories, as field errors under `party.<key>`: a key
 * the activity has no category for, a count that is no whole number, or outside the category's
 * limits (without a minimum of its own, 0; without a maximum, MAX_GROUP_SIZE), naming the limit.
 * The group's size (the sum) is checked against the activity's limits as any group size is.
 */
export function partyErrors(categories: readonly CategoryLine[], party: Party): FieldError[] {
  const errors: FieldError[] = [];
  const known = new Set(categories.map((c) => c.key));
  for (const key of Object.keys(party)) if (!known.has(key)) errors.push({ field: `party.${key}`, code: 'invalid_value' });
  for (const category of categories) {
    const count = party[category.key] ?? 0;
    const field = `party.${category.key}`;
    // A count is a whole number, never below zero: below either bound, the one the field's hint names.
    const min = category.minCount ?? 0;
    if (!Number.isInteger(count)) errors.push({ field, code: 'not_a_number' });
    else if (count < min) errors.push({ field, code: 'count_below_min', params: { min } });
    else if (count > (category.maxCount ?? MAX_GROUP_SIZE)) {
      // A category without a maximum of its own takes at most as many as any group may be.
      errors.push({ field, code: 'count_above_max', params: { max: category.maxCount ?? MAX_GROUP_SIZE } });
    }
  }
  return errors;
}

/** The keys are unique, and a free allowance names another category of the same pricing. */
export function categoriesAreConsistent(categories: readonly CategoryLine[]): boolean {
  const keys = categories.map((c) => c.key);
  if (new Set(keys).size !== keys.length) return false;
  return categories.every(
    (c) =>
      (!c.free || (c.free.of !== c.key && keys.includes(c.free.of))) &&
      (c.minCount === undefined || c.maxCount === undefined || c.minCount <= c.maxCount),
  );
}
