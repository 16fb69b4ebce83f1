import { defineMessages } from '../../../core/i18n/define-messages.js';

/** A group counted by price category (pupils, teachers) on the booking form and the manage page. */
export const priceCategoryMessages = defineMessages(
  {
    'party.legend': 'Wie komen er?',
    'party.hint': 'Samen {min} tot {max} personen.',
    'party.count_range': 'Minstens {min}, hoogstens {max}.',
    'party.count_min': 'Minstens {min}.',
    'party.count_max': 'Hoogstens {max}.',
    'party.free': '1 gratis per {per} × {of}.',
    'party.each': '{amount} per persoon.',
  },
  {
    'party.legend': 'Who is coming?',
    'party.hint': '{min} to {max} people in all.',
    'party.count_range': 'At least {min}, at most {max}.',
    'party.count_min': 'At least {min}.',
    'party.count_max': 'At most {max}.',
    'party.free': '1 free per {per} × {of}.',
    'party.each': '{amount} per person.',
  },
);
