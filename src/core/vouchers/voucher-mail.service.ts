import type { Executor } from '../../db/schema.js';
import type { Clock } from '../shared/clock.js';
import { enqueueMail } from '../outbox/outbox.service.js';
import { findVoucher } from './vouchers.repository.js';

/**
 * Queues the mail that hands over a voucher (`voucher_issued`: its code, amount, validity and how
 * to use it) in the caller's transaction: to its buyer, or to `recipient` when given, in the
 * voucher's language. Once per voucher, however often it is asked (a webhook repeated); `again`
 * (e.g. the moment staff asked) makes a new one, to send it again. False when nothing was queued:
 * no such voucher, one not usable (pending, cancelled), no address, or queued before.
 *
 * The outbox row holds the voucher's id only, never its code: the code is opened from its seal
 * (voucher-code-box.ts) with the platform key as the mail is rendered and sent
 * (mail/mail-delivery.service.ts), and the rendered mail is not stored. So after sending no table
 * holds the plain code, and a mail still queued holds nothing a stolen database could spend.
 */
export async function enqueueVoucherMail(
  db: Executor,
  clock: Clock,
  voucherId: string,
  options: { recipient?: string; again?: string } = {},
): Promise<boolean> {
  const voucher = await findVoucher(db, voucherId);
  if (!voucher || voucher.status !== 'active') return false;
  const recipient = options.recipient ?? voucher.buyerEmail;
  if (recipient === '') return false;
  return enqueueMail(db, clock, {
    kind: 'voucher_issued',
    bookingId: null,
    recipient,
    language: voucher.language,
    detail: { voucher_id: voucher.id },
    dedupeKey: `voucher_issued:${voucher.id}${options.again === undefined ? '' : `:${options.again}`}`,
  });
}
