import type { InvoiceRegister } from '../../core/invoices/invoice-list.service.js';
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
function amount(cents: number, lang: Language): string {
  const text = `${cents < 0 ? '-' : ''}${(Math.abs(cents) / 100).toFixed(2)}`;
  return lang === 'nl' ? text.replace('.', ',') : text;
}

/**
 * The register as a CSV file for the accountant, as the other exports are (UTF-8 with BOM, `;`,
 * CRLF, cells safe from formula injection): one row per document with its net amount and VAT per
 * rate (a column pair per rate that occurs, highest first), its total and status; then a totals
 * row per VAT rate and one of all rates. Credit notes count negative.
 */
export function invoicesCsv(register: InvoiceRegister, t: Translate, lang: Language): string {
  const rates = register.totals.map((total) => total.vatRateBp);
  const header = [
    csvCell(t('invoice_list.col.number')),
    csvCell(t('invoice_register.csv.kind')),
    csvCell(t('invoice_register.csv.issue_date')),
    csvCell(t('invoice_register.csv.due_on')),
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
    csvCell(entry.bookingReference),
    csvCell(entry.buyer),
    ...rates.flatMap((rate) => {
      const vat = entry.vat.find((v) => v.vatRateBp === rate);
      return vat ? [amount(vat.netCents, lang), amount(vat.vatCents, lang)] : ['', ''];
    }),
    amount(entry.totalCents, lang),
    csvCell(t(INVOICE_STATUS_LABELS[entry.status])),
  ]);
  const blank = ['', '', '', '', ''];
  const totals = register.totals.map((total) => [
    csvCell(t('invoice_register.csv.total_rate', { rate: formatRate(total.vatRateBp, lang) })),
    ...blank,
    ...rates.flatMap((rate) => (rate === total.vatRateBp ? [amount(total.netCents, lang), amount(total.vatCents, lang)] : ['', ''])),
    amount(total.netCents + total.vatCents, lang),
    '',
  ]);
  const all = [
    csvCell(t('invoice_register.csv.total_all')),
    ...blank,
    ...register.totals.flatMap((total) => [amount(total.netCents, lang), amount(total.vatCents, lang)]),
    amount(register.totalCents, lang),
    '',
  ];
  return `\uFEFF${[header, ...rows, ...totals, all].map((row) => row.join(';')).join('\r\n')}\r\n`;
}
