import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { createMollieClient, MollieApiError } from '@mollie/api-client';
import { type MollieStandIn, startMollieStandIn } from './stand-in.js';
import { trustStandIn } from './trust.js';
import { TestClock } from '../clock.js';
import { mollieEnv, startMollie } from './payments.js';

const KEY = 'test_StandInTestKey00000000000001';

/** A webhook receiver on loopback: what it was sent, and the status it answers. */
async function receiver(answer = 200) {
  const calls: { contentType: string | undefined; body: string }[] = [];
  const server = createServer((request: IncomingMessage, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      calls.push({ contentType: request.headers['content-type'], body });
      response.writeHead(answer).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/mollie`;
  return { url, calls, close: () => new Promise((resolve) => server.close(resolve)) };
}

async function apiError(call: Promise<unknown>): Promise<MollieApiError> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  assert.ok(error instanceof MollieApiError, `expected an API error, got ${String(error)}`);
  return error;
}

describe('the Mollie stand-in', () => {
  let standIn: MollieStandIn;
  let client: ReturnType<typeof createMollieClient>;
  const clock = new TestClock('2026-06-01T08:00:00Z');

  before(async () => {
    standIn = await startMollieStandIn({ keys: [KEY], clock });
    trustStandIn(standIn.url, standIn.ca);
    client = createMollieClient({ apiKey: KEY, apiEndpoint: standIn.url });
  });
  after(() => standIn.close());

  const valid = { amount: { currency: 'EUR', value: '12.50' }, description: 'GZ-1', redirectUrl: 'http://bookings.test/r' };

  test('refuses what Mollie refuses, naming the field (422)', async () => {
    for (const [data, field] of [
      [{ ...valid, amount: { currency: 'EUR', value: '12.5' } }, 'amount.value'],
      [{ ...valid, amount: { currency: 'EUR', value: 12.5 } }, 'amount.value'],
      [{ ...valid, amount: { currency: 'USD', value: '12.50' } }, 'amount.currency'],
      [{ ...valid, amount: { currency: 'EUR', value: '0.00' } }, 'amount'],
      [{ ...valid, description: '' }, 'description'],
      [{ ...valid, redirectUrl: undefined }, 'redirectUrl'],
      [{ ...valid, redirectUrl: 'javascript:alert(1)' }, 'redirectUrl'],
      [{ ...valid, locale: 'xx_XX' }, 'locale'],
    ] as const) {
      const error = await apiError(client.payments.create(data as never));
      assert.equal(error.statusCode, 422);
      assert.equal(error.field, field);
    }
    assert.equal(standIn.payments().length, 0);
  });

  test('an unknown key is 401; a payment is seen by its own key only', async () => {
    const other = createMollieClient({ apiKey: 'test_SomeoneElse0000000000000000001', apiEndpoint: standIn.url });
    assert.equal((await apiError(other.methods.list())).statusCode, 401);
    const payment = await client.payments.create(valid);
    assert.equal((await apiError(client.payments.get('tr_unknown1'))).statusCode, 404);
    assert.equal((await client.payments.get(payment.id)).id, payment.id);
    const methods = await client.methods.list();
    assert.deepEqual(
      methods.map((method) => method.id),
      ['ideal', 'creditcard', 'bancontact'],
    );
  });

  test('a payment resource as Mollie shows it; expiry after 15 minutes on its clock', async () => {
    const payment = await client.payments.create({ ...valid, metadata: { reference: 'p1' } });
    assert.equal(payment.status, 'open');
    assert.equal(payment.mode, 'test');
    assert.deepEqual(payment.amount, { currency: 'EUR', value: '12.50' });
    assert.deepEqual(payment.amountRefunded, { currency: 'EUR', value: '0.00' });
    assert.equal(payment.createdAt, '2026-06-01T08:00:00.000Z');
    assert.equal(payment.expiresAt, '2026-06-01T08:15:00.000Z');
    assert.equal(payment.getCheckoutUrl(), `${standIn.checkoutOrigin}/checkout/${payment.id}`);
    clock.advance(15 * 60_000);
    const expired = await client.payments.get(payment.id);
    assert.equal(expired.status, 'expired');
    assert.equal(expired.expiresAt, undefined);
    assert.equal(expired.getCheckoutUrl(), null);
    assert.throws(() => standIn.setStatus(payment.id, 'paid'), /from expired to paid/);
  });

  test('the same idempotency key with another body is refused; with the same body it is the same payment', async () => {
    const first = await client.payments.create({ ...valid, idempotencyKey: 'k-1' });
    const again = await client.payments.create({ ...valid, idempotencyKey: 'k-1' });
    assert.equal(again.id, first.id);
    const error = await apiError(client.payments.create({ ...valid, description: 'other', idempotencyKey: 'k-1' }));
    assert.equal(error.statusCode, 422);
  });

  test('the checkout: paid calls the webhook with id=tr_... form-encoded, then sends the browser back (303)', async () => {
    const hook = await receiver();
    try {
      const payment = await client.payments.create({ ...valid, webhookUrl: hook.url });
      const checkoutUrl = payment.getCheckoutUrl()!;
      const page = await (await fetch(checkoutUrl)).text();
      for (const text of ['iDEAL', 'Bancontact', '>Paid<', '>Failed<', '>Canceled<', '>Expired<']) assert.ok(page.includes(text), text);
      const answer = await fetch(checkoutUrl, {
        method: 'POST',
        body: new URLSearchParams({ method: 'ideal', status: 'paid' }),
        redirect: 'manual',
      });
      assert.equal(answer.status, 303);
      assert.equal(answer.headers.get('location'), 'http://bookings.test/r');
      assert.deepEqual(hook.calls, [{ contentType: 'application/x-www-form-urlencoded', body: `id=${payment.id}` }]);
      assert.deepEqual(standIn.webhookCalls.at(-1), { url: hook.url, paymentId: payment.id, status: 200 });
      const paid = await client.payments.get(payment.id);
      assert.equal(paid.status, 'paid');
      assert.equal(paid.method, 'ideal');
      assert.equal(paid.paidAt, clock.now().toISOString());
      assert.equal(await standIn.callWebhook(payment.id), 200, 'a test may report it again');
      assert.equal(hook.calls.length, 2);
    } finally {
      await hook.close();
    }
  });

  test('a failing webhook does not keep the browser; each outcome is final', async () => {
    const hook = await receiver(500);
    try {
      for (const outcome of ['failed', 'canceled', 'expired'] as const) {
        const payment = await client.payments.create({ ...valid, webhookUrl: hook.url });
        const answer = await fetch(payment.getCheckoutUrl()!, {
          method: 'POST',
          body: new URLSearchParams({ status: outcome }),
          redirect: 'manual',
        });
        assert.equal(answer.status, 303);
        assert.equal(answer.headers.get('location'), 'http://bookings.test/r');
        assert.equal(standIn.webhookCalls.at(-1)?.status, 500);
        assert.equal((await client.payments.get(payment.id)).status, outcome);
        assert.throws(() => standIn.setStatus(payment.id, 'paid'));
      }
      const unreachable = await client.payments.create({ ...valid, webhookUrl: 'http://127.0.0.1:1/webhooks/mollie' });
      const answer = await fetch(unreachable.getCheckoutUrl()!, {
        method: 'POST',
        body: new URLSearchParams({ status: 'paid' }),
        redirect: 'manual',
      });
      assert.equal(answer.status, 303);
      assert.equal(standIn.webhookCalls.at(-1)?.status, 0);
    } finally {
      await hook.close();
    }
  });

  test('webhooks: drop leaves the reporting to the test', async () => {
    const hook = await receiver();
    const quiet = await startMollieStandIn({ keys: [KEY], webhooks: 'drop' });
    trustStandIn(quiet.url, quiet.ca);
    try {
      const quietClient = createMollieClient({ apiKey: KEY, apiEndpoint: quiet.url });
      const payment = await quietClient.payments.create({ ...valid, webhookUrl: hook.url });
      await fetch(payment.getCheckoutUrl()!, { method: 'POST', body: new URLSearchParams({ status: 'paid' }), redirect: 'manual' });
      assert.equal(hook.calls.length, 0);
      assert.equal(await quiet.callWebhook(payment.id), 200);
      assert.equal(hook.calls.length, 1);
    } finally {
      await quiet.close();
      await hook.close();
    }
  });

  test('refunds: only of a paid payment, up to what remains; listed, fetched, settled', async () => {
    const payment = await client.payments.create(valid);
    const early = await apiError(client.paymentRefunds.create({ paymentId: payment.id, amount: { currency: 'EUR', value: '1.00' } }));
    assert.equal(early.statusCode, 422);
    standIn.setStatus(payment.id, 'paid');
    const refund = await client.paymentRefunds.create({
      paymentId: payment.id,
      amount: { currency: 'EUR', value: '10.00' },
      description: 'GZ-1',
    });
    assert.equal(refund.status, 'pending');
    const after = await client.payments.get(payment.id);
    assert.deepEqual(after.amountRefunded, { currency: 'EUR', value: '10.00' });
    assert.deepEqual(after.amountRemaining, { currency: 'EUR', value: '2.50' });
    const tooMuch = await apiError(client.paymentRefunds.create({ paymentId: payment.id, amount: { currency: 'EUR', value: '2.51' } }));
    assert.equal(tooMuch.field, 'amount');
    standIn.settleRefund(refund.id, 'refunded');
    assert.equal((await client.paymentRefunds.get(refund.id, { paymentId: payment.id })).status, 'refunded');
    const listed = await client.paymentRefunds.page({ paymentId: payment.id });
    assert.deepEqual(
      listed.map((r) => r.id),
      [refund.id],
    );
    assert.throws(() => standIn.settleRefund(refund.id, 'failed'), /already refunded/);
  });

  test('a process started with mollieEnv reaches it through the settings and trusts it; without the preload it does not', async () => {
    const mollie = await startMollie();
    try {
      const script = [
        "import { mollieProvider } from './src/adapters/mollie/mollie-provider.ts';",
        'const provider = mollieProvider(process.env.GROUPZ_MOLLIE_API_URL);',
        "console.log(await provider.checkKey(process.env.GROUPZ_MOLLIE_API_KEY), await provider.checkKey('test_unknownKeyOfNoAccount123456789'));",
      ].join('\n');
      const run = async (extra: Record<string, string>) =>
        (
          await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
            env: { ...process.env, ...mollieEnv(mollie.standIn), ...extra },
            encoding: 'utf8',
            timeout: 30_000,
          })
        ).stdout.trim();
      assert.equal(await run({}), 'valid invalid');
      assert.equal(await run({ NODE_OPTIONS: '' }), 'unreachable unreachable', 'the test CA is trusted by the preload only');
    } finally {
      await mollie.close();
    }
  });
});
