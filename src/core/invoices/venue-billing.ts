import { isValidBIC, isValidIBAN } from 'ibantools';
import { z } from 'zod';
import { type NumberWriting, requiredText, wholeNumber } from '../catalog/admin-fields.js';
import { normalVatId } from '../payments/billing.js';
import { parseEachField, type FormResult } from '../shared/field-errors.js';
import type { SellerColumns } from './invoice-seller.js';

/**
 * A venue's billing details, which every invoice it issues states (Belastingdienst's
 * factuurvereisten: the supplier's name, address, VAT id and KvK number), with the account its
 * invoices are paid to, the prefix of its invoice numbers and its default payment term. Stored in
 * the venue's billing columns (VenueTable), in the normal forms below.
 */
export interface VenueBilling {
  legalName: string;
  street: string;
  /** Dutch, normal form "1234 AB". */
  postcode: string;
  city: string;
  /** 8 digits. */
  kvkNumber: string;
  /** Normal form, e.g. NL123456789B01. */
  vatId: string;
  /** Normal form: upper case, no spaces. */
  iban: string;
  /** Upper case, 8 or 11 characters; null when not given. */
  bic: string | null;
  /** 2 to 12 of A-Z, 0-9 and '-', e.g. GZ-AMS. */
  invoicePrefix: string;
  /** Days an invoice is due after its date, 1 to 90. */
  termDays: number;
}

/** The form as typed (every field a string), so a refused form comes back exactly as it was sent. */
export type VenueBillingForm = Record<keyof VenueBilling, string>;

/** The form's fields, in its order (SELLER_FIELDS, then the BIC and the term). */
export const VENUE_BILLING_FIELDS = [
  'legalName',
  'street',
  'postcode',
  'city',
  'kvkNumber',
  'vatId',
  'iban',
  'bic',
  'invoicePrefix',
  'termDays',
] as const satisfies readonly (keyof VenueBilling)[];

export const VENUE_BILLING_LIMITS = { legalName: 160, street: 160, city: 120, termDays: { min: 1, max: 90 } } as const;

/** Without spaces, dots and dashes, upper case: how IBANs, BICs and KvK numbers are typed apart from their normal form. */
function compact(value: string): string {
  return value.replace(/[\s.-]/g, '').toUpperCase();
}

/**
 * A Dutch postcode (1234 AB) in its normal form, or null: four digits, the first not 0, and two
 * letters; PostNL uses no SA, SD or SS.
 */
export function normalDutchPostcode(value: string): string | null {
  const match = /^([1-9]\d{3}) ?([A-Z]{2})$/.exec(value.trim().toUpperCase());
  if (!match || ['SA', 'SD', 'SS'].includes(match[2]!)) return null;
  return `${match[1]} ${match[2]}`;
}

/** The 11-test of the older btw-nummer (RSIN or BSN + B + 2 digits): weights 9..2 on the first 8 digits, the sum mod 11 is the 9th. */
function passesElevenTest(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(digits[i]) * (9 - i);
  return sum % 11 === Number(digits[8]);
}

/**
 * ISO 7064 mod 97-10 over the whole id, letters as numbers (A = 10 ... Z = 35, so N = 23, L = 21,
 * B = 11): the check of the btw-identificatienummer the Belastingdienst gives since 2020, whose
 * digits are no longer a BSN.
 */
function passesMod97(id: string): boolean {
  const digits = [...id].map((c) => (c >= 'A' && c <= 'Z' ? String(c.charCodeAt(0) - 55) : c)).join('');
  let rest = 0;
  for (const digit of digits) rest = (rest * 10 + Number(digit)) % 97;
  return rest === 1;
}

/**
 * Whether a VAT id (in normal form, normalVatId) has the Dutch shape, NL + 9 digits + B + 2
 * digits. Whether it passes the check too is isDutchVatId.
 */
export function isDutchVatIdShape(id: string): boolean {
  return /^NL\d{9}B\d{2}$/.test(id);
}

/**
 * Whether a Dutch VAT id (normal form) passes its check: the 9 digits pass the 11-test (the
 * omzetbelastingnummer, still the btw-id of companies with an RSIN) or the whole id passes mod 97
 * (the btw-identificatienummer of sole traders since 1 January 2020, which the Belastingdienst
 * composes with mod 97 so as not to overlap with the 11-test). Either is valid. Described in
 * python-stdnum's `stdnum.nl.btw` (arthurdejong.org/python-stdnum, "valid since 2020-01-01":
 * NL002455799B11) and the Belastingdienst's notice to software makers (kleineondernemer.nl, "Nieuw
 * btw-identificatienummer vanaf 1 januari 2020": "Voor het samenstellen wordt de modulo 97
 * berekening gebruikt"). Only the check: whether it is registered is for VIES to say.
 */
