import { defineMessages } from '../../../core/i18n/define-messages.js';

/** Invoices in a booking's history: each one issued, and when the venue's billing details held one back. */
export const invoiceHistoryMessages = defineMessages(
  {
    'activity_log.action.booking.invoice_issued': 'factuur uitgereikt',
    'activity_log.action.booking.credit_note_issued': 'creditnota uitgereikt',
    'activity_log.action.booking.invoice_withheld': 'geen factuur: de factuurgegevens van de locatie zijn onvolledig',
    'invoice_history.issued': '{title} {number} uitgereikt: {amount}',
    'invoice_history.reminded': 'herinnering te late factuur {number} verstuurd (vervaldatum {due})',
    'invoice_history.withheld': 'geen factuur: de factuurgegevens van de locatie zijn onvolledig (ontbreekt: {missing})',
  },
  {
    'activity_log.action.booking.invoice_issued': 'invoice issued',
    'activity_log.action.booking.credit_note_issued': 'credit note issued',
    'activity_log.action.booking.invoice_withheld': "no invoice: the venue's billing details are incomplete",
    'invoice_history.issued': '{title} {number} issued: {amount}',
    'invoice_history.reminded': 'overdue invoice {number} reminder sent (due {due})',
    'invoice_history.withheld': "no invoice: the venue's billing details are incomplete (missing: {missing})",
  },
);
