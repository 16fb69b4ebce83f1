import { defineMessages } from '../../../core/i18n/define-messages.js';

/** Refunds: the cancellation policy shown to organisers, refunds by policy and by staff. */
export const refundsMessages = defineMessages({}, {});
