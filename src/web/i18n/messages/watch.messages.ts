import { defineMessages } from '../../../core/i18n/define-messages.js';

/** The data directory's free space: the admins' notice on the back office's home page, and its part of the self-audit page. */
export const watchMessages = defineMessages(
  {
    'watch.disk_low':
      'Weinig schijfruimte: de gegevensmap {path} op {host} heeft nog {free} vrij van {total} ({share}), minder dan de grens van {limit}. Maak ruimte vrij voordat de schijf vol is: dan kan het platform geen boekingen en e-mails meer opslaan.',
    'watch.disk_details': 'Schijfruimte bekijken',
    'watch.disk_title': 'Schijfruimte',
    'watch.disk_intro':
      'Elk draaiend proces kijkt geregeld (GROUPZ_WATCH_INTERVAL) hoeveel ruimte zijn gegevensmap nog heeft. Onder de grens krijgen de beheerders één e-mail, en nog één zodra er weer genoeg ruimte is.',
    'watch.disk_none': 'Er is nog niet naar de schijfruimte gekeken.',
    'watch.host': 'Server',
    'watch.path': 'Map',
    'watch.free': 'Vrij',
    'watch.limit': 'Grens',
    'watch.limit_both': '{percent} of {size}',
    'watch.state': 'Toestand',
    'watch.state_low': 'te weinig sinds {when}',
    'watch.state_ok': 'voldoende',
    'watch.checked': 'Laatst gekeken',
  },
  {
    'watch.disk_low':
      'Low disk space: the data directory {path} on {host} has {free} free of {total} ({share}), below the limit of {limit}. Free some space before the disk is full: then the platform can no longer store bookings and mails.',
    'watch.disk_details': 'View the disk space',
    'watch.disk_title': 'Disk space',
    'watch.disk_intro':
      'Each running process regularly (GROUPZ_WATCH_INTERVAL) looks at how much space its data directory has left. Below the limit the admins get one email, and one more once there is enough space again.',
    'watch.disk_none': 'The disk space has not been looked at yet.',
    'watch.host': 'Server',
    'watch.path': 'Data directory',
    'watch.free': 'Free',
    'watch.limit': 'Limit',
    'watch.limit_both': '{percent} or {size}',
    'watch.state': 'State',
    'watch.state_low': 'too little since {when}',
    'watch.state_ok': 'enough',
    'watch.checked': 'Last looked',
  },
);
