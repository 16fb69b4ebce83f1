import { defineMessages } from '../define-messages.js';

/** The booking lifecycle: statuses beyond confirmed and cancelled, options, the manage link's actions. */
export const lifecycleMessages = defineMessages(
  {
    'status.option': 'Optie',
    'status.requested': 'Aangevraagd',
    'status.expired': 'Verlopen',
    'status.completed': 'Afgerond',
  },
  {
    'status.option': 'Option',
    'status.requested': 'Requested',
    'status.expired': 'Expired',
    'status.completed': 'Completed',
  },
);
