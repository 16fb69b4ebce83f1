import type { Db } from '../../db/schema.js';
import type { Venue } from '../catalog/activity.js';
import { findVenue, findVenueBySlug } from '../catalog/catalog.repository.js';
import { fetchProviderPayment, mollieAccountFor, mollieKeyOfPayment } from '../payments/mollie-key.js';
import type { PaymentContext } from '../payments/payment-context.js';
import { type ProviderPayment, ProviderUnavailable } from '../payments/payment-provider.js';
import type { Clock } from '../shared/clock.js';
import { DomainError } from '../shared/errors.js';
import type { LinkKey } from '../shared/link-key.js';
import { localDateOf } from '../shared/time.js';
import { chargeAttempt, settleRefusal } from '../throttles/throttle.js';
import { validUntilOf } from './voucher.js';
import { activateVoucher, createVoucher } from './voucher-issuing.service.js';
import { withdrawRefundedSale } from './voucher.service.js';
import { enqueueVoucherMail } from './voucher-mail.service.js';
import {
  cancelPendingVoucher,
  clearVoucherCheckout,
  findVoucherSale,
  findVoucherSaleByProviderId,
  listPendingVoucherSales,
  recordVoucherCheckout,
  type VoucherSaleRow,
} from './voucher-sale.repository.js';
import { isVoucherSaleToken, ONLINE_VALIDITY_MONTHS, voucherSaleCharges, voucherSalePath, type VoucherSaleInput } from './voucher-sale.js';

/**
 * Selling gift vouchers online: a pending voucher and its Mollie payment, and what Mollie says of
 * it. As with a booking's payments (booking-flows/checkout.service.ts), the state always comes from
 * Mollie (its webhook, or a fetch on the way back), never from the browser, and each report is
 * applied by fetching the payment as Mollie knows it now: repeated or out-of-order reports act once.
 * Selling one carries no VAT (a multi-purpose voucher, voucher.ts): Mollie's payment is the whole sale.
 */

/** What the venue's voucher page offers: whether it sells online (a Mollie key serves it), and until when a voucher bought today is valid. */
export interface VoucherSaleOffer {
  venue: Venue;
  online: boolean;
  validUntil: string;
  validityMonths: number;
}

export async function voucherSaleOffer(db: Db, clock: Clock, context: PaymentContext, slug: string): Promise<VoucherSaleOffer> {
  const venue = await findVenueBySlug(db, slug);
  if (!venue) throw new DomainError('not_found');
  const online = (await mollieAccountFor(db, context.secretKey, context.settings, venue.id)) !== null;
  const validUntil = validUntilOf(localDateOf(clock.now()), ONLINE_VALIDITY_MONTHS);
  return { venue, online, validUntil, validityMonths: ONLINE_VALIDITY_MONTHS };
}

/**
 * Starts a sale: charged against the sale limits (throws `throttled`), then a pending voucher
 * (origin `sold_online`) in one transaction, then Mollie's payment for it, whose checkout the buyer
 * is sent to; the checkout sends them back to the sale's return page (voucherSalePath), Mollie's
 * webhook to `/payments/webhook`. Throws `payment_unavailable` when no key serves the venue or
 * Mollie does not answer (the voucher is then cancelled: it never had a balance).
 */
export async function startVoucherSale(
  db: Db,
  clock: Clock,
  context: PaymentContext,
  linkKey: LinkKey,
  sale: { venueId: string; input: VoucherSaleInput; client: string | null },
): Promise<{ voucherId: string; checkoutUrl: string }> {
  const venue = await findVenue(db, sale.venueId);
  if (!venue) throw new DomainError('not_found');
  const account = await mollieAccountFor(db, context.secretKey, context.settings, sale.venueId);
  if (account === null) throw new DomainError('payment_unavailable');
  const { input } = sale;
  const charges = voucherSaleCharges({ client: sale.client, email: input.buyerEmail });
  await chargeAttempt(db, clock, charges);
  const { id } = await db.transaction().execute((trx) =>
    createVoucher(trx, clock, context.secretKey, {
      venueId: sale.venueId,
      amountCents: input.amountCents,
      validityMonths: ONLINE_VALIDITY_MONTHS,
      origin: 'sold_online',
      buyerName: input.buyerName,
      buyerEmail: input.buyerEmail,
      recipientName: input.recipientName,
      message: input.message,
      language: input.language,
      issuedBy: null,
      pending: true,
    }),
  );
  let created: ProviderPayment | undefined;
  try {
    created = await context.settings.provider.createPayment(account.apiKey, {
      amountCents: input.amountCents,
      // What the buyer's bank statement shows: what was bought and where, nothing personal.
      description: `Groupz cadeaubon ${venue.name}`.slice(0, 255),
      redirectUrl: `${context.publicUrl}${voucherSalePath(linkKey, id)}`,
      webhookUrl: `${context.publicUrl}/payments/webhook`,
      reference: id,
      locale: input.language === 'en' ? 'en_US' : 'nl_NL',
    });
  } catch (error) {
    if (!(error instanceof ProviderUnavailable)) throw error;
  }
  const checkoutUrl = created?.status === 'open' ? created.checkoutUrl : null;
  await db.transaction().execute(async (trx) => {
    if (created) await recordVoucherCheckout(trx, id, { providerId: created.id, account: account.account, checkoutUrl });
    if (checkoutUrl === null) await cancelPendingVoucher(trx, id);
  });
  if (checkoutUrl === null) {
    await settleRefusal(db, charges);
    throw new DomainError('payment_unavailable');
  }
  return { voucherId: id, checkoutUrl };
}

