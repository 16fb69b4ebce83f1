import { isCommonPassword, isCommonWord } from './common-passwords.js';
import { type PasswordContext, restAfterContext } from './password-context.js';

export type { PasswordContext };

/** NIST 800-63B: at least 8 characters, long passphrases welcome, no composition rules. */
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 256;

/**
 * At most this many digits, symbols and spaces around a word still make a password "that word":
 * `Welkom123`, `wachtwoord2024!`. A word with more of them is left to the length rule.
 */
export const PASSWORD_PADDING_MAX = 6;

export type PasswordProblem = 'password_too_short' | 'password_too_long' | 'password_common' | 'password_predictable';

/** Fewer letters than this left beside context words make a password "those words": `DeWand2024`. */
const CONTEXT_REST_MAX_LETTERS = 2;

/** The letters of a text, in lower case: `Welkom-123!` is `welkom`. */
function lettersOf(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(/\P{L}+/gu, '');
}

/**
 * Why a new password is refused, or null. Length counts characters (code points), not bytes.
 * Refused besides: the 10,000 most common passwords; a password made only of words of the member's
 * context (see restAfterContext) with fewer than three other letters and at most
 * PASSWORD_PADDING_MAX digits or symbols (`m1@klimhal.test`, `groupz.now1`, `DeWand2024`); and one
 * whose letters are one common word (English passwords, Dutch words and names) with at most
 * PASSWORD_PADDING_MAX digits, symbols or spaces around it.
 */
export async function passwordProblem(
  password: string,
  context: PasswordContext = { email: '', venueNames: [] },
): Promise<PasswordProblem | null> {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return 'password_too_short';
  if (length > PASSWORD_MAX_LENGTH) return 'password_too_long';
  if (await isCommonPassword(password)) return 'password_common';
  const rest = restAfterContext(password, context);
  if (rest && rest.letters <= CONTEXT_REST_MAX_LETTERS && rest.padding <= PASSWORD_PADDING_MAX) return 'password_predictable';
  const letters = lettersOf(password);
  if (letters === '' || length - [...letters].length > PASSWORD_PADDING_MAX) return null;
  if (await isCommonWord(letters)) return 'password_common';
  return null;
}

// argon2, a native module, is loaded at the first sign-in or new password, not when the platform starts.
export async function hashPassword(password: string): Promise<string> {
  const { default: argon2 } = await import('argon2');
  // OWASP's argon2id baseline: 19 MiB, 2 iterations, 1 lane.
  return argon2.hash(password.normalize('NFC'), { type: argon2.argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 });
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  const { default: argon2 } = await import('argon2');
  try {
    return await argon2.verify(hash, password.normalize('NFC'));
  } catch {
    return false;
  }
}

/**
 * A hash to verify against when the email is unknown, so an unknown account costs the same time
 * as a wrong password and the answer does not tell them apart.
 */
let decoyHash: Promise<string> | undefined;
export function decoyPasswordHash(): Promise<string> {
  decoyHash ??= hashPassword('decoy password, never anyone’s');
  return decoyHash;
}
