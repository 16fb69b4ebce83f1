import { DEFAULT_LANGUAGE, isLanguage, type Language } from '../shared/language.js';

export type Params = Record<string, string | number>;

/** A lookup in one catalogue of texts: the text for a key, its {placeholders} filled in. */
export type Translator<K extends string> = (key: K, params?: Params) => string;

/**
 * The lookup in one language's catalogue. The texts live with their layer (the pages' in
 * web/i18n, the mails' in core/mail); each builds its catalogue and looks it up through this.
 */
export function translatorFor<K extends string>(catalogue: Readonly<Record<K, string>>): Translator<K> {
  return (key, params) => catalogue[key].replace(/\{(\w+)\}/g, (match, name: string) => String(params?.[name] ?? match));
}

/**
 * The visitor's language: their stored choice, else the first of nl/en their browser asks for
 * (by quality), else Dutch.
 */
export function negotiateLanguage(choice: string | undefined, acceptLanguage: string | undefined): Language {
  if (isLanguage(choice)) return choice;
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const quality = q ? Number(q.slice(2)) : 1;
      return { primary: tag.split('-')[0], quality: Number.isFinite(quality) ? quality : 0, index };
    })
    .filter((entry) => entry.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  const match = ranked.find((entry) => isLanguage(entry.primary));
  return (match?.primary as Language | undefined) ?? DEFAULT_LANGUAGE;
}
