import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import { TEST_PUBLIC_URL } from '../../../test/app.js';
import { TestClock } from '../../../test/clock.js';
import { type TestDatabase, testDialects } from '../../../test/databases.js';
import { bookingInput, makeActivity, makeSlot } from '../../../test/factories.js';
import { TEST_LINK_KEY } from '../../../test/links.js';
import { testMailDelivery } from '../../../test/mail-senders.js';
import { startSmtpServer, type TestSmtpServer } from '../../../test/mail-server.js';
import { TEST_MOLLIE_KEY, type TestMollie } from '../../../test/mollie/payments.js';
import { startSettlingMollie } from '../../../test/payment-context.js';
import { tablesHolding } from '../../../test/plain-text-search.js';
import type { Db } from '../../db/schema.js';
import type { Activity } from '../catalog/activity.js';
import type { Slot } from '../availability/slot.js';
import { createBooking } from '../booking-flows/booking.service.js';
import { checkPendingPayments } from '../booking-flows/payment-check.service.js';
import { deliverDueMails, type MailDeliverySettings } from '../mail/mail-delivery.service.js';
import type { PaymentContext } from '../payments/payment-context.js';
import { listPayments } from '../payments/payments.repository.js';
import { formatMoney } from '../i18n/format.js';
import { DomainError } from '../shared/errors.js';
import { openVoucherCode } from './voucher-code-box.js';
import { VoucherRefused } from './voucher.js';
import { findVoucherSale } from './voucher-sale.repository.js';
import { startVoucherSale, voucherSaleByLink } from './voucher-sale.service.js';
import { voucherSaleToken, type VoucherSaleInput } from './voucher-sale.js';
import { findVoucher, listVoucherMovements } from './vouchers.repository.js';

const CODE = /[0-9A-HJKMNP-TV-Z]{4}(?:-[0-9A-HJKMNP-TV-Z]{4}){3}/;
const FULL = { mode: 'full', depositPercent: 30, balanceDaysBefore: 14, invoiceAllowed: false, invoiceTermDays: 14 } as const;

