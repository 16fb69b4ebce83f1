import { defineMessages } from '../../../core/i18n/define-messages.js';

/** Programmes ("arrangementen"): activities of several parts, their timeline, and composing them in the back office. */
export const programmesMessages = defineMessages(
  {
    'programme.title': 'Programma',
    'programme.relative_note': 'Tijden vanaf het begin; bij elk tijdstip hieronder staat wanneer elk onderdeel begint.',
    'programme.rotation_note':
      'Een groep van meer dan {size} personen wordt in subgroepen van hoogstens {size} verdeeld (zo nodig iets groter, één per onderdeel) die om beurten deze onderdelen doen: {parts}. De rest doet de hele groep samen.',
    'programme.subgroups_note':
      'De groep wordt in {n} subgroepen verdeeld die om beurten de onderdelen doen; elke subgroep heeft haar eigen tijden.',
    'programme.subgroup': 'Groep {n} · {persons} personen',
    'field.part_outside_programme':
      'Dit onderdeel eindigt na het programma: begin plus duur mag hoogstens {max} minuten zijn (de duur van het programma).',
    'field.no_part_activity':
      'Niet elk onderdeel is een losse activiteit met een eigen prijs (een lunch zonder eigen activiteit bijvoorbeeld), dus de prijs is niet volledig over te nemen. Kies bij elk onderdeel de activiteit die het is, of zet de prijs op het formulier van de activiteit.',
    'field.part_priced_by_category':
      'Een onderdeel heeft prijscategorieën (zoals leerling en begeleider); die zijn niet over te nemen. Zet de prijs op het formulier van de activiteit.',
    'field.too_many_price_lines':
      'De onderdelen hebben samen te veel prijsregels (een activiteit heeft hoogstens {max} vaste prijsregels). Zet de prijs op het formulier van de activiteit.',
    'programmes_admin.nav': 'Programma',
    'programmes_admin.title': 'Programma: {title}',
    'programmes_admin.back': 'Terug naar de activiteit',
    'programmes_admin.intro':
      'Een programma (arrangement) is een activiteit van meerdere onderdelen na elkaar, zoals klimmen, lunch en een rondvaart. Een groep boekt een tijdslot van de activiteit zoals altijd en doet alle onderdelen; elk onderdeel heeft zijn eigen tijd binnen het tijdslot en houdt zijn middelen alleen tijdens die tijd (plus wisseltijd) bezet. Een activiteit zonder onderdelen is een gewone activiteit.',
    'programmes_admin.duration':
      'Het programma duurt {minutes} minuten (zie het formulier van de activiteit); elk onderdeel valt daarbinnen.',
    'programmes_admin.parts': 'Onderdelen',
    'programmes_admin.none': 'Nog geen onderdelen: dit is een gewone activiteit.',
    'programmes_admin.time': 'Tijd vanaf de start',
    'programmes_admin.part': 'Onderdeel',
    'programmes_admin.activity': 'Losse activiteit',
    'programmes_admin.resources': 'Middelen',
    'programmes_admin.group': 'Groepsgrootte',
    'programmes_admin.group_range': '{min}–{max} personen',
    'programmes_admin.actions': 'Acties',
    'programmes_admin.edit': 'Wijzigen',
    'programmes_admin.edit_part': '{title} wijzigen',
    'programmes_admin.remove': 'Verwijderen',
    'programmes_admin.remove_part': '{title} verwijderen',
    'programmes_admin.add': 'Onderdeel toevoegen',
    'programmes_admin.editing': 'Onderdeel wijzigen: {title}',
    'programmes_admin.new_part': 'In plaats daarvan een onderdeel toevoegen',
    'programmes_admin.save': 'Onderdeel opslaan',
    'programmes_admin.title_nl': 'Naam (Nederlands)',
    'programmes_admin.title_en': 'Naam (Engels)',
    'programmes_admin.offset': 'Begint na (minuten)',
    'programmes_admin.offset_hint': 'Minuten na de start van het tijdslot; 0 voor meteen bij de start.',
    'programmes_admin.length': 'Duur (minuten)',
    'programmes_admin.part_activity_hint':
      'De activiteit van de locatie die dit onderdeel is: haar prijs en groepsgrootte gelden hieronder. Geen voor een onderdeel zonder eigen activiteit, zoals de lunch.',
    'programmes_admin.no_activity': 'Geen',
    'programmes_admin.resources_hint':
      'Vink de middelen aan die dit onderdeel gebruikt, elk met de wisseltijd na afloop (0 voor geen). Ze zijn alleen tijdens dit onderdeel bezet, niet het hele programma.',
    'programmes_admin.no_venue_resources': 'De locatie heeft nog geen middelen.',
    'programmes_admin.uses': '{name} gebruiken',
    'programmes_admin.buffer': 'Wisseltijd (minuten)',
    'programmes_admin.buffer_of': 'Wisseltijd van {name} (minuten)',
    'programmes_admin.saved': 'De wijziging is opgeslagen.',
    'programmes_admin.price': 'Prijs',
    'programmes_admin.price_intro':
      'De prijs van het programma staat in de prijsregels van de activiteit. U kunt ze overnemen uit de onderdelen: elke prijsregel van de losse activiteit van elk onderdeel, met haar eigen btw-tarief, met de naam van het onderdeel ervoor. Dit vervangt de huidige prijsregels. Daarna past u ze aan op het formulier van de activiteit, of zet u daar een eigen programmaprijs.',
    'programmes_admin.price_lines': 'Huidige prijsregels',
    'programmes_admin.banded': 'staffelprijs',
    'programmes_admin.price_from_parts': 'Prijs uit de onderdelen overnemen',
    'programmes_admin.priced': 'De prijsregels zijn overgenomen uit de onderdelen.',
    'programmes_admin.limits': 'Groepsgrootte',
    'programmes_admin.limits_own': 'Het programma: {min}–{max} personen (zie het formulier van de activiteit).',
    'programmes_admin.limits_parts':
      'De losse activiteiten van de onderdelen samen: {min}–{max} personen (het hoogste minimum en het laagste maximum).',
    'programmes_admin.limits_none': 'Geen onderdeel is een losse activiteit, dus er zijn geen groepsgroottes om mee te vergelijken.',
    'programmes_admin.limits_outside':
      'Let op: het programma laat groepsgroottes toe die niet bij elk onderdeel passen. Pas de groepsgrootte aan op het formulier van de activiteit.',
    'programmes_admin.limits_impossible':
      'Let op: geen groepsgrootte past bij elk onderdeel, want het hoogste minimum ligt boven het laagste maximum.',
  },
  {
    'programme.title': 'Programme',
    'programme.relative_note': 'Times from the start; each start time below shows when each part begins.',
    'programme.rotation_note':
      'A group of more than {size} people is split into subgroups of at most {size} (a little larger if need be, one per part) that take turns at these parts: {parts}. The whole group does the rest together.',
    'programme.subgroups_note': 'The group is split into {n} subgroups that take turns at the parts; each subgroup has its own times.',
    'programme.subgroup': 'Group {n} · {persons} people',
    'field.part_outside_programme':
      "This part would end after the programme: its start plus duration may be at most {max} minutes (the programme's duration).",
    'field.no_part_activity':
      "Not every part is a stand-alone activity with a price of its own (a lunch without an activity of its own, say), so the price cannot be taken over in full. Choose the activity each part is, or set the price on the activity's form.",
    'field.part_priced_by_category':
      "A part has price categories (such as pupil and teacher), which cannot be taken over. Set the price on the activity's form.",
    'field.too_many_price_lines':
      "The parts have too many price lines together (an activity has at most {max} fixed price lines). Set the price on the activity's form.",
    'programmes_admin.nav': 'Programme',
    'programmes_admin.title': 'Programme: {title}',
    'programmes_admin.back': 'Back to the activity',
    'programmes_admin.intro':
      'A programme (package) is an activity of several parts one after another, such as climbing, lunch and a canal tour. A group books a slot of the activity as always and does every part; each part has its own time within the slot and holds its resources only during that time (plus changeover). An activity without parts is an ordinary activity.',
    'programmes_admin.duration': "The programme lasts {minutes} minutes (see the activity's form); every part lies within it.",
    'programmes_admin.parts': 'Parts',
    'programmes_admin.none': 'No parts yet: this is an ordinary activity.',
    'programmes_admin.time': 'Time from the start',
    'programmes_admin.part': 'Part',
    'programmes_admin.activity': 'Stand-alone activity',
    'programmes_admin.resources': 'Resources',
    'programmes_admin.group': 'Group size',
    'programmes_admin.group_range': '{min}–{max} persons',
    'programmes_admin.actions': 'Actions',
    'programmes_admin.edit': 'Edit',
    'programmes_admin.edit_part': 'Edit {title}',
    'programmes_admin.remove': 'Remove',
    'programmes_admin.remove_part': 'Remove {title}',
    'programmes_admin.add': 'Add part',
    'programmes_admin.editing': 'Edit part: {title}',
    'programmes_admin.new_part': 'Add a part instead',
    'programmes_admin.save': 'Save part',
    'programmes_admin.title_nl': 'Name (Dutch)',
    'programmes_admin.title_en': 'Name (English)',
    'programmes_admin.offset': 'Begins after (minutes)',
    'programmes_admin.offset_hint': "Minutes after the slot's start; 0 to begin at the start.",
    'programmes_admin.length': 'Duration (minutes)',
    'programmes_admin.part_activity_hint':
      "The venue's activity this part is: its price and group sizes count below. None for a part without an activity of its own, such as lunch.",
    'programmes_admin.no_activity': 'None',
    'programmes_admin.resources_hint':
      'Tick the resources this part uses, each with its changeover afterwards (0 for none). They are held only during this part, not the whole programme.',
    'programmes_admin.no_venue_resources': 'The venue has no resources yet.',
    'programmes_admin.uses': 'Use {name}',
    'programmes_admin.buffer': 'Changeover (minutes)',
    'programmes_admin.buffer_of': 'Changeover of {name} (minutes)',
    'programmes_admin.saved': 'The change has been saved.',
    'programmes_admin.price': 'Price',
    'programmes_admin.price_intro':
      "The programme's price is the activity's price lines. You can take them from the parts: every price line of each part's stand-alone activity, with its own VAT rate, the part's name before it. This replaces the current price lines. Afterwards you change them on the activity's form, or set a programme price of your own there.",
    'programmes_admin.price_lines': 'Current price lines',
    'programmes_admin.banded': 'price by group size',
    'programmes_admin.price_from_parts': 'Take the price from the parts',
    'programmes_admin.priced': 'The price lines have been taken from the parts.',
    'programmes_admin.limits': 'Group size',
    'programmes_admin.limits_own': "The programme: {min}–{max} persons (see the activity's form).",
    'programmes_admin.limits_parts':
      "The parts' stand-alone activities together: {min}–{max} persons (the highest minimum and the lowest maximum).",
    'programmes_admin.limits_none': 'No part is a stand-alone activity, so there are no group sizes to compare with.',
    'programmes_admin.limits_outside':
      "Note: the programme allows group sizes that do not suit every part. Change the group size on the activity's form.",
    'programmes_admin.limits_impossible': 'Note: no group size suits every part, as the highest minimum is above the lowest maximum.',
  },
);
