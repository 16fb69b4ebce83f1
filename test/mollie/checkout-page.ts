import { amountJson, METHODS, type StandInPayment } from './resources.js';

/** The outcomes a tester picks at the checkout, as in Mollie's test mode. */
export const CHECKOUT_OUTCOMES = ['paid', 'failed', 'canceled', 'expired'] as const;
export type CheckoutOutcome = (typeof CHECKOUT_OUTCOMES)[number];

const LABELS: Record<CheckoutOutcome, string> = { paid: 'Paid', failed: 'Failed', canceled: 'Canceled', expired: 'Expired' };

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The hosted checkout of an open payment: the methods, then the outcome buttons of Mollie's test mode. */
export function checkoutPage(payment: StandInPayment): string {
  const amount = `€ ${amountJson(payment.amountCents).value}`;
  if (payment.status !== 'open') {
    return page(`<h1>Payment ${escape(payment.status)}</h1><p>This payment can no longer be paid.</p>`);
  }
  const methods = METHODS.map(
    (method, index) =>
      `<label><input type="radio" name="method" value="${method.id}"${index === 0 ? ' checked' : ''}> ${method.description}</label>`,
  ).join('<br>');
  const buttons = CHECKOUT_OUTCOMES.map(
    (outcome) => `<button type="submit" name="status" value="${outcome}">${LABELS[outcome]}</button>`,
  ).join(' ');
  return page(
    `<h1>Test mode checkout</h1><p>${escape(payment.description)}</p><p class="amount">${escape(amount)}</p>` +
      `<form method="post" action="/checkout/${escape(payment.id)}"><fieldset><legend>Payment method</legend>${methods}</fieldset>` +
      `<p>Choose the payment's status:</p>${buttons}</form>`,
  );
}

function page(body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Mollie checkout (stand-in)</title></head><body>${body}</body></html>`;
}
