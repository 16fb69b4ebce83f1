import { defineMessages } from '../../../core/i18n/define-messages.js';

/** Programmes ("arrangementen"): activities of several parts, their timeline, and composing them in the back office. */
export const programmesMessages = defineMessages(
  {
    'field.part_outside_programme':
      'Dit onderdeel eindigt na het programma: begin plus duur mag hoogstens {max} minuten zijn (de duur van het programma).',
  },
  {
    'field.part_outside_programme':
      "This part would end after the programme: its start plus duration may be at most {max} minutes (the programme's duration).",
  },
);
