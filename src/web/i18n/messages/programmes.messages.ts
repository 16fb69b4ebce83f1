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
    'field.rotation_needs_two_parts':
      'Vink minstens twee onderdelen aan die de subgroepen om de beurt doen, of laat de subgroepgrootte leeg als groepen nooit worden gesplitst.',
    'field.rotation_durations_differ':
      'De onderdelen die subgroepen om de beurt doen, moeten even lang duren: elke subgroep doet er bij elke beurt één.',
    'field.rotation_parts_overlap':
      'De onderdelen die subgroepen om de beurt doen, mogen elkaar in tijd niet overlappen: het ene begint pas als het vorige voorbij is.',
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
    'field.before_slot_start': 'Dit tijdstip ligt vóór het begin van het tijdslot; een onderdeel kan niet eerder beginnen.',
    'field.group_exceeds_resource':
      'Een verplaatst onderdeel doet de hele groep ({n} personen) samen, maar een aangevinkt middel houdt er hoogstens {capacity}. Kies een groter middel.',
    'activity_log.action.booking.part_moved': 'onderdeel verplaatst',
    'activity_log.action.booking.part_move_undone': 'onderdeel terug volgens plan',
    'booking_programme.intro':
      'De onderdelen zoals deze groep ze heeft. U kunt een onderdeel voor alleen deze boeking naar een andere tijd of andere middelen verplaatsen, bijvoorbeeld omdat de boot dan bezet is; de hele groep doet het dan samen. Het kan alleen als de middelen dan open zijn en plaats hebben. De organisator krijgt een e-mail dat de boeking is gewijzigd.',
    'booking_programme.closed': 'Onderdelen verplaatsen kan alleen bij een boeking die plaatsen houdt en nog niet begonnen is.',
    'booking_programme.state': 'Stand',
    'booking_programme.moved': 'verplaatst',
    'booking_programme.planned': 'volgens plan',
    'booking_programme.in_turns': 'in beurten per subgroep',
    'booking_programme.move_part': '{title} verplaatsen',
    'booking_programme.start_hint': 'Op de dag van het tijdslot, niet vóór het begin ({time}).',
    'booking_programme.start_of': 'Nieuwe begintijd van {title}',
    'booking_programme.resources_hint': 'Vink de middelen aan die het onderdeel voor deze groep gebruikt, elk met de wisseltijd na afloop.',
    'booking_programme.resources_of': 'Middelen van {title}',
    'booking_programme.move': 'Verplaatsen',
    'booking_programme.reset': 'Terug volgens plan',
    'booking_programme.reset_part': '{title} terug volgens plan',
    'booking_programme.done_moved': 'Het onderdeel is verplaatst; de organisator krijgt een e-mail.',
    'booking_programme.done_reset': 'Het onderdeel is terug volgens plan; de organisator krijgt een e-mail.',
    'programmes_admin.subgroups': 'Subgroepen',
    'programmes_admin.subgroups_intro':
      'Een groep die groter is dan een onderdeel aankan, kan in subgroepen worden verdeeld die de aangevinkte onderdelen om de beurt doen, bijvoorbeeld 60 leerlingen in drie groepen van 20 bij klimmen, kanoën en boogschieten. Elke subgroep houdt de middelen van een onderdeel alleen tijdens haar beurt bezet; de andere onderdelen (zoals de lunch) doet de hele groep samen.',
    'programmes_admin.subgroup_size': 'Subgroepgrootte',
    'programmes_admin.subgroup_size_hint':
      'Het grootste aantal personen per subgroep. Een groep tot dit aantal wordt niet gesplitst. Leeg: groepen worden nooit gesplitst.',
    'programmes_admin.rotating': 'Onderdelen om de beurt',
    'programmes_admin.rotating_hint': 'Vink minstens twee onderdelen aan die even lang duren en elkaar niet overlappen.',
    'programmes_admin.takes_turns': '{title} ({time}) gaat om de beurt',
    'programmes_admin.save_subgroups': 'Subgroepen opslaan',
    'programmes_admin.limits_rotation':
      'Met subgroepen van hoogstens {size} bij {n} onderdelen om de beurt past een groep tot {max} personen zonder dat een subgroep groter wordt dan {size}.',
    'programmes_admin.limits_rotation_hint':
      'Een grotere groep wordt in grotere subgroepen verdeeld; of die passen, bepalen de middelen. Bij de losse activiteiten hierboven telt voor de onderdelen om de beurt de grootte van een subgroep.',
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
    'field.rotation_needs_two_parts':
      'Tick at least two parts the subgroups take turns at, or leave the subgroup size empty if groups are never split.',
    'field.rotation_durations_differ': 'The parts subgroups take turns at must last equally long: each subgroup does one at every turn.',
    'field.rotation_parts_overlap':
      'The parts subgroups take turns at must not overlap in time: each begins only when the one before has ended.',
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
    'field.before_slot_start': 'This time is before the slot starts; a part cannot begin earlier.',
    'field.group_exceeds_resource':
      'The whole group ({n} people) does a moved part together, but a resource ticked holds at most {capacity}. Choose a larger resource.',
    'activity_log.action.booking.part_moved': 'part moved',
    'activity_log.action.booking.part_move_undone': 'part back to the plan',
    'booking_programme.intro':
      'The parts as this group has them. You can move a part for this booking only to another time or other resources, say because the boat is taken then; the whole group then does it together. It works only if the resources are open then and have room. The organiser gets an email that the booking has changed.',
    'booking_programme.closed': 'Parts can be moved only on a booking that holds its places and has not started.',
    'booking_programme.state': 'State',
    'booking_programme.moved': 'moved',
    'booking_programme.planned': 'as planned',
    'booking_programme.in_turns': 'in turns per subgroup',
    'booking_programme.move_part': 'Move {title}',
    'booking_programme.start_hint': "On the slot's day, not before it starts ({time}).",
    'booking_programme.start_of': 'New start time of {title}',
    'booking_programme.resources_hint': 'Tick the resources the part uses for this group, each with its changeover afterwards.',
    'booking_programme.resources_of': 'Resources of {title}',
    'booking_programme.move': 'Move',
    'booking_programme.reset': 'Back to the plan',
    'booking_programme.reset_part': '{title} back to the plan',
    'booking_programme.done_moved': 'The part has been moved; the organiser gets an email.',
    'booking_programme.done_reset': 'The part is back as planned; the organiser gets an email.',
    'programmes_admin.subgroups': 'Subgroups',
    'programmes_admin.subgroups_intro':
      "A group larger than a part can take may be split into subgroups that take turns at the parts ticked, such as 60 pupils in three groups of 20 at climbing, canoeing and archery. Each subgroup holds a part's resources only during its turn; the other parts (such as lunch) the whole group does together.",
    'programmes_admin.subgroup_size': 'Subgroup size',
    'programmes_admin.subgroup_size_hint':
      'The most persons in a subgroup. A group of up to this many is not split. Empty: groups are never split.',
    'programmes_admin.rotating': 'Parts taken in turns',
    'programmes_admin.rotating_hint': 'Tick at least two parts that last equally long and do not overlap.',
    'programmes_admin.takes_turns': '{title} ({time}) takes turns',
    'programmes_admin.save_subgroups': 'Save subgroups',
    'programmes_admin.limits_rotation':
      'With subgroups of at most {size} taking turns at {n} parts, a group of up to {max} persons fits without a subgroup larger than {size}.',
    'programmes_admin.limits_rotation_hint':
      "A larger group is split into larger subgroups; whether those fit is the resources' say. For the parts taken in turns, the stand-alone activities above count the size of a subgroup.",
  },
);
