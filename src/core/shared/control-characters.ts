import type { z } from 'zod';

/**
 * Control characters (C0, DEL and C1, U+0085 "next line" among them) and Unicode's line and
 * paragraph separators: no name, address, title or search holds them, and PostgreSQL's text cannot
 * hold U+0000.
 */
export const CONTROL = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/;

/** Control characters but tabs and line breaks (CR, LF, U+2028, U+2029), which multi-line text (notes, descriptions) holds. */
export const CONTROL_EXCEPT_BREAKS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

/** Every control character as U+FFFD: for input that is only looked up, so that it matches nothing. */
export function withoutControls(text: string): string {
  return text.replace(new RegExp(CONTROL.source, 'g'), '\uFFFD');
}

/**
 * Bidirectional embeddings, overrides and isolates (U+202A-202E, U+2066-2069): they make text
 * display in another order than it is stored ("Trojan Source"), so a name could pose as another.
 */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/;

/**
 * Text that was not Unicode when it came in. U+FFFD stands for bytes that were not UTF-8: the body
 * parsers decode such bytes (raw or percent-escaped) to it, so the field that held them is the
 * field that holds it. A lone surrogate (JSON's "\\ud800") is no character at all.
 */
const NOT_DECODED = /[\uFFFD\uD800-\uDFFF]/u;

/** Characters that show nothing: default-ignorable ones (U+200B, U+2060, U+3164 Hangul filler, U+FEFF) and the blank Braille pattern. */
const INVISIBLE = /[\p{Default_Ignorable_Code_Point}\u2800]/gu;

/**
 * What a reader can read: a letter, digit, punctuation mark or symbol. Text without one is white
 * space, format characters, combining marks with nothing to sit on, private-use or unassigned
 * code points: nothing a person or a font shows as a name.
 */
const READABLE = /[\p{L}\p{N}\p{P}\p{S}]/u;

export type TextProblem = 'invalid_characters' | 'invalid_encoding' | 'invisible_only';

/**
 * What is wrong with a text a person typed, if anything: the one check every text field (names,
 * addresses, titles, notes, answers) makes. Empty text is no problem here: required fields say so.
 */
export function textProblem(text: string, { multiline = false }: { multiline?: boolean } = {}): TextProblem | undefined {
  if (NOT_DECODED.test(text)) return 'invalid_encoding';
  if ((multiline ? CONTROL_EXCEPT_BREAKS : CONTROL).test(text) || BIDI_CONTROLS.test(text)) return 'invalid_characters';
  if (!READABLE.test(text.replace(INVISIBLE, ''))) return 'invisible_only';
  return undefined;
}

/** The text check as a zod refinement (for `superRefine`) whose message is the problem's field code. */
export function refuseTextProblem(multiline: boolean) {
  return (s: string, ctx: z.RefinementCtx) => {
    const problem = s === '' ? undefined : textProblem(s, { multiline });
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  };
}
