import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, type TestApp } from '../../../test/app.js';
import { seedSubjectBooking, subjectValues } from '../../../test/data-subjects.js';
import { testDialects } from '../../../test/databases.js';
import { book, makeSlot } from '../../../test/factories.js';
import { parseHtml } from '../../../test/html.js';
import { adminGet, adminPost, type Member } from '../../../test/staff.js';
import { makeTwoVenues, signInMembers, type TwoVenues } from '../../../test/venues.js';
import { newId } from '../../core/shared/ids.js';
import { DEFAULT_RETENTION } from '../../core/privacy/retention.js';
import { applyRetention } from '../../core/privacy/retention.service.js';

const PERSON = 'Fenna.Kilo@Example.nl';

for (const dialect of testDialects()) {
  describe(`staff's page of a person's data on ${dialect.name}`, () => {
    let t: TestApp;
    let venues: TwoVenues;
    let members: Record<'manager' | 'staff' | 'viewer' | 'otherManager', Member>;
    let past: Awaited<ReturnType<typeof seedSubjectBooking>>;
    let upcoming: Awaited<ReturnType<typeof seedSubjectBooking>>;
    let otherPerson: { reference: string };
    const values = subjectValues('Kilo', PERSON);

    before(async () => {
      t = await buildTestApp(dialect, '2026-06-01T08:00:00Z');
      const { db } = t.database;
      venues = await makeTwoVenues(t);
      const home = venues.home;
      // The same person booked twice at the home venue (once in other case), and bought a voucher there.
      past = await seedSubjectBooking(db, t.clock, t.linkKey, home, await makeSlot(db, t.clock, home, { date: '2026-06-03' }), values);
      const later = await makeSlot(db, t.clock, home, { date: '2026-06-20' });
      upcoming = await seedSubjectBooking(db, t.clock, t.linkKey, home, later, {
        ...values,
        email: PERSON.toLowerCase(),
      });
      otherPerson = (await book(db, t.clock, later, { email: 'someone@else.nl' })).booking;
      await db
        .insertInto('vouchers')
        .values({
          id: newId(),
          venue_id: home.venue.id,
          code_hash: 'hash',
          code_hint: 'QX7Z',
          code_sealed: 'sealed',
          initial_cents: 5000,
          balance_cents: 5000,
          valid_until: '2028-06-01',
          status: 'active',
          origin: 'sold_desk',
          buyer_name: 'Fenna Koper',
          buyer_email: PERSON.toUpperCase(),
          recipient_name: 'Oma Kilo',
          message: 'Veel plezier Kilo',
          created_at: '2026-06-01T08:00:00.000Z',
          issued_at: '2026-06-01T08:00:00.000Z',
        })
        .execute();
      // After the first visit, before the second; members sign in now (sessions end after an idle hour).
      t.clock.set('2026-06-10T08:00:00Z');
      members = await signInMembers(t, venues, ['manager', 'staff', 'viewer', 'otherManager']);
    });
    after(() => t.close());

    const search = (member: Member, email: string, lang = 'en') =>
      t.app.inject({
        url: `/admin/personal-data?${new URLSearchParams({ email })}`,
        headers: { cookie: `__Host-groupz_session=${member.cookie}`, 'accept-language': lang },
      });

    test('staff and viewers may not handle requests of data subjects; the menu offers it to managers', async () => {
      for (const member of [members.viewer, members.staff]) {
        assert.equal((await adminGet(t, member, '/admin/personal-data')).statusCode, 403);
        assert.equal((await adminPost(t, member, '/admin/personal-data/export.json', { email: PERSON })).statusCode, 403);
        assert.equal((await adminPost(t, member, '/admin/personal-data/erase', { email: PERSON, confirm: 'yes' })).statusCode, 403);
      }
      const page = await adminGet(t, members.manager, '/admin/personal-data');
      assert.equal(page.statusCode, 200);
      assert.ok(parseHtml(page.body).querySelector('nav a[href="/admin/personal-data"]'));
      const viewerPage = await adminGet(t, members.viewer, '/admin');
      assert.equal(parseHtml(viewerPage.body).querySelector('nav a[href="/admin/personal-data"]'), null);
      const unchanged = await t.database.db
        .selectFrom('bookings')
        .select('erasure_requested_at')
        .where('id', '=', past.id)
        .executeTakeFirstOrThrow();
      assert.equal(unchanged.erasure_requested_at, null);
    });

    test('an empty or malformed address is refused in the visitor language, as typed', async () => {
      const empty = await search(members.manager, '', 'nl');
      assert.equal(empty.statusCode, 422);
      assert.equal(parseHtml(empty.body).querySelector('[data-testid="error-email"]')?.textContent, 'Vul dit veld in.');
      const malformed = await search(members.manager, 'fenna@', 'en');
      assert.equal(malformed.statusCode, 422);
      const html = parseHtml(malformed.body);
      assert.match(html.querySelector('[data-testid="error-email"]')!.textContent, /valid email address/);
      assert.equal(html.querySelector('input#email')?.getAttribute('value'), 'fenna@');
      const exported = await adminPost(t, members.manager, '/admin/personal-data/export.json', { email: 'nope' });
      assert.equal(exported.statusCode, 422);
      const erased = await adminPost(t, members.manager, '/admin/personal-data/erase', { email: ' ', confirm: 'yes' });
      assert.equal(erased.statusCode, 422);
    });

    test("the search finds the person's bookings and vouchers at the venue, whatever the case, and nobody else's", async () => {
      const found = await search(members.manager, 'FENNA.kilo@example.NL');
      assert.equal(found.statusCode, 200);
      const html = parseHtml(found.body);
      const bookings = html.querySelector('[data-testid="personal-data-bookings"]')!.textContent;
      assert.ok(bookings.includes(past.reference) && bookings.includes(upcoming.reference));
      assert.ok(!bookings.includes(otherPerson.reference));
      assert.deepEqual(
        html.querySelectorAll('[data-testid="erasure-mode"]').map((cell) => cell.textContent),
        ['erased after the visit', 'erased at once'],
      );
      assert.ok(html.querySelector('[data-testid="personal-data-vouchers"]')!.textContent.includes('QX7Z'));
    });

    test("another venue's manager finds nothing, and exporting or erasing the person is not found (404)", async () => {
      const found = await search(members.otherManager, PERSON);
      assert.equal(found.statusCode, 200);
      assert.ok(parseHtml(found.body).querySelector('[data-testid="personal-data-none"]'));
      const exported = await adminPost(t, members.otherManager, '/admin/personal-data/export.json', { email: PERSON });
      assert.equal(exported.statusCode, 404);
      const erased = await adminPost(t, members.otherManager, '/admin/personal-data/erase', { email: PERSON, confirm: 'yes' });
      assert.equal(erased.statusCode, 404);
      const row = await t.database.db
        .selectFrom('bookings')
        .select(['organiser_name', 'erasure_requested_at'])
        .where('id', '=', past.id)
        .executeTakeFirstOrThrow();
      assert.deepEqual(row, { organiser_name: values.name, erasure_requested_at: null });
    });

    test('the export holds both bookings as gathered and the voucher, and the log names who exported, the address masked', async () => {
      const exported = await adminPost(t, members.manager, '/admin/personal-data/export.json', { email: PERSON });
      assert.equal(exported.statusCode, 200);
      assert.equal(exported.headers['content-disposition'], 'attachment; filename="groupz-personal-data-2026-06-10.json"');
      const data = JSON.parse(exported.body) as {
        bookings: { booking: { reference: string }; participants: { answers: { allergies: string } }[] }[];
        vouchers: { codeHint: string; recipientName: string }[];
      };
      assert.deepEqual(data.bookings.map((b) => b.booking.reference).sort(), [past.reference, upcoming.reference].sort());
      assert.deepEqual(
        data.bookings.map((b) => b.participants[0]?.answers.allergies),
        [values.allergy, values.allergy],
      );
      assert.deepEqual(
        data.vouchers.map((v) => [v.codeHint, v.recipientName]),
        [['QX7Z', 'Oma Kilo']],
      );
      assert.ok(!exported.body.includes(otherPerson.reference));
      const entries = await t.database.db
        .selectFrom('activity_log')
        .selectAll()
        .where('action', '=', 'privacy.exported')
        .orderBy('target')
        .execute();
      assert.deepEqual(entries.map((e) => e.target).sort(), [past.reference, upcoming.reference, '•••• QX7Z'].sort());
      for (const entry of entries) {
        assert.equal(entry.actor_id, members.manager.member.id);
        assert.equal(entry.venue_id, venues.home.venue.id);
        assert.deepEqual(JSON.parse(entry.detail), { email: 'f***@example.nl' });
        assert.ok(!JSON.stringify(entry).toLowerCase().includes(PERSON.toLowerCase()), 'never the address in clear');
      }
    });

    test('erasing asks for confirmation, then erases what is over and the voucher, schedules the upcoming visit, keeps the invoices', async () => {
      const unconfirmed = await adminPost(t, members.manager, '/admin/personal-data/erase', { email: PERSON });
      assert.equal(unconfirmed.statusCode, 422);
      assert.equal(
        parseHtml(unconfirmed.body).querySelector('[data-testid="error-confirm"]')?.textContent,
        'Vink het vakje aan om het wissen te bevestigen.',
      );
      const still = await t.database.db.selectFrom('bookings').select('anonymised_at').where('id', '=', past.id).executeTakeFirstOrThrow();
      assert.equal(still.anonymised_at, null);

      const at = t.clock.now().toISOString();
      const erased = await adminPost(t, members.manager, '/admin/personal-data/erase', { email: PERSON, confirm: 'yes' });
      assert.equal(erased.statusCode, 200);
      const html = parseHtml(erased.body);
      assert.ok(html.querySelector('[data-testid="erased-bookings"]')!.textContent.includes(past.reference));
      assert.ok(html.querySelector('[data-testid="scheduled-bookings"]')!.textContent.includes(upcoming.reference));
      assert.ok(html.querySelector('[data-testid="erased-vouchers"]')!.textContent.includes('QX7Z'));
      const kept = html.querySelector('[data-testid="personal-data-kept"]')!.textContent;
      assert.ok(kept.includes(past.invoiceNumber) && kept.includes(upcoming.invoiceNumber) && kept.includes('52 AWR'), kept);

      const { db } = t.database;
      const rows = await db
        .selectFrom('bookings')
        .select(['id', 'organiser_name', 'notes', 'anonymised_at', 'erasure_requested_at'])
        .where('id', 'in', [past.id, upcoming.id])
        .execute();
      const byId = new Map(rows.map((row) => [row.id, row]));
      assert.deepEqual(byId.get(past.id), {
        id: past.id,
        organiser_name: '',
        notes: '',
        anonymised_at: at,
        erasure_requested_at: at,
      });
      assert.equal(byId.get(upcoming.id)?.organiser_name, values.name, 'kept until the visit');
      assert.equal(byId.get(upcoming.id)?.erasure_requested_at, at);
      const voucher = await db
        .selectFrom('vouchers')
        .select(['buyer_email', 'recipient_name', 'message', 'anonymised_at'])
        .executeTakeFirstOrThrow();
      assert.deepEqual(voucher, { buyer_email: '', recipient_name: '', message: '', anonymised_at: at });
      assert.equal((await db.selectFrom('invoices').select('id').where('booking_id', 'in', [past.id, upcoming.id]).execute()).length, 2);

      const log = await db
        .selectFrom('activity_log')
        .select(['action', 'target', 'actor_id', 'at'])
        .where('action', 'in', ['privacy.erased', 'privacy.erasure_scheduled'])
        .execute();
      assert.deepEqual(
        log.map((e) => [e.action, e.target, e.actor_id, e.at]).sort(),
        [
          ['privacy.erased', past.reference, members.manager.member.id, at],
          ['privacy.erased', '•••• QX7Z', members.manager.member.id, at],
          ['privacy.erasure_scheduled', upcoming.reference, members.manager.member.id, at],
        ].sort(),
      );

      // The erased are no longer found; the upcoming booking still is, marked.
      const again = parseHtml((await search(members.manager, PERSON)).body);
      assert.deepEqual(
        again.querySelectorAll('[data-testid="erasure-mode"]').map((cell) => cell.textContent),
        ['asked already; erased after the visit'],
      );

      // After the visit, the retention job erases it.
      t.clock.set('2026-06-21T08:00:00Z');
      await applyRetention(db, t.clock, { limits: DEFAULT_RETENTION });
      const later = await db
        .selectFrom('bookings')
        .select(['organiser_name', 'anonymised_at'])
        .where('id', '=', upcoming.id)
        .executeTakeFirstOrThrow();
      assert.deepEqual(later, { organiser_name: '', anonymised_at: '2026-06-21T08:00:00.000Z' });
    });
  });
}
