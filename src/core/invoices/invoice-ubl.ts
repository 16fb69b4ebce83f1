import { create } from 'xmlbuilder2';
import type { InvoiceBuyer, InvoiceDocument, InvoiceLine, InvoiceParty, InvoiceSeller } from './invoice-document.js';

// The UBL 2.1 e-invoice of an issued document, following Peppol BIS Billing 3.0 (EN 16931 with
// Peppol's and the Dutch (NLCIUS) rules): an Invoice, or a CreditNote with positive amounts that
// refers to the invoice it corrects. What is checked and how: docs/invoices.md.

export const CUSTOMIZATION_ID = 'urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0';
export const PROFILE_ID = 'urn:fdc:peppol.eu:2017:poacc:billing:01:1.0';

const NAMESPACES = {
  cac: 'urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2',
  cbc: 'urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2',
  Invoice: 'urn:oasis:names:specification:ubl:schema:xsd:Invoice-2',
  CreditNote: 'urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2',
};

/** Electronic address schemes (EAS): KvK number, Dutch VAT number, e-mail. */
const KVK_SCHEME = '0106';
const NL_VAT_SCHEME = '9944';
const EMAIL_SCHEME = 'EM';
/** UNCL4461: SEPA credit transfer. */
const SEPA_CREDIT_TRANSFER = '58';
/** UNECE Rec 20: "one" (a unit, a person). */
const UNIT = 'C62';

/** An XML element as xmlbuilder2 takes it from an object: text at '#', attributes at '@name'; undefined leaves it out. */
type Xml = { [name: string]: Xml | Xml[] | string | undefined };

