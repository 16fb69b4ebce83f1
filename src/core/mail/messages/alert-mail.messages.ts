import { defineMessages } from '../../i18n/define-messages.js';

/** The alerts mailed to admins when backups fail or go stale, or a background job is stuck. */
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
    'mail.alert.subject.job_stuck': 'Achtergrondtaak “{job}” loopt vast',
    'mail.alert.intro.job_running': 'De achtergrondtaak “{job}” is sinds {since} bezig, veel langer dan een ronde mag duren.',
    'mail.alert.intro.job_failing': 'De achtergrondtaak “{job}” mislukt sinds {since} bij elke ronde.',
    'mail.alert.advice.job_stuck':
      'Het log van de server noemt de fout (zoek op "job failed" of "job stuck"). Een vastgelopen ronde komt los door de dienst te herstarten; de taak haalt daarna in wat is blijven liggen.',
    'mail.alert.job': 'Taak',
    'mail.alert.since': 'Sinds',
    'mail.alert.link.job_stuck': 'De zelfcontrole bekijken in de backoffice',
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
    'mail.alert.subject.job_stuck': 'Background job “{job}” is stuck',
    'mail.alert.intro.job_running': 'The background job “{job}” has been running since {since}, far longer than a run may take.',
    'mail.alert.intro.job_failing': 'The background job “{job}” has failed at every run since {since}.',
    'mail.alert.advice.job_stuck':
      'The server’s log names the error (look for "job failed" or "job stuck"). Restarting the service frees a stuck run; the job then catches up on what was left.',
    'mail.alert.job': 'Job',
    'mail.alert.since': 'Since',
    'mail.alert.link.job_stuck': 'View the self-audit in the back office',
  },
);
