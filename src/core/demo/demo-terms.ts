import type { Translated } from '../catalog/activity.js';

/**
 * Booking terms of the demo venues (fictitious, like the venues): the clauses every venue has,
 * with each venue's own rules in between, numbered. Version 1 of each venue's terms.
 */
function terms(venue: string, own: { nl: string[]; en: string[] }): Translated {
  const nl = [
    'Boeken. Een boeking is definitief zodra u de bevestiging per e-mail ontvangt. Een optie houdt de plaatsen vast tot de genoemde datum en vervalt daarna vanzelf.',
    'Groepsgrootte. Het aantal personen kunt u online wijzigen zolang de boekingspagina dat toelaat. Komt u met minder personen na die termijn, dan betaalt u voor het geboekte aantal.',
    'Betalen. U betaalt het totaalbedrag van de bevestiging, inclusief btw, uiterlijk op de dag van het bezoek.',
    'Annuleren. U kunt kosteloos annuleren tot de termijn die op uw boekingspagina staat. Daarna rekenen wij het volledige bedrag.',
    ...own.nl,
    'Aansprakelijkheid. Deelname is voor eigen risico. Wij zijn niet aansprakelijk voor verlies van of schade aan persoonlijke eigendommen, behalve bij opzet of grove schuld.',
    'Klachten. Heeft u een klacht, meld die dan binnen 14 dagen na het bezoek per e-mail. Wij antwoorden binnen 14 dagen.',
  ];
  const en = [
    'Booking. A booking is final once you receive its confirmation by e-mail. An option holds the places until the date given and then lapses by itself.',
    'Group size. You can change the number of people online for as long as your booking page allows. If fewer people come after that, you pay for the number booked.',
    'Payment. You pay the total of the confirmation, VAT included, on the day of the visit at the latest.',
    'Cancelling. You can cancel free of charge until the deadline shown on your booking page. After that we charge the full amount.',
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
      'Weer. Bij storm (windkracht 7 of meer) of ijsgang vaart de boot niet; u krijgt dan een andere datum of uw geld terug.',
      'Aan boord. Wees 15 minuten voor vertrek bij de steiger. De schipper mag gasten weigeren die onder invloed zijn; eigen drank mag niet mee aan boord.',
    ],
    en: [
      'Weather. In a storm (Beaufort 7 or more) or with ice on the water the boat does not sail; you then get another date or your money back.',
      'On board. Be at the landing stage 15 minutes before departure. The skipper may refuse guests under the influence; bringing your own drinks on board is not allowed.',
    ],
  }),
  klimhalDeWand: terms('Klimhal De Wand', {
    nl: [
      'Veiligheid. Iedereen volgt de aanwijzingen van de instructeurs. Kinderen onder 14 jaar klimmen alleen onder begeleiding van een volwassene uit de groep.',
      'Gezondheid. Meld blessures, zwangerschap of medische bijzonderheden vooraf bij de instructeur; die beslist of deelname verantwoord is.',
    ],
    en: [
      'Safety. Everyone follows the instructors’ directions. Children under 14 climb only with an adult of the group present.',
      'Health. Tell the instructor beforehand about injuries, pregnancy or medical conditions; the instructor decides whether taking part is safe.',
    ],
  }),
  boerderijDeHoeve: terms('Boerderij De Hoeve', {
    nl: [
      'Weer. Boerengolf gaat door bij regen; bij onweer of zware storm bieden wij een andere datum aan. Trek schoenen aan die vies mogen worden.',
      'Dieren en erf. Honden zijn op het erf niet toegestaan. Kinderen blijven onder toezicht van de groep, ook bij de dieren.',
      'Lunch. Geef dieetwensen en allergieën uiterlijk drie dagen voor het bezoek door via de deelnemerslijst.',
    ],
    en: [
      'Weather. Farm golf goes ahead in the rain; in a thunderstorm or heavy storm we offer another date. Wear shoes that may get dirty.',
      'Animals and farmyard. Dogs are not allowed on the farmyard. Children stay under the group’s supervision, also with the animals.',
      'Lunch. Give dietary needs and allergies through the participant list at least three days before the visit.',
    ],
  }),
} satisfies Record<string, Translated>;
