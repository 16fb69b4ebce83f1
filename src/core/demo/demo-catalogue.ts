import type { Db, Tx } from '../../db/schema.js';
import { createSlot } from '../availability/slot.service.js';
import type { Activity, Translated } from '../catalog/activity.js';
import { countVenues, findActivity, findVenueBySlug } from '../catalog/catalog.repository.js';
import { createActivity, createVenue } from '../catalog/catalog.service.js';
import type { Extra } from '../catalog/extras.js';
import { newId } from '../shared/ids.js';
import { insertActivityExtra } from '../catalog/extras.repository.js';
import type { Clock } from '../shared/clock.js';
import type { ImageProcessor, PhotoOwner } from '../photos/photo.js';
import { addDemoPhoto, publicPhotos } from '../photos/photo.service.js';
import { type DemoScene, demoLogo, demoScene } from './demo-photos.js';
import { addLocalDays, localDateOf } from '../shared/time.js';
import { publishTermsIn } from '../venues/venue-terms.service.js';
import { insertDiscountCode } from '../discounts/discount-codes.repository.js';
import { DEMO_TERMS } from './demo-terms.js';
import { updateVenuePoRequired } from '../venues/venue-payment.repository.js';
import { parseVenueBilling, venueBillingColumnsOf, type VenueBillingForm } from '../invoices/venue-billing.js';
import { updateVenueBilling } from '../invoices/venue-billing.repository.js';
import type { Resource, ResourceKind } from '../resources/resource.js';
import { insertResource, saveResourceLink } from '../resources/resource-admin.repository.js';
import type { ProgrammePart } from '../resources/programme.js';
import { savePart, saveRotation } from '../resources/programme.repository.js';

/** Weeks of slots the demo catalogue gets, from today. */
const DEMO_WEEKS = 8;

type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

interface DemoActivity {
  activity: Omit<Parameters<typeof createActivity>[2], 'venueId'>;
  /** Slot start times per ISO weekday (1 = Monday). */
  times: Partial<Record<Weekday, string[]>>;
  capacity: number;
  exclusive?: boolean;
  photo: DemoPhoto;
  /** Extras offered with it (core/catalog/extras.ts), in this order. */
  extras?: Omit<Extra, 'id' | 'activityId' | 'position' | 'active'>[];
  /** Its parts, when it is a programme (core/resources/programme.ts). */
  parts?: DemoPart[];
  /** The subgroup size of a programme that splits larger groups to take turns at its parts marked `rotates` (core/resources/rotation.ts). */
  subgroupSize?: number;
}

/** A part of a programme: its time within the slot, the stand-alone activity it is (by slug), the resources it uses (by name). */
interface DemoPart {
  title: Translated;
  offsetMinutes: number;
  durationMinutes: number;
  activity?: string;
  uses: { resource: string; bufferMinutes: number }[];
  /** Subgroups take turns at it. */
  rotates?: boolean;
}

interface DemoPhoto {
  scene: DemoScene;
  alt: Translated;
}

/** A boat, room or guide the venue's activities share (core/resources), linked to them by slug. */
interface DemoResource {
  name: string;
  kind: ResourceKind;
  capacity: number;
  /** The activities whose slots use it, each with its changeover buffer in minutes. */
  usedBy: { slug: string; bufferMinutes: number }[];
}

interface DemoVenue {
  venue: Parameters<typeof createVenue>[2];
  /** Version 1 of the venue's booking terms. */
  terms: Translated;
  activities: DemoActivity[];
  /** The logo's initials and colour. */
  logo: { initials: string; colour: string };
  /** Organisations paying on invoice must give their own reference (PO number). */
  poRequired?: boolean;
  /** Complete, fictitious billing details (valid checks, no real company's), as the form takes them: the venue issues invoices. */
  billing: VenueBillingForm;
  resources?: DemoResource[];
}

/** The demo venues, their terms and activities (exported for the test that holds the terms to the activities). */
/** What the canal cruises of Rederij Amstel share: what to bring, access, paid in full online and their policy. */
const CANAL_PRACTICAL = {
  minAge: 0,
  maxAge: null,
  whatToBring: {
    nl: 'Een jas: ook op een zonnige dag waait het op het water.',
    en: 'A coat: even on a sunny day it is windy on the water.',
  },
  wheelchair: 'partly',
  accessibility: {
    nl: 'Eén boot heeft een rolstoelplek; geef het bij het boeken door. De steiger heeft een loopplank zonder treden.',
    en: 'One boat has a wheelchair space; mention it when you book. The jetty has a gangway without steps.',
  },
} as const;
const CANAL_TERMS: Pick<Activity, 'payment' | 'refundPolicy'> = {
  payment: { mode: 'full', depositPercent: 30, balanceDaysBefore: 14, invoiceAllowed: false, invoiceTermDays: 14 },
  refundPolicy: [
    { hoursBefore: 14 * 24, percent: 100 },
    { hoursBefore: 48, percent: 50 },
  ],
};

