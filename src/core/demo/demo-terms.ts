import type { Translated } from '../catalog/activity.js';

/**
 * Booking terms of the demo venues (fictitious, like the venues): the clauses every venue has,
 * with each venue's own in between, numbered. How to pay and what cancelling refunds are each
 * venue's own, and say what its activities' payment terms and cancellation policies are set to
 * (demo-catalogue.ts; its test holds them to it). Version 1 of each venue's terms.
 */
function terms(venue: string, own: { nl: string[]; en: string[] }): Translated {
  const nl = [
    'Boeken. Een boeking is definitief zodra u de bevestiging per e-mail ontvangt. Een optie houdt de plaatsen vast tot de genoemde datum en vervalt daarna vanzelf.',
    'Groepsgrootte. Het aantal personen kunt u online wijzigen zolang de boekingspagina dat toelaat. Komt u met minder personen na die termijn, dan betaalt u voor het geboekte aantal.',
    ...own.nl,
    'Aansprakelijkheid. Deelname is voor eigen risico. Wij zijn niet aansprakelijk voor verlies van of schade aan persoonlijke eigendommen, behalve bij opzet of grove schuld.',
    'Klachten. Heeft u een klacht, meld die dan binnen 14 dagen na het bezoek per e-mail. Wij antwoorden binnen 14 dagen.',
  ];
  const en = [
    'Booking. A booking is final once you receive its confirmation by e-mail. An option holds the places until the date given and then lapses by itself.',
    'Group size. You can change the number of people online for as long as your booking page allows. If fewer people come after that, you pay for the number booked.',
    ...own.en,
    'Liability. Taking part is at your own risk. We are not liable for loss of or damage to personal belongings, except in case of intent or gross negligence.',
    'Complaints. If you have a complaint, send it by e-mail within 14 days of the visit. We answer within 14 days.',
  ];
  const numbered = (title: string, clauses: string[]) => [title, ...clauses.map((clause, i) => `${i + 1}. ${clause}`)].join('\n\n');
  return { nl: numbered(`Boekingsvoorwaarden van ${venue}`, nl), en: numbered(`Booking terms of ${venue}`, en) };
}

export const DEMO_TERMS = {
  rederijAmstel: terms('Rederij Amstel', {
    nl: [
      'Betalen. De grachtentocht betaalt u bij het boeken volledig online (iDEAL of creditcard). De privésloep, met borrel of met gids, betaalt u aan boord of zoals met ons afgesproken. Alle bedragen zijn inclusief btw.',
      'Annuleren. Grachtentocht: annuleert u tot 14 dagen voor het bezoek, dan krijgt u 100% terug; tot 48 uur ervoor 50%; daarna niets. Privésloep: kosteloos annuleren (100%) tot 7 dagen voor het bezoek; daarna rekenen wij het volledige bedrag. Voor minder personen geldt hetzelfde.',
      'Weer. Bij storm (windkracht 7 of meer) of ijsgang vaart de boot niet; u krijgt dan een andere datum of uw geld terug.',
      'Aan boord. Wees 15 minuten voor vertrek bij de steiger. De schipper mag gasten weigeren die onder invloed zijn; eigen drank mag niet mee aan boord.',
    ],
    en: [
      'Payment. The canal cruise is paid in full online when you book (iDEAL or credit card). The private boat, with drinks or with a guide, is paid on board or as agreed with us. All amounts include VAT.',
      'Cancelling. Canal cruise: cancel until 14 days before the visit and you get 100% back; until 48 hours before, 50%; after that nothing. Private boat: free cancellation (100%) until 7 days before the visit; after that we charge the full amount. The same applies to fewer people.',
      'Weather. In a storm (Beaufort 7 or more) or with ice on the water the boat does not sail; you then get another date or your money back.',
      'On board. Be at the landing stage 15 minutes before departure. The skipper may refuse guests under the influence; bringing your own drinks on board is not allowed.',
    ],
  }),
  klimhalDeWand: terms('Klimhal De Wand', {
    nl: [
      'Betalen. Bij het boeken betaalt u online een aanbetaling van 30% van het totaalbedrag; de rest betaalt u uiterlijk 14 dagen voor het bezoek, via de betaallink in uw e-mail. Scholen, bedrijven en organisaties kunnen in plaats daarvan op factuur betalen, binnen 30 dagen; vermeld dan uw kenmerk (inkoopordernummer). Alle bedragen zijn inclusief btw.',
      'Annuleren. Annuleert u tot 30 dagen voor het bezoek, dan krijgt u alles terug wat u betaalde (100%). Tot 7 dagen ervoor krijgt u 50% van de prijs terug: wij houden de helft van de prijs en betalen terug wat u daarboven betaalde. Daarna is de volledige prijs verschuldigd. Voor minder personen geldt hetzelfde.',
      'Veiligheid. Iedereen volgt de aanwijzingen van de instructeurs. Kinderen onder 14 jaar klimmen alleen onder begeleiding van een volwassene uit de groep.',
      'Gezondheid. Meld blessures, zwangerschap of medische bijzonderheden vooraf bij de instructeur; die beslist of deelname verantwoord is.',
    ],
    en: [
      'Payment. When you book, you pay a deposit of 30% of the total online; the rest is due 14 days before the visit at the latest, through the payment link in your e-mail. Schools, companies and organisations may instead pay on invoice, within 30 days; then give your reference (purchase order number). All amounts include VAT.',
      'Cancelling. Cancel until 30 days before the visit and you get back everything you paid (100%). Until 7 days before, 50% of the price is refunded: we keep half the price and refund what you paid beyond it. After that the full price is due. The same applies to fewer people.',
      'Safety. Everyone follows the instructors’ directions. Children under 14 climb only with an adult of the group present.',
      'Health. Tell the instructor beforehand about injuries, pregnancy or medical conditions; the instructor decides whether taking part is safe.',
    ],
  }),
  boerderijDeHoeve: terms('Boerderij De Hoeve', {
    nl: [
      'Betalen. U betaalt het totaalbedrag van de bevestiging, inclusief btw, op de dag van het bezoek bij ons op de boerderij.',
      'Annuleren. U kunt kosteloos annuleren (100% terug) tot 48 uur voor het bezoek. Daarna rekenen wij het volledige bedrag.',
      'Weer. Boerengolf gaat door bij regen; bij onweer of zware storm bieden wij een andere datum aan. Trek schoenen aan die vies mogen worden.',
      'Dieren en erf. Honden zijn op het erf niet toegestaan. Kinderen blijven onder toezicht van de groep, ook bij de dieren.',
      'Lunch. Geef dieetwensen en allergieën uiterlijk drie dagen voor het bezoek door via de deelnemerslijst.',
    ],
    en: [
      'Payment. You pay the total of the confirmation, VAT included, on the day of the visit, at the farm.',
      'Cancelling. You can cancel free of charge (100% back) until 48 hours before the visit. After that we charge the full amount.',
      'Weather. Farm golf goes ahead in the rain; in a thunderstorm or heavy storm we offer another date. Wear shoes that may get dirty.',
      'Animals and farmyard. Dogs are not allowed on the farmyard. Children stay under the group’s supervision, also with the animals.',
      'Lunch. Give dietary needs and allergies through the participant list at least three days before the visit.',
    ],
  }),
} satisfies Record<string, Translated>;