export function isDutchVatId(id: string): boolean {
  if (!isDutchVatIdShape(id)) return false;
  const digits = id.slice(2, 11);
  if (digits === '000000000') return false;
  return passesElevenTest(digits) || passesMod97(id);
}

/** Required text, then `normal` of it, or the code when it gives null. */
function normalised(normal: (s: string) => string | null, code: string) {
  return z
    .string()
    .trim()
    .refine((s) => s.length > 0, { message: 'required', abort: true })
    .transform((s, ctx) => {
      const value = normal(s);
      if (value === null) {
        ctx.addIssue({ code: 'custom', message: code });
        return z.NEVER;
      }
      return value;
    });
}

const shape = (lang: NumberWriting) => ({
  legalName: requiredText(VENUE_BILLING_LIMITS.legalName),
  street: requiredText(VENUE_BILLING_LIMITS.street),
  postcode: normalised(normalDutchPostcode, 'invalid_postcode'),
  city: requiredText(VENUE_BILLING_LIMITS.city),
  kvkNumber: normalised((s) => (/^\d{8}$/.test(compact(s)) ? compact(s) : null), 'invalid_kvk_number'),
  vatId: z
    .string()
    .trim()
    .refine((s) => s.length > 0, { message: 'required', abort: true })
    .transform(normalVatId)
    .refine(isDutchVatIdShape, { message: 'invalid_nl_vat_id', abort: true })
    .refine(isDutchVatId, 'vat_id_check_failed'),
  iban: normalised((s) => (isValidIBAN(compact(s)) ? compact(s) : null), 'invalid_iban'),
  bic: z
    .string()
    .transform(compact)
    .refine((s) => s === '' || isValidBIC(s), 'invalid_bic')
    .transform((s) => s || null),
  invoicePrefix: normalised(
    (s) => (/^[A-Z0-9][A-Z0-9-]{0,10}[A-Z0-9]$/.test(s.toUpperCase()) ? s.toUpperCase() : null),
    'invalid_invoice_prefix',
  ),
  termDays: wholeNumber(VENUE_BILLING_LIMITS.termDays.min, VENUE_BILLING_LIMITS.termDays.max, lang),
});

/**
 * The billing details form as typed: every field required but the BIC; every fault at once, one
 * per field, in the form's order. Values come back in their normal forms: the postcode as
 * "1234 AB", the KvK number, VAT id, IBAN and BIC without spaces, dots or dashes and upper case,
 * the prefix upper case. The term is read as written in `lang`, the page's language.
 */
export function parseVenueBilling(form: Partial<Record<keyof VenueBilling, unknown>>, lang: NumberWriting): FormResult<VenueBilling> {
  const typed = Object.fromEntries(VENUE_BILLING_FIELDS.map((name) => [name, typeof form[name] === 'string' ? form[name] : '']));
  const { values, errors } = parseEachField(shape(lang), typed);
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, value: values as VenueBilling };
}

/** The venue's billing columns as read, the term included. */
export type VenueBillingColumns = Omit<SellerColumns, 'contact_email' | 'contact_phone'> & { invoice_term_days: number };

/** Stored billing details as the form shows them ('' for what is not given yet). */
export function venueBillingFormOf(row: VenueBillingColumns): VenueBillingForm {
  return {
    legalName: row.billing_legal_name ?? '',
    street: row.billing_street ?? '',
    postcode: row.billing_postcode ?? '',
    city: row.billing_city ?? '',
    kvkNumber: row.kvk_number ?? '',
    vatId: row.vat_id ?? '',
    iban: row.iban ?? '',
    bic: row.bic ?? '',
    invoicePrefix: row.invoice_prefix ?? '',
    termDays: String(row.invoice_term_days),
  };
}

/** Billing details as the venue's columns hold them. */
export function venueBillingColumnsOf(billing: VenueBilling): VenueBillingColumns {
  return {
    billing_legal_name: billing.legalName,
    billing_street: billing.street,
    billing_postcode: billing.postcode,
    billing_city: billing.city,
    kvk_number: billing.kvkNumber,
    vat_id: billing.vatId,
    iban: billing.iban,
    bic: billing.bic,
    invoice_prefix: billing.invoicePrefix,
    invoice_term_days: billing.termDays,
  };
}
