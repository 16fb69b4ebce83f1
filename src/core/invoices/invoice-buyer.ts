import { billingCountryOf } from '../payments/billing.js';
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
  billing_country: string | null;
}

/** A Dutch "1234 AB City" line. */
const DUTCH_POSTCODE_CITY = /^(\d{4}\s?[A-Za-z]{2})\s+(\S.*)$/;
/** Elsewhere in the EU, a "1000 City" or "B-1000 City" line: four or five digits (Belgium, Germany, France ...). */
const DIGITS_POSTCODE_CITY = /^(?:[A-Z]{1,2}-)?(\d{4,5})\s+(\S.*)$/;

/**
 * The buyer an invoice states: the organisation billed and its address when the booking gave
 * billing details (however it pays), else the organisation (or the organiser) without an
 * address. Its country is the one the billing details name, else its VAT id's (GR for EL), else
 * the Netherlands. A postcode and city
 * line ("1234 AB City" in the Netherlands, "1000 City" elsewhere) gives the postcode and city, the
 * line before it the street.
 */
export function buyerOf(row: BuyerColumns): InvoiceBuyer {
  const addressLines = (row.billing_address ?? '')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  const country = billingCountryOf({ country: row.billing_country, vatId: row.billing_vat_id });
  const postcodeCity = country === 'NL' ? DUTCH_POSTCODE_CITY : DIGITS_POSTCODE_CITY;
  const at = addressLines.findIndex((line) => postcodeCity.test(line));
  const match = at >= 0 ? postcodeCity.exec(addressLines[at]!) : null;
  const name = row.billing_organisation ?? (row.organisation.trim() === '' ? row.organiser_name : row.organisation);
  return {
    name,
    addressLines,
    street: at > 0 ? addressLines[at - 1]! : null,
    postcode: match ? (country === 'NL' ? dutchPostcodeOf(match[1]!) : match[1]!) : null,
    city: match ? match[2]! : null,
    country,
    vatId: row.billing_vat_id,
    contactName: row.organiser_name,
    email: row.organiser_email,
    reference: row.billing_reference,
  };
}

/** "1234ab" and "1234 AB" as "1234 AB". */
function dutchPostcodeOf(text: string): string {
  const compact = text.replace(/\s/g, '').toUpperCase();
  return `${compact.slice(0, 4)} ${compact.slice(4)}`;
}
