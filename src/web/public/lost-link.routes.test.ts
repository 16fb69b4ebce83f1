import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ParsedMail } from 'mailparser';
import { buildTestApp, TEST_PUBLIC_URL, type TestApp } from '../../../test/app.js';
import { testDialects } from '../../../test/databases.js';
import { book, makeActivity, makeSlot } from '../../../test/factories.js';
import { parseHtml, urlencoded } from '../../../test/html.js';
import { testMailDelivery } from '../../../test/mail-senders.js';
import { startSmtpServer, type TestSmtpServer } from '../../../test/mail-server.js';
import type { Slot } from '../../core/availability/slot.js';
import type { CreatedBooking } from '../../core/booking-flows/booking.service.js';
import { deliverDueMails } from '../../core/mail/mail-delivery.service.js';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

for (const dialect of testDialects()) {
  describe(`the lost-link form (/manage-link) on ${dialect.name}`, () => {
    let t: TestApp;
    let smtp: TestSmtpServer;
    let slot: Slot;
    before(async () => {
      [t, smtp] = await Promise.all([buildTestApp(dialect, '2026-06-01T08:00:00Z'), startSmtpServer()]);
      slot = await makeSlot(t.database.db, t.clock, await makeActivity(t.database.db, t.clock), { capacity: 200 });
    });
    after(async () => {
      await t.close();
      await smtp.close();
    });

    /** Delivers the outbox's due mails to the test server; the mails that arrived now. */
    async function deliverMails(): Promise<ParsedMail[]> {
      const from = smtp.messages.length;
      const report = await deliverDueMails(t.database.db, t.clock, testMailDelivery(smtp, { linkKey: t.linkKey }));
      assert.deepEqual(report.failures, []);
      return smtp.messages.slice(from);
    }

    const ask = (fields: Record<string, string>, ip = '192.0.2.1') =>
      t.app.inject({
        method: 'POST',
        url: '/manage-link',
        remoteAddress: ip,
        headers: { ...FORM, 'accept-language': 'en' },
        payload: urlencoded(fields),
      });

    async function booked(email: string): Promise<CreatedBooking> {
      const created = await book(t.database.db, t.clock, slot, { email }, t.linkKey);
      await deliverMails(); // the booking's own mail
      return created;
    }

    test('a matching reference and address mail a working manage link; anything else gets the very same answer', async () => {
      const { booking, manageToken } = await booked('kwijt@school.nl');
      const page = await t.app.inject({ url: '/manage-link', headers: { 'accept-language': 'en' } });
      assert.equal(page.statusCode, 200);
      assert.ok(parseHtml(page.body).querySelector('form[action="/manage-link"] #reference'));

      // Typed as from a phone call: lower case, spaces; the address in another case.
      const matched = await ask({ reference: ` ${booking.reference.toLowerCase()} `, email: 'Kwijt@School.nl' }, '192.0.2.10');
      const answers = [
        await ask({ reference: booking.reference, email: 'someone.else@school.nl' }, '192.0.2.11'),
        await ask({ reference: 'GZ-AAAA-BBBB', email: 'kwijt@school.nl' }, '192.0.2.12'),
      ];
      for (const answer of [matched, ...answers]) {
        assert.deepEqual([answer.statusCode, answer.headers.location, answer.body], [303, '/manage-link?sent=1', '']);
        assert.equal(answer.headers['set-cookie'], undefined);
      }
      const sent = await t.app.inject({ url: '/manage-link?sent=1', headers: { 'accept-language': 'en' } });
      assert.match(parseHtml(sent.body).querySelector('[data-testid="lost-link-sent"]')?.textContent ?? '', /^If this booking reference/);

      const mails = await deliverMails();
      assert.deepEqual(
        mails.map((m) => (m.to && !Array.isArray(m.to) ? m.to.text : '')),
        ['kwijt@school.nl'],
        "one mail, to the booking's own address",
      );
      const link = new RegExp(`${TEST_PUBLIC_URL}(/b/[A-Za-z0-9_-]{43})`).exec(mails[0]!.text ?? '')?.[1];
      assert.equal(link, `/b/${manageToken}`);
      const opened = await t.app.inject({ url: link!, headers: { 'accept-language': 'en' } });
      assert.equal(opened.statusCode, 200);
      assert.match(opened.body, new RegExp(booking.reference));
    });

    test('a cancelled booking gets no mail, and malformed fields are named with the input kept', async () => {
      const { booking } = await booked('weg@school.nl');
      await t.database.db.updateTable('bookings').set({ status: 'cancelled' }).where('id', '=', booking.id).execute();
      assert.equal((await ask({ reference: booking.reference, email: 'weg@school.nl' }, '192.0.2.20')).statusCode, 303);
      assert.deepEqual(await deliverMails(), []);

      const refused = await ask({ reference: '', email: 'not-an-address' }, '192.0.2.21');
      assert.equal(refused.statusCode, 422);
      const page = parseHtml(refused.body);
      assert.ok(page.querySelector('.error-summary a[href="#reference"]'));
      assert.ok(page.querySelector('.error-summary a[href="#email"]'));
      assert.equal(page.querySelector('#email')?.getAttribute('value'), 'not-an-address');
    });

    test('requests are throttled per reference and address and per network, matched or not, failing with Retry-After', async () => {
      const { booking } = await booked('vaak@school.nl');
      // Others typing the reference with wrong addresses, from anywhere: the organiser can still ask.
      for (let i = 0; i < 6; i++) {
        assert.equal((await ask({ reference: booking.reference, email: `x${i}@school.nl` }, `198.51.100.${i}`)).statusCode, 303);
      }
      assert.equal((await ask({ reference: booking.reference, email: 'Vaak@School.nl' }, '198.51.100.50')).statusCode, 303);
      assert.equal((await deliverMails()).length, 1, 'the owner gets the link after strangers tried');
      // Five a day for one reference with one address (in any case), from anywhere.
      for (let i = 1; i < 5; i++) {
        assert.equal((await ask({ reference: booking.reference, email: 'vaak@school.nl' }, `198.51.100.${50 + i}`)).statusCode, 303);
      }
      const blocked = await ask({ reference: booking.reference, email: 'VAAK@school.nl' }, '198.51.100.99');
      assert.equal(blocked.statusCode, 429);
      assert.ok(Number(blocked.headers['retry-after']) > 0);
      assert.match(parseHtml(blocked.body).querySelector('[data-testid="lost-link-refusal"]')?.textContent ?? '', /Try again from/);
      assert.deepEqual(await deliverMails(), [], 'within ten minutes of the first, nothing is sent again');
      // A wrong address is counted apart, and refused alike once it has had its five.
      for (let i = 0; i < 4; i++) await ask({ reference: booking.reference, email: 'x0@school.nl' }, `198.51.100.${100 + i}`);
      assert.equal((await ask({ reference: booking.reference, email: 'x0@school.nl' }, '198.51.100.110')).statusCode, 429);

      // Ten an hour from one network, whatever the references.
      for (let i = 0; i < 10; i++) {
        assert.equal((await ask({ reference: `GZ-NET${i}-AAAA`, email: 'a@school.nl' }, '203.0.113.7')).statusCode, 303);
      }
      assert.equal((await ask({ reference: 'GZ-NETX-AAAA', email: 'a@school.nl' }, '203.0.113.7')).statusCode, 429);
      t.clock.advance(24 * 3600_000 + 1000);
      assert.equal((await ask({ reference: booking.reference, email: 'vaak@school.nl' }, '203.0.113.7')).statusCode, 303);
      assert.equal((await deliverMails()).length, 1, 'after the wait it works');
    });

    test('every 404 of a manage or participant link points to the form', async () => {
      for (const url of ['/b/nope', `/b/${'A'.repeat(43)}`, `/b/${'A'.repeat(43)}/cancel`, `/p/${'A'.repeat(43)}`]) {
        const res = await t.app.inject({ url, headers: { 'accept-language': 'nl' } });
        assert.equal(res.statusCode, 404, url);
        const hint = parseHtml(res.body).querySelector('[data-testid="lost-link-hint"]');
        assert.equal(hint?.querySelector('a')?.getAttribute('href'), '/manage-link', url);
      }
      const elsewhere = await t.app.inject({ url: '/nowhere' });
      assert.equal(parseHtml(elsewhere.body).querySelector('[data-testid="lost-link-hint"]'), null);
    });
  });
}
