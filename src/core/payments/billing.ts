import { z } from 'zod';
import { refuseTextProblem } from '../shared/control-characters.js';
import { jsonInputObject } from '../shared/json-input.js';
import { BILLING_COUNTRIES, DEFAULT_BILLING_COUNTRY, isBillingCountry, vatCountryFits } from './billing-countries.js';

/**
 * The billing details of a booking: who its invoices are addressed to (an organisation and its
 * postal address, several lines), the organisation's own reference for them (a purchase order
 * number, "uw kenmerk"; a venue can make it required when paying on invoice) and its VAT id when
 * it has one. Required when paying on invoice, optional however else the booking pays. Stored on
 * the booking (billing_* columns) so the invoices follow from it.
 */
export interface BillingDetails {
  organisation: string;
  /** Lines separated by "\n". */
  address: string;
  /** The organisation's own reference (PO number, "uw kenmerk"); null when none was given (a venue may require it). */
  reference: string | null;
  /** An EU VAT id in its normal form (upper case, no spaces or dots), e.g. NL123456789B01; null when none. */
  vatId: string | null;
  /** The address's country (billing-countries.ts), e.g. BE; null when none was given (the VAT id's, else NL). */
  country: string | null;
}

export const BILLING_LIMITS = { organisation: 160, address: 500, reference: 80, vatId: 20 } as const;

/**
 * The shape of each EU member state's VAT identification number (VIES), after the country
 * prefix; Greece uses EL, Northern Ireland XI. Only the shape: whether the number exists is
 * for VIES to say, which Groupz does not ask (no traffic beyond the platform).
 */
const VAT_SHAPES: Record<string, RegExp> = {
  AT: /^U\d{8}$/,
  BE: /^[01]\d{9}$/,
  BG: /^\d{9,10}$/,
  CY: /^\d{8}[A-Z]$/,
  CZ: /^\d{8,10}$/,
  DE: /^\d{9}$/,
  DK: /^\d{8}$/,
  EE: /^\d{9}$/,
  EL: /^\d{9}$/,
  ES: /^[A-Z0-9]\d{7}[A-Z0-9]$/,
  FI: /^\d{8}$/,
  FR: /^[A-HJ-NP-Z0-9]{2}\d{9}$/,
  HR: /^\d{11}$/,
  HU: /^\d{8}$/,
  IE: /^(\d{7}[A-W][A-I]?|\d[A-Z+*]\d{5}[A-W])$/,
  IT: /^\d{11}$/,
  LT: /^(\d{9}|\d{12})$/,
  LU: /^\d{8}$/,
  LV: /^\d{11}$/,
  MT: /^\d{8}$/,
  NL: /^\d{9}B\d{2}$/,
  PL: /^\d{10}$/,
  PT: /^\d{9}$/,
  RO: /^\d{2,10}$/,
  SE: /^\d{12}$/,
  SI: /^\d{8}$/,
  SK: /^\d{10}$/,
  XI: /^(\d{9}|\d{12}|GD\d{3}|HA\d{3})$/,
};

/**
 * The country of a VAT id (in normal form) as an e-invoice names countries (ISO 3166-1 alpha-2,
 * as EN 16931's code list BR-CL-14 has it): its prefix, but GR for Greece's EL; Northern
 * Ireland's XI is in that list itself. Null when the prefix is no EU VAT prefix.
 */
export function countryOfVatId(vatId: string): string | null {
  const prefix = vatId.slice(0, 2);
  if (!Object.hasOwn(VAT_SHAPES, prefix)) return null;
  return prefix === 'EL' ? 'GR' : prefix;
}

/** The country billing details put their invoices in: the one given, else the VAT id's, else the Netherlands. */
export function billingCountryOf({ country, vatId }: { country: string | null; vatId: string | null }): string {
  return country ?? (vatId && countryOfVatId(vatId)) ?? DEFAULT_BILLING_COUNTRY;
}

/** A VAT id as typed ("nl 1234.56.789.b01"), in its normal form: upper case, without spaces, dots and dashes. */
export function normalVatId(value: string): string {
  return value.replace(/[\s.-]/g, '').toUpperCase();
}

