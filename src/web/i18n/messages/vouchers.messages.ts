import { defineMessages } from '../../../core/i18n/define-messages.js';

/** Gift vouchers: paying with one (booking form, manage page), its refusals. */
export const vouchersMessages = defineMessages(
  {
    'voucher.field': 'Cadeaubon',
    'voucher.field_hint':
      'Heeft u een cadeaubon van de locatie? Vul de code in (16 tekens). Het tegoed wordt van de prijs afgetrokken; de rest betaalt u zoals gekozen.',
    'field.voucher_unknown': 'Deze cadeaubon kennen we niet. Controleer de code.',
    'field.voucher_expired': 'Deze cadeaubon is verlopen.',
    'field.voucher_empty': 'Het tegoed van deze cadeaubon is op.',
    'field.voucher_other_venue': 'Deze cadeaubon is van een andere locatie.',
    'field.voucher_not_now':
      'Een cadeaubon gebruikt u zodra de boeking vastligt: via de link in de bevestiging. Een optie of aanvraag kan er nog niet mee worden betaald.',
    'field.voucher_balance_changed': 'Het tegoed van deze cadeaubon is net veranderd. Probeer het opnieuw.',
    'field.validity_too_short': 'Een cadeaubon is volgens de wet minstens {min} maanden geldig.',
  },
  {
    'voucher.field': 'Gift voucher',
    'voucher.field_hint':
      'Do you have a gift voucher from the venue? Enter its code (16 characters). Its balance is taken off the price; you pay the rest as chosen.',
    'field.voucher_unknown': 'We do not know this gift voucher. Please check the code.',
    'field.voucher_expired': 'This gift voucher has expired.',
    'field.voucher_empty': 'This gift voucher has no balance left.',
    'field.voucher_other_venue': 'This gift voucher is for another venue.',
    'field.voucher_not_now':
      'A gift voucher is used once the booking is confirmed: through the link in the confirmation. An option or a request cannot be paid with one yet.',
    'field.voucher_balance_changed': "This gift voucher's balance has just changed. Please try again.",
    'field.validity_too_short': 'By law, a gift voucher is valid for at least {min} months.',
  },
);
