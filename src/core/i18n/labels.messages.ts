import { defineMessages } from './define-messages.js';

/**
 * The names both the pages and the mails show: a booking's status and facts, a backup location's
 * facts, a background job's name. Core defines them once; the web's catalogue and the mails' catalogue each include them.
 */
export const labelMessages = defineMessages(
  {
    'status.option': 'Optie',
    'status.requested': 'Aangevraagd',
    'status.awaiting_payment': 'Wacht op betaling',
    'status.confirmed': 'Bevestigd',
    'status.cancelled': 'Geannuleerd',
    'status.expired': 'Verlopen',
    'status.completed': 'Afgerond',

    'booking.activity': 'Activiteit',
    'booking.venue': 'Locatie',
    'booking.when': 'Wanneer',
    'booking.group_size': 'Aantal personen',
    'manage.status': 'Status',
    'price.total': 'Totaal (incl. btw)',
    'payment.fees_kept': 'Ingehouden kosten, boven de prijs',
    'payment.goodwill': 'Coulance, van de prijs af',

    'backups.location': 'Locatie',
    'backups.location.local': 'Lokaal, op deze server',
    'backups.location.remote': 'Tweede locatie',
    'backups.last_success': 'Laatste geslaagde back-up',
    'backups.never': 'nooit',
    'backups.error': 'Foutmelding',

    'job.booking-lifecycle': 'Boekingen bijwerken',
    'job.refunds': 'Terugbetalingen',
    'job.payment-check': 'Betalingen nagaan',
    'job.staff-sweep': 'Verlopen sessies opruimen',
    'job.balance-reminders': 'Herinneringen voor het restbedrag',
    'job.retention': 'Bewaartermijnen toepassen',
    'job.voucher-expiry': 'Cadeaubonnen laten verlopen',
    'job.mail-delivery': 'E-mails versturen',
    'job.self-audit': 'Zelfcontrole',
    'job.backup': 'Back-ups',
    'job.job-watch': 'Bewaking van de achtergrondtaken',
  },
  {
    'status.option': 'Option',
    'status.requested': 'Requested',
    'status.awaiting_payment': 'Awaiting payment',
    'status.confirmed': 'Confirmed',
    'status.cancelled': 'Cancelled',
    'status.expired': 'Expired',
    'status.completed': 'Completed',

    'booking.activity': 'Activity',
    'booking.venue': 'Venue',
    'booking.when': 'When',
    'booking.group_size': 'Number of people',
    'manage.status': 'Status',
    'price.total': 'Total (incl. VAT)',
    'payment.fees_kept': 'Fees kept, on top of the price',
    'payment.goodwill': 'Goodwill, off the price',

    'backups.location': 'Location',
    'backups.location.local': 'Local, on this server',
    'backups.location.remote': 'Second location',
    'backups.last_success': 'Last successful backup',
    'backups.never': 'never',
    'backups.error': 'Error',

    'job.booking-lifecycle': 'Updating bookings',
    'job.refunds': 'Refunds',
    'job.payment-check': 'Checking payments',
    'job.staff-sweep': 'Clearing expired sessions',
    'job.balance-reminders': 'Balance reminders',
    'job.retention': 'Applying retention periods',
    'job.voucher-expiry': 'Expiring gift vouchers',
    'job.mail-delivery': 'Sending emails',
    'job.self-audit': 'Self-audit',
    'job.backup': 'Backups',
    'job.job-watch': 'Watching the background jobs',
  },
);

/** A text the pages and the mails share. */
export type LabelKey = keyof typeof labelMessages.nl;
