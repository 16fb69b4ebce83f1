import { defineMessages } from '../../../core/i18n/define-messages.js';

/** Payments on the public pages and in the API: paying when booking, the return from the checkout, the webhook. */
export const paymentsMessages = defineMessages(
  {
    'error.refund_too_large': 'Er kan niet meer worden terugbetaald dan er is betaald.',
    'error.payment_unavailable': 'De betaaldienst is op dit moment niet bereikbaar. Probeer het over een paar minuten opnieuw.',
    'error.nothing_due': 'Voor deze boeking hoeft nu niets te worden betaald.',
  },
  {
    'error.refund_too_large': 'No more can be refunded than was paid.',
    'error.payment_unavailable': 'The payment service cannot be reached right now. Please try again in a few minutes.',
    'error.nothing_due': 'Nothing is due for this booking now.',
  },
);
