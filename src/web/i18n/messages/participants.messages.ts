import { defineMessages } from '../../../core/i18n/define-messages.js';

/** The participant link's page, the list on the manage page and in the back office, and its history. */
export const participantsMessages = defineMessages(
  {
    'participants.page_title': 'Aanmelden voor {activity}',
    'participants.health_consent':
      'Dieetwensen en allergieën zijn gezondheidsgegevens. Vul ze alleen in als u dat wilt: daarmee stemt u ermee in dat de locatie ze gebruikt voor uw veiligheid en maaltijden tijdens deze activiteit, en voor niets anders. Ze worden kort na het bezoek verwijderd.',
    'participants.health_consent_link': 'Privacyverklaring',
    'participants.intro':
      'Uw groep komt naar deze activiteit. Vul hieronder uw gegevens in, zodat de locatie weet wie er komt. Alleen de organisator van de groep en de locatie zien wat u invult, andere deelnemers niet.',
    'participants.group': 'Groep',
    'participants.added':
      'Bedankt, uw gegevens zijn doorgegeven. Komt er nog iemand mee die zich niet zelf aanmeldt? Vul het formulier dan voor hem of haar in.',
    'participants.field.name': 'Naam',
    'participants.field.dietary': 'Dieetwensen',
    'participants.field.allergies': 'Allergieën',
    'participants.field.emergency_phone': 'Telefoonnummer voor noodgevallen',
    'participants.hint.dietary': 'Bijvoorbeeld vegetarisch, veganistisch of halal.',
    'participants.hint.allergies': 'Bijvoorbeeld noten, gluten of lactose.',
    'participants.hint.emergency_phone': 'Wie de locatie kan bellen als er iets met u is.',
    'participants.required': '(verplicht)',
    'participants.submit': 'Gegevens doorgeven',

    'participants.title': 'Deelnemers',
    'participants.share_intro':
      'Deel deze link met de groep: iedere deelnemer vult er zelf zijn of haar gegevens in. Deelnemers zien elkaars gegevens niet; u en de locatie zien de lijst hieronder.',
    'participants.link_label': 'Link voor deelnemers',
    'participants.no_link': 'Deze boeking heeft geen werkende link voor deelnemers. Maak een nieuwe link om met de groep te delen.',
    'participants.copy': 'Kopiëren',
    'participants.copied': 'Gekopieerd',
    'participants.reissue': 'Nieuwe link maken, oude link stopt',
    'participants.reissue_hint':
      'Een nieuwe link maakt de huidige meteen onbruikbaar, ook voor wie hem al heeft; stuur de groep dan de nieuwe. Wie zich al heeft aangemeld, blijft op de lijst. Doe dit alleen als de link bij de verkeerde mensen terecht is gekomen.',
    'participants.completion': '{n} van {total} ingevuld',
    'participants.none': 'Nog niemand heeft zijn of haar gegevens ingevuld.',
    'participants.closes_at': 'De lijst sluit op {when}.',
    'participants.closed_note': 'De lijst is gesloten: er kan niemand meer bij of af.',
    'participants.opens_when_paid': 'De deelnemerslijst gaat open zodra de boeking betaald is.',
    'participants.full_note':
      'Iedereen in de groep heeft zich aangemeld. Komt er iemand anders mee, verwijder dan eerst wie niet meer komt.',
    'participants.remove': 'Verwijder {name}',
    'participants.done_removed': 'De deelnemer is van de lijst verwijderd.',
    'participants.done_new_link': 'Er is een nieuwe link voor deelnemers. De oude link werkt niet meer: deel de nieuwe met de groep.',

    'error.participants_closed':
      'De deelnemerslijst van deze groep is gesloten. Neem voor wijzigingen contact op met de organisator van de groep.',
    'error.participants_full':
      'De deelnemerslijst van deze groep is vol: voor iedereen in de groep zijn al gegevens ingevuld. Klopt dat niet, neem dan contact op met de organisator van de groep.',

    'activity_log.action.booking.participant_added': 'Deelnemer aangemeld',
    'activity_log.action.booking.participant_removed': 'Deelnemer verwijderd',
    'activity_log.actor.organiser': 'Organisator (via de link)',
    'activity_log.actor.system': 'Systeem',
    'activity_log.actor.participant': 'Deelnemer (via de link)',
  },
  {
    'participants.page_title': 'Sign up for {activity}',
    'participants.health_consent':
      'Dietary needs and allergies are health data. Fill them in only if you wish: by doing so you agree that the venue uses them for your safety and meals during this activity and for nothing else. They are removed shortly after the visit.',
    'participants.health_consent_link': 'Privacy statement',
    'participants.intro':
      'Your group is coming to this activity. Fill in your details below so the venue knows who is coming. Only the group’s organiser and the venue see what you fill in, other participants do not.',
    'participants.group': 'Group',
    'participants.added':
      'Thank you, your details have been passed on. Is someone else coming who does not sign up themselves? Fill in the form for them.',
    'participants.field.name': 'Name',
    'participants.field.dietary': 'Dietary needs',
    'participants.field.allergies': 'Allergies',
    'participants.field.emergency_phone': 'Emergency phone number',
    'participants.hint.dietary': 'For example vegetarian, vegan or halal.',
    'participants.hint.allergies': 'For example nuts, gluten or lactose.',
    'participants.hint.emergency_phone': 'Whom the venue can call if something happens to you.',
    'participants.required': '(required)',
    'participants.submit': 'Send my details',

    'participants.title': 'Participants',
    'participants.share_intro':
      'Share this link with the group: each participant fills in their own details. Participants do not see each other’s details; you and the venue see the list below.',
    'participants.link_label': 'Link for participants',
    'participants.no_link': 'This booking has no working link for participants. Make a new link to share with the group.',
    'participants.copy': 'Copy',
    'participants.copied': 'Copied',
    'participants.reissue': 'Make a new link, the old one stops',
    'participants.reissue_hint':
      'A new link makes the current one stop working at once, also for people who already have it; then send the group the new one. Participants who already signed up stay on the list. Do this only if the link reached the wrong people.',
    'participants.completion': '{n} of {total} filled in',
    'participants.none': 'Nobody has filled in their details yet.',
    'participants.closes_at': 'The list closes on {when}.',
    'participants.closed_note': 'The list is closed: nobody can be added or removed any more.',
    'participants.opens_when_paid': 'The participant list opens once the booking is paid.',
    'participants.full_note': 'Everyone in the group has signed up. If someone else is coming, first remove whoever no longer comes.',
    'participants.remove': 'Remove {name}',
    'participants.done_removed': 'The participant has been removed from the list.',
    'participants.done_new_link': 'There is a new link for participants. The old link no longer works: share the new one with the group.',

    'error.participants_closed': 'This group’s list of participants is closed. For changes, contact the group’s organiser.',
    'error.participants_full':
      'This group’s list of participants is full: details have been filled in for everyone in the group. If that is not right, contact the group’s organiser.',

    'activity_log.action.booking.participant_added': 'Participant signed up',
    'activity_log.action.booking.participant_removed': 'Participant removed',
    'activity_log.actor.organiser': 'Organiser (through the link)',
    'activity_log.actor.system': 'System',
    'activity_log.actor.participant': 'Participant (through the link)',
  },
);