/** What the private trips in Rederij Amstel's sloep share: boarding, paid on board, their policy. */
const SLOEP_PRACTICAL = {
  minAge: 0,
  maxAge: null,
  whatToBring: null,
  wheelchair: 'no',
  accessibility: {
    nl: 'Instappen gaat via een trapje van de kade in de sloep.',
    en: 'Boarding is down a short ladder from the quay into the boat.',
  },
} as const;
const SLOEP_TERMS: Pick<Activity, 'payment' | 'refundPolicy'> = {
  payment: { mode: 'venue', depositPercent: 30, balanceDaysBefore: 14, invoiceAllowed: false, invoiceTermDays: 14 },
  refundPolicy: [{ hoursBefore: 7 * 24, percent: 100 }],
};

/** What Klimhal De Wand's activities share: a 30 % deposit, organisations may pay on invoice, their policy. */
const KLIMHAL_TERMS: Pick<Activity, 'payment' | 'refundPolicy'> = {
  payment: { mode: 'deposit', depositPercent: 30, balanceDaysBefore: 14, invoiceAllowed: true, invoiceTermDays: 30 },
  refundPolicy: [
    { hoursBefore: 30 * 24, percent: 100 },
    { hoursBefore: 7 * 24, percent: 50 },
  ],
};

export const DEMO_VENUES: DemoVenue[] = [
  {
    venue: {
      slug: 'rederij-amstel',
      name: 'Rederij Amstel',
      city: 'Amsterdam',
      contactEmail: 'groepen@rederij-amstel.example.nl',
      contactPhone: '020 555 0101',
      address: { street: 'Prins Hendrikkade 25', postcode: '1012 TM', city: 'Amsterdam' },
      website: 'https://rederij-amstel.example.nl',
      description: {
        nl: 'Familierederij sinds 1962 met zes open sloepen en twee salonboten. Onze schippers varen groepen van 6 tot 60 personen door de grachten en over de Amstel.',
        en: 'Family-run boat company since 1962 with six open boats and two saloon boats. Our skippers take groups of 6 to 60 people through the canals and along the Amstel.',
      },
      route: {
        nl: 'Vijf minuten lopen vanaf Amsterdam Centraal (uitgang Oost). Met de auto: parkeergarage Oosterdok (P+R-tarief niet mogelijk); er is geen parkeerplaats bij de steiger.',
        en: 'A five-minute walk from Amsterdam Centraal (east exit). By car: Oosterdok car park; there is no parking at the landing stage.',
      },
    },
    billing: {
      legalName: 'Rederij Amstel B.V.',
      street: 'Prins Hendrikkade 25',
      postcode: '1012 TM',
      city: 'Amsterdam',
      kvkNumber: '34123456',
      vatId: 'NL855120344B01',
      iban: 'NL02ABNA0123456789',
      bic: 'ABNANL2A',
      invoicePrefix: 'GZ-AMS',
      termDays: '14',
    },
    logo: { initials: 'RA', colour: '#1f3b57' },
    terms: DEMO_TERMS.rederijAmstel,
    activities: [
      {
        activity: {
          slug: 'grachtentocht-groepen',
          category: 'water',
          title: { nl: 'Grachtentocht voor groepen', en: 'Canal cruise for groups' },
          description: {
            nl: 'Een rondvaart van 75 minuten door de grachtengordel met een gids die uw groep vertelt over vier eeuwen Amsterdam.',
            en: 'A 75-minute cruise through the canal ring with a guide telling your group about four centuries of Amsterdam.',
          },
          location: 'Steiger Prins Hendrikkade 25, Amsterdam',
          durationMinutes: 75,
          minGroupSize: 8,
          maxGroupSize: 40,
          bookingCutoffMinutes: 24 * 60,
          pricing: [{ label: { nl: 'Rondvaart', en: 'Cruise' }, basis: 'person', vat: 'low', amountCents: 1650 }],
          practical: CANAL_PRACTICAL,
          ...CANAL_TERMS,
        },
        times: { 2: ['10:00', '14:00'], 3: ['10:00', '14:00'], 4: ['10:00', '14:00'], 5: ['10:00', '14:00'], 6: ['11:00', '15:00'] },
        capacity: 60,
        photo: {
          scene: 'canal',
          alt: { nl: 'Een rondvaartboot op de gracht voor een rij grachtenpanden', en: 'A canal boat passing a row of canal houses' },
        },
      },
      {
        activity: {
          slug: 'schoolrondvaart',
          category: 'water',
          title: { nl: 'Schoolrondvaart met lesprogramma', en: 'School canal cruise with lesson' },
          description: {
            nl: 'Een rondvaart van 75 minuten voor schoolklassen, met een gids en een lesprogramma over de Gouden Eeuw. Per acht leerlingen vaart één begeleider gratis mee.',
            en: 'A 75-minute cruise for school classes, with a guide and a lesson on the Dutch Golden Age. One accompanying adult per eight pupils sails free.',
          },
          location: 'Steiger Prins Hendrikkade 25, Amsterdam',
          durationMinutes: 75,
          minGroupSize: 10,
          maxGroupSize: 60,
          bookingCutoffMinutes: 24 * 60,
          pricing: [
            { label: { nl: 'Leerling', en: 'Pupil' }, basis: 'category', key: 'pupil', vat: 'low', amountCents: 950, minCount: 8 },
            {
              label: { nl: 'Begeleider', en: 'Accompanying adult' },
              basis: 'category',
              key: 'adult',
              vat: 'low',
              amountCents: 1650,
              minCount: 1,
              free: { per: 8, of: 'pupil' },
            },
            { label: { nl: 'Lesmateriaal', en: 'Lesson materials' }, basis: 'group', vat: 'high', amountCents: 2500 },
          ],
          practical: { ...CANAL_PRACTICAL, minAge: 4 },
          ...CANAL_TERMS,
        },
        extras: [
          {
            label: { nl: 'Lunchpakket', en: 'Packed lunch' },
            basis: 'person',
            vat: 'low',
            amountCents: 595,
            required: false,
            stock: null,
            maxPerBooking: null,
          },
        ],
        times: { 2: ['09:30'], 3: ['09:30'], 4: ['09:30'], 5: ['09:30'] },
        capacity: 60,
        photo: {
          scene: 'canal',
          alt: { nl: 'Een rondvaartboot op de gracht voor een rij grachtenpanden', en: 'A canal boat passing a row of canal houses' },
        },
      },
      {
        activity: {
          slug: 'privesloep-borrelvaart',
          category: 'food',
          title: { nl: 'Privésloep met borrel', en: 'Private boat with drinks' },
          description: {
            nl: 'Een eigen sloep met schipper voor uw groep, inclusief drankjes en bittergarnituur aan boord.',
            en: 'Your own boat with skipper for your group, including drinks and Dutch bar snacks on board.',
          },
          location: 'Steiger Prins Hendrikkade 25, Amsterdam',
          durationMinutes: 120,
          minGroupSize: 6,
          maxGroupSize: 12,
          bookingCutoffMinutes: 48 * 60,
          pricing: [
            { label: { nl: 'Sloep met schipper', en: 'Boat with skipper' }, basis: 'group', vat: 'low', amountCents: 39500 },
            { label: { nl: 'Drankjes en bittergarnituur', en: 'Drinks and bar snacks' }, basis: 'person', vat: 'high', amountCents: 1450 },
          ],
          practical: { ...SLOEP_PRACTICAL, minAge: 18 },
          ...SLOEP_TERMS,
        },
        times: { 4: ['17:00'], 5: ['16:00', '19:00'], 6: ['16:00', '19:00'] },
        capacity: 12,
        photo: {
          scene: 'borrel',
          alt: {
            nl: 'Een sloep op de gracht bij zonsondergang, met lichtjes aan boord',
            en: 'A small boat on the canal at sunset, with lights on board',
          },
        },
        exclusive: true,
      },
      {
        activity: {
          slug: 'privesloep-met-gids',
          category: 'water',
          title: { nl: 'Privérondvaart met gids', en: 'Private canal tour with a guide' },
          description: {
            nl: 'Dezelfde sloep als de borrelvaart, overdag, met een schipper en een gids alleen voor uw groep: anderhalf uur door de smalle grachten waar de grote boten niet komen.',
            en: 'The same boat as the drinks cruise, by day, with a skipper and a guide for your group alone: ninety minutes through the narrow canals the big boats cannot enter.',
          },
          location: 'Steiger Prins Hendrikkade 25, Amsterdam',
          durationMinutes: 90,
          minGroupSize: 4,
          maxGroupSize: 12,
          bookingCutoffMinutes: 48 * 60,
          pricing: [
            {
              label: { nl: 'Sloep met schipper en gids', en: 'Boat with skipper and guide' },
              basis: 'group',
              vat: 'low',
              amountCents: 34500,
            },
          ],
          practical: SLOEP_PRACTICAL,
          ...SLOEP_TERMS,
        },
        // Thursday's tour is back, with the changeover, before the drinks cruise at 17:00; on
        // Friday and Saturday the one at 15:00 and the drinks cruise at 16:00 want the same boat:
        // whichever is booked first takes it.
        times: { 3: ['11:00', '15:00'], 4: ['11:00', '15:00'], 5: ['11:00', '15:00'], 6: ['11:00', '15:00'] },
        capacity: 12,
        photo: {
          scene: 'canal',
          alt: {
            nl: 'Een kleine sloep in een smalle gracht onder een stenen brug',
            en: 'A small boat in a narrow canal under a stone bridge',
          },
        },
        exclusive: true,
      },
      {
        activity: {
          slug: 'dagje-op-het-water',
          category: 'water',
          title: { nl: 'Dagje op het water', en: 'A day on the water' },
          description: {
            nl: 'Een arrangement in twee delen: eerst de privérondvaart met gids in onze sloep De Zwaan, daarna een lunch aan tafel in ons havenrestaurant aan de steiger.',
            en: 'A programme in two parts: first the private canal tour with a guide in our boat De Zwaan, then a sit-down lunch in our harbour restaurant by the landing stage.',
          },
          location: 'Steiger Prins Hendrikkade 25, Amsterdam',
          durationMinutes: 180,
          minGroupSize: 6,
          maxGroupSize: 12,
          bookingCutoffMinutes: 48 * 60,
          pricing: [
            {
              label: { nl: 'Sloep met schipper en gids', en: 'Boat with skipper and guide' },
              basis: 'group',
              vat: 'low',
              amountCents: 34500,
            },
            { label: { nl: 'Lunch', en: 'Lunch' }, basis: 'person', vat: 'low', amountCents: 2250 },
            {
              label: { nl: 'Reservering havenrestaurant', en: 'Harbour restaurant reservation' },
              basis: 'group',
              vat: 'high',
              amountCents: 5000,
            },
          ],
          practical: SLOEP_PRACTICAL,
          ...SLOEP_TERMS,
        },
        // The tour at 10:30 has the boat until 12:00 and moors until 12:15: on Wednesday to
        // Saturday it wants the boat of the stand-alone tour at 11:00, whichever is booked first.
        parts: [
          {
            title: { nl: 'Privérondvaart met gids', en: 'Private canal tour with a guide' },
            offsetMinutes: 0,
            durationMinutes: 90,
            activity: 'privesloep-met-gids',
            uses: [{ resource: 'Sloep De Zwaan', bufferMinutes: 15 }],
          },
          {
            title: { nl: 'Lunch in het havenrestaurant', en: 'Lunch in the harbour restaurant' },
            offsetMinutes: 105,
            durationMinutes: 75,
            uses: [{ resource: 'Havenrestaurant', bufferMinutes: 15 }],
          },
        ],
        times: { 2: ['10:30'], 3: ['10:30'], 4: ['10:30'], 5: ['10:30'], 6: ['10:30'] },
        capacity: 12,
        photo: {
          scene: 'canal',
          alt: {
            nl: 'Een sloep aan de steiger voor het havenrestaurant',
            en: 'A small boat at the landing stage in front of the harbour restaurant',
          },
        },
        exclusive: true,
      },
    ],
    resources: [
      {
        name: 'Sloep De Zwaan',
        kind: 'units',
        capacity: 1,
        usedBy: [
          { slug: 'privesloep-borrelvaart', bufferMinutes: 15 },
          { slug: 'privesloep-met-gids', bufferMinutes: 15 },
        ],
      },
      // Only the programme's lunch uses it (for its own time: see the part).
      { name: 'Havenrestaurant', kind: 'persons', capacity: 40, usedBy: [] },
    ],
  },
  {
    venue: {
      slug: 'klimhal-de-wand',
      name: 'Klimhal De Wand',
      city: 'Utrecht',
      contactEmail: 'info@klimhal-de-wand.example.nl',
      contactPhone: '030 555 0202',
      address: { street: 'Europalaan 99', postcode: '3526 KS', city: 'Utrecht' },
      website: 'https://klimhal-de-wand.example.nl',
      description: {
        nl: 'Klimhal met 120 routes tot 16 meter hoog en een aparte boulderzaal. Onze instructeurs begeleiden schoolklassen, verenigingen en bedrijfsuitjes.',
        en: 'Climbing hall with 120 routes up to 16 metres high and a separate bouldering room. Our instructors guide school classes, clubs and company outings.',
      },
      route: {
        nl: 'Tram 20 tot halte Westraven, dan vijf minuten lopen. Gratis parkeren voor de deur (40 plaatsen); bussen parkeren aan de Europalaan.',
        en: 'Tram 20 to the Westraven stop, then a five-minute walk. Free parking in front of the building (40 spaces); coaches park on the Europalaan.',
      },
    },
    poRequired: true,
    billing: {
      legalName: 'Klimhal De Wand B.V.',
      street: 'Europalaan 99',
      postcode: '3526 KS',
      city: 'Utrecht',
      kvkNumber: '30123457',
      vatId: 'NL859072150B01',
      iban: 'NL20INGB0001234567',
      bic: 'INGBNL2A',
      invoicePrefix: 'GZ-UTR',
      termDays: '30',
    },
    logo: { initials: 'KW', colour: '#d1495b' },
    terms: DEMO_TERMS.klimhalDeWand,
    activities: [
      {
        activity: {
          slug: 'klimclinic-groepen',
          category: 'sport',
          title: { nl: 'Klimclinic voor groepen', en: 'Climbing clinic for groups' },
          description: {
            nl: 'Twee uur klimmen onder begeleiding, met materiaal. Geschikt voor schoolklassen en teamuitjes vanaf 10 jaar.',
            en: 'Two hours of supervised climbing, gear included. Suits school classes and team outings, age 10 and up.',
          },
          location: 'Europalaan 99, Utrecht',
          durationMinutes: 120,
          minGroupSize: 6,
          maxGroupSize: 30,
          bookingCutoffMinutes: 12 * 60,
          pricing: [
            {
              label: { nl: 'Klimclinic incl. materiaal', en: 'Climbing clinic incl. gear' },
              basis: 'person',
              vat: 'low',
              bands: [
                { minSize: 6, maxSize: 11, amountCents: 2450 },
                { minSize: 12, maxSize: 20, amountCents: 2150 },
                { minSize: 21, maxSize: 30, amountCents: 1950 },
              ],
            },
          ],
          practical: {
            minAge: 10,
            maxAge: null,
            whatToBring: {
              nl: 'Sportkleding waarin u vrij kunt bewegen en een flesje water. Klimschoenen en gordels krijgt u van ons.',
              en: 'Sports clothes you can move freely in and a bottle of water. We provide climbing shoes and harnesses.',
            },
            wheelchair: 'partly',
            accessibility: {
              nl: 'De hal en de kantine zijn gelijkvloers met een aangepast toilet; klimmen vraagt om zelfstandig staan.',
              en: 'The hall and canteen are step-free with an accessible toilet; climbing needs you to stand unaided.',
            },
          },
          ...KLIMHAL_TERMS,
        },
        times: {
          1: ['09:30', '13:00'],
          2: ['09:30', '13:00'],
          3: ['13:00', '15:30'],
          4: ['09:30', '13:00'],
          5: ['09:30', '13:00'],
          7: ['10:00'],
        },
        capacity: 30,
        extras: [
          {
            label: { nl: 'Lunchpakket', en: 'Packed lunch' },
            basis: 'person',
            vat: 'low',
            amountCents: 895,
            required: false,
            stock: null,
            maxPerBooking: null,
          },
          {
            label: { nl: 'Helmcamera (huur)', en: 'Helmet camera hire' },
            basis: 'unit',
            vat: 'high',
            amountCents: 450,
            required: false,
            stock: 10,
            maxPerBooking: 10,
          },
        ],
        photo: {
          scene: 'climbing',
          alt: {
            nl: 'Een klimmer aan het touw op een klimwand vol gekleurde grepen',
            en: 'A climber on a rope on a wall full of coloured holds',
          },
        },
      },
      {
        activity: {
          slug: 'schoolreisdag-klimhal',
          category: 'sport',
          title: { nl: 'Schoolreisdag in de klimhal', en: 'School trip day at the climbing hall' },
          description: {
            nl: 'Een arrangement voor schoolklassen: klimmen, boulderen en het touwenparcours, elk een uur onder begeleiding, daarna samen lunchen in de kantine. Een groep van meer dan 20 leerlingen wordt verdeeld in subgroepen die de drie onderdelen om de beurt doen: zo kunnen 60 leerlingen tegelijk komen.',
            en: 'A programme for school classes: climbing, bouldering and the ropes course, an hour each with an instructor, then lunch together in the canteen. A group of more than 20 pupils is split into subgroups that take turns at the three parts, so 60 pupils can come at once.',
          },
          location: 'Europalaan 99, Utrecht',
          durationMinutes: 225,
          minGroupSize: 10,
          maxGroupSize: 60,
          bookingCutoffMinutes: 72 * 60,
          pricing: [
            {
              label: { nl: 'Schoolreisdag incl. materiaal', en: 'School trip day incl. gear' },
              basis: 'person',
              vat: 'low',
              amountCents: 2250,
            },
            { label: { nl: 'Lunch', en: 'Lunch' }, basis: 'person', vat: 'low', amountCents: 750 },
          ],
          practical: {
            minAge: 8,
            maxAge: null,
            whatToBring: {
              nl: 'Sportkleding en een flesje water. Klimschoenen, gordels en de lunch krijgen de leerlingen van ons.',
              en: 'Sports clothes and a bottle of water. We provide the pupils with climbing shoes, harnesses and lunch.',
            },
            wheelchair: 'partly',
            accessibility: {
              nl: 'De hal en de kantine zijn gelijkvloers met een aangepast toilet; klimmen vraagt om zelfstandig staan.',
              en: 'The hall and canteen are step-free with an accessible toilet; climbing needs you to stand unaided.',
            },
          },
          ...KLIMHAL_TERMS,
        },
        // Subgroups of at most 20 take turns at the wall, the bouldering room and the ropes course,
        // each of which takes 20 at a time; the whole class lunches together.
        parts: [
          {
            title: { nl: 'Klimmen', en: 'Climbing' },
            offsetMinutes: 0,
            durationMinutes: 60,
            uses: [{ resource: 'Klimwand', bufferMinutes: 0 }],
            rotates: true,
          },
          {
            title: { nl: 'Boulderen', en: 'Bouldering' },
            offsetMinutes: 60,
            durationMinutes: 60,
            uses: [{ resource: 'Boulderzaal', bufferMinutes: 0 }],
            rotates: true,
          },
          {
            title: { nl: 'Touwenparcours', en: 'Ropes course' },
            offsetMinutes: 120,
            durationMinutes: 60,
            uses: [{ resource: 'Touwenparcours', bufferMinutes: 0 }],
            rotates: true,
          },
          {
            title: { nl: 'Lunch in de kantine', en: 'Lunch in the canteen' },
            offsetMinutes: 180,
            durationMinutes: 45,
            uses: [],
          },
        ],
        subgroupSize: 20,
        times: { 2: ['09:30'], 4: ['09:30'] },
        capacity: 60,
        photo: {
          scene: 'climbing',
          alt: {
            nl: 'Leerlingen aan de touwen op een klimwand vol gekleurde grepen',
            en: 'Pupils on the ropes of a wall full of coloured holds',
          },
        },
      },
    ],
    // Only the school trip day's parts use them, each for its own turns.
    resources: [
      { name: 'Klimwand', kind: 'persons', capacity: 20, usedBy: [] },
      { name: 'Boulderzaal', kind: 'persons', capacity: 20, usedBy: [] },
      { name: 'Touwenparcours', kind: 'persons', capacity: 20, usedBy: [] },
    ],
  },
  {
    venue: {
      slug: 'boerderij-de-hoeve',
      name: 'Boerderij De Hoeve',
      city: 'Zeist',
      contactEmail: 'boeken@boerderij-de-hoeve.example.nl',
      contactPhone: '030 555 0303',
      address: { street: 'Hoevelaan 3', postcode: '3701 AA', city: 'Zeist' },
      website: 'https://boerderij-de-hoeve.example.nl',
      description: {
        nl: 'Melkveebedrijf aan de rand van de Utrechtse Heuvelrug, met boerengolf, een speelschuur en lunch in de deel voor groepen tot 80 personen.',
        en: 'Dairy farm on the edge of the Utrechtse Heuvelrug, with farm golf, a play barn and lunch in the barn for groups of up to 80 people.',
      },
      route: {
        nl: 'Bus 50 vanaf station Driebergen-Zeist tot halte Hoevelaan. Ruim gratis parkeren op het erf, ook voor touringcars; volg de borden "De Hoeve".',
        en: 'Bus 50 from Driebergen-Zeist station to the Hoevelaan stop. Plenty of free parking on the farmyard, coaches included; follow the signs "De Hoeve".',
      },
    },
    // A sole trader's btw-identificatienummer (since 2020, the mod 97 kind).
    billing: {
      legalName: 'Boerderij De Hoeve',
      street: 'Hoevelaan 3',
      postcode: '3701 AA',
      city: 'Zeist',
      kvkNumber: '30987654',
      vatId: 'NL861034720B36',
      iban: 'NL44RABO0123456789',
      bic: 'RABONL2U',
      invoicePrefix: 'GZ-ZST',
      termDays: '14',
    },
    logo: { initials: 'DH', colour: '#2e7d32' },
    terms: DEMO_TERMS.boerderijDeHoeve,
    activities: [
      {
        activity: {
          slug: 'boerengolf-lunch',
          category: 'outdoor',
          title: { nl: 'Boerengolf met lunch', en: 'Farm golf with lunch' },
          description: {
            nl: 'Boerengolf over de weilanden, daarna een boerenlunch in de deel. Leuk voor families, vereniging en bedrijf.',
            en: 'Farm golf across the meadows, followed by a farmhouse lunch in the barn. Fun for families, clubs and companies.',
          },
          location: 'Hoevelaan 3, Zeist',
          durationMinutes: 180,
          minGroupSize: 10,
          maxGroupSize: 80,
          bookingCutoffMinutes: 72 * 60,
          pricing: [
            { label: { nl: 'Boerengolf', en: 'Farm golf' }, basis: 'person', vat: 'low', amountCents: 1250 },
            { label: { nl: 'Boerenlunch', en: 'Farmhouse lunch' }, basis: 'person', vat: 'low', amountCents: 1795 },
            { label: { nl: 'Reservering deel', en: 'Barn reservation' }, basis: 'group', vat: 'high', amountCents: 7500 },
          ],
          practical: {
            minAge: 6,
            maxAge: null,
            whatToBring: {
              nl: 'Schoenen of laarzen die vies mogen worden; bij regen een regenjas.',
              en: 'Shoes or boots that may get muddy; a raincoat if it rains.',
            },
            wheelchair: 'yes',
            accessibility: {
              nl: 'De deel en het toilet zijn gelijkvloers; de golfbaan loopt over een verhard pad langs de weilanden.',
              en: 'The barn and toilet are step-free; the golf course follows a paved path along the meadows.',
            },
          },
          payment: { mode: 'venue', depositPercent: 30, balanceDaysBefore: 14, invoiceAllowed: false, invoiceTermDays: 14 },
          refundPolicy: [{ hoursBefore: 48, percent: 100 }],
        },
        times: { 3: ['11:00'], 5: ['11:00'], 6: ['11:00', '14:30'], 7: ['11:00', '14:30'] },
        capacity: 80,
        photo: {
          scene: 'farm',
          alt: {
            nl: 'Een rode schuur en bomen op een groene weide, met een boerengolfclub en bal',
            en: 'A red barn and trees on a green meadow, with a farm golf club and ball',
          },
        },
      },
    ],
  },
];

