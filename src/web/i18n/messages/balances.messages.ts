import { defineMessages } from '../../../core/i18n/define-messages.js';

/** Deposits and balances, paying on invoice, bank payments staff record, the list of open balances. */
export const balancesMessages = defineMessages({}, {});
