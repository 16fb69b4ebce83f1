import type { InvoiceRegister, SellerTotals, VatTotal } from '../../core/invoices/invoice-list.service.js';
import { formatRate } from '../../core/i18n/format.js';
import type { Language } from '../../core/shared/language.js';
import type { Translate } from '../i18n/i18n.js';
import { INVOICE_STATUS_LABELS, invoiceTitle } from '../views/invoice-list.js';
import { csvCell } from './bookings-csv.js';

/**
 * An amount as a spreadsheet reads a number: euros with two decimals, a decimal comma in Dutch,
 * a minus sign on a credit note. Made here from whole cents, so it never holds text a spreadsheet
 * would run (csvCell would mark a negative amount as text).
 */
export function csvAmount(cents: number, lang: Language): string {
  const text = `${cents < 0 ? '-' : ''}${(Math.abs(cents) / 100).toFixed(2)}`;
  return lang === 'nl' ? text.replace('.', ',') : text;
}

/**
 * The register as a CSV file for the accountant, as the other exports are (UTF-8 with BOM, `;`,
 * CRLF, cells safe from formula injection): one row per document with its seller, its net amount
 * and VAT per rate (a column pair per rate that occurs, highest first), its total and status; then
 * the totals rows, marked in the first column and naming their seller in the seller column: with
 * several sellers, each seller's per VAT rate and in all; then those of every seller ("All
 * sellers", or the one seller's name) per rate and in all. Credit notes count negative.
 */
export function invoicesCsv(register: InvoiceRegister, t: Translate, lang: Language): string {
  const rates = register.totals.map((total) => total.vatRateBp);
  const header = [
    csvCell(t('invoice_list.col.number')),
    csvCell(t('invoice_register.csv.kind')),
    csvCell(t('invoice_register.csv.issue_date')),
    csvCell(t('invoice_register.csv.due_on')),
    csvCell(t('invoice_register.col.seller')),
    csvCell(t('invoice_register.col.booking')),
    csvCell(t('invoice_register.col.buyer')),
    ...rates.flatMap((rate) => [
      csvCell(t('invoice_register.csv.net_rate', { rate: formatRate(rate, lang) })),
      csvCell(t('invoice_register.csv.vat_rate', { rate: formatRate(rate, lang) })),
    ]),
    csvCell(t('invoice_register.col.total')),
    csvCell(t('invoice_list.col.status')),
  ];
  const rows = register.entries.map((entry) => [
    csvCell(entry.number),
    csvCell(invoiceTitle(entry, lang)),
    entry.issueDate,
    entry.dueOn ?? '',
    csvCell(entry.seller),
    csvCell(entry.bookingReference),
    csvCell(entry.buyer),
    ...rates.flatMap((rate) => {
      const vat = entry.vat.find((v) => v.vatRateBp === rate);
      return vat ? [csvAmount(vat.netCents, lang), csvAmount(vat.vatCents, lang)] : ['', ''];
    }),
    csvAmount(entry.totalCents, lang),
    csvCell(t(INVOICE_STATUS_LABELS[entry.status])),
  ]);
  /** A totals row: its label, its seller, the amounts of the rates it sums in their columns, its total. */
  const totalRow = (label: string, seller: string, sums: readonly VatTotal[], totalCents: number) => [
    csvCell(label),
    '',
    '',
    '',
    csvCell(seller),
    '',
    '',
    ...rates.flatMap((rate) => {
      const total = sums.find((v) => v.vatRateBp === rate);
      return total ? [csvAmount(total.netCents, lang), csvAmount(total.vatCents, lang)] : ['', ''];
    }),
    csvAmount(totalCents, lang),
    '',
  ];
  /** A seller's (or all sellers') totals: a row per rate and one of all rates. */
  const totalsOf = (sums: Pick<SellerTotals, 'totals' | 'totalCents'>, seller: string) => [
    ...sums.totals.map((total) =>
      totalRow(
        t('invoice_register.csv.total_rate', { rate: formatRate(total.vatRateBp, lang) }),
        seller,
        [total],
        total.netCents + total.vatCents,
      ),
    ),
    totalRow(t('invoice_register.csv.total_all'), seller, sums.totals, sums.totalCents),
  ];
  const { sellers } = register;
  const perSeller = sellers.length > 1 ? sellers.flatMap((seller) => totalsOf(seller, seller.seller)) : [];
  const everyone = totalsOf(register, sellers.length === 1 ? sellers[0]!.seller : t('invoice_register.csv.all_sellers'));
  return `\uFEFF${[header, ...rows, ...perSeller, ...everyone].map((row) => row.join(';')).join('\r\n')}\r\n`;
}