/**
 * Fills an empty database with a small bilingual catalogue and eight weeks of slots, so a newcomer
 * sees a working platform: a canal cruise paid in full online, a school cruise priced per pupil
 * with one free adult per eight pupils, a climbing clinic with a 30 % deposit
 * (the rest 14 days before) that organisations may pay on invoice (with their PO number), and
 * activities paid at the venue; two private trips share one boat, so booking one takes the other's
 * overlapping times, and a programme (a day on the water: that boat's tour, then lunch in the
 * restaurant) shares it with them for its tour only; a school trip day splits classes of more
 * than 20 into subgroups that take turns at its three parts. Online payment needs a Mollie key (docs/back-office.md); without
 * one those activities are booked as paid at the venue. Every venue has complete (fictitious)
 * billing details, so it issues invoices. Does nothing (and returns false) when any venue exists.
 */
export async function seedDemoCatalogue(db: Db, clock: Clock): Promise<boolean> {
  if ((await countVenues(db)) > 0) return false;
  const today = localDateOf(clock.now());
  await db.transaction().execute(async (trx) => {
    for (const demo of DEMO_VENUES) await seedVenue(trx, clock, today, demo);
  });
  return true;
}

/**
 * Gives the demo venues a logo and the demo activities a photo, rendered from drawn scenes like any
 * upload, where they have none yet. Apart from seedDemoCatalogue: rendering takes seconds, which
 * `groupz serve` spends after it started listening.
 */
