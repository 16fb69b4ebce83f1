import { defineMessages } from '../../../core/i18n/define-messages.js';

/** The back office's booking for a caller (a phone booking) and staff's change of a booking's details. */
export const phoneBookingMessages = defineMessages(
  {
    'phone_booking.title': 'Nieuwe boeking: {activity}',
    'phone_booking.new': 'Nieuwe boeking',
    'phone_booking.new_for': 'Nieuwe boeking om {time}, {activity}',
    'phone_booking.new_on': 'Nieuwe boeking op {date} om {time}',
    'phone_booking.intro':
      'Voor een boeking die u aanneemt voor iemand anders, bijvoorbeeld aan de telefoon. De contactpersoon krijgt dezelfde e-mail als bij een boeking op de website, met de link om de boeking te beheren; de regels, de prijs en de plaatsen zijn die van elke boeking.',
    'phone_booking.slot': '{date}, {start}–{end} · {venue}',
    'phone_booking.places': 'Nog {free} van {capacity} plaatsen vrij.',
    'phone_booking.language': 'Taal van de e-mails aan de contactpersoon',
    'phone_booking.status': 'Soort boeking',
    'phone_booking.status_confirmed': 'Bevestigde boeking',
    'phone_booking.status_option': 'Optie (plaatsen vastgehouden tot {deadline})',
    'phone_booking.status_requested': 'Aanvraag (u beslist later of u die aanneemt)',
    'phone_booking.submit': 'Boeken',
    'phone_booking.back': 'Terug naar het dagoverzicht',
    'phone_booking.done': 'De boeking is geplaatst. De contactpersoon krijgt de bevestiging met de beheerlink per e-mail.',
    'booking_edit.title': 'Boeking wijzigen',
    'booking_edit.hint':
      'Aantal personen en gegevens van de contactpersoon. Dezelfde regels als voor de contactpersoon (groepsgrootte van de activiteit, vrije plaatsen), maar u mag ook na de termijnen van de contactpersoon wijzigen, tot het bezoek begint. De contactpersoon krijgt een e-mail over de wijziging.',
    'booking_edit.submit': 'Wijzigingen opslaan',
    'booking_edit.done': 'De boeking is gewijzigd; de contactpersoon krijgt er een e-mail over.',
    'activity_log.action.booking.booked_by_phone': 'telefonisch geboekt',
    'activity_log.action.booking.details_changed': 'gegevens contactpersoon gewijzigd',
  },
  {
    'phone_booking.title': 'New booking: {activity}',
    'phone_booking.new': 'New booking',
    'phone_booking.new_for': 'New booking at {time}, {activity}',
    'phone_booking.new_on': 'New booking on {date} at {time}',
    'phone_booking.intro':
      'For a booking you take for someone else, on the phone for instance. The organiser gets the same email as for a booking on the website, with the link to manage the booking; the rules, the price and the places are those of any booking.',
    'phone_booking.slot': '{date}, {start}–{end} · {venue}',
    'phone_booking.places': '{free} of {capacity} places free.',
    'phone_booking.language': "Language of the organiser's emails",
    'phone_booking.status': 'Kind of booking',
    'phone_booking.status_confirmed': 'Confirmed booking',
    'phone_booking.status_option': 'Option (places held until {deadline})',
    'phone_booking.status_requested': 'Request (you decide later whether to accept it)',
    'phone_booking.submit': 'Book',
    'phone_booking.back': 'Back to the day schedule',
    'phone_booking.done': 'The booking is placed. The organiser gets the confirmation with the manage link by email.',
    'booking_edit.title': 'Change the booking',
    'booking_edit.hint':
      "Number of people and the organiser's details. The organiser's rules apply (the activity's group sizes, free places), but you may also change after the organiser's deadlines, until the visit starts. The organiser gets an email about the change.",
    'booking_edit.submit': 'Save the changes',
    'booking_edit.done': 'The booking is changed; the organiser gets an email about it.',
    'activity_log.action.booking.booked_by_phone': 'booked by phone',
    'activity_log.action.booking.details_changed': "organiser's details changed",
  },
);
