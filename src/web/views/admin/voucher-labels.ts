import type { Voucher, VoucherMovementKind, VoucherOrigin } from '../../../core/vouchers/voucher.js';
import { formatDate } from '../../../core/i18n/format.js';
import { startOfLocalDay } from '../../../core/shared/time.js';
import type { MessageKey } from '../../i18n/i18n.js';
import type { AdminUi } from './admin-ui.js';

export const ORIGIN_LABELS: Record<VoucherOrigin, MessageKey> = {
  issued: 'vouchers.origin.issued',
  sold_desk: 'vouchers.origin.sold_desk',
  sold_online: 'vouchers.origin.sold_online',
};

export const MOVEMENT_LABELS: Record<VoucherMovementKind, MessageKey> = {
  issue: 'vouchers.kind.issue',
  redeem: 'vouchers.kind.redeem',
  restore: 'vouchers.kind.restore',
  expire: 'vouchers.kind.expire',
  sale_refund: 'vouchers.kind.sale_refund',
};

/** A voucher as staff call it: the last four characters of its code. */
export function voucherName(codeHint: string): string {
  return `•••• ${codeHint}`;
}

/** An Amsterdam date (YYYY-MM-DD) as the page's language writes it. */
export function dateText(ui: AdminUi, date: string): string {
  return formatDate(startOfLocalDay(date), ui.lang);
}

/** What stands after a voucher's valid-through date: expired (by today's Amsterdam date), not paid yet, lapsed; or nothing. */
export function voucherStateNote(ui: AdminUi, voucher: Voucher, today: string): string | undefined {
  if (voucher.status === 'pending') return ui.t('vouchers.pending');
  if (voucher.status === 'cancelled') return ui.t('vouchers.cancelled');
  return voucher.validUntil < today ? ui.t('vouchers.expired') : undefined;
}
