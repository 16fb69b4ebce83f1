import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DateTime } from 'luxon';
import { buildTestApp, type TestApp } from '../../../test/app.js';
import { testDialects } from '../../../test/databases.js';
import { book, makeActivity, makeSlot } from '../../../test/factories.js';
import { formFields, parseHtml } from '../../../test/html.js';
import { adminGet, adminPost, type SignedIn } from '../../../test/staff.js';
import { makeTwoVenues, signInMembers } from '../../../test/venues.js';
import { findSlot } from '../../core/availability/slot.repository.js';
import type { Slot } from '../../core/availability/slot.js';
import type { CreatedBooking } from '../../core/booking-flows/booking.service.js';
import type { Activity } from '../../core/catalog/activity.js';
import { SESSION_COOKIE } from './session-cookie.js';

/** A booking made the way an organiser makes one, a second after the one before, as the list's "latest booked" order needs. */
function bookNext(t: TestApp, slot: Slot, overrides: Record<string, unknown> = {}): Promise<CreatedBooking> {
  t.clock.advance(1000);
  return book(t.database.db, t.clock, slot, overrides, t.linkKey);
}

for (const dialect of testDialects()) {
  describe(`the back office's bookings (${dialect.name})`, () => {
    let t: TestApp;
    let canoe: Activity;
    let museum: Activity;
    let canoeToday: Slot;
    let canoeLater: Slot;
    let museumToday: Slot;
    let anna: CreatedBooking;
    let piet: CreatedBooking;
    let later: CreatedBooking;
    let other: CreatedBooking;
    let manager: SignedIn;
    let staff: SignedIn;
    let viewer: SignedIn;
    let otherManager: SignedIn;
    let admin: SignedIn;

    before(async () => {
      // 2026-06-01 10:00 in Amsterdam.
      t = await buildTestApp(dialect, '2026-06-01T08:00:00Z');
      const { db } = t.database;
      ({ home: canoe, away: museum } = await makeTwoVenues(t));
      canoeToday = await makeSlot(db, t.clock, canoe, { date: '2026-06-01', time: '14:00', capacity: 30 });
      canoeLater = await makeSlot(db, t.clock, canoe, { date: '2026-06-03', time: '10:00', capacity: 30 });
      museumToday = await makeSlot(db, t.clock, museum, { date: '2026-06-01', time: '14:00', capacity: 30 });
      await makeSlot(db, t.clock, canoe, { date: '2026-06-01', time: '16:00', capacity: 30 });
      anna = await bookNext(t, canoeToday, {
        name: 'Anna de Vries',
        email: 'anna@school.nl',
        organisation: 'Basisschool De Linde',
        groupSize: 6,
      });
      piet = await bookNext(t, canoeToday, { name: 'Piet Bakker', email: 'piet@club.nl', organisation: '', groupSize: 4 });
      later = await bookNext(t, canoeLater, { name: 'Karin 100% Zeker', email: 'karin@firma.nl', organisation: 'Firma_X', groupSize: 8 });
      other = await bookNext(t, museumToday, { name: 'Anna Anders', email: 'anna@elders.nl', organisation: 'Andere Linde', groupSize: 5 });
      ({ manager, staff, viewer, otherManager, admin } = await signInMembers(t, { home: canoe, away: museum }));
    });
    after(() => t.close());

    const bookingRow = (id: string) => t.database.db.selectFrom('bookings').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    /** What staff did to a booking (the organiser's own entries, such as its creation, left out). */
    const logEntriesOf = (reference: string) =>
      t.database.db
        .selectFrom('activity_log')
        .selectAll()
        .where('target', '=', reference)
        .where('actor_kind', '=', 'staff')
        .orderBy('at')
        .execute();
    const notesOf = (id: string) => t.database.db.selectFrom('booking_notes').selectAll().where('booking_id', '=', id).execute();
    const references = (body: string) =>
      parseHtml(body)
        .querySelectorAll('a[href^="/admin/bookings/"]')
        .map((a) => a.textContent);

    test("the day schedule shows the day's slots and groups of the venue, never another venue's", async () => {
      for (const url of ['/admin', '/admin?date=2026-06-01']) {
        const res = await adminGet(t, viewer, url);
        assert.equal(res.statusCode, 200, url);
        const page = parseHtml(res.body);
        const sections = page.querySelectorAll('[data-testid="schedule-venue"]');
        assert.deepEqual(
          sections.map((s) => s.getAttribute('data-venue')),
          [canoe.venue.slug],
        );
        const groups = page.querySelectorAll('[data-testid="schedule-group"]');
        assert.deepEqual(
          groups.map((g) => g.querySelectorAll('td').map((td) => td.textContent)),
          [
            ['14:00–15:30', 'Kanoën', '10 van 30', anna.booking.reference, 'Basisschool De Linde\nAnna de Vries', '6', 'Bevestigd', 'nee'],
            ['14:00–15:30', 'Kanoën', '10 van 30', piet.booking.reference, 'Piet Bakker', '4', 'Bevestigd', 'nee'],
          ],
        );
        assert.ok(res.body.includes('Nog geen groepen'), 'the 16:00 slot without groups is listed');
        assert.ok(!res.body.includes(other.booking.reference) && !res.body.includes('Museumtour'), 'nothing of the other venue');
        const upcoming = page.querySelector('[data-testid="upcoming"] tr[data-date="2026-06-03"]')!;
        assert.deepEqual(
          upcoming.querySelectorAll('td').map((td) => td.textContent),
          ['wo 3 jun 2026', '1', '8'],
        );
      }
      const next = parseHtml((await adminGet(t, viewer, '/admin?date=2026-06-01')).body).querySelector('a[rel="next"]');
      assert.equal(next?.getAttribute('href'), '/admin?date=2026-06-02');
      const empty = await adminGet(t, manager, '/admin?date=2026-06-02');
      assert.ok(parseHtml(empty.body).querySelector('[data-testid="schedule-empty"]'));

      const all = parseHtml((await adminGet(t, admin, '/admin?date=2026-06-01')).body);
      assert.deepEqual(all.querySelectorAll('[data-testid="schedule-venue"]').length, 2, 'an admin sees every venue');
      const one = await adminGet(t, admin, `/admin?date=2026-06-01&venue=${museum.venue.slug}`);
      assert.deepEqual(references(one.body), [other.booking.reference]);
    });

    test('the schedule refuses a bad date and another venue with a translated message', async () => {
      const badDate = await adminGet(t, manager, '/admin?date=2026-02-30');
      assert.equal(badDate.statusCode, 422);
      assert.equal(
        parseHtml(badDate.body).querySelector('[data-testid="error-date"]')?.textContent,
        'Vul een geldige datum in (JJJJ-MM-DD).',
      );
      const foreign = await adminGet(t, manager, `/admin?venue=${museum.venue.slug}`);
      assert.equal(foreign.statusCode, 422);
      assert.ok(!foreign.body.includes(other.booking.reference));
      assert.ok(!foreign.body.includes('Museumtour'));
    });

    test('search finds reference, name, email and organisation in any case, only in scope', async () => {
      const search = async (session: SignedIn, query: string) => {
        const res = await adminGet(t, session, `/admin/bookings?${query}`);
        assert.equal(res.statusCode, 200, query);
        return references(res.body).sort();
      };
      const sorted = (...bookings: CreatedBooking[]) => bookings.map((b) => b.booking.reference).sort();
      assert.deepEqual(await search(manager, ''), sorted(anna, piet, later));
      assert.deepEqual(await search(manager, `q=${anna.booking.reference.toLowerCase()}`), sorted(anna));
      assert.deepEqual(await search(manager, 'q=ANNA'), sorted(anna), 'the other venue’s Anna is not found');
      assert.deepEqual(await search(manager, 'q=%40CLUB.nl'), sorted(piet));
      assert.deepEqual(await search(manager, 'q=de+linde'), sorted(anna));
      assert.deepEqual(await search(manager, 'q=de+++linde'), sorted(anna), 'spaces between words count as one');
      assert.deepEqual(await search(manager, 'q=100%25'), sorted(later), 'a % is a character, not a wildcard');
      assert.deepEqual(await search(manager, 'q=%25'), sorted(later));
      assert.deepEqual(await search(manager, 'q=a_X'), sorted(later), 'an _ is a character too');
      assert.deepEqual(await search(manager, 'q=a_n'), []);
      assert.deepEqual(await search(admin, 'q=anna'), sorted(anna, other));
      assert.deepEqual(await search(otherManager, 'q=anna'), sorted(other));
      // Spaces around the search are shown back as typed, and left out of the search and the links.
      assert.deepEqual(await search(manager, 'q=++ANNA+'), sorted(anna));
      const spaced = parseHtml((await adminGet(t, manager, '/admin/bookings?q=++ANNA+')).body);
      assert.equal(spaced.querySelector('#q')?.getAttribute('value'), '  ANNA ');
      assert.equal(spaced.querySelector('a[href^="/admin/bookings.csv"]')?.getAttribute('href'), '/admin/bookings.csv?q=ANNA');
    });

    test('filters: activity, visit dates, status and payment; ordered by visit', async () => {
      const list = async (query: string) => references((await adminGet(t, admin, `/admin/bookings?${query}`)).body);
      assert.deepEqual((await list(`activity=${museum.id}`)).sort(), [other.booking.reference]);
      assert.deepEqual((await list('from=2026-06-02')).sort(), [later.booking.reference]);
      assert.deepEqual((await list('from=2026-06-01&to=2026-06-01')).sort(), [anna, piet, other].map((b) => b.booking.reference).sort());
      assert.deepEqual(await list('to=2026-05-31'), []);
      assert.deepEqual(await list('status=cancelled'), []);
      assert.deepEqual(await list('paid=paid'), []);
      assert.equal((await list('paid=unpaid')).length, 4);
      const byVisit = await list(`activity=${canoe.id}&sort=visit_asc`);
      assert.equal(byVisit.at(-1), later.booking.reference);
      const newestVisit = await list(`activity=${canoe.id}`);
      assert.equal(newestVisit[0], later.booking.reference);
      assert.deepEqual(
        await list(`activity=${canoe.id}&sort=created_desc`),
        [later, piet, anna].map((b) => b.booking.reference),
      );
    });

    test('bad filter values get translated messages (422), the input kept, never a 500', async () => {
      const cases: [string, string, string][] = [
        ['status=lost', 'status', 'Deze waarde is ongeldig.'],
        [`activity=${museum.id}`, 'activity', 'Deze waarde is ongeldig.'],
        ['activity=nonsense', 'activity', 'Deze waarde is ongeldig.'],
        ['from=2026-13-01', 'from', 'Vul een geldige datum in (JJJJ-MM-DD).'],
        ['to=morgen', 'to', 'Vul een geldige datum in (JJJJ-MM-DD).'],
        ['from=2026-06-05&to=2026-06-01', 'to', 'De einddatum ligt vóór de begindatum.'],
        ['paid=maybe', 'paid', 'Deze waarde is ongeldig.'],
        ['sort=price', 'sort', 'Deze waarde is ongeldig.'],
        [`q=${'x'.repeat(201)}`, 'q', 'Deze tekst is te lang.'],
        // PostgreSQL's text cannot hold U+0000: a 500 there before.
        ['q=a%00b', 'q', 'Deze tekst bevat tekens die niet zijn toegestaan.'],
      ];
      for (const [query, field, message] of cases) {
        for (const path of ['/admin/bookings', '/admin/bookings.csv']) {
          const res = await adminGet(t, manager, `${path}?${query}`);
          assert.equal(res.statusCode, 422, `${path}?${query}`);
          const page = parseHtml(res.body);
          assert.equal(page.querySelector(`[data-testid="error-${field}"]`)?.textContent, message, query);
          assert.equal(page.querySelector('[data-testid="bookings"]'), null, 'no results beside the refusal');
        }
      }
      const kept = parseHtml((await adminGet(t, manager, '/admin/bookings?q=Anna&from=gisteren')).body);
      assert.equal(kept.querySelector('#q')?.getAttribute('value'), 'Anna');
      assert.equal(kept.querySelector('#from')?.getAttribute('value'), 'gisteren');
      const page = await adminGet(t, manager, '/admin/bookings?page=twee');
      assert.equal(page.statusCode, 422);
      assert.ok(page.body.includes('Dit paginanummer bestaat niet.'));
    });

    test('the list pages by 50', async () => {
      const busy = await makeActivity(t.database.db, t.clock, { title: { nl: 'Drukte', en: 'Busy' } });
      const slot = await makeSlot(t.database.db, t.clock, busy, { date: '2026-07-01', capacity: 100 });
      for (let i = 0; i < 51; i += 1) await bookNext(t, slot, { groupSize: 1, name: `Gast ${i}` });
      const first = parseHtml((await adminGet(t, admin, `/admin/bookings?activity=${busy.id}`)).body);
      assert.equal(first.querySelectorAll('[data-testid="bookings"] tbody tr').length, 50);
      assert.equal(first.querySelector('[data-testid="result-count"]')?.textContent, '51 boekingen gevonden');
      const next = first.querySelector('a[rel="next"]')?.getAttribute('href');
      assert.equal(next, `/admin/bookings?activity=${busy.id}&page=2`);
      const second = parseHtml((await adminGet(t, admin, next!)).body);
      assert.equal(second.querySelectorAll('[data-testid="bookings"] tbody tr').length, 1);
      const beyond = parseHtml((await adminGet(t, admin, `/admin/bookings?activity=${busy.id}&page=9`)).body);
      assert.equal(beyond.querySelectorAll('[data-testid="bookings"] tbody tr').length, 0);
    });

    test('the detail shows the booking, its organiser and price; a viewer gets no buttons', async () => {
      const res = await adminGet(t, viewer, `/admin/bookings/${anna.booking.id}`);
      assert.equal(res.statusCode, 200);
      const page = parseHtml(res.body);
      assert.equal(page.querySelector('[data-testid="booking-reference"]')?.textContent, anna.booking.reference);
      assert.equal(page.querySelector('[data-testid="booking-status"]')?.textContent, 'Bevestigd');
      assert.equal(page.querySelector('[data-testid="price-total"]')?.textContent, '€\u00a075,00');
      assert.ok(page.querySelector('[data-testid="organiser-details"]')?.textContent.includes('anna@school.nl'));
      assert.equal(page.querySelectorAll('form[action^="/admin/bookings/"]').length, 0, 'a viewer only reads');
      const forManager = parseHtml((await adminGet(t, manager, `/admin/bookings/${anna.booking.id}`)).body);
      assert.deepEqual(
        forManager.querySelectorAll('form[action^="/admin/bookings/"]').map((f) => f.getAttribute('action')),
        [
          `/admin/bookings/${anna.booking.id}/details`,
          `/admin/bookings/${anna.booking.id}/paid`,
          `/admin/bookings/${anna.booking.id}/cancel`,
          `/admin/bookings/${anna.booking.id}/links/manage`,
          `/admin/bookings/${anna.booking.id}/links/participants`,
          `/admin/bookings/${anna.booking.id}/notes`,
        ],
      );
    });

    test('a viewer can read but every POST is refused with 403 and changes nothing', async () => {
      const before = [
        await bookingRow(piet.booking.id),
        await findSlot(t.database.db, canoeToday.id),
        await logEntriesOf(piet.booking.reference),
      ];
      for (const [action, fields] of [
        ['cancel', { confirm: 'yes' }],
        ['paid', {}],
        ['unpaid', {}],
        ['notes', { note: 'Van een kijker' }],
        ['details', { groupSize: '9', name: 'Kijker', email: 'kijker@venue.test', phone: '+31 6 12345678' }],
      ] as const) {
        const res = await adminPost(t, viewer, `/admin/bookings/${piet.booking.id}/${action}`, fields);
        assert.equal(res.statusCode, 403, action);
      }
      const after = [
        await bookingRow(piet.booking.id),
        await findSlot(t.database.db, canoeToday.id),
        await logEntriesOf(piet.booking.reference),
      ];
      assert.deepEqual(after, before);
      assert.deepEqual(await notesOf(piet.booking.id), []);
    });

    test("every booking route with another venue's booking id is not found and changes nothing", async () => {
      const id = anna.booking.id;
      const before = [
        await bookingRow(id),
        await findSlot(t.database.db, canoeToday.id),
        await logEntriesOf(anna.booking.reference),
        await notesOf(id),
      ];
      assert.equal((await adminGet(t, otherManager, `/admin/bookings/${id}`)).statusCode, 404);
      for (const [action, fields] of [
        ['cancel', { confirm: 'yes' }],
        ['cancel', {}],
        ['paid', {}],
        ['unpaid', {}],
        ['notes', { note: 'Van een andere locatie' }],
        ['notes', { note: '' }],
        ['details', { groupSize: '9', name: 'Elders', email: 'elders@venue.test', phone: '+31 6 12345678' }],
        ['details', {}],
      ] as const) {
        const res = await adminPost(t, otherManager, `/admin/bookings/${id}/${action}`, fields);
        assert.equal(res.statusCode, 404, `${action} ${JSON.stringify(fields)}`);
        assert.ok(!res.body.includes(anna.booking.reference));
      }
      const after = [
        await bookingRow(id),
        await findSlot(t.database.db, canoeToday.id),
        await logEntriesOf(anna.booking.reference),
        await notesOf(id),
      ];
      assert.deepEqual(after, before);
      for (const bad of ['no-such-id', 'x'.repeat(100), "'%20or%201=1--"]) {
        assert.equal((await adminGet(t, manager, `/admin/bookings/${bad}`)).statusCode, 404, bad);
        assert.equal((await adminPost(t, manager, `/admin/bookings/${bad}/paid`)).statusCode, 404, bad);
      }
    });

    test('cancelling asks for confirmation, releases exactly the places, and a second cancel changes nothing', async () => {
      const slotBefore = (await findSlot(t.database.db, canoeToday.id))!;
      const unconfirmed = await adminPost(t, staff, `/admin/bookings/${anna.booking.id}/cancel`);
      assert.equal(unconfirmed.statusCode, 422);
      assert.equal(
        parseHtml(unconfirmed.body).querySelector('[data-testid="error-confirm"]')?.textContent,
        'Vink het vakje aan om de annulering te bevestigen.',
      );
      assert.equal((await bookingRow(anna.booking.id)).status, 'confirmed');

      const t0 = t.clock.now().toISOString();
      const cancel = await adminPost(t, staff, `/admin/bookings/${anna.booking.id}/cancel`, { confirm: 'yes' });
      assert.equal(cancel.statusCode, 303);
      assert.equal(cancel.headers.location, `/admin/bookings/${anna.booking.id}?done=cancelled`);
      const row = await bookingRow(anna.booking.id);
      assert.deepEqual([row.status, row.cancelled_at], ['cancelled', t0]);
      const slotAfter = (await findSlot(t.database.db, canoeToday.id))!;
      assert.deepEqual([slotAfter.bookedPersons, slotAfter.bookedGroups], [slotBefore.bookedPersons - 6, slotBefore.bookedGroups - 1]);
      const shown = parseHtml((await adminGet(t, staff, String(cancel.headers.location))).body);
      assert.ok(shown.querySelector('[data-testid="booking-status"]')?.textContent.startsWith('Geannuleerd'));
      assert.ok(shown.querySelector('[data-testid="notice"]'));
      assert.equal(shown.querySelector('[data-testid="cancel-form"]'), null, 'no cancel button on a cancelled booking');

      t.clock.advance(60_000);
      const again = await adminPost(t, manager, `/admin/bookings/${anna.booking.id}/cancel`, { confirm: 'yes' });
      assert.equal(again.statusCode, 303);
      assert.equal(again.headers.location, `/admin/bookings/${anna.booking.id}`);
      assert.deepEqual(await bookingRow(anna.booking.id), row, 'the second cancel changes nothing');
      assert.deepEqual(await findSlot(t.database.db, canoeToday.id), slotAfter);
      const logged = (await logEntriesOf(anna.booking.reference)).filter((e) => e.action === 'booking.cancelled');
      assert.equal(logged.length, 1);
      assert.equal(logged[0]!.venue_id, canoe.venue.id);
      assert.deepEqual(JSON.parse(logged[0]!.detail), { from: 'confirmed', to: 'cancelled', places_released: 6 });

      const list = references((await adminGet(t, manager, '/admin/bookings?status=cancelled')).body);
      assert.deepEqual(list, [anna.booking.reference]);
      const manage = await t.app.inject(`/b/${anna.manageToken}`);
      assert.equal(parseHtml(manage.body).querySelector('[data-testid="booking-status"]')?.textContent, 'Geannuleerd');
      const upcoming = parseHtml((await adminGet(t, manager, '/admin?date=2026-05-31')).body);
      assert.deepEqual(
        upcoming
          .querySelector('[data-testid="upcoming"] tr[data-date="2026-06-01"]')!
          .querySelectorAll('td')
          .map((td) => td.textContent)
          .slice(1),
        ['1', '4'],
        'a cancelled group no longer counts',
      );
    });

    test('marking paid and unpaid records the time and the activity log entry; once is enough', async () => {
      const id = piet.booking.id;
      const paid = await adminPost(t, staff, `/admin/bookings/${id}/paid`);
      assert.equal(paid.statusCode, 303);
      const stamp = t.clock.now().toISOString();
      assert.equal((await bookingRow(id)).paid_at, stamp);
      t.clock.advance(60_000);
      await adminPost(t, staff, `/admin/bookings/${id}/paid`);
      assert.equal((await bookingRow(id)).paid_at, stamp, 'paying twice keeps the first time');
      assert.deepEqual(references((await adminGet(t, manager, '/admin/bookings?paid=paid')).body), [piet.booking.reference]);
      const page = parseHtml((await adminGet(t, manager, `/admin/bookings/${id}`)).body);
      assert.ok(page.querySelector('[data-testid="paid-state"]')?.textContent.startsWith('Betaald'));
      assert.ok(page.querySelector(`form[action="/admin/bookings/${id}/unpaid"]`));

      assert.equal((await adminPost(t, manager, `/admin/bookings/${id}/unpaid`)).statusCode, 303);
      assert.equal((await bookingRow(id)).paid_at, null);
      const actions = (await logEntriesOf(piet.booking.reference)).map((e) => [e.action, e.venue_id]);
      assert.deepEqual(actions, [
        ['booking.paid', canoe.venue.id],
        ['booking.unpaid', canoe.venue.id],
      ]);
    });

    test('internal notes: added with author and time, validated, never shown to the organiser', async () => {
      const id = later.booking.id;
      const empty = await adminPost(t, staff, `/admin/bookings/${id}/notes`, { note: '   ' });
      assert.equal(empty.statusCode, 422);
      assert.equal(parseHtml(empty.body).querySelector('[data-testid="error-note"]')?.textContent, 'Vul dit veld in.');
      const long = 'x'.repeat(2001);
      const tooLong = await adminPost(t, staff, `/admin/bookings/${id}/notes`, { note: long });
      assert.equal(tooLong.statusCode, 422);
      const form = parseHtml(tooLong.body).querySelector('[data-testid="note-form"]')!;
      assert.equal(formFields(form).note, long, 'the input is kept');
      assert.deepEqual(await notesOf(id), []);

      const text = 'Bus komt om 9:45.\nGeheim: korting afgesproken';
      const added = await adminPost(t, staff, `/admin/bookings/${id}/notes`, { note: text });
      assert.equal(added.statusCode, 303);
      const notes = await notesOf(id);
      assert.deepEqual(
        notes.map((n) => [n.body, n.created_at]),
        [[text, t.clock.now().toISOString()]],
      );
      const page = parseHtml((await adminGet(t, viewer, `/admin/bookings/${id}`)).body);
      const shown = page.querySelector('[data-testid="internal-notes"]')!.textContent;
      assert.ok(shown.includes('Geheim: korting afgesproken') && shown.includes(notes[0]!.author_name));
      const manage = await t.app.inject(`/b/${later.manageToken}`);
      assert.equal(manage.statusCode, 200);
      assert.ok(!manage.body.includes('Geheim'), 'the organiser never sees an internal note');
      const logged = (await logEntriesOf(later.booking.reference)).find((e) => e.action === 'booking.note_added');
      assert.ok(logged && !logged.detail.includes('Geheim'), 'the activity log entry names the note, not its text');
      const history = parseHtml((await adminGet(t, manager, `/admin/bookings/${id}`)).body);
      assert.ok(history.querySelector('[data-testid="booking-history"]')?.textContent.includes('interne notitie toegevoegd'));
    });

    test('an admin acts on any venue', async () => {
      const res = await adminPost(t, admin, `/admin/bookings/${other.booking.id}/paid`);
      assert.equal(res.statusCode, 303);
      assert.notEqual((await bookingRow(other.booking.id)).paid_at, null);
      assert.equal((await logEntriesOf(other.booking.reference))[0]?.venue_id, museum.venue.id);
    });

    test('the CSV export: the filtered list for Excel, quoted, formulas neutralised', async () => {
      const hostile = await bookNext(t, canoeLater, {
        name: '=HYPERLINK("http://x.test","klik")',
        email: 'hostile@example.nl',
        organisation: 'Bakker; "De Linde"',
        phone: '+31 6 12345678',
        groupSize: 2,
      });
      const res = await adminGet(t, manager, `/admin/bookings.csv?q=${hostile.booking.reference}`);
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers['content-type'], 'text/csv; charset=utf-8');
      assert.equal(res.headers['content-disposition'], 'attachment; filename="groupz-bookings-2026-06-01.csv"');
      assert.equal(res.headers['cache-control'], 'no-store');
      assert.ok(res.rawPayload.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])), 'UTF-8 with BOM');
      const lines = res.body.replace(/^\uFEFF/, '').split('\r\n');
      assert.deepEqual(lines, [
        'Referentie;Status;Activiteit;Datum;Tijd;Personen;Samenstelling;Contactpersoon;Organisatie;E-mailadres;Telefoon;Totaal (euro);Betaald;Geboekt op',
        `${hostile.booking.reference};Bevestigd;Kanoën;2026-06-03;10:00;2;;"'=HYPERLINK(""http://x.test"",""klik"")";"Bakker; ""De Linde""";hostile@example.nl;'+31 6 12345678;25,00;nee;${DateTime.fromJSDate(hostile.booking.createdAt, { zone: 'Europe/Amsterdam' }).toFormat('yyyy-MM-dd HH:mm')}`,
        '',
      ]);

      const all = await adminGet(t, manager, '/admin/bookings.csv');
      const rows = all.body.split('\r\n').slice(1, -1);
      assert.equal(rows.length, 4, 'every booking of the venue, cancelled included');
      assert.ok(!all.body.includes(other.booking.reference), 'nothing of another venue');
      const cancelled = await adminGet(t, manager, '/admin/bookings.csv?status=cancelled');
      assert.deepEqual(
        cancelled.body
          .split('\r\n')
          .slice(1, -1)
          .map((line) => line.split(';')[0]),
        [anna.booking.reference],
      );
      const english = await t.app.inject({
        url: `/admin/bookings.csv?q=${hostile.booking.reference}`,
        headers: { cookie: `${SESSION_COOKIE}=${manager.cookie}`, 'accept-language': 'en' },
      });
      assert.ok(english.body.includes(';Confirmed;Canoeing;') && english.body.includes(';25.00;no;'));
    });
  });
}
