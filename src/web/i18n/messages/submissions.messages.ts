import { defineMessages } from '../../../core/i18n/define-messages.js';

/** Submitting a booking: the booking limits, the submission key and a submission that came before. */
export const submissionsMessages = defineMessages(
  {
    'error.booking_throttled':
      'Er zijn kort na elkaar te veel boekingen geplaatst vanaf uw netwerk of voor dit e-mailadres. U kunt weer boeken vanaf {time}.',
    'field.key_not_random':
      'Stuur een willekeurige sleutel van minstens 128 bits: 22 tot 128 tekens A-Z, a-z, 0-9, - en _ (of 32 hexadecimale cijfers), gemaakt door een toevalsgenerator.',
    'submission.replayed_title': 'Deze boeking is al ontvangen',
    'submission.replayed_text':
      'Deze boeking was al geplaatst; misschien klikte u twee keer op Bevestigen. Boekingsnummer {reference}, status: {status}. De link om de boeking te bekijken en te wijzigen staat in de e-mail die we naar het opgegeven adres stuurden.',
    'submission.change_hint': 'Wilt u iets wijzigen, zoals het aantal personen? Dat kan via die link.',
    'review.placed_item': '{reference}: {persons}, {status}',
    'review.placed_title': 'Deze boeking is al geplaatst',
    'review.placed_text':
      'Met dit formulier is al geboekt: {booking}. Nog eens bevestigen plaatst geen tweede boeking. Wilt u iets wijzigen, zoals het aantal personen? Gebruik dan de link in de e-mail die we naar het opgegeven adres stuurden.',
  },
  {
    'error.booking_throttled':
      'Too many bookings were placed in a short time from your network or for this email address. You can book again from {time}.',
    'field.key_not_random':
      'Send a random key of at least 128 bits: 22 to 128 characters A-Z, a-z, 0-9, - and _ (or 32 hex digits), made by a random generator.',
    'submission.replayed_title': 'This booking was already received',
    'submission.replayed_text':
      'This booking had already been placed; perhaps you clicked Confirm twice. Booking reference {reference}, status: {status}. The link to see and change the booking is in the email we sent to the address you gave.',
    'submission.change_hint': 'Want to change something, such as the number of people? Use that link.',
    'review.placed_item': '{reference}: {persons}, {status}',
    'review.placed_title': 'This booking has already been placed',
    'review.placed_text':
      'This form already placed a booking: {booking}. Confirming again does not place a second one. To change something, such as the number of people, use the link in the email we sent to the address you gave.',
  },
);
