import { defineMessages } from '../../../core/i18n/define-messages.js';

/** Extras (lunch, equipment, a guide): the booking form's choice, the price table, refusals. */
export const extrasMessages = defineMessages(
  {
    'error.extra_sold_out': 'Van een van de gekozen extra’s is op dit tijdstip niet genoeg meer over. Kies minder of een ander tijdstip.',
    'extras.sold_out': 'Van “{extra}” is op dit tijdstip niet genoeg meer over. Kies minder of een ander tijdstip.',
    'field.unknown_extra': 'Deze extra wordt bij deze activiteit niet aangeboden.',
    'price.units': '{n} stuks',
    'extras.legend': 'Extra’s',
    'extras.per_person': '{amount} per persoon',
    'extras.per_group': '{amount} per groep',
    'extras.per_unit': '{amount} per stuk',
    'extras.included': 'altijd inbegrepen',
    'extras.left': 'nog {n} beschikbaar',
    'extras.units': 'Aantal',
  },
  {
    'error.extra_sold_out': 'One of the extras chosen no longer has enough left at this time. Choose fewer or another time.',
    'extras.sold_out': '“{extra}” no longer has enough left at this time. Choose fewer or another time.',
    'field.unknown_extra': 'This activity does not offer this extra.',
    'price.units': '{n} units',
    'extras.legend': 'Extras',
    'extras.per_person': '{amount} per person',
    'extras.per_group': '{amount} per group',
    'extras.per_unit': '{amount} each',
    'extras.included': 'always included',
    'extras.left': '{n} left',
    'extras.units': 'Number',
  },
);
