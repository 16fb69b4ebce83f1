import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, type TestApp } from '../../../test/app.js';
import { testDialects } from '../../../test/databases.js';
import { book, makeSlot } from '../../../test/factories.js';
import { parseHtml } from '../../../test/html.js';
import { insertTestInvoice, insertTransfer, type TestInvoice } from '../../../test/invoices.js';
import { assertSecurityHeaders } from '../../../test/security-headers.js';
import { adminGet, type Member } from '../../../test/staff.js';
import { makeTwoVenues, signInMembers, type TwoVenues } from '../../../test/venues.js';
import type { BookingDetails } from '../../core/bookings/booking.js';
import { manageBookingJson } from '../public/api.schemas.js';
import { SESSION_COOKIE } from './session-cookie.js';
import { unzipSync } from 'fflate';

const BASE = '2026-06-01T08:00:00Z';
/** The away venue's legal name, as its documents state it (the home venue's: "Testlocatie B.V."). */
const AWAY_SELLER = 'Museum Aan Zee B.V.';
const HOME_SELLER = 'Testlocatie B.V.';
/** A buyer's name a spreadsheet would run as a formula, were it not made safe. */
const FORMULA = '=HYPERLINK("http://evil.example","x")';

for (const dialect of testDialects()) {
  describe(`where invoices are found: the manage page, the API, the booking's page, the register and its export (${dialect.name})`, () => {
    let t: TestApp;
    let venues: TwoVenues;
    let manager: Member;
    let otherManager: Member;
    let admin: Member;
    let home: { booking: BookingDetails; manageToken: string };
    let plain: { booking: BookingDetails; manageToken: string };
    let awayBooking: BookingDetails;
    let overdue: TestInvoice;
    let paid: TestInvoice;
    let credited: TestInvoice;
    let credit: TestInvoice;
    let later: TestInvoice;
    let awayInvoice: TestInvoice;
    /** April: both venues, lines at 9 % and 21 %, credit notes (a part of one invoice, the whole of another). */
    let april: { home: TestInvoice[]; away: TestInvoice[] };

    before(async () => {
      t = await buildTestApp(dialect, BASE);
      const { db } = t.database;
      venues = await makeTwoVenues(t);
      const slot = await makeSlot(db, t.clock, venues.home, { date: '2026-07-01', capacity: 100 });
      const awaySlot = await makeSlot(db, t.clock, venues.away, { date: '2026-07-01', capacity: 100 });
      home = await book(db, t.clock, slot, { groupSize: 8, organisation: FORMULA }, t.linkKey);
      plain = await book(db, t.clock, slot, { groupSize: 4, email: 'plain@example.nl' }, t.linkKey);
      const second = await book(db, t.clock, slot, { groupSize: 4, organisation: 'Bedrijf B.V.' }, t.linkKey);
      awayBooking = (await book(db, t.clock, awaySlot, { groupSize: 4 }, t.linkKey)).booking;
      // May 2026, all at the home venue but one: awkward amounts at 9 % and 21 %.
      t.clock.set('2026-05-04T09:00:00Z');
      paid = await insertTestInvoice(db, t.clock, second.booking.id, { purpose: 'deposit', lines: [{ netCents: 3_333, vatRateBp: 900 }] });
      await insertTransfer(db, t.clock, second.booking.id, paid.document.totalCents);
      t.clock.set('2026-05-05T09:00:00Z');
      overdue = await insertTestInvoice(db, t.clock, home.booking.id, {
        lines: [
          { netCents: 10_001, vatRateBp: 900 },
          { netCents: 1_667, vatRateBp: 2100 },
        ],
      });
      t.clock.set('2026-05-06T09:00:00Z');
      credited = await insertTestInvoice(db, t.clock, second.booking.id, { lines: [{ netCents: 7_005, vatRateBp: 2100 }] });
      t.clock.set('2026-05-07T09:00:00Z');
      credit = await insertTestInvoice(db, t.clock, second.booking.id, { kind: 'credit_note', corrects: credited });
      awayInvoice = await insertTestInvoice(db, t.clock, awayBooking.id, { sellerName: AWAY_SELLER });
      const aprilHome = (await book(db, t.clock, slot, { groupSize: 4, organisation: 'School April' }, t.linkKey)).booking;
      const aprilAway = (await book(db, t.clock, awaySlot, { groupSize: 4, organisation: 'Club April' }, t.linkKey)).booking;
      t.clock.set('2026-04-02T09:00:00Z');
      const a = await insertTestInvoice(db, t.clock, aprilHome.id, {
        lines: [
          { netCents: 12_345, vatRateBp: 900 },
          { netCents: 6_789, vatRateBp: 2100 },
        ],
      });
      const part = await insertTestInvoice(db, t.clock, aprilHome.id, {
        kind: 'credit_note',
        corrects: a,
        lines: [
          { netCents: -2_000, vatRateBp: 900 },
          { netCents: -1_111, vatRateBp: 2100 },
        ],
      });
      const b = await insertTestInvoice(db, t.clock, aprilHome.id, { lines: [{ netCents: 999, vatRateBp: 2100 }] });
      t.clock.set('2026-04-03T09:00:00Z');
      const lines = (nine: number, twentyOne: number) => [
        { netCents: nine, vatRateBp: 900 },
        { netCents: twentyOne, vatRateBp: 2100 },
      ];
      const c = await insertTestInvoice(db, t.clock, aprilAway.id, { sellerName: AWAY_SELLER, lines: lines(5_005, 2_501) });
      const whole = await insertTestInvoice(db, t.clock, aprilAway.id, { sellerName: AWAY_SELLER, kind: 'credit_note', corrects: c });
      const d = await insertTestInvoice(db, t.clock, aprilAway.id, { sellerName: AWAY_SELLER, lines: lines(777, 3_333) });
      april = { home: [a, part, b], away: [c, whole, d] };
      // June: after the period asked for below.
      t.clock.set('2026-06-01T07:00:00Z');
      later = await insertTestInvoice(db, t.clock, home.booking.id, { purpose: 'final', lines: [{ netCents: 1_000, vatRateBp: 900 }] });
      t.clock.set(BASE);
      ({ manager, otherManager, admin } = await signInMembers(t, venues, ['manager', 'otherManager', 'admin']));
    });
    after(() => t?.close());

    const inEnglish = (member: Member, url: string) =>
      t.app.inject({ method: 'GET', url, headers: { cookie: `${SESSION_COOKIE}=${member.cookie}`, 'accept-language': 'en' } });
    const text = (node: { textContent: string } | null | undefined) => node?.textContent.replace(/\u00a0/g, ' ').trim();
    const rowsOf = (body: string) => parseHtml(body).querySelectorAll('[data-testid="invoice-register"] tbody tr');

    test("the organiser's manage page lists the documents with their status and files, in Dutch and English; none, no section", async () => {
      const nl = await t.app.inject(`/b/${home.manageToken}`);
      assert.equal(nl.statusCode, 200);
      assertSecurityHeaders(nl.headers, 'manage page');
      const section = parseHtml(nl.body).querySelector('[data-testid="manage-invoices"]');
      assert.ok(section, 'the section');
      assert.equal(text(section.querySelector('h2')), 'Facturen');
      const rows = section.querySelectorAll('tbody tr');
      assert.deepEqual(
        rows.map((row) => [row.getAttribute('data-number'), text(row.querySelector('[data-testid="invoice-status"]'))]),
        [
          [overdue.number, 'Te laat'],
          [later.number, 'Open'],
        ],
      );
      assert.ok(rows[0]!.querySelector('[data-testid="invoice-overdue"]'), 'overdue stands out');
      assert.deepEqual(
        rows.map((row) => text(row.querySelector('[data-testid="invoice-kind"]'))),
        ['Factuur', 'Eindfactuur'],
        'each document is called by its purpose, as its PDF is',
      );
      assert.equal(text(rows[0]!.querySelector('[data-testid="invoice-amount"]')), '€ 129,18');
      assert.equal(
        rows[0]!.querySelector('[data-testid="invoice-pdf"]')?.getAttribute('href'),
        `/b/${home.manageToken}/invoices/${overdue.number}.pdf`,
      );
      assert.equal(
        rows[0]!.querySelector('[data-testid="invoice-ubl"]')?.getAttribute('href'),
        `/b/${home.manageToken}/invoices/${overdue.number}.xml`,
      );
      const en = parseHtml((await t.app.inject({ url: `/b/${home.manageToken}`, headers: { 'accept-language': 'en' } })).body);
      assert.equal(text(en.querySelector('[data-testid="manage-invoices"] h2')), 'Invoices');
      assert.equal(text(en.querySelector('[data-testid="invoice-status"]')), 'Overdue');
      assert.equal(text(en.querySelector('[data-testid="invoice-amount"]')), '€129.18');
      assert.deepEqual(
        en.querySelectorAll('[data-testid="manage-invoices"] [data-testid="invoice-kind"]').map((cell) => text(cell)),
        ['Invoice', 'Final invoice'],
      );
      const none = parseHtml((await t.app.inject(`/b/${plain.manageToken}`)).body);
      assert.equal(none.querySelector('[data-testid="manage-invoices"]'), null);
    });

    test('the API lists them with their status and absolute PDF and UBL URLs', async () => {
      const answer = manageBookingJson.parse((await t.app.inject(`/api/v1/manage/${home.manageToken}`)).json());
      assert.deepEqual(answer.invoices, [
        {
          number: overdue.number,
          kind: 'invoice',
          purpose: 'full',
          issuedAt: '2026-05-05T09:00:00.000Z',
          dueOn: '2026-05-19',
          correctsNumber: null,
          totalCents: 12_918,
          vatCents: 1_250,
          status: 'overdue',
          pdfUrl: `${t.publicUrl}/b/${home.manageToken}/invoices/${overdue.number}.pdf`,
          ublUrl: `${t.publicUrl}/b/${home.manageToken}/invoices/${overdue.number}.xml`,
        },
        {
          number: later.number,
          kind: 'invoice',
          purpose: 'final',
          issuedAt: '2026-06-01T07:00:00.000Z',
          dueOn: '2026-06-15',
          correctsNumber: null,
          totalCents: 1_090,
          vatCents: 90,
          status: 'open',
          pdfUrl: `${t.publicUrl}/b/${home.manageToken}/invoices/${later.number}.pdf`,
          ublUrl: `${t.publicUrl}/b/${home.manageToken}/invoices/${later.number}.xml`,
        },
      ]);
      assert.deepEqual(manageBookingJson.parse((await t.app.inject(`/api/v1/manage/${plain.manageToken}`)).json()).invoices, []);
    });

    test("the booking's page in the back office lists its documents, overdue marked, with the staff's links", async () => {
      const res = await adminGet(t, manager, `/admin/bookings/${home.booking.id}`);
      assert.equal(res.statusCode, 200);
      const section = parseHtml(res.body).querySelector('[data-testid="booking-invoices"]')!;
      const row = section.querySelector(`tr[data-number="${overdue.number}"]`)!;
      assert.ok(row.querySelector('[data-testid="invoice-overdue"]'));
      assert.equal(row.querySelector('[data-testid="invoice-pdf"]')?.getAttribute('href'), `/admin/invoices/${overdue.id}.pdf`);
      assert.equal(row.querySelector('[data-testid="invoice-ubl"]')?.getAttribute('href'), `/admin/invoices/${overdue.id}.xml`);
      const none = parseHtml((await adminGet(t, manager, `/admin/bookings/${plain.booking.id}`)).body);
      assert.equal(text(none.querySelector('[data-testid="booking-invoices"] p')), 'Er zijn nog geen facturen uitgegeven.');
      assert.equal((await adminGet(t, otherManager, `/admin/bookings/${home.booking.id}`)).statusCode, 404);
    });

    test("the register: the period's documents of the venue with their status, totals per VAT rate, in the navigation", async () => {
      const res = await adminGet(t, manager, '/admin/invoices?from=2026-05-01&to=2026-05-31');
      assert.equal(res.statusCode, 200);
      assertSecurityHeaders(res.headers, 'register');
      assert.equal(res.headers['cache-control'], 'no-store');
      const page = parseHtml(res.body);
      assert.ok(page.querySelector('nav a[href="/admin/invoices"][aria-current="page"]'), 'in the navigation');
      assert.deepEqual(
        rowsOf(res.body).map((row) => [row.getAttribute('data-number'), row.getAttribute('data-status')]),
        [
          [paid.number, 'paid'],
          [overdue.number, 'overdue'],
          [credited.number, 'credited'],
          [credit.number, 'settled'],
        ],
        "May's documents of the home venue only",
      );
      const overdueRow = rowsOf(res.body)[1]!;
      assert.ok(overdueRow.querySelector('[data-testid="invoice-overdue"]'), 'overdue stands out');
      // On a phone each row is a card: every value after its column's name.
      assert.equal(overdueRow.querySelector('[data-testid="invoice-status"]')?.getAttribute('data-label'), 'Status');
      assert.equal(overdueRow.querySelector('[data-testid="invoice-amount"]')?.getAttribute('data-label'), 'Totaal (incl. btw)');
      assert.equal(overdueRow.querySelector('a[href^="/admin/bookings/"]')?.textContent, home.booking.reference);
      const totals = page
        .querySelectorAll('[data-testid="invoice-totals"] tr[data-rate]')
        .map((row) => row.querySelectorAll('th, td').map((cell) => text(cell)));
      // 21 %: 1667 + 7005 - 7005 net, 350 + 1471 - 1471 VAT; 9 %: 3333 + 10001 net, 300 + 900 VAT.
      assert.deepEqual(totals, [
        ['21%', '€ 16,67', '€ 3,50', '€ 20,17'],
        ['9%', '€ 133,34', '€ 12,00', '€ 145,34'],
        ['Alle tarieven', '€ 150,01', '€ 15,50', '€ 165,51'],
      ]);
      assert.equal(
        page.querySelector('[data-testid="invoice-csv"]')?.getAttribute('href'),
        '/admin/invoices.csv?from=2026-05-01&to=2026-05-31',
      );

      const en = parseHtml((await inEnglish(manager, '/admin/invoices?from=2026-05-01&to=2026-05-31&status=overdue')).body);
      assert.equal(text(en.querySelector('h1')), 'Invoices');
      assert.deepEqual(
        en
          .querySelectorAll('[data-testid="invoice-register"] tbody tr')
          .map((row) => text(row.querySelector('[data-testid="invoice-status"]'))),
        ['Overdue'],
      );
      const credits = rowsOf((await adminGet(t, manager, '/admin/invoices?from=2026-05-01&to=2026-05-31&status=credited')).body);
      assert.deepEqual(
        credits.map((row) => row.getAttribute('data-number')),
        [credited.number, credit.number],
      );
      const thisMonth = rowsOf((await adminGet(t, manager, '/admin/invoices')).body);
      assert.deepEqual(
        thisMonth.map((row) => row.getAttribute('data-number')),
        [later.number],
        'without dates: this month',
      );
    });

    test("another venue's staff see only their own; an admin sees both venues", async () => {
      const away = rowsOf((await adminGet(t, otherManager, '/admin/invoices?from=2026-05-01&to=2026-05-31')).body);
      assert.deepEqual(
        away.map((row) => row.getAttribute('data-number')),
        [awayInvoice.number],
      );
      const csv = await adminGet(t, otherManager, '/admin/invoices.csv?from=2026-05-01&to=2026-05-31');
      assert.ok(csv.body.includes(awayInvoice.number) && !csv.body.includes(overdue.number));
      const all = rowsOf((await adminGet(t, admin, '/admin/invoices?from=2026-05-01&to=2026-05-31')).body);
      assert.equal(all.length, 5);
      assert.deepEqual(
        all.map((row) => [row.getAttribute('data-number'), text(row.querySelector('[data-testid="invoice-seller"]'))]).sort(),
        [...[paid, overdue, credited, credit].map((i) => [i.number, HOME_SELLER]), [awayInvoice.number, AWAY_SELLER]].sort(),
        'each document names its seller',
      );
    });

    test('refused filters: translated messages at the fields, the input kept, no list and no export', async () => {
      for (const [lang, message, status] of [
        ['nl', 'De einddatum ligt vóór de begindatum.', 'Deze waarde is ongeldig.'],
        ['en', 'The end date is before the start date.', 'This value is not valid.'],
      ] as const) {
        const url = '/admin/invoices?from=2026-05-31&to=2026-05-01&status=nope';
        const res = lang === 'nl' ? await adminGet(t, manager, url) : await inEnglish(manager, url);
        assert.equal(res.statusCode, 422);
        assertSecurityHeaders(res.headers, 'refused register');
        const page = parseHtml(res.body);
        assert.ok(text(page.querySelector('[data-testid="form-errors"]'))?.includes(message));
        assert.ok(page.querySelector('#to-error')?.textContent.includes(message));
        assert.ok(page.querySelector('#status-error')?.textContent.includes(status));
        assert.equal(page.querySelector('#from')?.getAttribute('value'), '2026-05-31');
        assert.equal(page.querySelector('#to')?.getAttribute('value'), '2026-05-01');
        assert.equal(page.querySelector('[data-testid="invoice-register"]'), null);
      }
      for (const url of [
        '/admin/invoices?from=2026-13-01',
        '/admin/invoices?from=2026-01-01&to=2026-05-31',
        `/admin/invoices?from=${'9'.repeat(5000)}`,
        '/admin/invoices?status=%00',
      ]) {
        const res = await adminGet(t, manager, url);
        assert.equal(res.statusCode, 422, url);
      }
      const tooLong = parseHtml((await adminGet(t, manager, '/admin/invoices?from=2026-01-01&to=2026-05-31')).body);
      assert.ok(tooLong.querySelector('#to-error')?.textContent.includes('hoogstens 92 dagen'));
      const csv = await adminGet(t, manager, '/admin/invoices.csv?from=2026-05-31&to=2026-05-01');
      assert.equal(csv.statusCode, 422);
      assert.match(String(csv.headers['content-type']), /^text\/html/);
    });

    test('the CSV export: every document with net and VAT per rate, totals per rate to the cent, safe cells', async () => {
      const res = await adminGet(t, manager, '/admin/invoices.csv?from=2026-05-01&to=2026-05-31');
      assert.equal(res.statusCode, 200);
      assertSecurityHeaders(res.headers, 'csv');
      assert.equal(res.headers['content-type'], 'text/csv; charset=utf-8');
      assert.equal(res.headers['content-disposition'], 'attachment; filename="groupz-invoices-2026-05-01-2026-05-31.csv"');
      assert.ok(res.body.startsWith('\uFEFF'));
      const lines = res.body.slice(1).split('\r\n');
      assert.equal(lines.pop(), '');
      const reference = (id: string) => [home, plain].find((b) => b.booking.id === id)?.booking.reference;
      assert.deepEqual(lines, [
        'Nummer;Soort;Factuurdatum;Vervaldatum;Verkoper;Boeking;Klant;Excl. btw 21%;Btw 21%;Excl. btw 9%;Btw 9%;Totaal (incl. btw);Status',
        `${paid.number};Aanbetalingsfactuur;2026-05-04;2026-05-18;${HOME_SELLER};${paid.document.bookingReference};Bedrijf B.V.;;;33,33;3,00;36,33;Betaald`,
        `${overdue.number};Factuur;2026-05-05;2026-05-19;${HOME_SELLER};${reference(home.booking.id)};"'=HYPERLINK(""http://evil.example"",""x"")";16,67;3,50;100,01;9,00;129,18;Te laat`,
        `${credited.number};Factuur;2026-05-06;2026-05-20;${HOME_SELLER};${credited.document.bookingReference};Bedrijf B.V.;70,05;14,71;;;84,76;Gecrediteerd`,
        `${credit.number};Creditnota;2026-05-07;;${HOME_SELLER};${credit.document.bookingReference};Bedrijf B.V.;-70,05;-14,71;;;-84,76;Verrekend`,
        // One seller: the totals are its own, and name it.
        `Totaal btw 21%;;;;${HOME_SELLER};;;16,67;3,50;;;20,17;`,
        `Totaal btw 9%;;;;${HOME_SELLER};;;;;133,34;12,00;145,34;`,
        `Totaal;;;;${HOME_SELLER};;;16,67;3,50;133,34;12,00;165,51;`,
      ]);
      const en = await inEnglish(manager, '/admin/invoices.csv?from=2026-05-01&to=2026-05-31&status=credited');
      const enLines = en.body.slice(1).split('\r\n');
      assert.equal(enLines[0], 'Number;Type;Invoice date;Due date;Seller;Booking;Customer;Excl. VAT 21%;VAT 21%;Total (incl. VAT);Status');
      assert.equal(enLines.at(-2), `Total;;;;${HOME_SELLER};;;0.00;0.00;0.00;`);
    });

    test('the zip of UBL files: one e-invoice per document of the period and the venue, named by number', async () => {
      const res = await adminGet(t, manager, '/admin/invoices.zip?from=2026-05-01&to=2026-05-31');
      assert.equal(res.statusCode, 200);
      assertSecurityHeaders(res.headers, 'zip');
      assert.equal(res.headers['content-type'], 'application/zip');
      assert.equal(res.headers['content-disposition'], 'attachment; filename="groupz-invoices-ubl-2026-05-01-2026-05-31.zip"');
      const files = unzipSync(new Uint8Array(res.rawPayload));
      assert.deepEqual(
        Object.keys(files),
        [paid, overdue, credited, credit].map((i) => `${i.number}.xml`),
      );
      const creditXml = Buffer.from(files[`${credit.number}.xml`]!).toString('utf8');
      assert.match(creditXml, /<CreditNote[\s>]/);
      assert.ok(creditXml.includes(`<cbc:ID>${credit.number}</cbc:ID>`), 'the credit note states its number');
      assert.ok(creditXml.includes(credited.number), 'and the invoice it corrects');
      const other = await adminGet(t, otherManager, '/admin/invoices.zip?from=2026-05-01&to=2026-05-31');
      assert.deepEqual(Object.keys(unzipSync(new Uint8Array(other.rawPayload))), [`${awayInvoice.number}.xml`]);
      const refused = await adminGet(t, manager, '/admin/invoices.zip?from=2026-05-31&to=2026-05-01');
      assert.equal(refused.statusCode, 422);
      assert.match(refused.headers['content-type'] as string, /text\/html/);
    });
    const APRIL = 'from=2026-04-01&to=2026-04-30';
    /** The cells of a table's rows that have `data-rate`, as text. */
    const cellsOf = (body: string, testId: string) =>
      parseHtml(body)
        .querySelectorAll(`[data-testid="${testId}"] tr[data-rate]`)
        .map((row) => row.querySelectorAll('th, td').map((cell) => text(cell)));
    /** Euros as the Dutch CSV writes them, in cents. */
    const cents = (cell: string | undefined) => (cell ? Math.round(Number(cell.replace(',', '.')) * 100) : 0);

    test('per seller and VAT rate: on the page, to the cent, for two venues with credit notes; one seller, no per-seller table', async () => {
      const res = await adminGet(t, admin, `/admin/invoices?${APRIL}`);
      assert.equal(res.statusCode, 200);
      const docs = [...april.home, ...april.away];
      assert.deepEqual(
        rowsOf(res.body).map((row) => [row.getAttribute('data-number'), text(row.querySelector('[data-testid="invoice-seller"]'))]),
        docs.map((doc) => [doc.number, doc.document.seller.name]),
      );
      // By hand: Testlocatie 21 % 6789 - 1111 + 999 net, 1426 - 233 + 210 VAT; 9 % 12345 - 2000 net, 1111 - 180 VAT.
      // Museum: 21 % 2501 - 2501 + 3333 net, 525 - 525 + 700 VAT; 9 % 5005 - 5005 + 777 net, 450 - 450 + 70 VAT.
      assert.deepEqual(cellsOf(res.body, 'invoice-seller-totals'), [
        [AWAY_SELLER, '21%', '€ 33,33', '€ 7,00', '€ 40,33'],
        [AWAY_SELLER, '9%', '€ 7,77', '€ 0,70', '€ 8,47'],
        [AWAY_SELLER, 'Alle tarieven', '€ 41,10', '€ 7,70', '€ 48,80'],
        [HOME_SELLER, '21%', '€ 66,77', '€ 14,03', '€ 80,80'],
        [HOME_SELLER, '9%', '€ 103,45', '€ 9,31', '€ 112,76'],
        [HOME_SELLER, 'Alle tarieven', '€ 170,22', '€ 23,34', '€ 193,56'],
      ]);
      // All sellers: 21 % VAT is the documents' 21,03, not 21 % of 100,10 (21,02).
      assert.deepEqual(cellsOf(res.body, 'invoice-totals'), [
        ['21%', '€ 100,10', '€ 21,03', '€ 121,13'],
        ['9%', '€ 111,22', '€ 10,01', '€ 121,23'],
        ['Alle tarieven', '€ 211,32', '€ 31,04', '€ 242,36'],
      ]);
      const own = await adminGet(t, manager, `/admin/invoices?${APRIL}`);
      assert.equal(
        parseHtml(own.body).querySelector('[data-testid="invoice-seller-totals"]'),
        null,
        'one seller: its totals are the totals',
      );
      assert.equal(cellsOf(own.body, 'invoice-totals').at(-1)?.[3], '€ 193,56');
    });

    test("the CSV's totals per seller and rate, marked and naming their seller, are the sums of the documents' rows to the cent", async () => {
      const res = await adminGet(t, admin, `/admin/invoices.csv?${APRIL}`);
      assert.equal(res.statusCode, 200);
      const lines = res.body.slice(1).split('\r\n').slice(0, -1);
      const docs = [...april.home, ...april.away];
      const documentRows = lines.slice(1, 1 + docs.length).map((line) => line.split(';'));
      assert.deepEqual(
        documentRows.map((cells) => [cells[0], cells[4]]),
        docs.map((doc) => [doc.number, doc.document.seller.name]),
      );
      assert.deepEqual(lines.slice(1 + docs.length), [
        `Totaal btw 21%;;;;${AWAY_SELLER};;;33,33;7,00;;;40,33;`,
        `Totaal btw 9%;;;;${AWAY_SELLER};;;;;7,77;0,70;8,47;`,
        `Totaal;;;;${AWAY_SELLER};;;33,33;7,00;7,77;0,70;48,80;`,
        `Totaal btw 21%;;;;${HOME_SELLER};;;66,77;14,03;;;80,80;`,
        `Totaal btw 9%;;;;${HOME_SELLER};;;;;103,45;9,31;112,76;`,
        `Totaal;;;;${HOME_SELLER};;;66,77;14,03;103,45;9,31;193,56;`,
        'Totaal btw 21%;;;;Alle verkopers;;;100,10;21,03;;;121,13;',
        'Totaal btw 9%;;;;Alle verkopers;;;;;111,22;10,01;121,23;',
        'Totaal;;;;Alle verkopers;;;100,10;21,03;111,22;10,01;242,36;',
      ]);
      // Each seller's "Totaal" row, column by column, is the sum of its documents' rows, and of what the documents state.
      for (const [seller, issued] of [
        [AWAY_SELLER, april.away],
        [HOME_SELLER, april.home],
      ] as const) {
        const total = lines.find((line) => line.startsWith(`Totaal;;;;${seller};`))!.split(';');
        const own = documentRows.filter((cells) => cells[4] === seller);
        for (const column of [7, 8, 9, 10, 11]) {
          assert.equal(
            own.reduce((sum, cells) => sum + cents(cells[column]), 0),
            cents(total[column]),
            `${seller}, column ${column}`,
          );
        }
        const stated = (rate: number, pick: 'netCents' | 'vatCents') =>
          issued.reduce((sum, doc) => sum + (doc.document.vat.find((v) => v.vatRateBp === rate)?.[pick] ?? 0), 0);
        assert.deepEqual(
          [7, 8, 9, 10, 11].map((column) => cents(total[column])),
          [stated(2100, 'netCents'), stated(2100, 'vatCents'), stated(900, 'netCents'), stated(900, 'vatCents')].concat(
            issued.reduce((sum, doc) => sum + doc.document.totalCents, 0),
          ),
        );
      }
    });

    test('the venue filter: an admin picks one venue for the page, the CSV and the zip; staff have their own only', async () => {
      const away = venues.away.venue.id;
      const page = await adminGet(t, admin, `/admin/invoices?${APRIL}&venue=${away}`);
      assert.equal(page.statusCode, 200);
      const html = parseHtml(page.body);
      assert.deepEqual(
        html
          .querySelectorAll('select#venue option')
          .map((option) => option.getAttribute('value'))
          .sort(),
        ['', venues.home.venue.id, away].sort(),
        'every venue, and all of them',
      );
      assert.equal(html.querySelector(`select#venue option[value="${away}"]`)?.hasAttribute('selected'), true, 'the choice is kept');
      assert.deepEqual(
        rowsOf(page.body).map((row) => row.getAttribute('data-number')),
        april.away.map((doc) => doc.number),
      );
      assert.equal(html.querySelector('[data-testid="invoice-seller-totals"]'), null);
      assert.equal(cellsOf(page.body, 'invoice-totals').at(-1)?.[3], '€ 48,80');
      assert.equal(html.querySelector('[data-testid="invoice-csv"]')?.getAttribute('href'), `/admin/invoices.csv?${APRIL}&venue=${away}`);
      assert.equal(html.querySelector('[data-testid="invoice-zip"]')?.getAttribute('href'), `/admin/invoices.zip?${APRIL}&venue=${away}`);
      const csv = await adminGet(t, admin, `/admin/invoices.csv?${APRIL}&venue=${away}`);
      assert.equal(csv.statusCode, 200);
      assert.ok(csv.body.includes(`\r\nTotaal;;;;${AWAY_SELLER};;;33,33;7,00;7,77;0,70;48,80;\r\n`));
      assert.ok(!csv.body.includes(HOME_SELLER) && !csv.body.includes('Alle verkopers'));
      const zip = await adminGet(t, admin, `/admin/invoices.zip?${APRIL}&venue=${away}`);
      assert.deepEqual(
        Object.keys(unzipSync(new Uint8Array(zip.rawPayload))),
        april.away.map((doc) => `${doc.number}.xml`),
      );

      // A manager: no venue to choose; their own venue asked for is what they see anyway.
      const own = await adminGet(t, manager, `/admin/invoices?${APRIL}`);
      assert.equal(parseHtml(own.body).querySelector('select#venue'), null);
      const ownAsked = await adminGet(t, manager, `/admin/invoices?${APRIL}&venue=${venues.home.venue.id}`);
      assert.equal(ownAsked.statusCode, 200);
      assert.deepEqual(
        rowsOf(ownAsked.body).map((row) => row.getAttribute('data-number')),
        april.home.map((doc) => doc.number),
      );
    });

    test("another venue's id, an unknown one or garbage: a translated error at the venue field, nothing listed or exported", async () => {
      const foreign = `venue=${venues.away.venue.id}`;
      for (const [lang, message] of [
        ['nl', 'Deze waarde is ongeldig.'],
        ['en', 'This value is not valid.'],
      ] as const) {
        const url = `/admin/invoices?${APRIL}&${foreign}`;
        const res = lang === 'nl' ? await adminGet(t, manager, url) : await inEnglish(manager, url);
        assert.equal(res.statusCode, 422);
        const page = parseHtml(res.body);
        assert.ok(page.querySelector('#venue-error')?.textContent.includes(message), lang);
        assert.ok(text(page.querySelector('[data-testid="form-errors"] a[href="#venue"]'))?.includes(message));
        assert.equal(page.querySelector('#from')?.getAttribute('value'), '2026-04-01', 'the rest kept');
        assert.equal(page.querySelector('[data-testid="invoice-register"]'), null);
        assert.ok(!res.body.includes(AWAY_SELLER), 'nothing of the other venue');
      }
      for (const path of ['/admin/invoices.csv', '/admin/invoices.zip']) {
        const res = await adminGet(t, manager, `${path}?${APRIL}&${foreign}`);
        assert.equal(res.statusCode, 422, path);
        assert.match(String(res.headers['content-type']), /^text\/html/);
      }
      for (const venue of ['no-such-venue', '%00', 'x'.repeat(5000), `${venues.home.venue.id}%20`, '%E2%80%AE']) {
        const res = await adminGet(t, admin, `/admin/invoices?${APRIL}&venue=${venue}`);
        assert.equal(res.statusCode, venue.endsWith('%20') ? 200 : 422, venue);
      }
    });
  });
}
