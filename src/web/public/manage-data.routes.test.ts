import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, type TestApp } from '../../../test/app.js';
import { seedSubjectBooking, subjectValues } from '../../../test/data-subjects.js';
import { testDialects } from '../../../test/databases.js';
import { makeActivity, makeSlot } from '../../../test/factories.js';
import { parseHtml } from '../../../test/html.js';
import { recordActivityEvent } from '../../core/activity-log/activity-log.service.js';
import { postForm } from '../../../test/staff.js';

for (const dialect of testDialects()) {
  describe(`the organiser's data through the manage link on ${dialect.name}`, () => {
    let t: TestApp;
    before(async () => {
      t = await buildTestApp(dialect, '2026-06-01T08:00:00Z');
    });
    after(() => t.close());

    async function seeded(tag: string) {
      const activity = await makeActivity(t.database.db, t.clock);
      const slot = await makeSlot(t.database.db, t.clock, activity, { date: '2026-06-15' });
      const values = subjectValues(tag, `${tag.toLowerCase()}@example.nl`);
      return {
        values,
        venueId: activity.venue.id,
        ...(await seedSubjectBooking(t.database.db, t.clock, t.linkKey, activity, slot, values)),
      };
    }

    test("the history's details in the reader's words, Dutch and English: no stored key, amounts and instants written out", async () => {
      t.clock.set('2026-06-01T08:00:00Z');
      const booking = await seeded('Kilo');
      await recordActivityEvent(t.database.db, t.clock, {
        actor: null,
        venueId: booking.venueId,
        action: 'booking.group_size_changed',
        target: booking.reference,
        detail: { from_group_size: 10, to_group_size: 12, amount_cents: 1500, option_expires_at: '2026-06-10T10:00:00.000Z' },
      });
      const details = async (lang: string) => {
        const page = await t.app.inject({ url: `/b/${booking.manageToken}/data`, headers: { 'accept-language': lang } });
        const rows = parseHtml(page.body).querySelectorAll('[data-testid="data-history"] tbody tr');
        return rows.map((row) => row.querySelectorAll('td').at(-1)?.textContent ?? '');
      };
      const nl = await details('nl');
      assert.ok(
        nl.includes('Groepsgrootte eerst: 10; Groepsgrootte nu: 12; Bedrag: €\u00a015,00; Optie verloopt: wo 10 jun 2026, 12:00'),
        nl.join(' | '),
      );
      const en = await details('en');
      assert.ok(
        en.includes('Group size before: 10; Group size after: 12; Amount: €15.00; Option expires: Wed 10 Jun 2026, 12:00'),
        en.join(' | '),
      );
      for (const text of [...nl, ...en]) assert.doesNotMatch(text, /[a-z]_[a-z]|cents/, text);
    });

    test('the manage page offers the data; the page and the JSON download show it, without a cookie', async () => {
      t.clock.set('2026-06-01T08:00:00Z');
      const booking = await seeded('Foxtrot');
      const manage = await t.app.inject({ url: `/b/${booking.manageToken}`, headers: { 'accept-language': 'en' } });
      const section = parseHtml(manage.body).querySelector('[data-testid="data-section"]');
      assert.ok(section?.querySelector(`a[href="/b/${booking.manageToken}/data.json"]`));
      assert.ok(section?.querySelector(`a[href="/b/${booking.manageToken}/erase"]`));

      const page = await t.app.inject({ url: `/b/${booking.manageToken}/data`, headers: { 'accept-language': 'nl' } });
      assert.equal(page.statusCode, 200);
      assert.equal(page.headers['set-cookie'], undefined);
      const html = parseHtml(page.body);
      assert.equal(html.querySelector('h1')?.textContent, `Uw gegevens bij boeking ${booking.reference}`);
      for (const value of [
        booking.values.participant,
        booking.values.allergy,
        booking.values.notes,
        booking.values.paymentNote,
        booking.invoiceNumber,
      ]) {
        assert.ok(page.body.includes(value), value);
      }

      // The page names its codes in the reader's language: the history's events and who made them, how it is paid, the language.
      const history = html.querySelector('[data-testid="data-history"]')?.textContent ?? '';
      assert.match(history, /boeking geplaatst/);
      assert.doesNotMatch(history, /booking\.created|organiser|staff\b/);
      const fields = html.querySelector('[data-testid="data-booking"] dl')?.textContent ?? '';
      assert.match(fields, /Taal(Nederlands|Engels)/);
      assert.doesNotMatch(fields, /Betaalwijze(venue|online|invoice)/);

      const download = await t.app.inject({ url: `/b/${booking.manageToken}/data.json` });
      assert.equal(download.statusCode, 200);
      assert.match(String(download.headers['content-type']), /^application\/json/);
      assert.equal(download.headers['content-disposition'], `attachment; filename="groupz-${booking.reference}.json"`);
      assert.match(String(download.headers['cache-control']), /no-store/);
      const data = JSON.parse(download.body) as { booking: { reference: string }; participants: { answers: unknown }[] };
      assert.equal(data.booking.reference, booking.reference);
      assert.deepEqual(data.participants[0]?.answers, { allergies: booking.values.allergy });
      assert.ok(!download.body.includes(booking.manageToken));

      const wrong = await t.app.inject({ url: `/b/${'A'.repeat(43)}/data.json` });
      assert.equal(wrong.statusCode, 404);
    });

    test('an upcoming visit: the confirmation says after the visit; the POST notes it and the link keeps working', async () => {
      t.clock.set('2026-06-01T08:00:00Z');
      const booking = await seeded('Golf');
      const confirm = await t.app.inject({ url: `/b/${booking.manageToken}/erase`, headers: { 'accept-language': 'en' } });
      assert.equal(confirm.statusCode, 200);
      assert.match(
        parseHtml(confirm.body).querySelector('[data-testid="erase-when"]')!.textContent,
        /erased automatically after the visit/,
      );
      assert.ok(parseHtml(confirm.body).querySelector(`form[method="post"][action="/b/${booking.manageToken}/erase"]`));

      const erased = await postForm(t, `/b/${booking.manageToken}/erase`, {});
      assert.equal(erased.statusCode, 200);
      const outcome = parseHtml(erased.body).querySelector('[data-testid="erasure-outcome"]');
      assert.equal(outcome?.getAttribute('data-outcome'), 'scheduled');
      assert.ok(parseHtml(erased.body).querySelector('[data-testid="data-kept"]')!.textContent.includes(booking.invoiceNumber));

      const manage = await t.app.inject({ url: `/b/${booking.manageToken}` });
      assert.equal(manage.statusCode, 200);
      assert.ok(parseHtml(manage.body).querySelector('[data-testid="erasure-requested"]'));
    });

    test('a visit that is over: erased at once, the answer says what was kept and why, and the link ends', async () => {
      t.clock.set('2026-06-01T08:00:00Z');
      const booking = await seeded('Hotel');
      t.clock.set('2026-06-16T08:00:00Z');
      const confirm = await t.app.inject({ url: `/b/${booking.manageToken}/erase`, headers: { 'accept-language': 'nl' } });
      assert.match(parseHtml(confirm.body).querySelector('[data-testid="erase-when"]')!.textContent, /direct gewist/);

      const erased = await postForm(t, `/b/${booking.manageToken}/erase`, {});
      assert.equal(erased.statusCode, 200);
      const html = parseHtml(erased.body);
      assert.equal(html.querySelector('[data-testid="erasure-outcome"]')?.getAttribute('data-outcome'), 'erased');
      const kept = html.querySelector('[data-testid="data-kept"]')!.textContent;
      assert.ok(kept.includes(booking.invoiceNumber) && kept.includes('52 AWR'), kept);
      assert.ok(!erased.body.includes(booking.values.name));

      assert.equal((await t.app.inject({ url: `/b/${booking.manageToken}` })).statusCode, 404);
      assert.equal((await t.app.inject({ url: `/b/${booking.manageToken}/data.json` })).statusCode, 404);
      const row = await t.database.db
        .selectFrom('bookings')
        .select(['organiser_name', 'organiser_email', 'notes', 'anonymised_at'])
        .where('id', '=', booking.id)
        .executeTakeFirstOrThrow();
      assert.deepEqual(row, { organiser_name: '', organiser_email: '', notes: '', anonymised_at: '2026-06-16T08:00:00.000Z' });
    });

    test('the erasure is a POST from our own origin only', async () => {
      t.clock.set('2026-06-01T08:00:00Z');
      const booking = await seeded('India');
      const forged = await t.app.inject({
        method: 'POST',
        url: `/b/${booking.manageToken}/erase`,
        headers: { origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
        payload: '',
      });
      assert.equal(forged.statusCode, 403);
      const row = await t.database.db
        .selectFrom('bookings')
        .select('erasure_requested_at')
        .where('id', '=', booking.id)
        .executeTakeFirstOrThrow();
      assert.equal(row.erasure_requested_at, null);
    });
  });
}
