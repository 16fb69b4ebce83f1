import { loadOnce } from '../shared/load-once.js';

/**
 * The 10,000 most common passwords: the head of zxcvbn's frequency-ranked list of leaked
 * passwords. Compared case-insensitively, as the list is lower case.
 */
export const COMMON_PASSWORD_COUNT = 10_000;

// zxcvbn's lists are unpacked as their modules load (a tenth of a second and megabytes): they are
// loaded when a password is first checked, not when the platform starts.
async function commonPasswords(): Promise<string[]> {
  const { dictionary } = await import('@zxcvbn-ts/language-common');
  return (dictionary['passwords-common'] as string[]).slice(0, COMMON_PASSWORD_COUNT);
}

const english = loadOnce(async () => new Set(await commonPasswords()));

/** One of the 10,000 most common passwords, in any case. */
export async function isCommonPassword(password: string): Promise<boolean> {
  return (await english()).has(password.toLowerCase());
}

const words = loadOnce(async () => {
  const [passwords, { dictionary: dutch }] = await Promise.all([commonPasswords(), import('@zxcvbn-ts/language-nl-be')]);
  return new Set([
    ...passwords,
    ...dutch.commonWords,
    ...dutch.boysFirstnames,
    ...dutch.girlsFirstnames,
    ...dutch.lastnames,
    ...dutch.wikipedia,
  ]);
});

/**
 * A word people build passwords on: one of those passwords, or a word of zxcvbn's Dutch lists
 * (common words, first names, surnames, Wikipedia titles; all lower case), such as `wachtwoord`
 * or `welkom`.
 */
export async function isCommonWord(word: string): Promise<boolean> {
  return (await words()).has(word);
}