export async function addDemoPhotos(db: Db, clock: Clock, images: ImageProcessor): Promise<void> {
  const add = async (venueId: string, owner: PhotoOwner, svg: Buffer, alt: Translated) => {
    if ((await publicPhotos(db, owner)).length > 0) return;
    await addDemoPhoto(db, clock, images, venueId, owner, { file: svg, altNl: alt.nl, altEn: alt.en });
  };
  for (const { venue, activities, logo } of DEMO_VENUES) {
    const found = await findVenueBySlug(db, venue.slug);
    if (!found) continue;
    const alt = { nl: `Logo van ${venue.name}`, en: `${venue.name} logo` };
    await add(found.id, { kind: 'logo', venueId: found.id }, demoLogo(logo.initials, logo.colour), alt);
    for (const demo of activities) {
      const activity = await findActivity(db, { slug: demo.activity.slug });
      if (activity?.venue.id !== found.id) continue;
      await add(found.id, { kind: 'activity', activityId: activity.id }, demoScene(demo.photo.scene), demo.photo.alt);
    }
  }
}

/** Every demo venue's discount code: 10 % off any of its activities, without limits. */
const DEMO_DISCOUNT_CODE = { code: 'WELKOM10', kind: 'percent', percent: 10, amount_cents: null, per: 'booking' } as const;

