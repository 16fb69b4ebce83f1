import { defineMessages } from '../../../core/i18n/define-messages.js';

/** The form that mails a lost manage link again, and the pointers to it. */
export const lostLinkMessages = defineMessages(
  {
    'lost_link.title': 'Link naar uw boeking kwijt?',
    'lost_link.intro':
      'Vul het boekingsnummer en het e-mailadres van de boeking in. Horen ze bij een lopende boeking, dan mailen we de link om de boeking te bekijken en te wijzigen opnieuw naar dat adres.',
    'lost_link.reference': 'Boekingsnummer',
    'lost_link.reference_hint': 'Het staat in de bevestigingsmail, bijvoorbeeld GZ-AB12-CD34.',
    'lost_link.email': 'E-mailadres van de boeking',
    'lost_link.submit': 'Mail mij de link',
    'lost_link.sent':
      'Als dit boekingsnummer en dit e-mailadres bij een lopende boeking horen, hebben we de link naar dat adres gemaild. Dat kan een paar minuten duren; kijk ook bij uw ongewenste e-mail.',
    'lost_link.ask': 'Link kwijt? Laat hem opnieuw mailen',
    'lost_link.not_found_hint':
      'Misschien is deze link vervangen door een nieuwe. Deelnemers vragen de organisator van hun groep om de nieuwe link.',
    'lost_link.throttled':
      'Er is te vaak om een link gevraagd voor dit boekingsnummer of vanaf uw netwerk. Probeer het opnieuw vanaf {time}.',
  },
  {
    'lost_link.title': 'Lost the link to your booking?',
    'lost_link.intro':
      'Enter the booking reference and the email address of the booking. If they belong to an active booking, we email the link to see and change the booking to that address again.',
    'lost_link.reference': 'Booking reference',
    'lost_link.reference_hint': 'It is in the confirmation email, for example GZ-AB12-CD34.',
    'lost_link.email': 'Email address of the booking',
    'lost_link.submit': 'Email me the link',
    'lost_link.sent':
      'If this booking reference and email address belong to an active booking, we have emailed the link to that address. It can take a few minutes; check your spam folder too.',
    'lost_link.ask': 'Lost the link? Have it emailed again',
    'lost_link.not_found_hint':
      'Perhaps this link was replaced by a new one. Participants ask the organiser of their group for the new link.',
    'lost_link.throttled': 'The link was asked for too often for this booking reference or from your network. Try again from {time}.',
  },
);
