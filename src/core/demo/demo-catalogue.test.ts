import assert from 'node:assert/strict';
import { findDiscountCode } from '../discounts/discount-codes.repository.js';
import { after, before, describe, test } from 'node:test';
import { TestClock } from '../../../test/clock.js';
import { type TestDatabase, testDialects } from '../../../test/databases.js';
import { findActivity, findVenueBySlug } from '../catalog/catalog.repository.js';
import { mollieKeySource } from '../payments/mollie-key-source.js';
import { listActivityExtras } from '../catalog/extras.repository.js';
import { DEMO_VENUES, seedDemoCatalogue } from './demo-catalogue.js';
import { book } from '../../../test/factories.js';
import { listSlotOffers } from '../availability/slot.service.js';
import { listProgrammeParts } from '../resources/programme.repository.js';
import type { Activity } from '../catalog/activity.js';
import { formatTime } from '../i18n/format.js';
import { sellerOf } from '../invoices/invoice-seller.js';
import { isDutchVatId, parseVenueBilling } from '../invoices/venue-billing.js';

for (const dialect of testDialects()) {
  describe(`the demo catalogue's payment kinds on ${dialect.name}`, () => {
    let database: TestDatabase;
    before(async () => {
      database = await dialect.create();
      assert.equal(await seedDemoCatalogue(database.db, new TestClock('2026-06-01T08:00:00Z')), true);
    });
    after(() => database.close());

    const terms = async (slug: string) => {
      const activity = await findActivity(database.db, { slug });
      assert.ok(activity, slug);
      return activity;
    };

    test('one activity paid in full online, one with a 30 % deposit and pay on invoice, others at the venue', async () => {
      assert.equal((await terms('grachtentocht-groepen')).payment.mode, 'full');
      const clinic = await terms('klimclinic-groepen');
      assert.deepEqual(clinic.payment, {
        mode: 'deposit',
        depositPercent: 30,
        balanceDaysBefore: 14,
        invoiceAllowed: true,
        invoiceTermDays: 30,
      });
      assert.equal(clinic.venue.poRequired, true, 'its venue asks for a PO number on invoices');
      assert.equal((await terms('boerengolf-lunch')).payment.mode, 'venue');
      for (const slug of ['grachtentocht-groepen', 'klimclinic-groepen', 'boerengolf-lunch']) {
        assert.ok((await terms(slug)).refundPolicy.length > 0, `${slug} has a cancellation policy`);
      }
    });

    test('the climbing clinic offers a packed lunch and a scarce extra with a stock per slot', async () => {
      const extras = await listActivityExtras(database.db, (await terms('klimclinic-groepen')).id, { activeOnly: true });
      assert.deepEqual(
        extras.map((e) => [e.label.en, e.basis, e.stock]),
        [
          ['Packed lunch', 'person', null],
          ['Helmet camera hire', 'unit', 10],
        ],
      );
    });

    test("the private boat's two trips share one boat: the drinks cruise booked on Friday takes the guided tour then", async () => {
      const { db } = database;
      const clock = new TestClock('2026-06-01T08:00:00Z'); // a Monday
      const drinks = await terms('privesloep-borrelvaart');
      const tour = await terms('privesloep-met-gids');
      const offers = async (activity: Activity, date: string) =>
        (await listSlotOffers(db, clock, activity, { from: date, to: date, groupSize: 8 })).map(
          (o) => `${formatTime(o.slot.startsAt)} ${o.refusal ?? 'bookable'}`,
        );
      const friday = await offers(drinks, '2026-06-05');
      assert.deepEqual(friday, ['16:00 bookable', '19:00 bookable']);
      const cruise = (await listSlotOffers(db, clock, drinks, { from: '2026-06-05', to: '2026-06-05', groupSize: 8 }))[0]!;
      await book(db, clock, cruise.slot, { groupSize: 8 });
      assert.deepEqual(await offers(tour, '2026-06-05'), ['11:00 bookable', '15:00 slot_full'], 'the boat is out from 16:00');
      // On Thursday the tour at 15:00 is back, changeover included, before the drinks cruise at 17:00.
      const thursday = (await listSlotOffers(db, clock, tour, { from: '2026-06-04', to: '2026-06-04', groupSize: 8 }))[1]!;
      await book(db, clock, thursday.slot, { groupSize: 8 });
      assert.deepEqual(await offers(drinks, '2026-06-04'), ['17:00 bookable']);
    });

    test("the day on the water is a programme whose canal tour takes the stand-alone tour's boat, and only for its own time", async () => {
      const { db } = database;
      const clock = new TestClock('2026-06-01T08:00:00Z'); // a Monday
      const programme = await terms('dagje-op-het-water');
      const tour = await terms('privesloep-met-gids');
      const parts = (await listProgrammeParts(db, [programme.id])).get(programme.id)!;
      assert.deepEqual(
        parts.map((p) => [
          p.title.en,
          p.offsetMinutes,
          p.durationMinutes,
          p.partActivityId,
          p.resources.map((r) => `${r.name} +${r.bufferMinutes}`),
        ]),
        [
          ['Private canal tour with a guide', 0, 90, tour.id, ['Sloep De Zwaan +15']],
          ['Lunch in the harbour restaurant', 105, 75, null, ['Havenrestaurant +15']],
        ],
      );
      assert.deepEqual([...new Set(programme.pricing.map((line) => line.vat))].sort(), ['high', 'low'], 'its price lines mix 9 % and 21 %');
      const offers = async (activity: Activity, date: string, groupSize = 8) =>
        (await listSlotOffers(db, clock, activity, { from: date, to: date, groupSize })).map(
          (o) => `${formatTime(o.slot.startsAt)} ${o.refusal ?? 'bookable'}`,
        );
      const slotAt = async (activity: Activity, date: string, index: number) =>
        (await listSlotOffers(db, clock, activity, { from: date, to: date, groupSize: 8 }))[index]!.slot;
      // Wednesday: the programme at 10:30 sails until 12:00 and moors until 12:15; the stand-alone tour at 11:00 is gone, the one at 15:00 stays.
      assert.deepEqual(await offers(programme, '2026-06-03'), ['10:30 bookable']);
      assert.deepEqual(await offers(tour, '2026-06-03'), ['11:00 bookable', '15:00 bookable']);
      await book(db, clock, await slotAt(programme, '2026-06-03', 0), { groupSize: 8 });
      assert.deepEqual(await offers(tour, '2026-06-03'), ['11:00 slot_full', '15:00 bookable']);
      // Saturday: the stand-alone tour at 11:00 booked first leaves the programme no boat at 10:30.
      await book(db, clock, await slotAt(tour, '2026-06-06', 0), { groupSize: 8 });
      assert.deepEqual(await offers(programme, '2026-06-06'), ['10:30 slot_full']);
      await assert.rejects(book(db, clock, await slotAt(programme, '2026-06-06', 0), { groupSize: 8 }), /slot_full/);
      // Tuesday has no stand-alone trip on the boat: the programme is offered.
      assert.deepEqual(await offers(programme, '2026-06-09'), ['10:30 bookable']);
    });

    test('the school trip day splits a class of 60 into three subgroups of 20 that take turns at its three parts', async () => {
      const { db } = database;
      const clock = new TestClock('2026-06-01T08:00:00Z'); // a Monday
      const programme = await terms('schoolreisdag-klimhal');
      const parts = (await listProgrammeParts(db, [programme.id])).get(programme.id)!;
      assert.deepEqual(
        parts.map((p) => [p.title.en, p.offsetMinutes, p.durationMinutes, p.subgroupSize, p.resources.map((r) => r.name)]),
        [
          ['Climbing', 0, 60, 20, ['Klimwand']],
          ['Bouldering', 60, 60, 20, ['Boulderzaal']],
          ['Ropes course', 120, 60, 20, ['Touwenparcours']],
          ['Lunch in the canteen', 180, 45, null, []],
        ],
      );
      const offers = async (groupSize: number) =>
        (await listSlotOffers(db, clock, programme, { from: '2026-06-09', to: '2026-06-09', groupSize })).map(
          (o) => `${formatTime(o.slot.startsAt)} ${o.refusal ?? 'bookable'} ${o.remaining}`,
        );
      // Tuesday next week: each of the three resources takes 20 at a time, so 60 fit only in turns.
      assert.deepEqual(await offers(60), ['09:30 bookable 60']);
      const slot = (await listSlotOffers(db, clock, programme, { from: '2026-06-09', to: '2026-06-09', groupSize: 60 }))[0]!.slot;
      await book(db, clock, slot, { groupSize: 60 });
      assert.deepEqual(await offers(10), ['09:30 slot_full 0']);
    });

    test('every demo venue has the discount code WELKOM10: 10 % off, without limits', async () => {
      for (const venue of await database.db.selectFrom('venues').select('id').execute()) {
        const code = await findDiscountCode(database.db, venue.id, 'WELKOM10');
        assert.deepEqual(code?.terms, { code: 'WELKOM10', kind: 'percent', percent: 10 });
        assert.deepEqual([code?.active, code?.maxUses, code?.activityIds], [true, null, []]);
      }
    });

    test('venues have complete contact details; without a key none is served (the back office says why)', async () => {
      for (const slug of ['rederij-amstel', 'klimhal-de-wand', 'boerderij-de-hoeve']) {
        const venue = await findVenueBySlug(database.db, slug);
        assert.ok(venue?.address && venue.contactEmail && venue.contactPhone && venue.website, slug);
        assert.equal(mollieKeySource(venue, null), 'none');
        assert.equal(mollieKeySource(venue, 'test_GroupzPlatformKey0000000000001'), 'platform');
      }
    });

    test('every demo venue has complete billing details that pass the validation: it can issue invoices', async () => {
      const rows = await database.db.selectFrom('venues').selectAll().orderBy('slug').execute();
      assert.equal(rows.length, DEMO_VENUES.length);
      const prefixes = new Set<string>();
      for (const row of rows) {
        const seller = sellerOf(row);
        assert.ok(seller.ok, `${row.slug}: ${JSON.stringify(seller)}`);
        assert.ok(isDutchVatId(seller.seller.vatId), row.slug);
        assert.match(row.invoice_prefix ?? '', /^GZ-[A-Z]{3}$/);
        prefixes.add(row.invoice_prefix!);
        // What is stored is what the form would store: the validation's normal forms.
        const demo = DEMO_VENUES.find((d) => d.venue.slug === row.slug);
        const parsed = parseVenueBilling(demo!.billing, 'nl');
        assert.ok(parsed.ok, row.slug);
        assert.deepEqual(
          [row.billing_legal_name, row.billing_postcode, row.kvk_number, row.vat_id, row.iban, row.bic, row.invoice_term_days],
          [
            parsed.value.legalName,
            parsed.value.postcode,
            parsed.value.kvkNumber,
            parsed.value.vatId,
            parsed.value.iban,
            parsed.value.bic,
            parsed.value.termDays,
          ],
        );
      }
      assert.equal(prefixes.size, rows.length, 'each venue its own prefix');
    });
  });
}

