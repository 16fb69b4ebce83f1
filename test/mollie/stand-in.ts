import { createHash, randomBytes } from 'node:crypto';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { createTestCa, issueTestCertificate } from '../certificates.js';
import { CHECKOUT_OUTCOMES, type CheckoutOutcome, checkoutPage } from './checkout-page.js';
import {
  errorJson,
  methodsJson,
  PAYMENT_TRANSITIONS,
  paymentJson,
  refundJson,
  remainingCents,
  type StandInPayment,
  type StandInPaymentStatus,
  type StandInRefund,
} from './resources.js';
import { validPayment, validRefund } from './validation.js';

/**
 * A local stand-in for Mollie's v2 API, written from Mollie's API reference: the parts Groupz uses
 * (create and get payments, refunds, the methods list to check a key), the hosted checkout where
 * the test picks the outcome, and webhook calls `POST id=tr_...` as Mollie makes them.
 *
 * The API answers over HTTPS only, as Mollie's does (the official client sends every request
 * through an https agent), with a certificate from a test CA: `ca` is what a client must trust.
 * The checkout is a second, plain-HTTP server, as Mollie's checkout lives on another host than its
 * API; browsers in the system tests reach it without certificate exceptions.
 */
export interface MollieStandInOptions {
  /** The API keys this "Mollie" knows (`test_...` or `live_...`); any other is refused with 401. */
  keys: readonly string[];
  /** `send`: the checkout calls the webhook before sending the browser back; `drop`: it never does (tests call `callWebhook`). */
  webhooks?: 'send' | 'drop';
  /** The stand-in's clock (createdAt, paidAt, expiry); real time unless given. */
  clock?: { now(): Date };
  /** How long an open payment can be paid, in minutes: Mollie's 15 for iDEAL unless given. */
  expiryMinutes?: number;
  /** Delivers a webhook call and answers the HTTP status; by default a real POST, to loopback addresses only. */
  deliverWebhook?: (url: string, body: string) => Promise<number>;
}

export interface WebhookCall {
  url: string;
  paymentId: string;
  /** The HTTP status Groupz answered; 0 when it did not answer. */
  status: number;
}

export interface ApiRequest {
  method: string;
  path: string;
  idempotencyKey: string | null;
  /** The JSON body as sent (amounts as Mollie's decimal strings). */
  body: unknown;
  status: number;
}

/** A fault the API shows for the next requests: a 5xx answer, or no answer at all. */
export interface Fault {
  status?: number;
  /** Sends Retry-After (seconds) with the error, as an overloaded API may. */
  retryAfterSeconds?: number;
  /** Accepts the request and never answers. */
  hang?: boolean;
}

export interface MollieStandIn {
  /** The API's base URL, `https://127.0.0.1:PORT/v2/`: GROUPZ_MOLLIE_API_URL. */
  url: string;
  /** The PEM of the CA the API's certificate chains to. */
  ca: string;
  /** The checkout server's origin, `http://127.0.0.1:PORT`. */
  checkoutOrigin: string;
  /** Moves a payment as the customer or the bank would (Mollie's allowed transitions only); calls no webhook. */
  setStatus(id: string, status: StandInPaymentStatus, method?: string): void;
  /** Calls the payment's webhook as Mollie does; the HTTP status Groupz answered (0: no answer). */
  callWebhook(id: string): Promise<number>;
  payments(): StandInPayment[];
  payment(id: string): StandInPayment | undefined;
  refunds(): StandInRefund[];
  /** Completes a refund as the bank does: `refunded`, or `failed` (its amount can be refunded again). */
  settleRefund(id: string, status: 'refunded' | 'failed'): void;
  webhookCalls: WebhookCall[];
  requests: ApiRequest[];
  /** From now on, webhook calls go through `deliver` (e.g. into `app.inject` for an app that does not listen). */
  deliverWebhooksWith(deliver: (url: string, body: string) => Promise<number>): void;
  /** The next `count` API requests meet `fault` (503 unless it says otherwise). */
  failNext(count: number, fault?: Fault): void;
  close(): Promise<void>;
}

let tls: { ca: string; key: string; cert: string } | undefined;

