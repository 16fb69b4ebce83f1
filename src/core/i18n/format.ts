import { DateTime } from 'luxon';
import { remembered } from '../shared/remembered.js';
import { VENUE_ZONE } from '../shared/time.js';
import type { Language } from '../shared/language.js';

const LOCALES: Record<Language, string> = { nl: 'nl-NL', en: 'en-GB' };

// Formatters are made once: making one costs far more than using it, and a page of slots formats
// a price and a time for every slot.
const MONEY: Record<Language, Intl.NumberFormat> = {
  nl: new Intl.NumberFormat(LOCALES.nl, { style: 'currency', currency: 'EUR' }),
  en: new Intl.NumberFormat(LOCALES.en, { style: 'currency', currency: 'EUR' }),
};
const RATE: Record<Language, Intl.NumberFormat> = {
  nl: new Intl.NumberFormat(LOCALES.nl, { style: 'percent', maximumFractionDigits: 2 }),
  en: new Intl.NumberFormat(LOCALES.en, { style: 'percent', maximumFractionDigits: 2 }),
};
const TIME = new Intl.DateTimeFormat('en-GB', { timeZone: VENUE_ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

export function formatMoney(cents: number, lang: Language): string {
  return MONEY[lang].format(cents / 100);
}

export function formatRate(rateBp: number, lang: Language): string {
  return RATE[lang].format(rateBp / 10_000);
}

function local(instant: Date, lang: Language): DateTime {
  return DateTime.fromJSDate(instant, { zone: VENUE_ZONE }).setLocale(LOCALES[lang]);
}

const dates = remembered((langAndTime) => {
  const [lang, time] = langAndTime.split(' ') as [Language, string];
  return local(new Date(Number(time)), lang).toFormat('cccc d LLLL yyyy');
});

/** "zaterdag 28 november 2026" / "Saturday 28 November 2026", in Amsterdam time. */
export function formatDate(instant: Date, lang: Language): string {
  return dates(`${lang} ${instant.getTime()}`);
}

const times = remembered((time) => TIME.format(Number(time)));

/** "10:00", Amsterdam time. */
export function formatTime(instant: Date): string {
  return times(String(instant.getTime()));
}

/** "22-11-2026 14:05" / "22/11/2026 14:05", Amsterdam time: for lists in the back office. */
export function formatDateTime(instant: Date, lang: Language): string {
  return local(instant, lang).toFormat(lang === 'nl' ? 'dd-LL-yyyy HH:mm' : 'dd/LL/yyyy HH:mm');
}

/** "22-11-2026 14:05:09" / "22/11/2026 14:05:09", Amsterdam time: for the activity log. */
export function formatDateTimeSeconds(instant: Date, lang: Language): string {
  return local(instant, lang).toFormat(lang === 'nl' ? 'dd-LL-yyyy HH:mm:ss' : 'dd/LL/yyyy HH:mm:ss');
}

const SIZE_UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;

/** "12,4 MB" / "12.4 MB": a size in decimal units (1 kB = 1000 bytes), one decimal at most. */
export function formatBytes(bytes: number, lang: Language): string {
  const exponent = bytes < 1000 ? 0 : Math.min(SIZE_UNITS.length - 1, Math.floor(Math.log10(bytes) / 3));
  return new Intl.NumberFormat(LOCALES[lang], { style: 'unit', unit: SIZE_UNITS[exponent], maximumFractionDigits: 1 }).format(
    bytes / 1000 ** exponent,
  );
}
