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
const PERCENT: Record<Language, Intl.NumberFormat> = {
  nl: new Intl.NumberFormat(LOCALES.nl, { style: 'percent', maximumFractionDigits: 2 }),
  en: new Intl.NumberFormat(LOCALES.en, { style: 'percent', maximumFractionDigits: 2 }),
};
const TIME = new Intl.DateTimeFormat('en-GB', { timeZone: VENUE_ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

const COUNT: Record<Language, Intl.NumberFormat> = {
  nl: new Intl.NumberFormat(LOCALES.nl, { maximumFractionDigits: 2 }),
  en: new Intl.NumberFormat(LOCALES.en, { maximumFractionDigits: 2 }),
};

/** "10.000" / "10,000": a quantity (a bound, a sum), with the language's separators, two decimals at most. */
export function formatCount(n: number, lang: Language): string {
  return COUNT[lang].format(n);
}

export function formatMoney(cents: number, lang: Language): string {
  return MONEY[lang].format(cents / 100);
}

/**
 * "9%" / "21,5%" / "21.5%": a percentage (9 for 9 %), the one way every page, mail and document
 * writes one, as the language's Intl percent style does; two decimals at most.
 */
export function formatPercent(percent: number, lang: Language): string {
  return PERCENT[lang].format(percent / 100);
}

/** A VAT rate in basis points (900 = 9 %) as a percentage: "9%" / "21,5%". */
export function formatRate(rateBp: number, lang: Language): string {
  return formatPercent(rateBp / 100, lang);
}

function local(instant: Date, lang: Language): DateTime {
  return DateTime.fromJSDate(instant, { zone: VENUE_ZONE }).setLocale(LOCALES[lang]);
}

/*
 * One way to write each kind of moment, in pages, mails and the back office alike, always in Amsterdam
 * time: a date "za 12 jun 2027" / "Sat 12 Jun 2027", a time "10:00", both "za 12 jun 2027, 10:00",
 * a visit "za 12 jun 2027, 10:00–11:30". Files for machines (CSV, .ics, the API) keep ISO 8601.
 */
const DATE_FORMAT = 'ccc d LLL yyyy';

const dates = remembered((langAndTime) => {
  const [lang, time] = langAndTime.split(' ') as [Language, string];
  return local(new Date(Number(time)), lang).toFormat(DATE_FORMAT);
});

/** "za 12 jun 2027" / "Sat 12 Jun 2027", in Amsterdam time. */
export function formatDate(instant: Date, lang: Language): string {
  return dates(`${lang} ${instant.getTime()}`);
}

const times = remembered((time) => TIME.format(Number(time)));

/** "10:00", Amsterdam time. */
export function formatTime(instant: Date): string {
  return times(String(instant.getTime()));
}

/** "za 12 jun 2027, 10:00" / "Sat 12 Jun 2027, 10:00", Amsterdam time. */
export function formatDateTime(instant: Date, lang: Language): string {
  return `${formatDate(instant, lang)}, ${formatTime(instant)}`;
}

/** "za 12 jun 2027, 10:00:05": the activity log, where seconds tell events apart. */
export function formatDateTimeSeconds(instant: Date, lang: Language): string {
  return `${formatDate(instant, lang)}, ${local(instant, lang).toFormat('HH:mm:ss')}`;
}

/** "za 12 jun 2027, 10:00–11:30": a visit; one that ends on a later day names both dates. */
export function formatRange(start: Date, end: Date, lang: Language): string {
  const sameDay = formatDate(start, lang) === formatDate(end, lang);
  return sameDay ? `${formatDateTime(start, lang)}–${formatTime(end)}` : `${formatDateTime(start, lang)} – ${formatDateTime(end, lang)}`;
}

const SIZE_UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;

/** "12,4 MB" / "12.4 MB": a size in decimal units (1 kB = 1000 bytes), one decimal at most. */
export function formatBytes(bytes: number, lang: Language): string {
  const exponent = bytes < 1000 ? 0 : Math.min(SIZE_UNITS.length - 1, Math.floor(Math.log10(bytes) / 3));
  return new Intl.NumberFormat(LOCALES[lang], { style: 'unit', unit: SIZE_UNITS[exponent], maximumFractionDigits: 1 }).format(
    bytes / 1000 ** exponent,
  );
}

/** "6 december 2028" / "6 December 2028": a calendar date (YYYY-MM-DD) written out, as a voucher's last valid day. */
export function formatLongDate(localDate: string, lang: Language): string {
  return DateTime.fromISO(localDate, { zone: 'UTC' }).setLocale(LOCALES[lang]).toFormat('d LLLL yyyy');
}

const BINARY_UNITS = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'] as const;

/** "1,5 GiB" / "1.5 GiB": a size in powers of 1024, as GROUPZ_DISK_WARN_SIZE takes it, one decimal at most. */
export function formatBinaryBytes(bytes: number, lang: Language): string {
  const exponent = bytes < 1024 ? 0 : Math.min(BINARY_UNITS.length - 1, Math.floor(Math.log2(bytes) / 10));
  const amount = new Intl.NumberFormat(LOCALES[lang], { maximumFractionDigits: 1 }).format(bytes / 1024 ** exponent);
  return `${amount} ${BINARY_UNITS[exponent]}`;
}

/** "8,5%" / "8.5%": a share (0 to 1) of a whole, one decimal at most. */
export function formatShare(share: number, lang: Language): string {
  return formatPercent(Math.round(share * 1000) / 10, lang);
}
