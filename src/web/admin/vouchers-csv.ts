import type { VoucherBalances, VoucherMovements } from '../../core/vouchers/voucher-exports.service.js';
import { formatTime } from '../../core/i18n/format.js';
import type { Language } from '../../core/shared/language.js';
import { localDateOf } from '../../core/shared/time.js';
import type { Translate } from '../i18n/i18n.js';
import { MOVEMENT_LABELS, ORIGIN_LABELS, voucherName } from '../views/admin/voucher-labels.js';
import { csvCell } from './bookings-csv.js';
import { csvAmount } from './invoices-csv.js';

/** Rows as the other exports write them: UTF-8 with BOM, `;`, CRLF (cells made safe by the caller). */
function csvFile(rows: string[][]): string {
  return `\uFEFF${rows.map((row) => row.join(';')).join('\r\n')}\r\n`;
}

/**
 * The vouchers' balances at the end of a day, for the accountant: one row per voucher issued by
 * then (venue, code's last four, origin, issue date, valid through, value, balance on that day
 * summed from its ledger), then a totals row: the outstanding liability on that date.
 */
export function voucherBalancesCsv(balances: VoucherBalances, t: Translate, lang: Language): string {
  const header = [
    t('vouchers.col.venue'),
    t('vouchers.col.code'),
    t('vouchers.col.origin'),
    t('vouchers.csv.issued_on'),
    t('vouchers.col.valid_until'),
    t('vouchers.col.initial'),
    t('vouchers.csv.balance_on', { date: balances.on }),
  ].map(csvCell);
  const rows = balances.vouchers.map((v) => [
    csvCell(v.venueName),
    csvCell(voucherName(v.codeHint)),
    csvCell(t(ORIGIN_LABELS[v.origin])),
    localDateOf(v.issuedAt),
    v.validUntil,
    csvAmount(v.initialCents, lang),
    csvAmount(v.balanceCents, lang),
  ]);
  const total = [
    csvCell(t('vouchers.csv.total')),
    '',
    '',
    '',
    '',
    csvAmount(balances.initialCents, lang),
    csvAmount(balances.balanceCents, lang),
  ];
  return csvFile([header, ...rows, total]);
}

/**
 * The vouchers' movements of a period, for the accountant: one row per movement (date and time in
 * Amsterdam, venue, code's last four, kind, signed amount, balance after, booking), then a total
 * per kind and one of all: issued and restored add to what is owed, redeemed and expired take off.
 */
export function voucherMovementsCsv(report: VoucherMovements, t: Translate, lang: Language): string {
  const header = [
    t('vouchers.col.date'),
    t('vouchers.col.venue'),
    t('vouchers.col.code'),
    t('vouchers.col.kind'),
    t('vouchers.col.amount'),
    t('vouchers.col.balance_after'),
    t('vouchers.col.booking'),
  ].map(csvCell);
  const rows = report.movements.map((m) => [
    `${localDateOf(m.at)} ${formatTime(m.at)}`,
    csvCell(m.venueName),
    csvCell(voucherName(m.codeHint)),
    csvCell(t(MOVEMENT_LABELS[m.kind])),
    csvAmount(m.amountCents, lang),
    csvAmount(m.balanceAfterCents, lang),
    csvCell(m.bookingReference ?? ''),
  ]);
  const totalRow = (label: string, cents: number) => [csvCell(label), '', '', '', csvAmount(cents, lang), '', ''];
  const totals = report.totals.map((total) =>
    totalRow(t('vouchers.csv.total_kind', { kind: t(MOVEMENT_LABELS[total.kind]) }), total.cents),
  );
  return csvFile([header, ...rows, ...totals, totalRow(t('vouchers.csv.total'), report.totalCents)]);
}
