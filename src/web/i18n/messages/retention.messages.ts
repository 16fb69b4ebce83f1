import { defineMessages } from '../../../core/i18n/define-messages.js';

/** A venue's retention periods in the back office (how long its bookings' personal data is kept), and the retention job's runs. */
export const retentionMessages = defineMessages(
  {
    'field.above_platform_limit':
      'Langer dan {max} staat het platform niet toe. Vul {max} of minder in, of laat het veld leeg voor de standaard.',

    'activity_log.action.venue.retention_changed': 'bewaartermijnen gewijzigd',
    'venue_retention.title': 'Privacy en bewaartermijnen: {venue}',
    'venue_retention.section': 'Privacy en bewaartermijnen',
    'venue_retention.link': 'Bewaartermijnen bekijken of wijzigen',
    'venue_retention.section_intro':
      'Groupz verwijdert de persoonsgegevens van uw boekingen vanzelf na hun bewaartermijn. U mag kortere termijnen kiezen dan het platform.',
    'venue_retention.back': 'Terug naar {venue}',
    'venue_retention.intro':
      'Groupz verwijdert of anonimiseert persoonsgegevens vanzelf zodra hun termijn voorbij is; elk uur kijkt de bewaartaak wat er aan de beurt is. Het platform stelt elke termijn in: dat is de standaard en ook het maximum. Voor de boekingen van deze locatie mag u kortere termijnen kiezen. Laat een veld leeg voor de standaard van het platform. Wat nodig is voor statistiek blijft (status, datum, groepsgrootte, bedragen), en uitgegeven facturen blijven zeven jaar bewaard, zoals de wet vraagt.',
    'venue_retention.read_only': 'Alleen een manager van de locatie kan de bewaartermijnen wijzigen.',
    'venue_retention.saved': 'De bewaartermijnen zijn opgeslagen.',
    'venue_retention.save': 'Bewaartermijnen opslaan',
    'venue_retention.venue_periods': 'Termijnen van deze locatie',
    'venue_retention.participants_days': 'Gegevens van deelnemers: dagen na het bezoek',
    'venue_retention.participants_days_what':
      'Namen en antwoorden van de deelnemers (allergieën, dieet, noodnummers) en de opmerkingen van de organisator.',
    'venue_retention.organiser_months': 'Gegevens van de organisator: maanden na het bezoek',
    'venue_retention.organiser_months_what':
      'Naam, e-mailadres, telefoon, organisatie en factuurgegevens van de boeking, notities, mails; ook de koper en ontvanger van een cadeaubon.',
    'venue_retention.cancelled_days': 'Geannuleerde en verlopen boekingen: dagen na de annulering',
    'venue_retention.cancelled_days_what': 'Alle persoonsgegevens van een boeking die is geannuleerd of verlopen.',
    'venue_retention.limit': 'Standaard en maximum van het platform: {limit}.',
    'venue_retention.applies_own': 'Nu van kracht: {period} (eigen keuze).',
    'venue_retention.applies_default': 'Nu van kracht: {period} (standaard van het platform).',
    'venue_retention.capped':
      'Nu van kracht: {period}, het maximum van het platform; de gekozen {chosen} is langer dan het platform nu toestaat.',
    'venue_retention.platform_periods': 'Termijnen van het platform',
    'venue_retention.platform_periods_intro': 'Deze termijnen gelden voor alle locaties; alleen de beheerder van het platform stelt ze in.',
    'venue_retention.mail_days': 'Verzonden mails (ontvanger en inhoud): dagen na verzending',
    'venue_retention.activity_log_months':
      'Activiteitenlog (e-mailadressen van medewerkers, netwerken, vrije tekst): maanden na de melding',
    'venue_retention.days': '{n} dagen',
    'venue_retention.day': '1 dag',
    'venue_retention.months': '{n} maanden',
    'venue_retention.month': '1 maand',
    'venue_retention.runs': 'Laatste runs van de bewaartaak',
    'venue_retention.runs_intro':
      'Hoeveel gegevens elke run verwijderde, voor alle locaties van het platform samen: alleen aantallen, geen namen of boekingen.',
    'venue_retention.runs_none': 'De bewaartaak heeft nog niet gedraaid.',
    'venue_retention.run_started': 'Gestart',
    'venue_retention.count.participants': 'Deelnemers',
    'venue_retention.count.organisers': 'Organisatoren',
    'venue_retention.count.cancelled': 'Geannuleerd of verlopen',
    'venue_retention.count.erasures': 'Gewist op verzoek',
    'venue_retention.count.vouchers': 'Cadeaubonnen',
    'venue_retention.count.mails': 'Mails',
    'venue_retention.count.mail_files': 'Mailbestanden',
    'venue_retention.count.activity_log': 'Activiteitenlog',
    'venue_retention.count.postponed': 'Wacht op afrekening',
    'venue_retention.count.failed': 'Mislukt',
  },
  {
    'field.above_platform_limit': 'The platform allows no more than {max}. Enter {max} or less, or leave the field empty for the default.',

    'activity_log.action.venue.retention_changed': 'retention periods changed',
    'venue_retention.title': 'Privacy and retention periods: {venue}',
    'venue_retention.section': 'Privacy and retention periods',
    'venue_retention.link': 'View or change the retention periods',
    'venue_retention.section_intro':
      "Groupz removes the personal data of your bookings by itself once their retention period is over. You may choose shorter periods than the platform's.",
    'venue_retention.back': 'Back to {venue}',
    'venue_retention.intro':
      "Groupz removes or anonymises personal data by itself once its period is over; every hour the retention job looks at what is due. The platform sets each period: it is the default and also the longest allowed. For this venue's bookings you may choose shorter periods. Leave a field empty for the platform's default. What statistics need stays (status, date, group size, amounts), and issued invoices are kept seven years, as the law requires.",
    'venue_retention.read_only': 'Only a manager of the venue can change the retention periods.',
    'venue_retention.saved': 'The retention periods have been saved.',
    'venue_retention.save': 'Save the retention periods',
    'venue_retention.venue_periods': "This venue's periods",
    'venue_retention.participants_days': "Participants' details: days after the visit",
    'venue_retention.participants_days_what':
      "The participants' names and answers (allergies, diets, emergency phones) and the organiser's remarks.",
    'venue_retention.organiser_months': "The organiser's details: months after the visit",
    'venue_retention.organiser_months_what':
      "The booking's name, e-mail address, phone, organisation and billing details, notes, mails; also a gift voucher's buyer and recipient.",
    'venue_retention.cancelled_days': 'Cancelled and expired bookings: days after cancelling',
    'venue_retention.cancelled_days_what': 'All personal data of a booking that was cancelled or expired.',
    'venue_retention.limit': "The platform's default and maximum: {limit}.",
    'venue_retention.applies_own': "Applies now: {period} (this venue's choice).",
    'venue_retention.applies_default': "Applies now: {period} (the platform's default).",
    'venue_retention.capped': "Applies now: {period}, the platform's maximum; the chosen {chosen} is longer than the platform now allows.",
    'venue_retention.platform_periods': "The platform's periods",
    'venue_retention.platform_periods_intro': "These periods apply to every venue; only the platform's operator sets them.",
    'venue_retention.mail_days': 'Sent mails (recipient and contents): days after sending',
    'venue_retention.activity_log_months': 'Activity log (staff e-mail addresses, networks, free text): months after the entry',
    'venue_retention.days': '{n} days',
    'venue_retention.day': '1 day',
    'venue_retention.months': '{n} months',
    'venue_retention.month': '1 month',
    'venue_retention.runs': 'Latest runs of the retention job',
    'venue_retention.runs_intro':
      "How much each run removed, for all of the platform's venues together: counts only, no names or bookings.",
    'venue_retention.runs_none': 'The retention job has not run yet.',
    'venue_retention.run_started': 'Started',
    'venue_retention.count.participants': 'Participants',
    'venue_retention.count.organisers': 'Organisers',
    'venue_retention.count.cancelled': 'Cancelled or expired',
    'venue_retention.count.erasures': 'Erased on request',
    'venue_retention.count.vouchers': 'Gift vouchers',
    'venue_retention.count.mails': 'Mails',
    'venue_retention.count.mail_files': 'Mail files',
    'venue_retention.count.activity_log': 'Activity log',
    'venue_retention.count.postponed': 'Waiting for settlement',
    'venue_retention.count.failed': 'Failed',
  },
);