/** What became of a sale, as its return page says it. */
export type VoucherSaleOutcome = 'paid' | 'failed' | 'waiting';

export interface VoucherSaleState {
  outcome: VoucherSaleOutcome;
  buyerEmail: string;
  /** The checkout to go back to while it is open. */
  checkoutUrl: string | null;
}

function stateOf(row: VoucherSaleRow): VoucherSaleState {
  const outcome = row.status === 'active' ? 'paid' : row.status === 'cancelled' ? 'failed' : 'waiting';
  return { outcome, buyerEmail: row.buyer_email, checkoutUrl: row.checkout_url };
}

const FAILED: readonly string[] = ['failed', 'canceled', 'expired'];

/**
 * Asks Mollie for a sale's payment and applies it in one transaction: paid, the voucher becomes
 * usable (activateVoucher: its `issue` movement, once) and its mail is queued (once), and what the
 * venue refunded of it in Mollie's dashboard comes off its balance (withdrawRefundedSale); failed,
 * cancelled or expired, a pending voucher is cancelled. A sale no longer pending is asked about
 * only when `refunds` (Mollie's webhook: a refund made); else it is as it is.
 * Throws `payment_unavailable` when Mollie cannot be asked (no key of the account that took it, or
 * no answer): the caller tries again later.
 */
export async function settleVoucherSale(
  db: Db,
  clock: Clock,
  context: PaymentContext,
  voucherId: string,
  refunds = false,
): Promise<VoucherSaleState> {
  const row = await findVoucherSale(db, voucherId);
  if (!row) throw new DomainError('not_found');
  const asked = row.status === 'pending' || (refunds && row.status === 'active' && row.origin === 'sold_online');
  if (!asked || row.provider_id === null) return stateOf(row);
  const remote = await fetchProviderPayment(db, context.secretKey, context.settings, { ...row, provider_id: row.provider_id });
  if (!remote) return stateOf(row);
  const status = remote.status;
  await db.transaction().execute(async (trx) => {
    if (status === 'paid') {
      if (await activateVoucher(trx, clock, voucherId)) await enqueueVoucherMail(trx, clock, voucherId);
      await clearVoucherCheckout(trx, voucherId);
      if (remote.refundedCents > 0) await withdrawRefundedSale(trx, clock, voucherId, remote.refundedCents);
    } else if (FAILED.includes(status)) {
      await cancelPendingVoucher(trx, voucherId);
    }
  });
  return stateOf((await findVoucherSale(db, voucherId)) ?? row);
}

/**
 * A sale's webhook call (its payment paid, failed, or refunded since): settled (settleVoucherSale).
 * One whose account's key Groupz no longer has
 * is done with, like a booking's payment (it stays pending, without a balance); throws
 * `payment_unavailable` only when Mollie does not answer, so that it calls again.
 */
export async function settleVoucherSaleFromWebhook(db: Db, clock: Clock, context: PaymentContext, voucherId: string): Promise<void> {
  const row = await findVoucherSale(db, voucherId);
  if (!row) return;
  const apiKey = await mollieKeyOfPayment(db, context.secretKey, context.settings, row).catch(() => null);
  if (apiKey === null) return;
  await settleVoucherSale(db, clock, context, voucherId, true);
}

/**
 * Asks Mollie about gift voucher sales still pending with a payment made before `before`, at most
 * `limit` (the payment check's run, for webhooks that were lost): each paid one becomes usable and
 * is mailed, each failed one cancelled. Returns how many were asked; one Mollie cannot be asked
 * about now is asked again in the next run.
 */
export async function checkPendingVoucherSales(
  db: Db,
  clock: Clock,
  context: PaymentContext,
  before: Date,
  limit: number,
): Promise<number> {
  let checked = 0;
  for (const id of await listPendingVoucherSales(db, before.toISOString(), limit)) {
    try {
      await settleVoucherSale(db, clock, context, id);
      checked += 1;
    } catch (error) {
      if (!(error instanceof DomainError && error.code === 'payment_unavailable')) throw error;
    }
  }
  return checked;
}

/** The voucher whose sale Mollie's payment `providerId` is, if any: the webhook's other kind of payment. */
export async function voucherSaleOfPayment(db: Db, providerId: string): Promise<string | undefined> {
  return (await findVoucherSaleByProviderId(db, providerId))?.id;
}

/**
 * A sale's return page: the sale its link names (undefined for a wrong token or no such sale),
 * as Mollie has it now (asked while it is pending; as recorded when Mollie cannot be asked).
 */
export async function voucherSaleByLink(
  db: Db,
  clock: Clock,
  context: PaymentContext,
  linkKey: LinkKey,
  link: { voucherId: string; token: string },
): Promise<{ sale: VoucherSaleState; venue: Venue } | undefined> {
  if (!isVoucherSaleToken(linkKey, link.voucherId, link.token)) return undefined;
  const row = await findVoucherSale(db, link.voucherId);
  const venue = row && (await findVenue(db, row.venue_id));
  if (!row || !venue || row.origin !== 'sold_online') return undefined;
  try {
    return { sale: await settleVoucherSale(db, clock, context, row.id), venue };
  } catch (error) {
    if (error instanceof DomainError && error.code === 'payment_unavailable') return { sale: stateOf(row), venue };
    throw error;
  }
}