describe("the demo venues' booking terms say what their activities' payment terms and policies are set to", () => {
  /** Every percentage the text names: `30%`, as the platform writes one in either language (formatPercent). */
  const percentages = (text: string) => [...text.matchAll(/(\d+) ?%/g)].map((m) => Number(m[1]));
  /** A number of hours in the text's words: whole days as days, else hours. */
  const notice = (hours: number, lang: 'nl' | 'en') =>
    hours % 24 === 0 && hours > 48 ? `${hours / 24} ${lang === 'nl' ? 'dagen' : 'days'}` : `${hours} ${lang === 'nl' ? 'uur' : 'hours'}`;

  for (const { venue, terms, activities } of DEMO_VENUES) {
    test(venue.name, () => {
      for (const lang of ['nl', 'en'] as const) {
        const text = terms[lang];
        const pct = (n: number) => `${n}%`;
        const days = (n: number) => `${n} ${lang === 'nl' ? 'dagen' : 'days'}`;
        const configured = new Set<number>();
        for (const { activity } of activities) {
          const { payment, refundPolicy = [] } = activity;
          const what = `${venue.name} (${lang}), ${activity.slug}`;
          assert.ok(payment, `${what}: payment terms are set`);
          if (payment.mode === 'deposit') {
            assert.ok(text.includes(pct(payment.depositPercent)), `${what}: the deposit of ${payment.depositPercent} %`);
            assert.ok(text.includes(days(payment.balanceDaysBefore)), `${what}: the rest due ${payment.balanceDaysBefore} days before`);
            configured.add(payment.depositPercent);
          }
          if (payment.mode === 'full') assert.match(text, lang === 'nl' ? /volledig online/ : /in full online/, what);
          if (payment.invoiceAllowed) {
            assert.match(text, lang === 'nl' ? /op factuur/ : /on invoice/, what);
            assert.ok(text.includes(days(payment.invoiceTermDays)), `${what}: an invoice due in ${payment.invoiceTermDays} days`);
          }
          for (const tier of refundPolicy) {
            assert.ok(text.includes(notice(tier.hoursBefore, lang)), `${what}: the tier at ${notice(tier.hoursBefore, lang)}`);
            assert.ok(text.includes(pct(tier.percent)), `${what}: the tier's ${tier.percent} %`);
            configured.add(tier.percent);
          }
        }
        const stray = percentages(text).filter((n) => !configured.has(n));
        assert.deepEqual(stray, [], `${venue.name} (${lang}): percentages no activity is set to`);
        if (activities.every((a) => a.activity.payment?.mode !== 'venue')) {
          assert.doesNotMatch(text, /op de dag van het bezoek|on the day of the visit/, `${venue.name}: nothing is paid at the visit`);
        }
      }
    });
  }
});
