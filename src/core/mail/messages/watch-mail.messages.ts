import { defineMessages } from '../../i18n/define-messages.js';

/** The alerts mailed to admins when the data directory runs low on space or the database stops answering, and when that ends. */
export const watchMailMessages = defineMessages(
  {
    'mail.watch.subject.platform_disk_low': 'Weinig schijfruimte op {host}',
    'mail.watch.subject.platform_disk_recovered': 'Weer genoeg schijfruimte op {host}',
    'mail.watch.subject.platform_database_unreachable': 'Database onbereikbaar vanaf {host}',
    'mail.watch.subject.platform_database_recovered': 'Database weer bereikbaar vanaf {host}',
    'mail.watch.intro.platform_disk_low':
      'De gegevensmap {path} op {host} heeft nog {free} vrij van {total} ({share}): minder dan de grens.',
    'mail.watch.intro.platform_disk_recovered':
      'De gegevensmap {path} op {host} heeft weer {free} vrij van {total} ({share}). Sinds {since} was dat te weinig.',
    'mail.watch.intro.platform_database_unreachable':
      'Het platform op {host} (proces {pid}) krijgt sinds {since} geen antwoord van de database. Zolang dat zo is, werken boeken en de backoffice daar niet.',
    'mail.watch.intro.platform_database_recovered':
      'Het platform op {host} (proces {pid}) krijgt weer antwoord van de database. Van {since} tot {until} kreeg het geen antwoord.',
    'mail.watch.advice.platform_disk_low':
      'Maak ruimte vrij of vergroot de schijf voordat die vol is: op een volle schijf kan het platform geen boekingen en e-mails meer opslaan. U krijgt één bericht zodra er weer genoeg ruimte is.',
    'mail.watch.advice.platform_disk_recovered': 'Er is niets meer te doen.',
    'mail.watch.advice.platform_database_unreachable':
      'Controleer of PostgreSQL draait en vanaf deze server bereikbaar is. U krijgt één bericht zodra de database weer antwoordt.',
    'mail.watch.advice.platform_database_recovered': 'Controleer in de backoffice of er in die tijd iets is blijven liggen.',
    'mail.watch.host': 'Server',
    'mail.watch.path': 'Gegevensmap',
    'mail.watch.free': 'Vrij',
    'mail.watch.limit': 'Waarschuwing onder',
    'mail.watch.error': 'Fout',
    'mail.watch.limit_both': '{percent} of {size}',
    'mail.watch.link': 'De schijfruimte bekijken in de backoffice',
  },
  {
    'mail.watch.subject.platform_disk_low': 'Low disk space on {host}',
    'mail.watch.subject.platform_disk_recovered': 'Enough disk space again on {host}',
    'mail.watch.subject.platform_database_unreachable': 'Database unreachable from {host}',
    'mail.watch.subject.platform_database_recovered': 'Database reachable again from {host}',
    'mail.watch.intro.platform_disk_low': 'The data directory {path} on {host} has {free} free of {total} ({share}): less than the limit.',
    'mail.watch.intro.platform_disk_recovered':
      'The data directory {path} on {host} has {free} free of {total} ({share}) again. Since {since} that had been too little.',
    'mail.watch.intro.platform_database_unreachable':
      'The platform on {host} (process {pid}) has had no answer from the database since {since}. While that lasts, booking and the back office do not work there.',
    'mail.watch.intro.platform_database_recovered':
      'The platform on {host} (process {pid}) gets answers from the database again. From {since} to {until} it got none.',
    'mail.watch.advice.platform_disk_low':
      'Free some space or enlarge the disk before it is full: on a full disk the platform can no longer store bookings and mails. You get one message once there is enough space again.',
    'mail.watch.advice.platform_disk_recovered': 'Nothing more to do.',
    'mail.watch.advice.platform_database_unreachable':
      'Check that PostgreSQL is running and reachable from this server. You get one message once the database answers again.',
    'mail.watch.advice.platform_database_recovered': 'Check in the back office whether anything was left waiting meanwhile.',
    'mail.watch.host': 'Server',
    'mail.watch.path': 'Data directory',
    'mail.watch.free': 'Free',
    'mail.watch.limit': 'Warning below',
    'mail.watch.error': 'Error',
    'mail.watch.limit_both': '{percent} or {size}',
    'mail.watch.link': 'View the disk space in the back office',
  },
);
