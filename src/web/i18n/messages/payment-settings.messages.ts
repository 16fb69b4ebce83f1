import { defineMessages } from '../../../core/i18n/define-messages.js';

/** Payment settings in the back office: an activity's payment terms and refund policy, a venue's Mollie key. */
export const paymentSettingsMessages = defineMessages({}, {});