/** One CA and certificate for 127.0.0.1 per test process (openssl is not fast). */
function tlsMaterial(): { ca: string; key: string; cert: string } {
  if (!tls) {
    const ca = createTestCa('Mollie stand-in test CA');
    const certificate = issueTestCertificate(ca, { names: ['127.0.0.1', 'localhost'], name: 'mollie' });
    tls = { ca: ca.cert.pem, key: certificate.key.pem, cert: certificate.cert.pem };
  }
  return tls;
}

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function newId(prefix: 'tr_' | 're_'): string {
  return prefix + [...randomBytes(10)].map((byte) => ID_ALPHABET[byte % ID_ALPHABET.length]).join('');
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** A real POST of `id=tr_...`, refused for anything but loopback (tests send traffic nowhere else). */
async function postWebhook(url: string, body: string): Promise<number> {
  if (!LOOPBACK.has(new URL(url).hostname)) throw new Error(`the stand-in calls webhooks on loopback only, not ${url}`);
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body,
    redirect: 'manual',
    signal: AbortSignal.timeout(10_000),
  });
  await response.arrayBuffer();
  return response.status;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > 1_000_000) throw new Error('request too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

function close(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

export async function startMollieStandIn(options: MollieStandInOptions): Promise<MollieStandIn> {
  const keys = new Set(options.keys);
  const now = () => (options.clock ? options.clock.now() : new Date());
  const expiryMs = (options.expiryMinutes ?? 15) * 60_000;
  let deliver = options.deliverWebhook ?? postWebhook;
  const payments = new Map<string, StandInPayment>();
  const refunds = new Map<string, StandInRefund>();
  /** Idempotency: per key and path, the request's body digest and the answer it got. */
  const idempotent = new Map<string, { digest: string; status: number; body: unknown }>();
  const webhookCalls: WebhookCall[] = [];
  const requests: ApiRequest[] = [];
  const faults: Fault[] = [];

  const material = tlsMaterial();
  const api = createHttpsServer({ key: material.key, cert: material.cert });
  const checkout = createHttpServer();
  const apiPort = await listen(api);
  const checkoutPort = await listen(checkout);
  const apiUrl = `https://127.0.0.1:${apiPort}/v2/`;
  const checkoutOrigin = `http://127.0.0.1:${checkoutPort}`;
  const checkoutUrl = (id: string) => `${checkoutOrigin}/checkout/${id}`;

  /** The payment as it stands now: an open one past its expiry has expired (Mollie then calls the webhook; here the test does). */
  function current(payment: StandInPayment): StandInPayment {
    if ((payment.status === 'open' || payment.status === 'pending') && now() >= payment.expiresAt) {
      payment.status = 'expired';
      payment.expiredAt = payment.expiresAt;
    }
    return payment;
  }

  function move(payment: StandInPayment, status: StandInPaymentStatus, method?: string): void {
    current(payment);
    if (!PAYMENT_TRANSITIONS[payment.status].includes(status)) {
      throw new Error(`Mollie moves no payment from ${payment.status} to ${status} (${payment.id})`);
    }
    const at = now();
    payment.status = status;
    if (status === 'paid') {
      payment.paidAt = at;
      payment.method = method ?? payment.method ?? 'ideal';
    }
    if (status === 'canceled') payment.canceledAt = at;
    if (status === 'expired') payment.expiredAt = at;
    if (status === 'failed') payment.failedAt = at;
  }

  async function callWebhook(id: string): Promise<number> {
    const payment = payments.get(id);
    if (!payment) throw new Error(`no payment ${id}`);
    if (!payment.webhookUrl) return 0;
    let status = 0;
    try {
      status = await deliver(payment.webhookUrl, new URLSearchParams({ id }).toString());
    } catch {
      status = 0;
    }
    webhookCalls.push({ url: payment.webhookUrl, paymentId: id, status });
    return status;
  }

  function send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    const text = JSON.stringify(body);
    response.writeHead(status, { 'content-type': 'application/hal+json; charset=utf-8', ...headers });
    response.end(text);
  }

  function ownPayment(apiKey: string, id: string): StandInPayment | undefined {
    const payment = payments.get(id);
    return payment && payment.apiKey === apiKey ? current(payment) : undefined;
  }

  function notFound(what: string, id: string): [number, unknown] {
    return [404, errorJson(404, 'Not Found', `No ${what} exists with token ${id}.`)];
  }

  function createPayment(apiKey: string, input: unknown): [number, unknown] {
    const checked = validPayment(input);
    if ('error' in checked) return [422, errorJson(422, 'Unprocessable Entity', checked.error.detail, checked.error.field)];
    const created = now();
    const payment: StandInPayment = {
      id: newId('tr_'),
      apiKey,
      mode: apiKey.startsWith('live_') ? 'live' : 'test',
      status: 'open',
      ...checked.payment,
      refundedCents: 0,
      method: null,
      createdAt: created,
      expiresAt: new Date(created.getTime() + expiryMs),
      paidAt: null,
      canceledAt: null,
      expiredAt: null,
      failedAt: null,
    };
    payments.set(payment.id, payment);
    return [201, paymentJson(payment, apiUrl, checkoutUrl(payment.id))];
  }

  function createRefund(apiKey: string, paymentId: string, input: unknown): [number, unknown] {
    const payment = ownPayment(apiKey, paymentId);
    if (!payment) return notFound('payment', paymentId);
    if (payment.status !== 'paid') {
      return [422, errorJson(422, 'Unprocessable Entity', `The payment ${paymentId} has not been paid and cannot be refunded.`)];
    }
    const checked = validRefund(input, remainingCents(payment));
    if ('error' in checked) return [422, errorJson(422, 'Unprocessable Entity', checked.error.detail, checked.error.field)];
    const refund: StandInRefund = { id: newId('re_'), paymentId, status: 'pending', ...checked.refund, createdAt: now() };
    refunds.set(refund.id, refund);
    payment.refundedCents += refund.amountCents;
    return [201, refundJson(refund, apiUrl)];
  }

  function route(method: string, path: string[], apiKey: string, body: unknown): [number, unknown] {
    if (method === 'GET' && path.length === 1 && path[0] === 'methods') return [200, methodsJson(apiUrl, checkoutOrigin)];
    if (path[0] !== 'payments') return [404, errorJson(404, 'Not Found', 'The resource could not be found.')];
    if (method === 'POST' && path.length === 1) return createPayment(apiKey, body);
    const id = path[1] ?? '';
    if (method === 'GET' && path.length === 2) {
      const payment = ownPayment(apiKey, id);
      return payment ? [200, paymentJson(payment, apiUrl, checkoutUrl(id))] : notFound('payment', id);
    }
    if (path[2] !== 'refunds') return [404, errorJson(404, 'Not Found', 'The resource could not be found.')];
    if (method === 'POST' && path.length === 3) return createRefund(apiKey, id, body);
    const payment = ownPayment(apiKey, id);
    if (!payment) return notFound('payment', id);
    const own = [...refunds.values()].filter((refund) => refund.paymentId === id);
    if (method === 'GET' && path.length === 3) {
      return [
        200,
        {
          count: own.length,
          _embedded: { refunds: own.map((refund) => refundJson(refund, apiUrl)) },
          _links: { self: { href: `${apiUrl}payments/${id}/refunds`, type: 'application/hal+json' }, previous: null, next: null },
        },
      ];
    }
    const refund = own.find((candidate) => candidate.id === path[3]);
    if (method === 'GET' && path.length === 4) return refund ? [200, refundJson(refund, apiUrl)] : notFound('refund', path[3] ?? '');
    return [404, errorJson(404, 'Not Found', 'The resource could not be found.')];
  }

  api.on('request', (request: IncomingMessage, response: ServerResponse) => {
    void (async () => {
      const method = request.method ?? 'GET';
      const url = new URL(request.url ?? '/', apiUrl);
      const idempotencyKey = (request.headers['idempotency-key'] as string | undefined) ?? null;
      let body: unknown = undefined;
      const record = (status: number) => requests.push({ method, path: url.pathname, idempotencyKey, body, status });
      const fault = faults.shift();
      if (fault?.hang) return record(0);
      if (fault) {
        const status = fault.status ?? 503;
        record(status);
        const headers = fault.retryAfterSeconds === undefined ? {} : { 'retry-after': String(fault.retryAfterSeconds) };
        return send(response, status, errorJson(status, 'Service Unavailable', 'The service is temporarily unavailable.'), headers);
      }
      const apiKey = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '')?.[1];
      if (!apiKey || !keys.has(apiKey)) {
        record(401);
        return send(response, 401, errorJson(401, 'Unauthorized Request', 'Missing authentication, or failed to authenticate'));
      }
      const text = await readBody(request);
      if (text.length > 0) {
        try {
          body = JSON.parse(text);
        } catch {
          record(400);
          return send(response, 400, errorJson(400, 'Bad Request', 'The request body is not valid JSON.'));
        }
      }
      const path = url.pathname
        .replace(/^\/v2\//, '')
        .split('/')
        .filter(Boolean);
      if (!url.pathname.startsWith('/v2/')) {
        record(404);
        return send(response, 404, errorJson(404, 'Not Found', 'The resource could not be found.'));
      }
      const slot = idempotencyKey && method === 'POST' ? `${apiKey} ${url.pathname} ${idempotencyKey}` : null;
      const digest = createHash('sha256').update(text).digest('hex');
      const earlier = slot ? idempotent.get(slot) : undefined;
      if (earlier && earlier.digest !== digest) {
        record(422);
        return send(response, 422, errorJson(422, 'Unprocessable Entity', 'The idempotency key was used before for a different request.'));
      }
      if (earlier) {
        record(earlier.status);
        return send(response, earlier.status, earlier.body);
      }
      const [status, answer] = route(method, path, apiKey, body);
      // Mollie keeps the answer of a request that was carried out; a refused one may be tried again.
      if (slot && status < 300) idempotent.set(slot, { digest, status, body: answer });
      record(status);
      send(response, status, answer);
    })().catch((error: unknown) => {
      if (!response.headersSent) send(response, 500, errorJson(500, 'Internal Server Error', String(error)));
    });
  });

  checkout.on('request', (request: IncomingMessage, response: ServerResponse) => {
    void (async () => {
      const url = new URL(request.url ?? '/', checkoutOrigin);
      const id = /^\/checkout\/(tr_[A-Za-z0-9]+)$/.exec(url.pathname)?.[1];
      const payment = id ? payments.get(id) : undefined;
      if (!payment) {
        response.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
        response.end('<!doctype html><title>Not found</title><h1>Payment not found</h1>');
        return;
      }
      current(payment);
      if (request.method === 'POST') {
        const form = new URLSearchParams(await readBody(request));
        const outcome = form.get('status') as CheckoutOutcome | null;
        if (payment.status !== 'open' || !outcome || !CHECKOUT_OUTCOMES.includes(outcome)) {
          response.writeHead(303, { location: `/checkout/${payment.id}` });
          response.end();
          return;
        }
        move(payment, outcome, form.get('method') ?? undefined);
        // Mollie reports the change to the webhook; a failing webhook never keeps the customer at the checkout.
        if ((options.webhooks ?? 'send') === 'send') await callWebhook(payment.id);
        response.writeHead(303, { location: payment.redirectUrl });
        response.end();
        return;
      }
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(checkoutPage(payment));
    })().catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain' });
      response.end(String(error));
    });
  });

  return {
    url: apiUrl,
    ca: material.ca,
    checkoutOrigin,
    setStatus(id, status, method) {
      const payment = payments.get(id);
      if (!payment) throw new Error(`no payment ${id}`);
      move(payment, status, method);
    },
    callWebhook,
    payments: () => [...payments.values()].map(current),
    payment: (id) => {
      const payment = payments.get(id);
      return payment && current(payment);
    },
    refunds: () => [...refunds.values()],
    settleRefund(id, status) {
      const refund = refunds.get(id);
      if (!refund) throw new Error(`no refund ${id}`);
      if (!['queued', 'pending', 'processing'].includes(refund.status)) throw new Error(`refund ${id} is already ${refund.status}`);
      refund.status = status;
      // A failed refund returns its amount: it can be refunded again.
      if (status === 'failed') payments.get(refund.paymentId)!.refundedCents -= refund.amountCents;
    },
    webhookCalls,
    requests,
    deliverWebhooksWith(deliverWith) {
      deliver = deliverWith;
    },
    failNext(count, fault = {}) {
      for (let i = 0; i < count; i += 1) faults.push(fault);
    },
    async close() {
      await Promise.all([close(api as unknown as Server), close(checkout)]);
    },
  };
}
