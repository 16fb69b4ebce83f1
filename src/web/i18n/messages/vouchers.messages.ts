import { defineMessages } from '../../../core/i18n/define-messages.js';

/** Gift vouchers: paying with one (booking form, manage page), its refusals. */
export const vouchersMessages = defineMessages(
  {
    'voucher.field': 'Cadeaubon',
    'voucher.field_hint':
      'Heeft u een cadeaubon van de locatie? Vul de code in (16 tekens). Het tegoed betaalt (een deel van) de boeking; de rest betaalt u zoals gekozen.',
    'field.voucher_unknown': 'Deze cadeaubon kennen we niet. Controleer de code.',
    'field.voucher_expired': 'Deze cadeaubon is verlopen.',
    'field.voucher_empty': 'Het tegoed van deze cadeaubon is op.',
    'field.voucher_other_venue': 'Deze cadeaubon is van een andere locatie.',
    'field.voucher_not_now':
      'Een cadeaubon gebruikt u zodra de boeking vastligt: via de link in de bevestiging. Een optie of aanvraag kan er nog niet mee worden betaald.',
    'field.voucher_balance_changed': 'Het tegoed van deze cadeaubon is net veranderd. Probeer het opnieuw.',
    'field.validity_too_short': 'Een cadeaubon is volgens de wet minstens {min} maanden geldig.',
    'payment.plan.voucher': 'De cadeaubon betaalt {amount} bij het boeken; daarmee is hij op.',
    'payment.plan.voucher_left':
      'De cadeaubon betaalt {amount} bij het boeken; daarna staat er nog {left} op, te gebruiken tot en met {date}.',
    'payment.plan.rest_later': 'De rest, {rest}, betaalt u online uiterlijk {date}.',
    'voucher.pay_title': 'Betalen met een cadeaubon',
    'payment.of_which_voucher': '(waarvan {amount} met cadeaubon)',
    'phone_booking.voucher_hint': 'Het tegoed betaalt de boeking bij het plaatsen, zo ver het reikt (niet bij een optie of aanvraag).',
    'voucher.pay_hint': 'Het tegoed betaalt wat nog openstaat, zo ver het reikt; wat overblijft, blijft op de bon.',
    'voucher.pay_button': 'Cadeaubon gebruiken',
    'manage.done.voucher_paid': 'De cadeaubon is gebruikt. Hieronder ziet u wat is betaald en wat nog openstaat.',
  },
  {
    'voucher.field': 'Gift voucher',
    'voucher.field_hint':
      'Do you have a gift voucher from the venue? Enter its code (16 characters). Its balance pays (part of) the booking; you pay the rest as chosen.',
    'field.voucher_unknown': 'We do not know this gift voucher. Please check the code.',
    'field.voucher_expired': 'This gift voucher has expired.',
    'field.voucher_empty': 'This gift voucher has no balance left.',
    'field.voucher_other_venue': 'This gift voucher is for another venue.',
    'field.voucher_not_now':
      'A gift voucher is used once the booking is confirmed: through the link in the confirmation. An option or a request cannot be paid with one yet.',
    'field.voucher_balance_changed': "This gift voucher's balance has just changed. Please try again.",
    'field.validity_too_short': 'By law, a gift voucher is valid for at least {min} months.',
    'payment.plan.voucher': 'The gift voucher pays {amount} when booking, which spends it.',
    'payment.plan.voucher_left': 'The gift voucher pays {amount} when booking; {left} stays on it afterwards, to use until {date}.',
    'payment.plan.rest_later': 'You pay the rest, {rest}, online by {date}.',
    'voucher.pay_title': 'Pay with a gift voucher',
    'payment.of_which_voucher': '({amount} of it by gift voucher)',
    'phone_booking.voucher_hint': 'Its balance pays the booking when it is placed, as far as it goes (not for an option or a request).',
    'voucher.pay_hint': 'Its balance pays what is still open, as far as it goes; what is left stays on the voucher.',
    'voucher.pay_button': 'Use gift voucher',
    'manage.done.voucher_paid': 'The gift voucher was used. Below you see what is paid and what is still open.',
  },
);
