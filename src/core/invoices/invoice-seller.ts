import type { InvoiceSeller } from './invoice-document.js';

/** The venue billing details an invoice cannot go without, in the order the back office asks them. */
export const SELLER_FIELDS = ['legalName', 'street', 'postcode', 'city', 'kvkNumber', 'vatId', 'iban', 'invoicePrefix'] as const;
export type SellerField = (typeof SELLER_FIELDS)[number];

/**
 * The venue's columns that the seller follows from: its billing details (those the invoices
 * migration added, but the term) and its contact details. The one list the reads select.
 */
export const SELLER_COLUMNS = [
  'billing_legal_name',
  'billing_street',
  'billing_postcode',
  'billing_city',
  'kvk_number',
  'vat_id',
  'iban',
  'bic',
  'invoice_prefix',
  'contact_email',
  'contact_phone',
] as const;

/** Those columns as a row holds them. */
export type SellerColumns = Record<(typeof SELLER_COLUMNS)[number], string | null>;

/**
 * The seller an invoice of this venue states, or the billing details still missing: a venue
 * without all of them issues no invoice, and its back office lists what to fill in. The columns
 * hold validated values (venue-billing), so only presence is checked here.
 */
export function sellerOf(venue: SellerColumns): { ok: true; seller: InvoiceSeller } | { ok: false; missing: SellerField[] } {
  const values: Record<SellerField, string | null> = {
    legalName: venue.billing_legal_name,
    street: venue.billing_street,
    postcode: venue.billing_postcode,
    city: venue.billing_city,
    kvkNumber: venue.kvk_number,
    vatId: venue.vat_id,
    iban: venue.iban,
    invoicePrefix: venue.invoice_prefix,
  };
  const missing = SELLER_FIELDS.filter((field) => (values[field] ?? '').trim() === '');
  if (missing.length > 0) return { ok: false, missing };
  const street = values.street as string;
  const postcode = values.postcode as string;
  const city = values.city as string;
  return {
    ok: true,
    seller: {
      name: values.legalName as string,
      addressLines: [street, `${postcode} ${city}`],
      street,
      postcode,
      city,
      country: 'NL',
      vatId: values.vatId as string,
      kvkNumber: values.kvkNumber as string,
      iban: values.iban as string,
      bic: venue.bic,
      email: venue.contact_email,
      phone: venue.contact_phone,
    },
  };
}