async function seedVenue(trx: Tx, clock: Clock, today: string, demoVenue: DemoVenue) {
  const { venue, terms, activities, poRequired = false, billing, resources = [] } = demoVenue;
  const created = await createVenue(trx, clock, venue);
  const venueId = created.id;
  if (poRequired) await updateVenuePoRequired(trx, venueId, true);
  const parsed = parseVenueBilling(billing, 'plain');
  if (!parsed.ok) throw new Error(`demo billing details of ${venue.slug} refused: ${JSON.stringify(parsed.errors)}`);
  await updateVenueBilling(trx, venueId, venueBillingColumnsOf(parsed.value));
  await publishTermsIn(trx, clock, created, terms, null);
  await insertDiscountCode(trx, { ...DEMO_DISCOUNT_CODE, id: newId(), venue_id: venueId, created_at: clock.now().toISOString() }, []);
  const made = new Map<string, Activity>();
  for (const demo of activities) {
    const activity = await createActivity(trx, clock, { ...demo.activity, venueId });
    made.set(activity.slug, activity);
    for (const [position, extra] of (demo.extras ?? []).entries()) {
      await insertActivityExtra(trx, { ...extra, id: newId(), activityId: activity.id, position, active: true }, clock.now().toISOString());
    }
    for (let day = 1; day <= DEMO_WEEKS * 7; day++) {
      const date = addLocalDays(today, day);
      const weekday = (new Date(`${date}T12:00:00Z`).getUTCDay() || 7) as Weekday;
      for (const time of demo.times[weekday] ?? []) {
        await createSlot(trx, clock, { activityId: activity.id, date, time, capacity: demo.capacity, exclusive: demo.exclusive ?? false });
      }
    }
  }
  const seeded = new Map<string, Resource>();
  for (const resource of resources) seeded.set(resource.name, await seedResource(trx, clock, venueId, made, resource));
  for (const demo of activities) {
    const programme = made.get(demo.activity.slug)!;
    const rotating: string[] = [];
    for (const [position, part] of (demo.parts ?? []).entries()) {
      const id = await seedPart(trx, clock, programme, position, part, { activities: made, resources: seeded });
      if (part.rotates) rotating.push(id);
    }
    if (demo.subgroupSize !== undefined) await saveRotation(trx, programme.id, demo.subgroupSize, rotating);
  }
}