/** Whether a VAT id (in normal form) has the shape of its EU country's: NL + 9 digits + B + 2 digits, DE + 9 digits, ... */
export function isEuVatId(value: string): boolean {
  const shape = VAT_SHAPES[value.slice(0, 2)];
  return shape !== undefined && shape.test(value.slice(2));
}

function field(max: number, { required, multiline = false }: { required: boolean; multiline?: boolean }) {
  const base = z.string({ error: 'required' }).trim().max(max, 'too_long').superRefine(refuseTextProblem(multiline));
  return required ? base.refine((s) => s.length > 0, { message: 'required', abort: true }) : base;
}

/**
 * The billing details as sent (the form's `billing.*` fields, the API's `billing` object), however
 * the booking pays: when given at all, the organisation and its address are required (an invoice
 * is addressed to both). The messages are field error codes. What paying on invoice adds (the
 * details themselves, the reference where the venue requires it) is checked with the booking's
 * slot (billingErrors). A VAT id belongs to one country: given with a country, it must be that
 * country's (refused at the country, once the other billing details pass, as zod checks across fields).
 * The optional details sent as null are left out (jsonInputObject).
 */
export const billingSchema = jsonInputObject({
  organisation: field(BILLING_LIMITS.organisation, { required: true }).describe('The organisation the invoice is addressed to'),
  address: field(BILLING_LIMITS.address, { required: true, multiline: true })
    .transform((s) => s.replace(/\r\n?/g, '\n'))
    .describe('Its postal address for the invoice, lines separated by line breaks'),
  reference: field(BILLING_LIMITS.reference, { required: false })
    .default('')
    .transform((s) => (s === '' ? null : s))
    .describe(
      'The organisation\'s own reference for the invoice (purchase order number, "uw kenmerk"); required when the venue asks for it',
    ),
  vatId: field(BILLING_LIMITS.vatId + 10, { required: false })
    .default('')
    .transform(normalVatId)
    .refine((s) => s === '' || isEuVatId(s), 'invalid_vat_id')
    .transform((s) => (s === '' ? null : s))
    .describe('Its EU VAT id, optional: the country prefix and the national number, e.g. NL123456789B01'),
  country: z
    .string({ error: 'invalid_country' })
    .trim()
    .toUpperCase()
    .default('')
    .refine((s) => s === '' || isBillingCountry(s), 'invalid_country')
    .transform((s) => (s === '' ? null : s))
    .describe(
      `The country of its address, optional: an ISO 3166-1 alpha-2 code, one of ${BILLING_COUNTRIES.join(', ')}. Left out, the invoices take the VAT id's country, else NL. With a VAT id, it must be the VAT id's country (refused with vat_id_other_country at billing.country).`,
    ),
}).refine((billing) => !billing.vatId || !billing.country || vatCountryFits(countryOfVatId(billing.vatId) ?? '', billing.country), {
  path: ['country'],
  message: 'vat_id_other_country',
});

/** A billing detail's fault that depends on the activity (billingErrors). */
export type BillingError = { field: string; code: 'invoice_not_allowed' | 'required' };

/**
 * The billing details' faults that depend on the activity, for a booking paying on invoice (any
 * other booking's details are optional, and billingSchema checks them as given): paying on invoice
 * where the activity does not allow it (at `payBy`), no details, no reference where the venue
 * requires one.
 */
export function billingErrors(
  activity: { payment: { invoiceAllowed: boolean }; venue: { poRequired: boolean } },
  payBy: unknown,
  billing: unknown,
): BillingError[] {
  if (payBy !== 'invoice') return [];
  if (!activity.payment.invoiceAllowed) return [{ field: 'payBy', code: 'invoice_not_allowed' }];
  const given = typeof billing === 'object' && billing !== null ? (billing as Record<string, unknown>) : undefined;
  const missing = (value: unknown) => typeof value !== 'string' || value.trim() === '';
  const errors: { field: string; code: 'required' }[] = [];
  // Without the billing object at all, its required fields are missing (the schema takes it as optional).
  if (!given) errors.push({ field: 'billing.organisation', code: 'required' }, { field: 'billing.address', code: 'required' });
  if (activity.venue.poRequired && missing(given?.reference)) errors.push({ field: 'billing.reference', code: 'required' });
  return errors;
}
