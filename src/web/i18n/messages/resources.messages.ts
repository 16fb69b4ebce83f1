import { defineMessages } from '../../../core/i18n/define-messages.js';

/** Resources (boats, rooms, guides) in the back office: the list, a resource's settings and its day planning. */
export const resourcesMessages = defineMessages(
  {
    'field.resource_conflict':
      'Dat kan niet: {n} geboekte tijd(en) passen dan niet meer op deze resource. Verplaats of annuleer die boekingen eerst (zie de planning).',
  },
  {
    'field.resource_conflict':
      'Not possible: {n} booked time(s) would no longer fit on this resource. Move or cancel those bookings first (see the planning).',
  },
);
