import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { type MollieStandIn, startMollieStandIn } from '../../../test/mollie/stand-in.js';
import { trustStandIn } from '../../../test/mollie/trust.js';
import { type NewProviderPayment, ProviderRefused, ProviderUnavailable } from '../../core/payments/payment-provider.js';
import { mollieProvider } from './mollie-provider.js';

const KEY = 'test_dHar4XY7LxsDOtmnkVtjNVWXLSlXsM';
const OTHER_KEY = 'test_Xq8zW2pLm5Nr7Tv3Bc9Dk4Fh6Jg1Ks';

function newPayment(reference: string, amountCents = 1999): NewProviderPayment {
  return {
    amountCents,
    description: 'Groupz GZ-7Q4K',
    redirectUrl: `http://bookings.test/pay/${reference}/return`,
    webhookUrl: 'http://bookings.test/webhooks/mollie',
    reference,
    locale: 'nl_NL',
  };
}

/** A port nothing listens on: taken, then let go. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('the Mollie provider, through the official client, against the stand-in', () => {
  let standIn: MollieStandIn;

  before(async () => {
    standIn = await startMollieStandIn({ keys: [KEY, OTHER_KEY] });
    trustStandIn(standIn.url, standIn.ca);
  });
  after(() => standIn.close());

  test('creates a payment with the amount as an exact decimal string, and reads it back', async () => {
    const provider = mollieProvider(standIn.url);
    for (const [cents, value] of [
      [1999, '19.99'],
      [5, '0.05'],
      [123456, '1234.56'],
      [100, '1.00'],
      [1010, '10.10'],
    ] as const) {
      const created = await provider.createPayment(KEY, newPayment(`pay-${cents}`, cents));
      const sent = standIn.requests.findLast((request) => request.method === 'POST')?.body as { amount: unknown };
      assert.deepEqual(sent.amount, { currency: 'EUR', value });
      assert.equal(created.amountCents, cents);
      assert.equal(created.status, 'open');
      assert.equal(created.refundedCents, 0);
      assert.equal(created.reference, `pay-${cents}`);
      assert.equal(created.checkoutUrl, `${standIn.checkoutOrigin}/checkout/${created.id}`);
      assert.match(created.id, /^tr_[A-Za-z0-9]+$/);
      const read = await provider.getPayment(KEY, created.id);
      assert.deepEqual(read, created);
    }
    const sent = standIn.requests.find((request) => request.method === 'POST')?.body as Record<string, unknown>;
    assert.equal(sent.description, 'Groupz GZ-7Q4K');
    assert.equal(sent.locale, 'nl_NL');
    assert.equal(sent.webhookUrl, 'http://bookings.test/webhooks/mollie');
    assert.deepEqual(sent.metadata, { reference: 'pay-1999' });
  });

  test('the same reference twice is one payment: the reference is the idempotency key', async () => {
    const provider = mollieProvider(standIn.url);
    const before = standIn.payments().length;
    const first = await provider.createPayment(KEY, newPayment('pay-twice'));
    const second = await provider.createPayment(KEY, newPayment('pay-twice'));
    assert.equal(second.id, first.id);
    assert.equal(standIn.payments().length, before + 1);
    assert.ok(standIn.requests.filter((request) => request.idempotencyKey === 'pay-twice').length === 2);
  });

  test('paid: the paid time, no checkout any more', async () => {
    const provider = mollieProvider(standIn.url);
    const created = await provider.createPayment(KEY, newPayment('pay-paid'));
    standIn.setStatus(created.id, 'paid');
    const paid = await provider.getPayment(KEY, created.id);
    assert.equal(paid?.status, 'paid');
    assert.ok(paid?.paidAt instanceof Date);
    assert.equal(paid?.checkoutUrl, null);
  });

  test('a payment it does not know, of another key, or with no payment id at all is undefined', async () => {
    const provider = mollieProvider(standIn.url);
    const created = await provider.createPayment(KEY, newPayment('pay-own'));
    assert.equal(await provider.getPayment(KEY, 'tr_doesNotExist'), undefined);
    assert.equal(await provider.getPayment(OTHER_KEY, created.id), undefined);
    assert.equal(await provider.getPayment(KEY, 'ord_123'), undefined);
    assert.equal(await provider.getPayment(KEY, '../methods'), undefined);
  });

  test('refunds: the refunded amount follows, more than remains is refused, a failed refund gives it back', async () => {
    const provider = mollieProvider(standIn.url);
    const created = await provider.createPayment(KEY, newPayment('pay-refund', 2500));
    await assert.rejects(
      provider.createRefund(KEY, created.id, { amountCents: 100, description: 'x', reference: 'ref-0' }),
      ProviderRefused,
    );
    standIn.setStatus(created.id, 'paid');
    const refund = await provider.createRefund(KEY, created.id, {
      amountCents: 1005,
      description: 'GZ-7Q4K cancelled',
      reference: 'ref-1',
    });
    assert.equal(refund.status, 'pending');
    assert.equal(refund.amountCents, 1005);
    assert.deepEqual((standIn.requests.findLast((r) => r.method === 'POST')?.body as { amount: unknown }).amount, {
      currency: 'EUR',
      value: '10.05',
    });
    assert.equal((await provider.getPayment(KEY, created.id))?.refundedCents, 1005);
    const again = await provider.createRefund(KEY, created.id, { amountCents: 1005, description: 'GZ-7Q4K cancelled', reference: 'ref-1' });
    assert.equal(again.id, refund.id, 'the same reference is the same refund');
    const refused = await provider
      .createRefund(KEY, created.id, { amountCents: 1496, description: 'too much', reference: 'ref-2' })
      .catch((error: unknown) => error);
    assert.ok(refused instanceof ProviderRefused);
    assert.equal(refused.field, 'amount');
    standIn.settleRefund(refund.id, 'failed');
    assert.equal((await provider.getPayment(KEY, created.id))?.refundedCents, 0);
    await provider.createRefund(KEY, created.id, { amountCents: 2500, description: 'all', reference: 'ref-3' });
    assert.equal((await provider.getPayment(KEY, created.id))?.refundedCents, 2500);
  });

  test('checks a key: valid, invalid, and unreachable when nothing listens', async () => {
    assert.equal(await mollieProvider(standIn.url).checkKey(KEY), 'valid');
    assert.equal(await mollieProvider(standIn.url).checkKey('test_unknownKeyOfNoAccount12345678'), 'invalid');
    const started = Date.now();
    assert.equal(await mollieProvider(`https://127.0.0.1:${await closedPort()}/v2/`).checkKey(KEY), 'unreachable');
    assert.ok(Date.now() - started < 3000, 'a refused connection fails at once');
  });

  test('the API URL works with or without its trailing slash', async () => {
    const withoutSlash = standIn.url.replace(/\/$/, '');
    assert.equal(await mollieProvider(withoutSlash).checkKey(KEY), 'valid');
    const created = await mollieProvider(withoutSlash).createPayment(KEY, newPayment('pay-slash'));
    assert.equal((await mollieProvider(standIn.url).getPayment(KEY, created.id))?.id, created.id);
  });

  test('an unreachable provider is ProviderUnavailable, never a hang', async () => {
    const port = await closedPort();
    await assert.rejects(mollieProvider(`https://127.0.0.1:${port}/v2/`).createPayment(KEY, newPayment('pay-x')), ProviderUnavailable);
    await assert.rejects(mollieProvider(`https://127.0.0.1:${port}/v2/`).getPayment(KEY, 'tr_abc'), ProviderUnavailable);
    // A provider that takes the request and never answers: the adapter gives up after its timeout.
    standIn.failNext(1, { hang: true });
    const started = Date.now();
    await assert.rejects(mollieProvider(standIn.url, { timeoutMs: 300 }).getPayment(KEY, 'tr_abc'), ProviderUnavailable);
    assert.ok(Date.now() - started < 2000);
    standIn.failNext(1, { hang: true });
    assert.equal(await mollieProvider(standIn.url, { timeoutMs: 300 }).checkKey(KEY), 'unreachable');
  });

  test("the client's retries of a 5xx answer carry the same idempotency key: still one payment", async () => {
    const before = standIn.payments().length;
    standIn.failNext(1, { status: 503, retryAfterSeconds: 0 });
    const created = await mollieProvider(standIn.url).createPayment(KEY, newPayment('pay-retried'));
    assert.equal(standIn.payments().length, before + 1);
    assert.deepEqual(
      standIn.requests.filter((request) => request.idempotencyKey === 'pay-retried').map((request) => request.status),
      [503, 201],
    );
    assert.equal((await mollieProvider(standIn.url).getPayment(KEY, created.id))?.id, created.id);
    standIn.failNext(3, { status: 502, retryAfterSeconds: 0 });
    const failed = await mollieProvider(standIn.url)
      .createPayment(KEY, newPayment('pay-down'))
      .catch((error: unknown) => error);
    assert.ok(failed instanceof ProviderUnavailable && !(failed instanceof ProviderRefused));
  });
});
