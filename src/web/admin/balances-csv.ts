import type { OpenBalance } from '../../core/booking-flows/balances.service.js';
import type { Language } from '../../core/shared/language.js';
import { localDateOf } from '../../core/shared/time.js';
import type { Translate } from '../i18n/i18n.js';
import { csvCell } from './bookings-csv.js';

function euros(cents: number, lang: Language): string {
  const text = (cents / 100).toFixed(2);
  return lang === 'nl' ? text.replace('.', ',') : text;
}

/** The open balances as a CSV file for Excel, as the bookings export is: UTF-8 with BOM, `;`, CRLF. */
export function balancesCsv(balances: readonly OpenBalance[], t: Translate, lang: Language): string {
  const header = [
    t('balances.col.booking'),
    t('balances.col.organiser'),
    t('money.billing.organisation'),
    t('balances.col.visit'),
    t('balances.col.total'),
    t('balances.col.paid'),
    t('balances.col.outstanding'),
    t('balances.col.due'),
    t('money.overdue'),
    t('money.billing.reference'),
  ];
  const rows = balances.map((b) => [
    b.reference,
    b.organiserName,
    b.organisation,
    localDateOf(b.startsAt),
    euros(b.totalCents, lang),
    euros(b.paidCents, lang),
    euros(b.outstandingCents, lang),
    b.dueOn ?? '',
    b.overdue ? t('money.overdue') : '',
    b.billingReference ?? '',
  ]);
  return `\uFEFF${[header, ...rows].map((row) => row.map(csvCell).join(';')).join('\r\n')}\r\n`;
}
