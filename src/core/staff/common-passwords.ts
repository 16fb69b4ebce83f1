import { dictionary } from '@zxcvbn-ts/language-common';

/**
 * The 10,000 most common passwords: the head of zxcvbn's frequency-ranked list of leaked
 * passwords. Compared case-insensitively, as the list is lower case.
 */
export const COMMON_PASSWORD_COUNT = 10_000;

let common: Set<string> | undefined;

export function isCommonPassword(password: string): boolean {
  common ??= new Set((dictionary['passwords-common'] as string[]).slice(0, COMMON_PASSWORD_COUNT));
  return common.has(password.toLowerCase());
}
