import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { dkimVerify } from 'mailauth/lib/dkim/verify.js';
import { TEST_PUBLIC_URL } from '../../../test/app.js';
import { TestClock } from '../../../test/clock.js';
import { type TestDatabase, testDialects } from '../../../test/databases.js';
import { book, makeActivity, makeSlot } from '../../../test/factories.js';
import { TEST_LINK_KEY } from '../../../test/links.js';
import { startSmtpServer, type TestSmtpServer } from '../../../test/mail-server.js';
import { createVenue } from '../../core/catalog/catalog.service.js';
import { simpleParser } from 'mailparser';
import { deliverDueMails, type MailDeliverySettings } from '../../core/mail/mail-delivery.service.js';
import { mailDrop } from '../mail-drop/mail-drop.js';
import type { DkimKey } from './mail-message.js';
import { smtpSender } from './smtp-sender.js';

const FROM = 'Groupz <no-reply@bookings.example.nl>';
const SELECTOR = 'groupz2026';
const DOMAIN = 'example.nl';

/** A DKIM key pair, and the TXT record that publishes its public half (as the README says to make it). */
function dkimKeyPair(): { key: DkimKey; record: string } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    key: { domainName: DOMAIN, keySelector: SELECTOR, privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() },
    record: `v=DKIM1; k=rsa; p=${publicKey.export({ type: 'spki', format: 'der' }).toString('base64')}`,
  };
}

/** The DKIM verdicts of a message, its key looked up in a local stand-in for DNS (no network). */
async function verdicts(message: Buffer, record: string): Promise<string[]> {
  const resolver = async (name: string, type: string) => {
    if (name === `${SELECTOR}._domainkey.${DOMAIN}` && type === 'TXT') return [[record]];
    throw Object.assign(new Error(`no ${type} record for ${name}`), { code: 'ENOTFOUND' });
  };
  const result = await dkimVerify(message, { resolver });
  return result.results.map((r) => r.status.result);
}

/** The DKIM-Signature header of a raw message, unfolded; '' when there is none. */
function dkimSignatureOf(raw: Buffer): string {
  const head = raw.toString('utf8').split(/\r?\n\r?\n/)[0]!;
  return /^DKIM-Signature:(.*(?:\r?\n[ \t].*)*)/im.exec(head)?.[1]?.replace(/\r?\n[ \t]+/g, ' ') ?? '';
}

for (const dialect of testDialects()) {
  describe(`signed mails with the venue's contact on ${dialect.name}`, () => {
    let database: TestDatabase;
    let smtp: TestSmtpServer;
    let dataDir: string;
    const clock = new TestClock();
    const { key, record } = dkimKeyPair();

    /** A booking at a venue with contact details, its mail queued. */
    async function placeBooking(): Promise<void> {
      const venue = await createVenue(database.db, clock, {
        slug: 'rederij-amstel',
        name: 'Rederij Amstel',
        city: 'Amsterdam',
        contactEmail: 'groepen@rederij-amstel.example.nl',
        contactPhone: '020 555 0101',
      });
      const activity = await makeActivity(database.db, clock, { venueId: venue.id });
      const slot = await makeSlot(database.db, clock, activity, { date: '2026-06-10', time: '10:00' });
      await book(database.db, clock, slot, { email: 'anna@example.org', language: 'en' });
    }

    function settingsFor(dkim: DkimKey | undefined, smtpUrl: string | undefined): MailDeliverySettings {
      const message = { publicUrl: TEST_PUBLIC_URL, dkim };
      const sender = smtpUrl ? smtpSender({ ...message, smtpUrl }) : mailDrop({ ...message, dataDir });
      return { sender, linkKey: TEST_LINK_KEY, publicUrl: TEST_PUBLIC_URL, from: FROM };
    }

    beforeEach(async () => {
      clock.set('2026-06-01T08:00:00Z');
      database = await dialect.create();
      smtp = await startSmtpServer();
      dataDir = mkdtempSync(join(tmpdir(), 'groupz-dkim-'));
      await placeBooking();
    });
    afterEach(async () => {
      await smtp.close();
      await database.close();
      rmSync(dataDir, { recursive: true, force: true });
    });

    test('over SMTP: a DKIM signature that verifies against the published key; replies go to the venue', async () => {
      assert.deepEqual(await deliverDueMails(database.db, clock, settingsFor(key, smtp.url)), { sent: 1, skipped: 0, failures: [] });
      const [raw] = smtp.raw;
      const [mail] = smtp.messages;
      assert.ok(raw && mail);
      const signature = dkimSignatureOf(raw);
      assert.match(signature, /\bd=example\.nl;/);
      assert.match(signature, /\bs=groupz2026;/);
      assert.match(signature, /\ba=rsa-sha256;/);
      assert.deepEqual(await verdicts(raw, record), ['pass']);
      // A message changed on its way no longer verifies: the signature covers what it claims to.
      const tampered = Buffer.from(raw.toString('utf8').replace(/^Subject: .*$/m, 'Subject: Pay now'));
      assert.deepEqual(await verdicts(tampered, record), ['fail']);
      // Another key under the same name (a wrong record) does not verify it either.
      assert.deepEqual(await verdicts(raw, dkimKeyPair().record), ['fail']);

      assert.equal(mail.replyTo?.text, 'groepen@rederij-amstel.example.nl');
      assert.match(mail.text ?? '', /Email of Rederij Amstel: groepen@rederij-amstel\.example\.nl/);
      assert.match(mail.text ?? '', /Phone of Rederij Amstel: 020 555 0101/);
      assert.match(mail.text ?? '', /Questions\? Reply to this email: your reply goes to Rederij Amstel\./);
      assert.match(mail.html || '', /groepen@rederij-amstel\.example\.nl/);
    });

    test('as .eml files: signed the same way', async () => {
      assert.equal((await deliverDueMails(database.db, clock, settingsFor(key, undefined))).sent, 1);
      const [file] = readdirSync(join(dataDir, 'mail'));
      assert.ok(file);
      const raw = readFileSync(join(dataDir, 'mail', file));
      assert.deepEqual(await verdicts(raw, record), ['pass']);
      assert.equal((await simpleParser(raw)).replyTo?.text, 'groepen@rederij-amstel.example.nl');
    });

    test('without DKIM settings: no signature', async () => {
      assert.equal((await deliverDueMails(database.db, clock, settingsFor(undefined, smtp.url))).sent, 1);
      assert.equal(dkimSignatureOf(smtp.raw[0]!), '');
      assert.deepEqual(await verdicts(smtp.raw[0]!, record), ['none']);
    });
  });
}
