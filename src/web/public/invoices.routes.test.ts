import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, type TestApp } from '../../../test/app.js';
import { testDialects } from '../../../test/databases.js';
import { pdfText } from '../../../test/document-tools.js';
import { book, makeSlot } from '../../../test/factories.js';
import { creditNote, schoolInvoice } from '../../../test/invoice-documents.js';
import { insertInvoiceRow } from '../../../test/invoice-rows.js';
import { insertTransfer } from '../../../test/invoices.js';
import { adminGet, type SignedIn } from '../../../test/staff.js';
import { makeTwoVenues, signInMembers } from '../../../test/venues.js';
import { hasTool } from '../../../test/tools.js';
import type { CreatedBooking } from '../../core/booking-flows/booking.service.js';

for (const dialect of testDialects()) {
  describe(`invoice downloads (${dialect.name})`, () => {
    let t: TestApp;
    let mine: CreatedBooking;
    let other: CreatedBooking;
    let invoice: { id: string; number: string };
    let credit: { id: string; number: string };
    let othersInvoice: { id: string; number: string };
    let manager: SignedIn;
    let otherManager: SignedIn;

    before(async () => {
      t = await buildTestApp(dialect, '2027-02-20T09:00:00Z');
      const { db } = t.database;
      const venues = await makeTwoVenues(t);
      const slot = await makeSlot(db, t.clock, venues.home, { date: '2027-03-14', time: '10:00', capacity: 100 });
      mine = await book(db, t.clock, slot, {}, t.linkKey);
      other = await book(db, t.clock, slot, {}, t.linkKey);
      const venueId = venues.home.venue.id;
      invoice = await insertInvoiceRow(db, { venueId, bookingId: mine.booking.id }, schoolInvoice());
      credit = await insertInvoiceRow(
        db,
        { venueId, bookingId: mine.booking.id, issuedAt: '2027-03-02T10:00:00.000Z' },
        creditNote(),
        invoice.id,
      );
      othersInvoice = await insertInvoiceRow(db, { venueId, bookingId: other.booking.id }, schoolInvoice());
      ({ manager, otherManager } = await signInMembers(t, venues, ['manager', 'otherManager']));
    });
    after(() => t.close());

    const organiserUrl = (token: string, file: string) => `/b/${token}/invoices/${file}`;

    test('the organiser downloads each document as PDF and UBL under the manage link, never cached', async () => {
      const pdf = await t.app.inject({ url: organiserUrl(mine.manageToken, `${invoice.number}.pdf`) });
      assert.equal(pdf.statusCode, 200);
      assert.equal(pdf.headers['content-type'], 'application/pdf');
      assert.equal(pdf.headers['content-disposition'], `attachment; filename="${invoice.number}.pdf"`);
      assert.equal(pdf.headers['cache-control'], 'no-store');
      assert.equal(pdf.headers['x-content-type-options'], 'nosniff');
      assert.ok(pdf.headers['content-security-policy']);
      assert.equal(pdf.headers['set-cookie'], undefined);
      assert.equal(pdf.rawPayload.subarray(0, 5).toString(), '%PDF-');
      if (hasTool('pdftotext')) {
        const { text } = await pdfText(pdf.rawPayload);
        assert.ok(text.includes(invoice.number));
        // Its credit note corrects it: the PDF says so now.
        assert.ok(text.includes('gecrediteerd'), 'the status as it is now');
      }
      const xml = await t.app.inject({ url: organiserUrl(mine.manageToken, `${credit.number}.xml`) });
      assert.equal(xml.statusCode, 200);
      assert.equal(xml.headers['content-type'], 'application/xml');
      assert.equal(xml.headers['content-disposition'], `attachment; filename="${credit.number}.xml"`);
      assert.equal(xml.headers['cache-control'], 'no-store');
      assert.match(xml.body, /<CreditNote xmlns="urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2"/);
      assert.ok(xml.body.includes(`<cbc:ID>${credit.number}</cbc:ID>`), xml.body.slice(0, 900));
    });

    test('a partly paid invoice asks for the rest only; once paid in full, it says paid', async () => {
      if (!hasTool('pdftotext')) return;
      const { db } = t.database;
      const url = organiserUrl(other.manageToken, `${othersInvoice.number}.pdf`);
      await insertTransfer(db, t.clock, other.booking.id, 50_000);
      const partly = (await pdfText((await t.app.inject({ url })).rawPayload)).text.replace(/\s+/g, ' ');
      assert.ok(partly.includes('Gelieve € 451,33 uiterlijk 1 maart 2027'), partly);
      assert.ok(partly.includes('Totaal incl. btw € 951,33'), 'the amounts as issued');
      await insertTransfer(db, t.clock, other.booking.id, 45_133);
      const paid = (await pdfText((await t.app.inject({ url })).rawPayload)).text.replace(/\s+/g, ' ');
      assert.ok(paid.includes('betaald') && !paid.includes('Gelieve'), paid);
    });

    test("another booking's number, an unknown number, a wrong name or token: the plain 404", async () => {
      const unknown = await t.app.inject({ url: '/nowhere' });
      for (const url of [
        organiserUrl(mine.manageToken, `${othersInvoice.number}.pdf`),
        organiserUrl(mine.manageToken, 'GZ-TST-2027-999999.pdf'),
        organiserUrl(mine.manageToken, `${invoice.number}.doc`),
        organiserUrl(mine.manageToken, `${invoice.number}`),
        organiserUrl(mine.manageToken, '..%2F..%2Fetc%2Fpasswd.pdf'),
        organiserUrl(
          other.manageToken.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')),
          `${othersInvoice.number}.pdf`,
        ),
      ]) {
        const res = await t.app.inject({ url });
        assert.equal(res.statusCode, 404, url);
        assert.equal(res.headers['content-type'], unknown.headers['content-type'], url);
        assert.ok(!res.body.includes('%PDF') && !res.body.includes('<cbc:'), url);
      }
    });

    test("staff download their venue's documents by id; another venue's staff get a 404", async () => {
      const pdf = await adminGet(t, manager, `/admin/invoices/${invoice.id}.pdf`);
      assert.equal(pdf.statusCode, 200);
      assert.equal(pdf.headers['content-type'], 'application/pdf');
      assert.equal(pdf.headers['content-disposition'], `attachment; filename="${invoice.number}.pdf"`);
      assert.equal(pdf.headers['cache-control'], 'no-store');
      const xml = await adminGet(t, manager, `/admin/invoices/${invoice.id}.xml`);
      assert.equal(xml.statusCode, 200);
      assert.equal(xml.headers['content-type'], 'application/xml');
      assert.match(xml.body, /<Invoice xmlns=/);
      for (const url of [`/admin/invoices/${invoice.id}.pdf`, `/admin/invoices/${invoice.id}.xml`]) {
        const res = await adminGet(t, otherManager, url);
        assert.equal(res.statusCode, 404, url);
        assert.ok(!res.body.includes(invoice.number));
      }
      assert.equal((await adminGet(t, manager, '/admin/invoices/nothing.pdf')).statusCode, 404);
      assert.equal((await t.app.inject({ url: `/admin/invoices/${invoice.id}.pdf` })).statusCode, 303);
    });
  });
}
