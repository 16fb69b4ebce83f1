import { defineMessages } from '../../i18n/define-messages.js';

/** The alerts mailed to admins when backups fail or go stale. */
export const alertMailMessages = defineMessages(
  {
    'mail.alert.where.local': 'op deze server (de lokale back-up)',
    'mail.alert.where.remote': 'op de tweede locatie',
    'mail.alert.subject.backup_failed': 'Back-up mislukt {where}',
    'mail.alert.subject.backup_stale': 'Geen recente back-up {where}',
    'mail.alert.intro.backup_failed': 'De back-up {where} is mislukt.',
    'mail.alert.intro.backup_stale': 'De laatste geslaagde back-up {where} is van {since}: meer dan {hours} uur geleden.',
    'mail.alert.intro.backup_never': 'Er is {where} nog nooit een back-up gelukt, en de eerste poging is meer dan {hours} uur geleden.',
    'mail.alert.advice.backup_failed':
      'Groupz probeert het later opnieuw, maar zolang dit duurt ontbreekt er een kopie van de gegevens: zoek de oorzaak. Op de server maakt {command} meteen een nieuwe back-up.',
    'mail.alert.advice.backup_stale':
      'Draait de nachtelijke back-up nog? De pogingen en hun foutmeldingen staan in de backoffice. Op de server maakt {command} meteen een nieuwe back-up.',
    'mail.alert.link': 'Back-ups bekijken in de backoffice',
    'mail.alert.footer': 'U ontvangt deze melding als beheerder van het Groupz-platform.',
  },
  {
    'mail.alert.where.local': 'on this server (the local backup)',
    'mail.alert.where.remote': 'at the second location',
    'mail.alert.subject.backup_failed': 'Backup failed {where}',
    'mail.alert.subject.backup_stale': 'No recent backup {where}',
    'mail.alert.intro.backup_failed': 'The backup {where} failed.',
    'mail.alert.intro.backup_stale': 'The last successful backup {where} was made on {since}: more than {hours} hours ago.',
    'mail.alert.intro.backup_never': 'No backup {where} has ever succeeded, and the first attempt was more than {hours} hours ago.',
    'mail.alert.advice.backup_failed':
      'Groupz tries again later, but until it succeeds a copy of the data is missing: look for the cause. On the server, {command} makes a new backup at once.',
    'mail.alert.advice.backup_stale':
      'Is the nightly backup still running? The attempts and their errors are in the back office. On the server, {command} makes a new backup at once.',
    'mail.alert.link': 'View the backups in the back office',
    'mail.alert.footer': 'You receive this alert as an admin of the Groupz platform.',
  },
);
