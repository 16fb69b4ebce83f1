import { dictionary as common } from '@zxcvbn-ts/language-common';
import { dictionary as dutch } from '@zxcvbn-ts/language-nl-be';

/**
 * The 10,000 most common passwords: the head of zxcvbn's frequency-ranked list of leaked
 * passwords. Compared case-insensitively, as the list is lower case.
 */
export const COMMON_PASSWORD_COUNT = 10_000;

let english: Set<string> | undefined;
let words: Set<string> | undefined;

/** One of the 10,000 most common passwords, in any case. */
export function isCommonPassword(password: string): boolean {
  english ??= new Set((common['passwords-common'] as string[]).slice(0, COMMON_PASSWORD_COUNT));
  return english.has(password.toLowerCase());
}

/**
 * A word people build passwords on: one of those passwords, or a word of zxcvbn's Dutch lists
 * (common words, first names, surnames, Wikipedia titles; all lower case), such as `wachtwoord`
 * or `welkom`.
 */
export function isCommonWord(word: string): boolean {
  words ??= new Set([
    ...(common['passwords-common'] as string[]).slice(0, COMMON_PASSWORD_COUNT),
    ...dutch.commonWords,
    ...dutch.boysFirstnames,
    ...dutch.girlsFirstnames,
    ...dutch.lastnames,
    ...dutch.wikipedia,
  ]);
  return words.has(word);
}
