import type { InvoiceBuyer } from './invoice-document.js';

/** The booking columns the buyer follows from. */
export interface BuyerColumns {
  organiser_name: string;
  organiser_email: string;
  organisation: string;
  billing_organisation: string | null;
  billing_address: string | null;
  billing_reference: string | null;
  billing_vat_id: string | null;
}

const POSTCODE_CITY = /^(\d{4}\s?[A-Za-z]{2})\s+(\S.*)$/;

/**
 * The buyer an invoice states: the organisation billed and its address when the booking gave
 * billing details (paying on invoice), else the organisation (or the organiser) without an
 * address. A Dutch "1234 AB City" line gives the postcode and city, the line before it the street.
 */
export function buyerOf(row: BuyerColumns): InvoiceBuyer {
  const addressLines = (row.billing_address ?? '')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  const at = addressLines.findIndex((line) => POSTCODE_CITY.test(line));
  const match = at >= 0 ? POSTCODE_CITY.exec(addressLines[at]!) : null;
  const name = row.billing_organisation ?? (row.organisation.trim() === '' ? row.organiser_name : row.organisation);
  return {
    name,
    addressLines,
    street: at > 0 ? addressLines[at - 1]! : null,
    postcode: match ? postcodeOf(match[1]!) : null,
    city: match ? match[2]! : null,
    country: 'NL',
    vatId: row.billing_vat_id,
    contactName: row.organiser_name,
    email: row.organiser_email,
    reference: row.billing_reference,
  };
}

/** "1234ab" and "1234 AB" as "1234 AB". */
function postcodeOf(text: string): string {
  const compact = text.replace(/\s/g, '').toUpperCase();
  return `${compact.slice(0, 4)} ${compact.slice(4)}`;
}
