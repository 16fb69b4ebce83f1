/**
 * Where a booking's invoices and credit notes are downloaded (the routes that serve them are the
 * documents' own; these are the agreed addresses that lists link to).
 */

/** Where the organiser's manage link serves a document: `/b/<token>/invoices/<number>.pdf` (or `.xml`, UBL). */
export function organiserInvoiceUrl(token: string, number: string, extension: 'pdf' | 'xml'): string {
  return `/b/${token}/invoices/${encodeURIComponent(number)}.${extension}`;
}

/** Where the back office serves a document: `/admin/invoices/<id>.pdf` (or `.xml`, UBL). */
export function staffInvoiceUrl(id: string, extension: 'pdf' | 'xml'): string {
  return `/admin/invoices/${encodeURIComponent(id)}.${extension}`;
}