/** Cents as a decimal amount with two decimals: 64160 -> "641.60", -5 -> "-0.05". */
export function decimalOf(cents: number): string {
  const abs = Math.abs(cents);
  return `${cents < 0 ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

function amount(cents: number): Xml {
  return { '@currencyID': 'EUR', '#': decimalOf(cents) };
}

/** A VAT rate in basis points as a percentage: 900 -> "9", 2150 -> "21.5". */
function percentOf(rateBp: number): string {
  return String(rateBp / 100);
}

/** UNCL5305: standard rate, or zero rated. */
function taxCategory(rateBp: number): Xml {
  return { 'cbc:ID': rateBp === 0 ? 'Z' : 'S', 'cbc:Percent': percentOf(rateBp), 'cac:TaxScheme': { 'cbc:ID': 'VAT' } };
}

function postalAddress(party: InvoiceParty): Xml {
  // An address that could not be read into parts goes out as its printed lines, the first as the street.
  const structured = party.street !== null;
  const [first, second, ...rest] = party.addressLines;
  return {
    'cbc:StreetName': structured ? (party.street ?? undefined) : first,
    'cbc:AdditionalStreetName': structured ? undefined : second,
    'cbc:CityName': party.city ?? undefined,
    'cbc:PostalZone': party.postcode ?? undefined,
    'cac:AddressLine': rest.length > 0 && !structured ? { 'cbc:Line': rest.join(', ') } : undefined,
    'cac:Country': { 'cbc:IdentificationCode': party.country },
  };
}

function vatScheme(vatId: string | null): Xml | undefined {
  return vatId ? { 'cbc:CompanyID': vatId, 'cac:TaxScheme': { 'cbc:ID': 'VAT' } } : undefined;
}

function sellerParty(seller: InvoiceSeller): Xml {
  return {
    'cac:Party': {
      'cbc:EndpointID': { '@schemeID': KVK_SCHEME, '#': seller.kvkNumber },
      'cac:PartyName': { 'cbc:Name': seller.name },
      'cac:PostalAddress': postalAddress(seller),
      'cac:PartyTaxScheme': vatScheme(seller.vatId),
      'cac:PartyLegalEntity': { 'cbc:RegistrationName': seller.name, 'cbc:CompanyID': { '@schemeID': KVK_SCHEME, '#': seller.kvkNumber } },
      'cac:Contact':
        seller.email || seller.phone
          ? { 'cbc:Telephone': seller.phone ?? undefined, 'cbc:ElectronicMail': seller.email ?? undefined }
          : undefined,
    },
  };
}

/** The buyer's electronic address: its Dutch VAT number where it has one, else its e-mail address. */
function buyerEndpoint(buyer: InvoiceBuyer): Xml {
  return buyer.vatId?.startsWith('NL') ? { '@schemeID': NL_VAT_SCHEME, '#': buyer.vatId } : { '@schemeID': EMAIL_SCHEME, '#': buyer.email };
}

function buyerParty(buyer: InvoiceBuyer): Xml {
  return {
    'cac:Party': {
      'cbc:EndpointID': buyerEndpoint(buyer),
      'cac:PartyName': { 'cbc:Name': buyer.name },
      'cac:PostalAddress': postalAddress(buyer),
      'cac:PartyTaxScheme': vatScheme(buyer.vatId),
      'cac:PartyLegalEntity': { 'cbc:RegistrationName': buyer.name },
      'cac:Contact': { 'cbc:Name': buyer.contactName, 'cbc:ElectronicMail': buyer.email },
    },
  };
}

/**
 * A line as UBL states it: the price is never negative (BR-27), so a line that takes something
 * off has a negative quantity; `sign` is -1 on a credit note, whose amounts UBL wants positive.
 */
function ublLine(line: InvoiceLine, index: number, sign: 1 | -1, creditNote: boolean): Xml {
  const priceNegative = line.unitNet.trim().startsWith('-');
  const price = priceNegative ? line.unitNet.trim().slice(1) : line.unitNet.trim();
  const quantity = line.quantity * sign * (priceNegative ? -1 : 1);
  return {
    'cbc:ID': String(index + 1),
    [creditNote ? 'cbc:CreditedQuantity' : 'cbc:InvoicedQuantity']: { '@unitCode': UNIT, '#': String(quantity) },
    'cbc:LineExtensionAmount': amount(line.netCents * sign),
    'cac:Item': { 'cbc:Name': line.description, 'cac:ClassifiedTaxCategory': taxCategory(line.vatRateBp) },
    'cac:Price': { 'cbc:PriceAmount': { '@currencyID': 'EUR', '#': price } },
  };
}

function creditTerms(document: InvoiceDocument): string {
  const numbers = document.references.map((reference) => reference.number).join(', ');
  return document.language === 'nl' ? `Verrekend met factuur ${numbers}` : `Settled against invoice ${numbers}`;
}

/** Drops the keys whose value is undefined, all the way down: xmlbuilder2 would write them as empty elements. */
function pruned(xml: Xml): Xml {
  const out: Xml = {};
  for (const [key, value] of Object.entries(xml)) {
    if (value === undefined) continue;
    out[key] = typeof value === 'string' ? value : Array.isArray(value) ? value.map(pruned) : pruned(value);
  }
  return out;
}

/** The document as a UBL 2.1 Invoice (type 380, or 386 for a deposit) or CreditNote (381), Peppol BIS Billing 3.0. */
export function renderInvoiceUbl(document: InvoiceDocument): string {
  const creditNote = document.kind === 'credit_note';
  const root = creditNote ? 'CreditNote' : 'Invoice';
  const sign = creditNote ? -1 : 1;
  const payable = document.payableCents * sign;
  const body: Xml = {
    '@xmlns': NAMESPACES[root],
    '@xmlns:cac': NAMESPACES.cac,
    '@xmlns:cbc': NAMESPACES.cbc,
    'cbc:CustomizationID': CUSTOMIZATION_ID,
    'cbc:ProfileID': PROFILE_ID,
    'cbc:ID': document.number,
    'cbc:IssueDate': document.issueDate,
    'cbc:DueDate': !creditNote && document.dueOn ? document.dueOn : undefined,
    [creditNote ? 'cbc:CreditNoteTypeCode' : 'cbc:InvoiceTypeCode']: creditNote ? '381' : document.purpose === 'deposit' ? '386' : '380',
    'cbc:Note': document.subject,
    'cbc:DocumentCurrencyCode': 'EUR',
    // Peppol wants a buyer reference or an order reference (PEPPOL-EN16931-R003): the PO number, else the booking's.
    'cbc:BuyerReference': document.buyer.reference ?? document.bookingReference,
    'cac:OrderReference': document.buyer.reference ? { 'cbc:ID': document.buyer.reference } : undefined,
    'cac:BillingReference': document.references.map((reference) => ({
      'cac:InvoiceDocumentReference': { 'cbc:ID': reference.number, 'cbc:IssueDate': reference.issueDate },
    })),
    'cac:AccountingSupplierParty': sellerParty(document.seller),
    'cac:AccountingCustomerParty': buyerParty(document.buyer),
    'cac:Delivery': { 'cbc:ActualDeliveryDate': document.serviceDate },
    'cac:PaymentMeans': creditNote
      ? undefined
      : {
          'cbc:PaymentMeansCode': SEPA_CREDIT_TRANSFER,
          'cbc:PaymentID': document.bookingReference,
          'cac:PayeeFinancialAccount': {
            'cbc:ID': document.seller.iban,
            'cbc:Name': document.seller.name,
            'cac:FinancialInstitutionBranch': document.seller.bic ? { 'cbc:ID': document.seller.bic } : undefined,
          },
        },
    // A credit note is not paid by transfer: it offsets the invoice it corrects (BR-CO-25 wants terms when something is due).
    'cac:PaymentTerms': creditNote ? { 'cbc:Note': creditTerms(document) } : undefined,
    'cac:TaxTotal': {
      'cbc:TaxAmount': amount(document.vatCents * sign),
      'cac:TaxSubtotal': document.vat.map((vat) => ({
        'cbc:TaxableAmount': amount(vat.netCents * sign),
        'cbc:TaxAmount': amount(vat.vatCents * sign),
        'cac:TaxCategory': taxCategory(vat.vatRateBp),
      })),
    },
    'cac:LegalMonetaryTotal': {
      'cbc:LineExtensionAmount': amount(document.netCents * sign),
      'cbc:TaxExclusiveAmount': amount(document.netCents * sign),
      'cbc:TaxInclusiveAmount': amount(document.totalCents * sign),
      'cbc:PrepaidAmount': document.prepaidCents !== 0 ? amount(document.prepaidCents * sign) : undefined,
      'cbc:PayableAmount': amount(payable),
    },
    [creditNote ? 'cac:CreditNoteLine' : 'cac:InvoiceLine']: document.lines.map((line, i) => ublLine(line, i, sign, creditNote)),
  };
  if (document.references.length === 0) delete body['cac:BillingReference'];
  return create({ version: '1.0', encoding: 'UTF-8' }, { [root]: pruned(body) }).end({ prettyPrint: true });
}