/** A resource of the venue, open at all times, that its activities' slots share (nothing is booked yet: nothing to check). */
async function seedResource(
  trx: Tx,
  clock: Clock,
  venueId: string,
  activities: Map<string, Activity>,
  demo: DemoResource,
): Promise<Resource> {
  const resource: Resource = { id: newId(), venueId, name: demo.name, kind: demo.kind, capacity: demo.capacity, hours: [], closures: [] };
  await insertResource(trx, resource, clock.now().toISOString());
  for (const { slug, bufferMinutes } of demo.usedBy) {
    const activity = activities.get(slug);
    if (!activity) throw new Error(`demo resource ${demo.name} uses ${slug}, which the venue does not have`);
    await saveResourceLink(trx, { activityId: activity.id, resourceId: resource.id, bufferMinutes });
  }
  return resource;
}

/** A part of a programme of the venue, on the venue's activities and resources (nothing is booked yet: nothing to check); its id. */
async function seedPart(
  trx: Tx,
  clock: Clock,
  programme: Activity,
  position: number,
  demo: DemoPart,
  venue: { activities: Map<string, Activity>; resources: Map<string, Resource> },
): Promise<string> {
  const partActivity = demo.activity === undefined ? undefined : venue.activities.get(demo.activity);
  if (demo.activity !== undefined && !partActivity)
    throw new Error(`demo programme ${programme.slug} names ${demo.activity}, which the venue does not have`);
  const resources = demo.uses.map(({ resource: name, bufferMinutes }) => {
    const resource = venue.resources.get(name);
    if (!resource) throw new Error(`demo programme ${programme.slug} uses ${name}, which the venue does not have`);
    return { resourceId: resource.id, name, bufferMinutes };
  });
  const part: ProgrammePart = {
    id: newId(),
    activityId: programme.id,
    position,
    title: demo.title,
    offsetMinutes: demo.offsetMinutes,
    durationMinutes: demo.durationMinutes,
    partActivityId: partActivity?.id ?? null,
    subgroupSize: null,
    resources,
  };
  await savePart(trx, part, clock.now().toISOString());
  return part.id;
}
