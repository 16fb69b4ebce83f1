import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { TestClock } from '../../../test/clock.js';
import { type TestDatabase, testDialects } from '../../../test/databases.js';
import { brokenUblRules, documentToolsPresent, pdfText, xmlProblems } from '../../../test/document-tools.js';
import { book, makeActivity, makeSlot } from '../../../test/factories.js';
import { creditNote, schoolInvoice } from '../../../test/invoice-documents.js';
import { insertInvoiceRow } from '../../../test/invoice-rows.js';
import { testMailDelivery } from '../../../test/mail-senders.js';
import { startSmtpServer, type TestSmtpServer } from '../../../test/mail-server.js';
import type { Db } from '../../db/schema.js';
import { deliverDueMails, type MailDeliverySettings } from '../mail/mail-delivery.service.js';
import { queueInvoiceMail } from './invoice-mail.service.js';

if (documentToolsPresent()) {
  for (const dialect of testDialects()) {
    describe(`the mail that issues invoices (${dialect.name})`, () => {
      let database: TestDatabase;
      let db: Db;
      let smtp: TestSmtpServer;
      let settings: MailDeliverySettings;
      const clock = new TestClock();

      beforeEach(async () => {
        clock.set('2027-02-15T09:00:00Z');
        database = await dialect.create();
        db = database.db;
        smtp = await startSmtpServer();
        settings = testMailDelivery(smtp);
      });
      afterEach(async () => {
        await smtp.close();
        await database.close();
      });

      test('one mail per issuing event lists the documents and carries each as PDF and UBL that parse', async () => {
        const activity = await makeActivity(db, clock);
        const slot = await makeSlot(db, clock, activity, { date: '2027-03-14', time: '10:00' });
        const { booking } = await book(db, clock, slot, { language: 'nl', email: 'anna@example.nl' });
        const at = { venueId: activity.venue.id, bookingId: booking.id };
        const invoice = await insertInvoiceRow(db, at, schoolInvoice());
        const credit = await insertInvoiceRow(db, { ...at, issuedAt: '2027-03-02T10:00:00.000Z' }, creditNote(), invoice.id);
        // The booking's own mails go first; then the documents' mail alone.
        await deliverDueMails(db, clock, settings);
        smtp.messages.length = 0;

        const ids = [invoice.id, credit.id];
        assert.equal(await db.transaction().execute((trx) => queueInvoiceMail(trx, clock, booking.id, ids)), true);
        assert.equal(
          await db.transaction().execute((trx) => queueInvoiceMail(trx, clock, booking.id, [...ids].reverse())),
          false,
          'deduped',
        );
        assert.deepEqual(await deliverDueMails(db, clock, settings), { sent: 1, skipped: 0, failures: [] });
        assert.equal(smtp.messages.length, 1);
        const mail = smtp.messages[0]!;
        assert.equal(mail.subject, `Factuur en creditnota voor uw boeking ${booking.reference}`);
        assert.equal(mail.to && !Array.isArray(mail.to) ? mail.to.text : undefined, 'anna@example.nl');
        const text = mail.text?.replace(/\s+/g, ' ') ?? '';
        assert.ok(text.includes(`Factuur ${invoice.number} (€ 951,33)`), text);
        assert.ok(text.includes(`Creditnota ${credit.number} (€ -951,33)`), text);
        assert.ok(text.includes('de factuur en de creditnota voor uw boeking'), text);

        const names = mail.attachments.map((a) => a.filename).sort();
        assert.deepEqual(names, [`${credit.number}.pdf`, `${credit.number}.xml`, `${invoice.number}.pdf`, `${invoice.number}.xml`].sort());
        for (const attachment of mail.attachments) {
          if (attachment.filename?.endsWith('.pdf')) {
            assert.equal(attachment.contentType, 'application/pdf');
            const { text: pdf } = await pdfText(attachment.content);
            assert.ok(pdf.includes(attachment.filename.replace('.pdf', '')), 'the PDF states its number');
          } else {
            assert.equal(attachment.contentType, 'application/xml');
            const xml = attachment.content.toString('utf8');
            assert.equal(await xmlProblems(xml), '');
            assert.deepEqual(await brokenUblRules(xml), []);
          }
        }
      });

      test('a mail of a credit note alone says so', async () => {
        const activity = await makeActivity(db, clock);
        const slot = await makeSlot(db, clock, activity, { date: '2027-03-14', time: '10:00' });
        const { booking } = await book(db, clock, slot, { language: 'en' });
        const at = { venueId: activity.venue.id, bookingId: booking.id };
        const invoice = await insertInvoiceRow(db, at, schoolInvoice());
        const credit = await insertInvoiceRow(db, { ...at, issuedAt: '2027-03-02T10:00:00.000Z' }, creditNote(), invoice.id);
        await deliverDueMails(db, clock, settings);
        smtp.messages.length = 0;
        await db.transaction().execute((trx) => queueInvoiceMail(trx, clock, booking.id, [credit.id]));
        await deliverDueMails(db, clock, settings);
        assert.equal(smtp.messages[0]?.subject, `Credit note for your booking ${booking.reference}`);
      });

      test("another booking's ids queue nothing", async () => {
        const activity = await makeActivity(db, clock);
        const slot = await makeSlot(db, clock, activity, { date: '2027-03-14', time: '10:00' });
        const mine = await book(db, clock, slot, {});
        const other = await book(db, clock, slot, {});
        const invoice = await insertInvoiceRow(db, { venueId: activity.venue.id, bookingId: other.booking.id }, schoolInvoice());
        assert.equal(await db.transaction().execute((trx) => queueInvoiceMail(trx, clock, mine.booking.id, [invoice.id])), false);
      });
    });
  }
}
