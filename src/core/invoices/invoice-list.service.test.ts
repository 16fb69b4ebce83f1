import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { TestClock } from '../../../test/clock.js';
import { type TestDatabase, testDialects } from '../../../test/databases.js';
import { book, INVOICE_BILLING, makeActivity, makeSlot } from '../../../test/factories.js';
import { insertTestInvoice, insertTransfer } from '../../../test/invoices.js';
import type { Activity } from '../catalog/activity.js';
import { listBookingInvoices, readInvoiceRegister, type VatTotal } from './invoice-list.service.js';
import type { InvoiceVat } from './invoice-document.js';
import { listInvoicesByIds } from './invoices.repository.js';

/** Paid at the venue, or on invoice within 14 days. */
const ON_INVOICE = { mode: 'venue', depositPercent: 30, balanceDaysBefore: 14, invoiceAllowed: true, invoiceTermDays: 14 } as const;

for (const dialect of testDialects()) {
  describe(`the invoices of a booking and a venue's register (${dialect.name})`, () => {
    let database: TestDatabase;
    let clock: TestClock;

    before(async () => {
      database = await dialect.create();
      clock = new TestClock('2027-03-01T09:00:00Z');
    });
    after(() => database.close());

    async function activity(): Promise<Activity> {
      return makeActivity(database.db, clock, { maxGroupSize: 40, payment: ON_INVOICE });
    }

    let hour = 8;
    async function booking(of: Activity, date = '2027-04-10') {
      // A slot of its own each: one hour later every time.
      const slot = await makeSlot(database.db, clock, of, { date, time: `${String(hour++).padStart(2, '0')}:00`, capacity: 100 });
      return (await book(database.db, clock, slot, { groupSize: 8, payBy: 'invoice', billing: INVOICE_BILLING })).booking;
    }

    test('a booking without documents lists none', async () => {
      const { db } = database;
      clock.set('2027-03-01T09:00:00Z');
      assert.deepEqual(await listBookingInvoices(db, clock, (await booking(await activity())).id), []);
    });

    test("a booking's documents oldest first, each with its status now: open, overdue, paid, credited and settled", async () => {
      const { db } = database;
      clock.set('2027-03-01T09:00:00Z');
      const { id } = await booking(await activity());
      const first = await insertTestInvoice(db, clock, id, { lines: [{ netCents: 10_000, vatRateBp: 900 }] });
      const statuses = async () => (await listBookingInvoices(db, clock, id)).map((item) => [item.number, item.status]);
      assert.deepEqual(await statuses(), [[first.number, 'open']]);
      clock.set('2027-03-15T22:59:00Z'); // the due date itself, Amsterdam: not yet late
      assert.deepEqual(await statuses(), [[first.number, 'open']]);
      clock.set('2027-03-15T23:00:00Z'); // 16 March in Amsterdam
      assert.deepEqual(await statuses(), [[first.number, 'overdue']]);
      await insertTransfer(db, clock, id, 10_899);
      assert.deepEqual(await statuses(), [[first.number, 'overdue']], 'a cent short is still unpaid');
      await insertTransfer(db, clock, id, 1);
      assert.deepEqual(await statuses(), [[first.number, 'paid']]);

      clock.advance(60_000);
      const credit = await insertTestInvoice(db, clock, id, { kind: 'credit_note', corrects: first });
      clock.advance(60_000);
      const second = await insertTestInvoice(db, clock, id, { lines: [{ netCents: 20_000, vatRateBp: 900 }] });
      const items = await listBookingInvoices(db, clock, id);
      assert.deepEqual(
        items.map((item) => [item.number, item.kind, item.purpose, item.status, item.totalCents, item.vatCents, item.correctsNumber]),
        [
          [first.number, 'invoice', 'full', 'credited', 10_900, 900, null],
          [credit.number, 'credit_note', 'credit', 'settled', -10_900, -900, first.number],
          [second.number, 'invoice', 'full', 'open', 21_800, 1_800, null],
        ],
      );
      assert.deepEqual(
        items.map((item) => [item.issueDate, item.dueOn]),
        [
          ['2027-03-01', '2027-03-15'],
          ['2027-03-16', null],
          ['2027-03-16', '2027-03-30'],
        ],
      );
      assert.ok(items.every((item) => item.issuedAt instanceof Date));
    });

    test("the register: the scope's documents of the period, statuses from all of a booking's money, filters and totals per rate to the cent", async () => {
      const { db } = database;
      const home = await activity();
      const away = await activity();
      const homeScope = { all: false, venueId: home.venue.id } as const;
      // February: an invoice issued before the period, which the booking's money pays first.
      clock.set('2027-02-10T09:00:00Z');
      const early = await booking(home);
      const before = await insertTestInvoice(db, clock, early.id, { lines: [{ netCents: 5_000, vatRateBp: 900 }] });
      await insertTransfer(db, clock, early.id, 5_450);
      // March: awkward amounts at both rates.
      clock.set('2027-03-02T09:00:00Z');
      const mixed = await insertTestInvoice(db, clock, early.id, {
        dueOn: '2027-04-30',
        lines: [
          { netCents: 3_333, vatRateBp: 900 },
          { netCents: 1_667, vatRateBp: 2100 },
        ],
      });
      clock.set('2027-03-03T09:00:00Z');
      const paidOne = await booking(home);
      const paid = await insertTestInvoice(db, clock, paidOne.id, { lines: [{ netCents: 10_001, vatRateBp: 900 }] });
      await insertTransfer(db, clock, paidOne.id, paid.document.totalCents);
      clock.set('2027-03-04T09:00:00Z');
      const creditedOne = await booking(home);
      const credited = await insertTestInvoice(db, clock, creditedOne.id, { lines: [{ netCents: 7_005, vatRateBp: 2100 }] });
      clock.advance(60_000);
      const credit = await insertTestInvoice(db, clock, creditedOne.id, { kind: 'credit_note', corrects: credited });
      clock.set('2027-03-31T09:00:00Z');
      const late = await insertTestInvoice(db, clock, paidOne.id, { lines: [{ netCents: 100, vatRateBp: 900 }], dueOn: '2027-03-31' });
      // Elsewhere, and outside the period.
      await insertTestInvoice(db, clock, (await booking(away)).id);
      clock.set('2027-04-01T09:00:00Z');
      await insertTestInvoice(db, clock, early.id);

      clock.set('2027-04-02T09:00:00Z');
      const march = { from: '2027-03-01', to: '2027-03-31' };
      const all = await readInvoiceRegister(db, clock, homeScope, march);
      assert.deepEqual(
        all.entries.map((entry) => [entry.number, entry.status]),
        [
          [mixed.number, 'open'],
          [paid.number, 'paid'],
          [credited.number, 'credited'],
          [credit.number, 'settled'],
          [late.number, 'overdue'],
        ],
        "the February invoice took the first booking's money, so March's is open; nothing of the other venue or of April",
      );
      assert.ok(!all.entries.some((entry) => entry.number === before.number));
      const first = all.entries[0]!;
      assert.deepEqual(
        [first.bookingReference, first.buyer, first.netCents, first.vatCents, first.totalCents, first.venueName],
        [early.reference, INVOICE_BILLING.organisation, 5_000, 650, 5_650, home.venue.name],
      );
      assert.deepEqual(first.vat, [
        { vatRateBp: 2100, netCents: 1_667, vatCents: 350 },
        { vatRateBp: 900, netCents: 3_333, vatCents: 300 },
      ]);
      // 21 %: 1667 + 7005 - 7005 = 1667 net, 350 + 1471 - 1471 VAT; 9 %: 3333 + 10001 + 100 net, 300 + 900 + 9 VAT.
      assert.deepEqual(all.totals, [
        { vatRateBp: 2100, netCents: 1_667, vatCents: 350 },
        { vatRateBp: 900, netCents: 13_434, vatCents: 1_209 },
      ]);
      assert.deepEqual([all.netCents, all.vatCents, all.totalCents, all.matched], [15_101, 1_559, 16_660, 5]);

      const only = async (status: 'open' | 'overdue' | 'paid' | 'credited') =>
        (await readInvoiceRegister(db, clock, homeScope, { ...march, status })).entries.map((entry) => entry.number);
      assert.deepEqual(await only('open'), [mixed.number]);
      assert.deepEqual(await only('overdue'), [late.number]);
      assert.deepEqual(await only('paid'), [paid.number]);
      assert.deepEqual(await only('credited'), [credited.number, credit.number], 'credited invoices with their credit notes');
      const creditedTotals = await readInvoiceRegister(db, clock, homeScope, { ...march, status: 'credited' });
      assert.deepEqual([creditedTotals.totalCents, creditedTotals.totals], [0, [{ vatRateBp: 2100, netCents: 0, vatCents: 0 }]]);

      const capped = await readInvoiceRegister(db, clock, homeScope, march, 2);
      assert.deepEqual(
        [capped.entries.length, capped.matched, capped.totalCents],
        [2, 5, all.totalCents],
        'a cut list still totals everything',
      );
      const awayOnly = await readInvoiceRegister(db, clock, { all: false, venueId: away.venue.id }, march);
      assert.equal(awayOnly.matched, 1);
      const everything = await readInvoiceRegister(db, clock, { all: true }, march);
      assert.ok(everything.matched >= 6, 'an admin sees every venue');
      assert.deepEqual((await readInvoiceRegister(db, clock, homeScope, { from: '2027-03-05', to: '2027-03-30' })).matched, 0);
    });

    test('per seller and VAT rate: two venues, 9 % and 21 % lines, credit notes; the sums are what the documents say, to the cent', async () => {
      const { db } = database;
      const home = await activity();
      const away = await activity();
      const june = { from: '2027-06-01', to: '2027-06-30' };
      clock.set('2027-06-02T09:00:00Z');
      const homeBooking = await booking(home, '2027-07-01');
      const awayBooking = await booking(away, '2027-07-01');
      const homeSeller = 'Kanoverhuur Vecht B.V.';
      const awaySeller = 'Stichting Museum Aan Zee';
      const a = await insertTestInvoice(db, clock, homeBooking.id, {
        sellerName: homeSeller,
        lines: [
          { netCents: 12_345, vatRateBp: 900 },
          { netCents: 6_789, vatRateBp: 2100 },
        ],
      });
      const partly = await insertTestInvoice(db, clock, homeBooking.id, {
        sellerName: homeSeller,
        kind: 'credit_note',
        corrects: a,
        lines: [
          { netCents: -2_000, vatRateBp: 900 },
          { netCents: -1_111, vatRateBp: 2100 },
        ],
      });
      const b = await insertTestInvoice(db, clock, homeBooking.id, { sellerName: homeSeller, lines: [{ netCents: 999, vatRateBp: 2100 }] });
      // The next day: the register lists by date, then number (whose prefixes differ per venue).
      clock.set('2027-06-03T09:00:00Z');
      const c = await insertTestInvoice(db, clock, awayBooking.id, {
        sellerName: awaySeller,
        lines: [
          { netCents: 5_005, vatRateBp: 900 },
          { netCents: 2_501, vatRateBp: 2100 },
        ],
      });
      const whole = await insertTestInvoice(db, clock, awayBooking.id, { sellerName: awaySeller, kind: 'credit_note', corrects: c });
      const d = await insertTestInvoice(db, clock, awayBooking.id, {
        sellerName: awaySeller,
        lines: [
          { netCents: 777, vatRateBp: 900 },
          { netCents: 3_333, vatRateBp: 2100 },
        ],
      });
      const scope = { all: false, venueId: home.venue.id } as const;
      // Only these two venues issued in June: the admin's register holds exactly them.
      const register = await readInvoiceRegister(db, clock, { all: true }, june);
      assert.deepEqual(
        register.entries.map((entry) => [entry.number, entry.seller]),
        [
          [a.number, homeSeller],
          [partly.number, homeSeller],
          [b.number, homeSeller],
          [c.number, awaySeller],
          [whole.number, awaySeller],
          [d.number, awaySeller],
        ],
      );
      /** The documents' own VAT lines summed per rate: what they say, independently of the register. */
      const fromDocuments = (vats: InvoiceVat[][]): VatTotal[] => {
        const byRate = new Map<number, VatTotal>();
        for (const { vatRateBp, netCents, vatCents } of vats.flat()) {
          const sum = byRate.get(vatRateBp) ?? { vatRateBp, netCents: 0, vatCents: 0 };
          byRate.set(vatRateBp, { vatRateBp, netCents: sum.netCents + netCents, vatCents: sum.vatCents + vatCents });
        }
        return [...byRate.values()].sort((x, y) => y.vatRateBp - x.vatRateBp);
      };
      const homeDocs = [a, partly, b].map((i) => i.document.vat);
      const awayDocs = [c, whole, d].map((i) => i.document.vat);
      // By hand: 9 % 12345 - 2000 net, 1111 - 180 VAT; 21 % 6789 - 1111 + 999 net, 1426 - 233 + 210 VAT.
      const homeTotals = [
        { vatRateBp: 2100, netCents: 6_677, vatCents: 1_403 },
        { vatRateBp: 900, netCents: 10_345, vatCents: 931 },
      ];
      // 9 % 5005 - 5005 + 777 net, 450 - 450 + 70 VAT; 21 % 2501 - 2501 + 3333 net, 525 - 525 + 700 VAT.
      const awayTotals = [
        { vatRateBp: 2100, netCents: 3_333, vatCents: 700 },
        { vatRateBp: 900, netCents: 777, vatCents: 70 },
      ];
      assert.deepEqual(fromDocuments(homeDocs), homeTotals);
      assert.deepEqual(fromDocuments(awayDocs), awayTotals);
      assert.deepEqual(register.sellers, [
        { venueId: home.venue.id, seller: homeSeller, totals: homeTotals, netCents: 17_022, vatCents: 2_334, totalCents: 19_356 },
        { venueId: away.venue.id, seller: awaySeller, totals: awayTotals, netCents: 4_110, vatCents: 770, totalCents: 4_880 },
      ]);
      // All sellers: each rate's VAT is the documents' sum (2103), not the VAT of the summed net (10010 at 21 % is 2102.10).
      assert.deepEqual(register.totals, fromDocuments([...homeDocs, ...awayDocs]));
      assert.deepEqual(register.totals, [
        { vatRateBp: 2100, netCents: 10_010, vatCents: 2_103 },
        { vatRateBp: 900, netCents: 11_122, vatCents: 1_001 },
      ]);
      assert.deepEqual([register.netCents, register.vatCents, register.totalCents], [21_132, 3_104, 24_236]);
      const documentsTotal = [a, partly, b, c, whole, d].reduce((sum, i) => sum + i.document.totalCents, 0);
      assert.equal(register.totalCents, documentsTotal);

      const narrowed = await readInvoiceRegister(db, clock, { all: true }, { ...june, venueId: away.venue.id });
      assert.deepEqual(
        narrowed.entries.map((entry) => entry.number),
        [c.number, whole.number, d.number],
        "an admin's register narrowed to one venue",
      );
      assert.deepEqual([narrowed.sellers.length, narrowed.totals, narrowed.totalCents], [1, awayTotals, 4_880]);
      const own = await readInvoiceRegister(db, clock, scope, { ...june, venueId: home.venue.id });
      assert.deepEqual([own.matched, own.sellers.map((s) => s.seller)], [3, [homeSeller]], "a member's own venue");
      await assert.rejects(
        readInvoiceRegister(db, clock, scope, { ...june, venueId: away.venue.id }),
        (error: Error & { code?: string }) => error.code === 'not_found',
        "another venue's id finds nothing",
      );
    });

    test("documents by id: any number of ids (past both databases' bound-parameter limits), oldest first", async () => {
      const { db } = database;
      clock.set('2027-05-01T09:00:00Z');
      const { id } = await booking(await activity(), '2027-06-01');
      const first = await insertTestInvoice(db, clock, id, { lines: [{ netCents: 1_000, vatRateBp: 2100 }] });
      clock.advance(60_000);
      const second = await insertTestInvoice(db, clock, id, { lines: [{ netCents: 2_000, vatRateBp: 900 }] });
      // 70,000 ids: more than SQLite's 32,766 and PostgreSQL's 65,535 parameters in one query.
      const ids = Array.from({ length: 70_000 }, (_, i) => `no-such-invoice-${i}`);
      ids.splice(40_000, 0, second.id);
      ids.push(first.id);
      assert.deepEqual(
        (await listInvoicesByIds(db, ids)).map((row) => row.number),
        [first.number, second.number],
      );
    });
  });
}
