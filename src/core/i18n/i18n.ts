import { DEFAULT_LANGUAGE, isLanguage, type Language } from '../shared/language.js';
import { formatCount, formatMoney, formatPercent } from './format.js';

/** A number a text names as a quantity (a bound, a sum, a stock): written with the language's thousands separator. */
export interface Count {
  readonly count: number;
}

/** An amount of money in cents a text names: written in euros the language's way. */
export interface Money {
  readonly cents: number;
}

/** A percentage a text names (9 for 9 %): written the language's way, sign included. */
export interface Percent {
  readonly percent: number;
}

/** A percentage for a text: "9%" / "21,5%" (see Percent); a text never writes a % sign itself. */
export function percent(n: number): Percent {
  return { percent: n };
}

/** A quantity for a text: "10.000" / "10,000" (see Count). */
export function count(n: number): Count {
  return { count: n };
}

/** An amount of money in cents for a text: "€ 99.999,99" / "€99,999.99" (see Money). */
export function money(cents: number): Money {
  return { cents };
}

/**
 * What a text's placeholders are filled with. A plain number is written as it is, digits only (a
 * year, an id, a reference: "2027"); a quantity, an amount of money or a percentage is marked
 * as one, and written the language's way.
 */
export type Param = string | number | Count | Money | Percent;
export type Params = Record<string, Param>;

/** A lookup in one catalogue of texts: the text for a key, its {placeholders} filled in. */
export type Translator<K extends string> = (key: K, params?: Params) => string;

/** A placeholder's value as the language writes it. */
function paramText(param: Param, lang: Language): string {
  if (typeof param !== 'object') return String(param);
  if ('cents' in param) return formatMoney(param.cents, lang);
  return 'percent' in param ? formatPercent(param.percent, lang) : formatCount(param.count, lang);
}

/**
 * The lookup in one language's catalogue. The texts live with their layer (the pages' in
 * web/i18n, the mails' in core/mail); each builds its catalogue and looks it up through this.
 */
export function translatorFor<K extends string>(catalogue: Readonly<Record<K, string>>, lang: Language): Translator<K> {
  return (key, params) =>
    catalogue[key].replace(/\{(\w+)\}/g, (match, name: string) => {
      const param = params?.[name];
      return param === undefined ? match : paramText(param, lang);
    });
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
