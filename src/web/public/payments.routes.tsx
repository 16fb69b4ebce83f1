import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type AppContext, paymentContextOf } from '../app-context.js';
import type { BookingDetails } from '../../core/bookings/booking.js';
import { findBookingByLink } from '../../core/booking-flows/booking.service.js';
import { settlePayment, startCheckout } from '../../core/booking-flows/checkout.service.js';
import { findPaymentOfBooking } from '../../core/payments/organiser-payment.service.js';
import type { PaymentStatus } from '../../core/payments/payment.js';
import { ProviderUnavailable } from '../../core/payments/payment-provider.js';
import { settleFromWebhook } from '../../core/booking-flows/payment-webhook.service.js';
import type { PaymentRow } from '../../core/payments/payments.repository.js';
import { DomainError } from '../../core/shared/errors.js';
import { isKey } from '../../core/shared/ids.js';
import { HttpError, statusOfDomainError } from '../plugins/errors.js';
import { checkoutTarget } from '../plugins/redirects.js';
import { uiFor } from '../plugins/language.js';
import { managePath } from '../views/manage-actions.js';
import type { PaymentOutcome } from '../views/payment-section.js';
import { PaymentUnavailablePage } from '../views/payment-unavailable.page.js';
import { formField } from '../form-body.js';
import { isThrottled, retryAfterSeconds } from './booking-throttle.js';
import { clientAddress } from '../../core/activity-log/activity-log.js';
import { sendManagePage } from './manage.routes.js';
import { sendPage } from './respond.js';

type PaymentRequest = FastifyRequest<{ Params: { token: string; paymentId: string }; Querystring: unknown }>;

/** The statuses after which Mollie changes a payment no more (but for refunds). */
const FINAL: readonly PaymentStatus[] = ['paid', 'failed', 'canceled', 'expired'];

const OUTCOMES: Record<PaymentStatus, PaymentOutcome> = {
  creating: 'waiting',
  open: 'waiting',
  pending: 'waiting',
  authorized: 'waiting',
  paid: 'paid',
  failed: 'failed',
  canceled: 'cancelled',
  expired: 'expired',
};

/** Mollie's payment ids: `tr_` and letters and digits. */
const PROVIDER_ID = /^tr_[A-Za-z0-9]{1,64}$/;

/**
 * Paying online. The pay link (GET, a plain link on the manage page and in the mails) starts or
 * resumes the checkout and sends the organiser to the provider's hosted page: a link's navigation,
 * which CSP form-action does not govern, so every form keeps posting to this site only. The
 * checkout sends them back to the return page, which shows what the provider says (asking it when
 * the webhook has not told yet). The webhook is Mollie's `POST id=tr_...`: answered 200 with
 * nothing in it, known id or not (also when the payment's venue has no usable key: nothing to do,
 * the expiry job ends the booking), 503 only when Mollie cannot be asked, so that it calls again,
 * and 429 with Retry-After to a client address past the webhook's limit (THROTTLE_RULES.paymentWebhook).
 */
export async function paymentRoutes(app: FastifyInstance, context: AppContext): Promise<void> {
  const { db, clock, publicUrl } = context;
  const payments = paymentContextOf(context);

  async function bookingOf(token: string): Promise<BookingDetails> {
    const booking = await findBookingByLink(db, 'manage', token);
    if (!booking) throw new DomainError('not_found');
    return booking;
  }

  app.get<{ Params: { token: string } }>('/b/:token/pay', async (request, reply) => {
    const { token } = request.params;
    const booking = await bookingOf(token);
    try {
      const { checkoutUrl } = await startCheckout(
        db,
        clock,
        payments,
        booking.id,
        (id: string) => `${publicUrl}${managePath(token)}/payments/${id}`,
      );
      // A checkout URL that may not be redirected to (not https): as if the provider were unavailable.
      if (checkoutTarget(checkoutUrl)) return reply.toCheckout(checkoutUrl);
      return unavailable();
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      if (error.code === 'nothing_due') return reply.seeOther(`${managePath(token)}?done=nothing_due`);
      if (error.code !== 'payment_unavailable') throw error;
      return unavailable();
    }

    function unavailable() {
      const ui = uiFor(request);
      return sendPage(reply, statusOfDomainError('payment_unavailable'), <PaymentUnavailablePage ui={ui} token={token} />);
    }
  });

  /** The payment as the provider has it now: asked when the database does not know its end yet; as recorded when the provider cannot be asked. */
  async function settled(payment: PaymentRow): Promise<PaymentRow> {
    if ((FINAL as readonly string[]).includes(payment.status)) return payment;
    try {
      return await settlePayment(db, clock, payments, payment.id);
    } catch (error) {
      if (error instanceof ProviderUnavailable || (error instanceof DomainError && error.code === 'payment_unavailable')) return payment;
      throw error;
    }
  }

  app.get('/b/:token/payments/:paymentId', async (request: PaymentRequest, reply: FastifyReply) => {
    const { token, paymentId } = request.params;
    const booking = await bookingOf(token);
    const recorded = isKey(paymentId) ? await findPaymentOfBooking(db, booking.id, paymentId) : undefined;
    if (!recorded) throw new DomainError('not_found');
    const payment = await settled(recorded);
    const outcome = OUTCOMES[payment.status as PaymentStatus] ?? 'waiting';
    // While the bank has not answered: no automatic refresh (WCAG 2.2.1), a link that checks again.
    // The booking as it is now: settling may have confirmed it.
    return sendManagePage(context, request, reply, 200, await bookingOf(token), { paymentOutcome: { outcome } });
  });

  app.post('/payments/webhook', async (request, reply) => {
    const type = String(request.headers['content-type'] ?? '');
    const id = formField(request.body, 'id');
    // Anything but Mollie's one field: the plain bad-request page, which names nothing of what was sent.
    if (!type.startsWith('application/x-www-form-urlencoded') || !PROVIDER_ID.test(id)) throw new HttpError(400, 'bad_request');
    try {
      await settleFromWebhook(db, clock, payments, id, clientAddress(request.ip));
    } catch (error) {
      // Too many calls from this address (unknown ids): nothing in the answer but when to call again.
      if (isThrottled(error))
        return reply
          .code(statusOfDomainError('throttled'))
          .header('retry-after', String(retryAfterSeconds(error)))
          .send();
      if (error instanceof ProviderUnavailable || (error instanceof DomainError && error.code === 'payment_unavailable')) {
        return reply.code(statusOfDomainError('payment_unavailable')).send();
      }
      throw error;
    }
    return reply.code(200).send();
  });
}