/** Gift vouchers sold online: Mollie's stand-in takes the payment, a real SMTP server the mail. */
for (const dialect of testDialects()) {
  describe(`selling a gift voucher online on ${dialect.name}`, () => {
    let database: TestDatabase;
    let db: Db;
    const clock = new TestClock('2026-06-01T08:00:00Z');
    let mollie: TestMollie;
    let context: PaymentContext;
    let smtp: TestSmtpServer;
    let settings: MailDeliverySettings;
    let activity: Activity;
    let slot: Slot;
    let n = 0;

    before(async () => {
      ({ mollie, context } = await startSettlingMollie(clock, () => db));
    });
    after(() => mollie.close());
    beforeEach(async () => {
      database = await dialect.create();
      db = database.db;
      smtp = await startSmtpServer();
      settings = testMailDelivery(smtp, { secretKey: context.secretKey });
      activity = await makeActivity(db, clock, { payment: FULL, maxGroupSize: 40 });
      slot = await makeSlot(db, clock, activity, { capacity: 400, date: '2026-07-15' });
    });
    afterEach(async () => {
      await smtp.close();
      await database.close();
    });

    const input = (overrides: Partial<VoucherSaleInput> = {}): VoucherSaleInput => ({
      amountCents: 5_000,
      buyerName: 'Kim Koper',
      buyerEmail: 'koper@example.nl',
      recipientName: 'Sam',
      message: 'Veel plezier!',
      language: 'nl',
      ...overrides,
    });

    const sell = (overrides: Partial<VoucherSaleInput> = {}, client: string | null = '203.0.113.7') =>
      startVoucherSale(db, clock, context, TEST_LINK_KEY, { venueId: activity.venue.id, input: input(overrides), client });

    async function providerIdOf(voucherId: string): Promise<string> {
      return (await findVoucherSale(db, voucherId))!.provider_id!;
    }

    /** The code of a voucher, opened from its seal (as its mail does). */
    const codeOf = async (voucherId: string) =>
      openVoucherCode(context.secretKey, voucherId, (await findVoucherSale(db, voucherId))!.code_sealed);

    /** A booking of four (EUR 50.00) paying with the code. */
    const book = (voucherCode: string) =>
      createBooking(db, clock, TEST_LINK_KEY, context, bookingInput(slot.id, { groupSize: 4, voucherCode, email: `b${n++}@example.nl` }));

    test('paid at the stand-in: the webhook activates the voucher once and mails its code, which then pays a booking', async () => {
      const { voucherId, checkoutUrl } = await sell();
      assert.ok(checkoutUrl.startsWith(mollie.standIn.checkoutOrigin));
      assert.equal((await findVoucher(db, voucherId))?.status, 'pending');
      const providerId = await providerIdOf(voucherId);
      const remote = mollie.standIn.payment(providerId)!;
      assert.equal(remote.amountCents, 5_000);
      assert.equal(remote.description, `Groupz cadeaubon ${activity.venue.name}`);
      assert.equal(remote.webhookUrl, `${TEST_PUBLIC_URL}/payments/webhook`);
      assert.equal(remote.redirectUrl, `${TEST_PUBLIC_URL}/vouchers/sales/${voucherId}/${voucherSaleToken(TEST_LINK_KEY, voucherId)}`);

      // The webhook before payment changes nothing; then paid, told three times.
      assert.equal(await mollie.standIn.callWebhook(providerId), 200);
      assert.equal((await findVoucher(db, voucherId))?.status, 'pending');
      mollie.standIn.setStatus(providerId, 'paid');
      for (let i = 0; i < 3; i++) assert.equal(await mollie.standIn.callWebhook(providerId), 200);

      const voucher = (await findVoucher(db, voucherId))!;
      assert.equal(voucher.status, 'active');
      assert.equal(voucher.validUntil, '2028-06-01');
      assert.deepEqual(
        (await listVoucherMovements(db, voucherId)).map((m) => [m.kind, m.amount_cents, m.balance_after_cents]),
        [['issue', 5_000, 5_000]],
      );
      assert.equal((await deliverDueMails(db, clock, settings)).sent, 1);
      assert.equal((await deliverDueMails(db, clock, settings)).sent, 0);
      assert.equal(smtp.messages.length, 1);
      const mail = smtp.messages[0]!;
      assert.equal(mail.to && 'text' in mail.to ? mail.to.text : '', 'koper@example.nl');
      assert.match(String(mail.subject), /cadeaubon/i);
      const text = mail.text ?? '';
      const code = CODE.exec(text)?.[0];
      assert.ok(code, text);
      for (const said of [
        formatMoney(5_000, 'nl'),
        '1 juni 2028',
        'Sam',
        'Veel plezier!',
        'geen btw gerekend',
        'boekingsformulier',
        activity.venue.name,
      ]) {
        assert.ok(text.includes(said), `the mail says ${said}`);
      }
      assert.match(String(mail.html), new RegExp(`<code[^>]*>${code}</code>`));

      // Once sent, no table holds the plain code, with or without its dashes.
      assert.deepEqual(await tablesHolding(db, dialect.name, code), []);
      assert.deepEqual(await tablesHolding(db, dialect.name, code.replace(/-/g, '')), []);

      // The code from the mail pays a booking: the whole price of EUR 50.00.
      const { booking } = await book(code);
      assert.equal(booking.status, 'confirmed');
      assert.deepEqual(
        (await listPayments(db, booking.id)).map((p) => [p.method, p.amount_cents, p.voucher_id]),
        [['voucher', 5_000, voucherId]],
      );
      assert.equal((await findVoucher(db, voucherId))?.balanceCents, 0);
    });

    test('paid a day later by bank: valid as long from the day paid; refunded in the dashboard: taken off its balance, once', async () => {
      const { voucherId } = await sell({ amountCents: 8_000 });
      const providerId = await providerIdOf(voucherId);
      mollie.standIn.setStatus(providerId, 'pending', 'banktransfer');
      // Paid the next day (the stand-in expires what is not paid within a day).
      clock.advance(20 * 60 * 60_000);
      mollie.standIn.setStatus(providerId, 'paid');
      assert.equal(await mollie.standIn.callWebhook(providerId), 200);
      assert.equal((await findVoucher(db, voucherId))?.validUntil, '2028-06-02', 'two years from the day it was paid');
      const { booking } = await book(await codeOf(voucherId));
      assert.equal((await findVoucher(db, voucherId))?.balanceCents, 3_000);
      // The venue refunds EUR 20 of the purchase in Mollie's dashboard, then EUR 40 more (more than is left).
      for (const amountCents of [2_000, 4_000]) {
        await mollie.settings.provider.createRefund(TEST_MOLLIE_KEY, providerId, {
          amountCents,
          description: 'dashboard',
          reference: `r${amountCents}`,
        });
        for (let i = 0; i < 2; i++) assert.equal(await mollie.standIn.callWebhook(providerId), 200);
      }
      assert.deepEqual(
        (await listVoucherMovements(db, voucherId)).map((m) => [m.kind, m.amount_cents, m.balance_after_cents, m.booking_id]),
        [
          ['issue', 8_000, 8_000, null],
          ['redeem', -5_000, 3_000, booking.id],
          ['sale_refund', -2_000, 1_000, null],
          ['sale_refund', -1_000, 0, null],
        ],
      );
      assert.equal((await findVoucher(db, voucherId))?.balanceCents, 0);
      clock.set('2026-06-01T08:00:00Z');
    });

    test('the return page asks Mollie itself: waiting, then paid, and a wrong token finds nothing', async () => {
      const { voucherId } = await sell();
      const link = { voucherId, token: voucherSaleToken(TEST_LINK_KEY, voucherId) };
      assert.equal((await voucherSaleByLink(db, clock, context, TEST_LINK_KEY, link))?.sale.outcome, 'waiting');
      mollie.standIn.setStatus(await providerIdOf(voucherId), 'paid');
      const found = await voucherSaleByLink(db, clock, context, TEST_LINK_KEY, link);
      assert.equal(found?.sale.outcome, 'paid');
      assert.equal(found?.sale.buyerEmail, 'koper@example.nl');
      assert.equal((await listVoucherMovements(db, voucherId)).length, 1);
      assert.equal(
        await voucherSaleByLink(db, clock, context, TEST_LINK_KEY, {
          voucherId,
          token: `${link.token.slice(0, -1)}${link.token.endsWith('A') ? 'B' : 'A'}`,
        }),
        undefined,
      );
      assert.equal(await voucherSaleByLink(db, clock, context, TEST_LINK_KEY, { voucherId: 'nope', token: link.token }), undefined);
    });

    test('a webhook that never came: the payment check asks Mollie after ten minutes, and the voucher is mailed', async () => {
      const { voucherId } = await sell();
      mollie.standIn.setStatus(await providerIdOf(voucherId), 'paid');
      await checkPendingPayments(db, clock, context);
      assert.equal((await findVoucher(db, voucherId))?.status, 'pending', 'not asked about before ten minutes');
      clock.advance(11 * 60_000);
      const { checked } = await checkPendingPayments(db, clock, context);
      assert.equal(checked, 1);
      assert.equal((await findVoucher(db, voucherId))?.status, 'active');
      assert.equal((await deliverDueMails(db, clock, settings)).sent, 1);
      assert.equal((await checkPendingPayments(db, clock, context)).checked, 0, 'settled: not asked again');
      clock.set('2026-06-01T08:00:00Z');
    });

    test('an expired payment cancels the voucher: no balance, no mail, and its code pays nothing', async () => {
      const { voucherId } = await sell();
      const providerId = await providerIdOf(voucherId);
      mollie.standIn.setStatus(providerId, 'expired');
      assert.equal(await mollie.standIn.callWebhook(providerId), 200);
      assert.equal(await mollie.standIn.callWebhook(providerId), 200);
      assert.equal((await findVoucher(db, voucherId))?.status, 'cancelled');
      assert.deepEqual(await listVoucherMovements(db, voucherId), []);
      assert.equal((await deliverDueMails(db, clock, settings)).sent, 0);
      assert.equal(smtp.messages.length, 0);
      const code = openVoucherCode(context.secretKey, voucherId, (await findVoucherSale(db, voucherId))!.code_sealed);
      await assert.rejects(book(code), (error: unknown) => error instanceof VoucherRefused && error.errors[0]?.code === 'voucher_unknown');
    });

    test('a buyer address starts five sales a day; the sixth is throttled and makes no voucher', async () => {
      const email = 'veel@example.nl';
      for (let i = 0; i < 5; i++) await sell({ buyerEmail: email }, `198.51.100.${i}`);
      await assert.rejects(
        sell({ buyerEmail: email }, '198.51.100.9'),
        (error: unknown) => error instanceof DomainError && error.code === 'throttled',
      );
      const before = mollie.standIn.payments().length;
      await assert.rejects(sell({ buyerEmail: 'VEEL+x@example.nl' }, '198.51.100.10'), /throttled/);
      assert.equal(mollie.standIn.payments().length, before);
    });

    test('Mollie not answering: payment_unavailable, and the voucher made for the sale is cancelled', async () => {
      mollie.standIn.failNext(10, { retryAfterSeconds: 0 });
      await assert.rejects(sell(), (error: unknown) => error instanceof DomainError && error.code === 'payment_unavailable');
      mollie.standIn.failNext(0);
      const vouchers = await db.selectFrom('vouchers').select(['status', 'balance_cents']).execute();
      assert.deepEqual(vouchers, [{ status: 'cancelled', balance_cents: 5_000 }]);
      assert.equal(await db.selectFrom('voucher_movements').select('id').executeTakeFirst(), undefined);
    });
  });
}
