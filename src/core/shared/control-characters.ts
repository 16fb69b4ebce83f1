/** Control characters: no name, address, title or search holds them, and PostgreSQL's text cannot hold U+0000. */
export const CONTROL = /[\u0000-\u001F\u007F]/;

/** Control characters but tabs and line breaks, which multi-line text (notes, descriptions) holds. */
export const CONTROL_EXCEPT_BREAKS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** Every control character as U+FFFD: for input that is only looked up, so that it matches nothing. */
export function withoutControls(text: string): string {
  return text.replace(new RegExp(CONTROL.source, 'g'), '\uFFFD');
}
