/** What an attacker who knows the member knows: their address and their venue's name, slug and city. */
export interface PasswordContext {
  email: string;
  venueNames: string[];
}

/** The platform's names, which nobody's password may be built on. */
const PLATFORM_NAMES = ['groupz', 'groupz.now'];

/** Letters and digits are matched; anything else is a symbol. */
const SYMBOL = /[^\p{L}\p{N}]/u;
const DIGIT = /\p{N}/u;

/** The characters of a text in lower case, one code point each. */
function charactersOf(text: string): string[] {
  return [...text.normalize('NFC').toLowerCase()];
}

/** The letters and digits of a text, in lower case: `groupz.now` is `groupznow`. */
function alphanumericOf(text: string): string[] {
  return charactersOf(text).filter((char) => !SYMBOL.test(char));
}

/**
 * The words a password must not be built on for this member, as letters and digits: the platform's
 * names; their whole address, its local part, its whole domain and each label but the top-level
 * one; their venue's name, slug and city. Each whole (of at least two characters), and each of its
 * words of at least three letters (`wand` of `Klimhal De Wand`, `bakker` of `marit.bakker@...`).
 */
function contextWords({ email, venueNames }: PasswordContext): string[][] {
  const at = email.lastIndexOf('@');
  const domain = at < 0 ? '' : email.slice(at + 1);
  const labels = domain.split('.').slice(0, -1);
  const texts = [...PLATFORM_NAMES, email, email.slice(0, Math.max(at, 0)), domain, ...labels, ...venueNames];
  const found = new Map<string, string[]>();
  const add = (word: string[]) => found.set(word.join(''), word);
  for (const text of texts) {
    const whole = alphanumericOf(text);
    if (whole.length >= 2) add(whole);
    for (const part of text.split(/[^\p{L}\p{N}]+/u)) {
      const word = alphanumericOf(part);
      if (word.filter((char) => !DIGIT.test(char)).length >= 3) add(word);
    }
  }
  return [...found.values()];
}

/** Where `word` ends when it starts at `start`, symbols inside it skipped (`groupz.now` for `groupznow`); -1 if it does not. */
function matchEnd(characters: string[], start: number, word: string[]): number {
  let at = start;
  for (const [index, char] of word.entries()) {
    while (index > 0 && at < characters.length && SYMBOL.test(characters[at]!)) at++;
    if (characters[at] !== char) return -1;
    at++;
  }
  return at;
}

/** What is left of a password once context words are taken out: letters, and digits plus symbols. */
interface Rest {
  letters: number;
  padding: number;
}

const fewer = (a: Rest, b: Rest): boolean => a.letters < b.letters || (a.letters === b.letters && a.padding < b.padding);

/**
 * The least a password leaves once every context word it holds is taken out: the way of cutting
 * it into context words and single characters that leaves the fewest letters, then the fewest
 * digits and symbols. Symbols inside a context word are part of it. Null when the password holds
 * no context word at all.
 */
export function restAfterContext(password: string, context: PasswordContext): Rest | null {
  const characters = charactersOf(password);
  const words = contextWords(context);
  const best: (Rest | undefined)[] = [{ letters: 0, padding: 0 }];
  const offer = (at: number, rest: Rest) => {
    const known = best[at];
    if (!known || fewer(rest, known)) best[at] = rest;
  };
  for (const [at, char] of characters.entries()) {
    const here = best[at]!;
    const isLetter = !SYMBOL.test(char) && !DIGIT.test(char);
    offer(at + 1, { letters: here.letters + (isLetter ? 1 : 0), padding: here.padding + (isLetter ? 0 : 1) });
    for (const word of words) {
      const end = matchEnd(characters, at, word);
      if (end > at) offer(end, here);
    }
  }
  const rest = best[characters.length]!;
  return rest.letters + rest.padding < characters.length ? rest : null;
}
