import { defineMessages } from '../../../core/i18n/define-messages.js';

/** The backups page of the back office. */
export const backupsMessages = defineMessages(
  {
    'admin.nav.backups': 'Back-ups',
    'backups.title': 'Back-ups',
    'backups.intro':
      'Elke nacht om {time} (Nederlandse tijd) maakt het platform een versleutelde back-up van de database en de bestanden met restic, op elke ingestelde locatie. Beheerders krijgen een e-mail als een back-up mislukt of als een locatie langer dan {hours} uur geen geslaagde back-up heeft. Op de server maakt {command} meteen een back-up.',
    'backups.not_configured':
      'Back-ups zijn niet ingesteld: GROUPZ_BACKUP_LOCAL_REPO (een map op deze server) en GROUPZ_BACKUP_REMOTE_REPO (een tweede locatie) zijn allebei leeg. Stel ze in, met GROUPZ_BACKUP_PASSWORD_FILE, en start het platform opnieuw (zie docs/backups.md). Daarna draait elke nacht een back-up, en maakt {command} er op de server meteen een.',
    'backups.missing.local':
      'Er is geen lokale back-up ingesteld (GROUPZ_BACKUP_LOCAL_REPO): de back-ups staan alleen op de tweede locatie, en terugzetten duurt langer.',
    'backups.missing.remote':
      'Er is geen tweede locatie ingesteld (GROUPZ_BACKUP_REMOTE_REPO): de back-ups staan alleen op deze server en gaan samen met de server verloren.',
    'backups.size': 'Grootte van de snapshot',
    'backups.last_run': 'Laatste poging',
    'backups.last_run_at': '{status}, {when}',
    'backups.stale':
      'Let op: al meer dan {hours} uur geen geslaagde back-up hier. Draait de nachtelijke back-up nog, en wat zegt de laatste poging?',
    'backups.never_succeeded': 'Let op: hier is nog geen back-up gelukt.',
    'backups.runs': 'Recente back-ups',
    'backups.none': 'Er zijn nog geen back-ups gemaakt.',
    'backups.started': 'Begonnen',
    'backups.trigger': 'Aanleiding',
    'backups.status': 'Status',
    'backups.trigger.schedule': 'nachtelijk',
    'backups.trigger.manual': 'handmatig',
    'backups.status.running': 'bezig',
    'backups.status.succeeded': 'geslaagd',
    'backups.status.failed': 'mislukt',
    'backups.errors_note': 'Foutmeldingen staan er zoals restic ze geeft (in het Engels).',
  },
  {
    'admin.nav.backups': 'Backups',
    'backups.title': 'Backups',
    'backups.intro':
      'Every night at {time} (Amsterdam time) the platform makes an encrypted backup of the database and the files with restic, at each configured location. Admins get an email when a backup fails or when a location has had no successful backup for more than {hours} hours. On the server, {command} makes a backup at once.',
    'backups.not_configured':
      'Backups are not set up: GROUPZ_BACKUP_LOCAL_REPO (a directory on this server) and GROUPZ_BACKUP_REMOTE_REPO (a second location) are both empty. Set them, with GROUPZ_BACKUP_PASSWORD_FILE, and restart the platform (see docs/backups.md). A backup then runs every night, and {command} on the server makes one at once.',
    'backups.missing.local':
      'No local backup is set up (GROUPZ_BACKUP_LOCAL_REPO): the backups are only at the second location, and restoring takes longer.',
    'backups.missing.remote':
      'No second location is set up (GROUPZ_BACKUP_REMOTE_REPO): the backups are only on this server and are lost with it.',
    'backups.size': 'Snapshot size',
    'backups.last_run': 'Last attempt',
    'backups.last_run_at': '{status}, {when}',
    'backups.stale':
      'Attention: no successful backup here for more than {hours} hours. Is the nightly backup still running, and what does the last attempt say?',
    'backups.never_succeeded': 'Attention: no backup has succeeded here yet.',
    'backups.runs': 'Recent backups',
    'backups.none': 'No backups have been made yet.',
    'backups.started': 'Started',
    'backups.trigger': 'Trigger',
    'backups.status': 'Status',
    'backups.trigger.schedule': 'nightly',
    'backups.trigger.manual': 'manual',
    'backups.status.running': 'running',
    'backups.status.succeeded': 'succeeded',
    'backups.status.failed': 'failed',
    'backups.errors_note': 'Errors are shown as restic reports them.',
  },
);
