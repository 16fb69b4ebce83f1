import type { PaymentContext } from '../../core/payments/payment-context.js';
import type { AppContext } from '../app-context.js';

/** What the payment services need, from the app's context: the provider and key, the platform's secret and address. */
export function paymentContextOf(context: Pick<AppContext, 'payments' | 'auth' | 'publicUrl'>): PaymentContext {
  return { settings: context.payments, secretKey: context.auth.secretKey, publicUrl: context.publicUrl };
}
