/**
 * One area's messages in both languages. The English catalogue must have exactly the Dutch keys,
 * so a missing or extra translation is a type error.
 */
export function defineMessages<const N extends Record<string, string>>(
  nl: N,
  en: { [K in keyof N]: string },
): { nl: N; en: { [K in keyof N]: string } } {
  return { nl, en };
}
