import { defineMessages } from '../../../core/i18n/define-messages.js';

/** The manage link's actions (group size, cancel, calendar, resend) and staff's control of the booking links. */
export const manageMessages = defineMessages(
  {
    'manage.at': '{date} om {time}',
    'manage.option_placed_title': 'Uw optie staat genoteerd',
    'manage.request_received_title': 'Uw aanvraag is ontvangen',
    'manage.explain.option':
      'Dit is een optie: de plaatsen worden voor uw groep vastgehouden, maar de boeking is nog niet definitief. Bevestig de optie op tijd; anders vervalt ze vanzelf en komen de plaatsen weer vrij.',
    'manage.explain.option_until': 'De optie loopt tot {deadline}.',
    'manage.explain.requested':
      '{venue} beoordeelt uw aanvraag; zolang worden de plaatsen voor uw groep vastgehouden. U krijgt een e-mail zodra de aanvraag is geaccepteerd of afgewezen.',
    'manage.explain.awaiting_payment':
      'De plaatsen worden voor uw groep vastgehouden tot de betaling binnen is. Betaal op tijd; anders komen de plaatsen weer vrij.',
    'manage.explain.confirmed': 'Uw boeking is definitief. Wij zien uw groep graag komen!',
    'manage.explain.cancelled':
      'Deze boeking is geannuleerd en de plaatsen zijn vrijgegeven. Er valt niets meer aan te wijzigen; wilt u toch komen, boek dan opnieuw.',
    'manage.explain.expired':
      'Deze optie is verlopen zonder dat ze werd bevestigd, en de plaatsen zijn vrijgegeven. Wilt u toch komen, boek dan opnieuw.',
    'manage.explain.completed': 'Dit bezoek heeft plaatsgevonden. Bedankt voor uw bezoek aan {venue}!',

    'manage.actions': 'Wijzigen of annuleren',
    'manage.group_size.title': 'Aantal personen wijzigen',
    'manage.group_size.hint': 'Voor groepen van {min} tot {max} personen; de prijs wordt opnieuw berekend. Dit kan tot {deadline}.',
    'manage.group_size.only_more':
      'Sinds {deadline} kan de groep alleen nog groter worden. Komt u met minder personen, neem dan contact op met {venue}.',
    'manage.group_size.submit': 'Aantal wijzigen',
    'manage.group_size.preview.title': 'Klopt deze wijziging?',
    'manage.group_size.preview.change': 'Groep van {from} naar {to} personen; de nieuwe prijs is {total}.',
    'manage.group_size.preview.extra': 'U betaalt {amount} extra.',
    'manage.group_size.preview.refund': 'U krijgt {amount} terug ({percent} volgens de annuleringsvoorwaarden).',
    'manage.group_size.preview.no_refund': 'Volgens de annuleringsvoorwaarden krijgt u hiervoor nu niets terug.',
    'manage.group_size.preview.fee': 'De aanbieder rekent {amount} annuleringskosten voor de plaatsen die u opgeeft ({percent}).',
    'manage.group_size.preview.confirm': 'Ja, wijzig naar {n} personen',
    'manage.group_size.preview.back': 'Terug, niets wijzigen',
    'manage.group_size.closed':
      'Het aantal personen kan niet meer online worden gewijzigd (dat kon tot {deadline}). Neem contact op met {venue}.',
    'manage.cancel.title': 'Boeking annuleren',
    'manage.cancel.until': 'U kunt deze boeking online annuleren tot {deadline}.',
    'manage.cancel.link': 'Boeking annuleren…',
    'manage.cancel.closed': 'Deze boeking kan niet meer online worden geannuleerd (dat kon tot {deadline}). Neem contact op met {venue}.',
    'manage.cancel.question':
      'Weet u zeker dat u deze boeking wilt annuleren? De {n} plaatsen komen dan vrij voor anderen; dit kunt u niet ongedaan maken.',
    'manage.cancel.policy_open': 'Een optie of aanvraag kunt u altijd annuleren, tot het bezoek begint ({deadline}).',
    'manage.cancel.policy_confirmed':
      'Een bevestigde boeking kunt u online annuleren tot {hours} uur voor het begin, dus tot {deadline}. Daarna neemt u contact op met {venue}.',
    'manage.cancel.confirm': 'Ja, annuleer de boeking',
    'manage.cancel.keep': 'Nee, terug naar mijn boeking',
    'manage.back': 'Terug naar uw boeking',
    'manage.calendar': 'In agenda zetten (.ics)',
    'manage.resend.hint': 'Wij kunnen de link naar deze pagina opnieuw mailen naar {email}.',
    'manage.resend.submit': 'Link opnieuw mailen',

    'manage.done.changed': 'Het aantal personen is nu {n}. U ontvangt een bevestiging per e-mail.',
    'manage.done.unchanged': 'Het aantal personen was al {n}; er is niets gewijzigd.',
    'manage.done.cancelled': 'Uw boeking is geannuleerd. U ontvangt een bevestiging per e-mail.',
    'manage.done.confirmed': 'Uw boeking is bevestigd. U ontvangt een bevestiging per e-mail.',
    'manage.done.requested': 'Uw optie is nu een aanvraag: de locatie laat u weten of de boeking doorgaat.',
    'manage.done.resent':
      'De link naar deze pagina is gemaild naar {email} (hoogstens één e-mail per tien minuten). Kijk ook bij uw ongewenste e-mail.',

    'manage.refusal.group_too_small': 'Deze activiteit is voor groepen van minstens {min} personen.',
    'manage.refusal.group_too_large': 'Deze activiteit is voor groepen van hoogstens {max} personen.',
    'manage.refusal.slot_full': 'Er zijn niet genoeg plaatsen meer vrij: op dit tijdstip kunt u met hoogstens {max} personen komen.',
    'manage.refusal.decrease_closed': 'Minder personen kon online tot {deadline}. Neem contact op met {venue}.',

    'error.booking_not_active': 'Deze boeking is niet meer actief; er valt niets meer aan te wijzigen.',
    'error.booking_changed': 'Deze boeking werd tegelijk ook gewijzigd. Bekijk de gegevens en probeer het opnieuw.',
    'error.change_closed': 'Deze boeking kan niet meer online worden gewijzigd. Neem contact op met de locatie.',
    'error.decrease_closed': 'Minder personen kan niet meer online. Neem contact op met de locatie.',
    'error.cancel_closed': 'Deze boeking kan niet meer online worden geannuleerd. Neem contact op met de locatie.',

    'booking_links.title': 'Links van de boeking',
    'booking_links.manage_hint':
      'Is de link van de contactpersoon in verkeerde handen gekomen? De oude link werkt dan meteen niet meer; de nieuwe wordt gemaild naar {email}.',
    'booking_links.reissue_manage': 'Link van de contactpersoon intrekken en opnieuw uitgeven',
    'booking_links.participant_hint':
      'De oude deelnemerslink werkt dan meteen niet meer; de contactpersoon vindt de nieuwe op de eigen boekingspagina. Er gaat geen e-mail uit.',
    'booking_links.reissue_participant': 'Deelnemerslink intrekken en opnieuw uitgeven',
    'booking_admin.done_manage_link': 'De oude link van de contactpersoon werkt niet meer; de nieuwe is naar de contactpersoon gemaild.',
    'booking_admin.done_participant_link': 'De oude deelnemerslink werkt niet meer.',

    'activity_log.action.booking.group_size_changed': 'aantal personen gewijzigd',
    'activity_log.action.booking.manage_link_resent': 'boekingslink opnieuw gemaild',
    'activity_log.action.booking.manage_link_reissued': 'link van de contactpersoon ingetrokken en opnieuw uitgegeven',
    'activity_log.action.booking.participant_link_reissued': 'deelnemerslink ingetrokken en opnieuw uitgegeven',
  },
  {
    'manage.at': '{date} at {time}',
    'manage.option_placed_title': 'Your option is placed',
    'manage.request_received_title': 'Your request has been received',
    'manage.explain.option':
      'This is an option: the places are held for your group, but the booking is not final yet. Confirm the option in time; otherwise it expires by itself and the places become free again.',
    'manage.explain.option_until': 'The option runs until {deadline}.',
    'manage.explain.requested':
      '{venue} is considering your request; until then the places are held for your group. You get an email as soon as the request is accepted or declined.',
    'manage.explain.awaiting_payment':
      'The places are held for your group until the payment is in. Pay in time; otherwise the places become free again.',
    'manage.explain.confirmed': 'Your booking is final. We look forward to welcoming your group!',
    'manage.explain.cancelled':
      'This booking is cancelled and its places have been released. Nothing can be changed any more; if you would still like to come, please book again.',
    'manage.explain.expired':
      'This option expired without being confirmed, and its places have been released. If you would still like to come, please book again.',
    'manage.explain.completed': 'This visit has taken place. Thank you for visiting {venue}!',

    'manage.actions': 'Change or cancel',
    'manage.group_size.title': 'Change the number of people',
    'manage.group_size.hint': 'For groups of {min} to {max} people; the price is calculated again. Possible until {deadline}.',
    'manage.group_size.only_more': 'Since {deadline} the group can only grow. If fewer people are coming, please contact {venue}.',
    'manage.group_size.submit': 'Change number',
    'manage.group_size.preview.title': 'Is this change right?',
    'manage.group_size.preview.change': 'Group from {from} to {to} people; the new price is {total}.',
    'manage.group_size.preview.extra': 'You pay {amount} extra.',
    'manage.group_size.preview.refund': 'You get {amount} back ({percent} under the cancellation terms).',
    'manage.group_size.preview.no_refund': 'Under the cancellation terms, nothing of this is refunded now.',
    'manage.group_size.preview.fee': 'The venue charges {amount} cancellation costs for the places you give up ({percent}).',
    'manage.group_size.preview.confirm': 'Yes, change to {n} people',
    'manage.group_size.preview.back': 'Back, change nothing',
    'manage.group_size.closed':
      'The number of people can no longer be changed online (that was possible until {deadline}). Please contact {venue}.',
    'manage.cancel.title': 'Cancel the booking',
    'manage.cancel.until': 'You can cancel this booking online until {deadline}.',
    'manage.cancel.link': 'Cancel the booking…',
    'manage.cancel.closed': 'This booking can no longer be cancelled online (that was possible until {deadline}). Please contact {venue}.',
    'manage.cancel.question':
      'Are you sure you want to cancel this booking? Its {n} places then become free for others; this cannot be undone.',
    'manage.cancel.policy_open': 'An option or a request can always be cancelled, until the visit starts ({deadline}).',
    'manage.cancel.policy_confirmed':
      'A confirmed booking can be cancelled online until {hours} hours before the start, that is until {deadline}. After that, please contact {venue}.',
    'manage.cancel.confirm': 'Yes, cancel the booking',
    'manage.cancel.keep': 'No, back to my booking',
    'manage.back': 'Back to your booking',
    'manage.calendar': 'Add to calendar (.ics)',
    'manage.resend.hint': 'We can email the link to this page again to {email}.',
    'manage.resend.submit': 'Email the link again',

    'manage.done.changed': 'The number of people is now {n}. You will receive a confirmation by email.',
    'manage.done.unchanged': 'The number of people already was {n}; nothing was changed.',
    'manage.done.cancelled': 'Your booking is cancelled. You will receive a confirmation by email.',
    'manage.done.confirmed': 'Your booking is confirmed. You will receive a confirmation by email.',
    'manage.done.requested': 'Your option is now a request: the venue will let you know whether the booking goes ahead.',
    'manage.done.resent':
      'The link to this page has been emailed to {email} (at most one email every ten minutes). Check your spam folder too.',

    'manage.refusal.group_too_small': 'This activity is for groups of at least {min} people.',
    'manage.refusal.group_too_large': 'This activity is for groups of at most {max} people.',
    'manage.refusal.slot_full': 'There are not enough places left: at most {max} people can come at this time.',
    'manage.refusal.decrease_closed': 'Fewer people could be booked online until {deadline}. Please contact {venue}.',

    'error.booking_not_active': 'This booking is no longer active; nothing can be changed any more.',
    'error.booking_changed': 'This booking was changed at the same time. Please check the details and try again.',
    'error.change_closed': 'This booking can no longer be changed online. Please contact the venue.',
    'error.decrease_closed': 'Fewer people can no longer be booked online. Please contact the venue.',
    'error.cancel_closed': 'This booking can no longer be cancelled online. Please contact the venue.',

    'booking_links.title': "The booking's links",
    'booking_links.manage_hint':
      "Has the organiser's link fallen into the wrong hands? The old link stops working at once; the new one is emailed to {email}.",
    'booking_links.reissue_manage': "Revoke and re-issue the organiser's link",
    'booking_links.participant_hint':
      'The old participant link stops working at once; the organiser finds the new one on their booking page. No email is sent.',
    'booking_links.reissue_participant': 'Revoke and re-issue the participant link',
    'booking_admin.done_manage_link': "The organiser's old link no longer works; the new one has been emailed to the organiser.",
    'booking_admin.done_participant_link': 'The old participant link no longer works.',

    'activity_log.action.booking.group_size_changed': 'number of people changed',
    'activity_log.action.booking.manage_link_resent': 'booking link emailed again',
    'activity_log.action.booking.manage_link_reissued': "organiser's link revoked and re-issued",
    'activity_log.action.booking.participant_link_reissued': 'participant link revoked and re-issued',
  },
);
