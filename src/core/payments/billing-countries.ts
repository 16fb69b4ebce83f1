import type { Language } from '../shared/language.js';

/**
 * The countries a billing address may be in (ISO 3166-1 alpha-2, as an e-invoice names them):
 * the member states of the EU (Greece as GR), the rest of the EEA (Iceland, Liechtenstein,
 * Norway), Switzerland and the United Kingdom. The Netherlands when none is given.
 */
// prettier-ignore
export const BILLING_COUNTRIES = [
  'AT', 'BE', 'BG', 'CY', 'CZ', 'DE', 'DK', 'EE', 'ES', 'FI', 'FR', 'GR', 'HR', 'HU', 'IE', 'IT', 'LT', 'LU', 'LV', 'MT',
  'NL', 'PL', 'PT', 'RO', 'SE', 'SI', 'SK', 'IS', 'LI', 'NO', 'CH', 'GB',
] as const;

export type BillingCountry = (typeof BILLING_COUNTRIES)[number];

export const DEFAULT_BILLING_COUNTRY: BillingCountry = 'NL';

export function isBillingCountry(value: string): value is BillingCountry {
  return (BILLING_COUNTRIES as readonly string[]).includes(value);
}

const LOCALES: Record<Language, string> = { nl: 'nl-NL', en: 'en-GB' };

/**
 * A country's name in the language (ICU's names, as Node ships them): "België" / "Belgium"; the
 * code itself for one ICU does not name (XI, Northern Ireland's VAT prefix).
 */
export function countryName(code: string, lang: Language): string {
  return new Intl.DisplayNames([LOCALES[lang]], { type: 'region', fallback: 'code' }).of(code) ?? code;
}

/** The billing countries with their names in the language, in the language's alphabetical order. */
export function billingCountryChoices(lang: Language): { code: BillingCountry; name: string }[] {
  const collator = new Intl.Collator(LOCALES[lang]);
  return BILLING_COUNTRIES.map((code) => ({ code, name: countryName(code, lang) })).sort((a, b) => collator.compare(a.name, b.name));
}

/**
 * Whether a VAT id's country (countryOfVatId) is the billing country: the same code, or Northern
 * Ireland's XI in the United Kingdom.
 */
export function vatCountryFits(vatCountry: string, country: string): boolean {
  return vatCountry === country || (vatCountry === 'XI' && country === 'GB');
}
