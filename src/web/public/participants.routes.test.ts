import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { buildTestApp, type TestApp } from '../../../test/app.js';
import { testDialects } from '../../../test/databases.js';
import { book, makeActivity, makeSlot } from '../../../test/factories.js';
import { assertInert, formFields, parseHtml } from '../../../test/html.js';
import { adminGet, adminPost, type Member, postForm } from '../../../test/staff.js';
import { makeTwoVenues, signInMembers } from '../../../test/venues.js';
import type { Slot } from '../../core/availability/slot.js';
import { changeBookingStatus } from '../../core/booking-flows/booking-admin.service.js';
import { issueLink } from '../../core/bookings/booking-links.js';
import type { BookingDetails } from '../../core/bookings/booking.js';
import { type Activity, DEFAULT_ACTIVITY_RULES, type ParticipantField } from '../../core/catalog/activity.js';
import { translator } from '../i18n/i18n.js';
import { addStaff } from '../../core/staff/staff.service.js';

const t_nl = translator('nl');

/** A booking as an organiser makes one, with its manage page and the participant link that page shows. */
interface Booked {
  booking: BookingDetails;
  manage: string;
  /** The participant link's path, `/p/<token>`, as read from the manage page. */
  link: string;
}

/** Every answer the participant surface gives: never a cookie; a page behind a link is never cached. */
function checked(response: LightMyRequestResponse): LightMyRequestResponse {
  assert.equal(response.headers['set-cookie'], undefined, 'a response set a cookie');
  assert.ok(response.statusCode < 500, `status ${response.statusCode}: ${response.body.slice(0, 300)}`);
  if (response.statusCode !== 404) assert.equal(response.headers['cache-control'], 'no-store');
  return response;
}

async function visit(t: TestApp, url: string) {
  return checked(await t.app.inject({ url }));
}

async function send(t: TestApp, url: string, fields: Record<string, string>) {
  return checked(await postForm(t, url, fields));
}

/** A booking, its manage page's path, and the participant link that page shows. */
async function bookWithLinks(t: TestApp, slot: Slot, groupSize: number, overrides: Record<string, unknown> = {}): Promise<Booked> {
  const { booking, manageToken } = await book(t.database.db, t.clock, slot, { groupSize, ...overrides }, t.linkKey);
  const manage = `/b/${manageToken}`;
  const page = await visit(t, manage);
  const link = parseHtml(page.body).querySelector('[data-testid="participant-link"]')?.textContent;
  assert.ok(link, 'the manage page shows the participant link');
  return { booking, manage, link: new URL(link).pathname };
}

function participantsOf(t: TestApp, bookingId: string) {
  return t.database.db.selectFrom('participants').selectAll().where('booking_id', '=', bookingId).orderBy('created_at').execute();
}

function historyOf(t: TestApp, reference: string) {
  return t.database.db.selectFrom('activity_log').selectAll().where('target', '=', reference).orderBy('at').orderBy('action').execute();
}

const text = (body: string, testId: string) => parseHtml(body).querySelector(`[data-testid="${testId}"]`)?.textContent.trim();

for (const dialect of testDialects()) {
  describe(`participants: the link, the list and who sees what (${dialect.name})`, () => {
    let t: TestApp;
    let home: Activity;
    let away: Activity;
    let homeSlot: Slot;
    let manager: Member;
    let otherManager: Member;

    before(async () => {
      t = await buildTestApp(dialect, '2026-06-01T08:00:00Z');
      ({ home, away } = await makeTwoVenues(t));
      homeSlot = await makeSlot(t.database.db, t.clock, home, { capacity: 50 });
      ({ manager, otherManager } = await signInMembers(t, { home, away }, ['manager', 'otherManager']));
    });
    after(() => t.close());

    test('a participant adds themselves; organiser and staff see them, the next participant sees nobody', async () => {
      const { booking, manage, link } = await bookWithLinks(t, homeSlot, 4, {
        organisation: 'Basisschool De Linde',
        name: 'Olga Organiser',
      });
      const first = await visit(t, link);
      assert.equal(first.statusCode, 200);
      const page = parseHtml(first.body);
      // The visit and the group, never the organiser's contact details.
      assert.match(first.body, /Kanoën/);
      assert.equal(text(first.body, 'participant-group'), 'Basisschool De Linde');
      assert.match(text(first.body, 'slot-when') ?? '', /15 jun 2026, 10:00/);
      for (const secret of ['Olga Organiser', 'jan@example.nl', '+31 6 12345678', booking.reference]) {
        assert.ok(!first.body.includes(secret), `the participant page shows ${secret}`);
      }
      const name = page.querySelector('input#name')!;
      assert.deepEqual([name.getAttribute('autocomplete'), name.hasAttribute('required')], ['name', true]);
      assert.match(page.querySelector('label[for="name"]')!.textContent, /Naam \(verplicht\)/);
      assert.equal(page.querySelectorAll('script').length, 0);

      const planted = { name: 'Zsa-Zsa Quibblewick', dietary: 'Oesterloos-dieet-7731' };
      const added = await send(t, link, { ...formFields(page.querySelector('[data-testid="participant-form"]')!), ...planted });
      assert.equal(added.statusCode, 303);
      assert.equal(added.headers.location, `${link}?added=1`);

      // Everything a participant can get from the link afterwards: nothing of anyone else.
      const thanks = await visit(t, `${link}?added=1`);
      assert.ok(text(thanks.body, 'participant-added'));
      assert.ok(parseHtml(thanks.body).querySelector('[data-testid="participant-form"]'), 'the form is there for the next person');
      const refused = await send(t, link, { name: '', dietary: 'x' });
      assert.equal(refused.statusCode, 422);
      for (const body of [added.body, thanks.body, refused.body, (await visit(t, link)).body]) {
        for (const value of Object.values(planted)) assert.ok(!body.includes(value), `a participant's page shows ${value}`);
      }

      const stored = await participantsOf(t, booking.id);
      assert.deepEqual(
        stored.map((p) => [p.name, JSON.parse(p.answers)]),
        [[planted.name, { dietary: planted.dietary }]],
      );

      const organiser = await visit(t, manage);
      assert.equal(text(organiser.body, 'participants-completion'), t_nl('participants.completion', { n: 1, total: 4 }));
      const row = parseHtml(organiser.body).querySelector('[data-testid="participants"] tbody tr')!;
      assert.match(row.textContent, /Zsa-Zsa Quibblewick/);
      assert.match(row.textContent, /Oesterloos-dieet-7731/);

      const staff = await adminGet(t, manager, `/admin/bookings/${booking.id}`);
      assert.equal(staff.statusCode, 200);
      assert.equal(text(staff.body, 'participants-completion'), t_nl('participants.completion', { n: 1, total: 4 }));
      const staffList = parseHtml(staff.body).querySelector('[data-testid="participants"]')!.textContent;
      assert.match(staffList, /Zsa-Zsa Quibblewick/);
      assert.match(staffList, /Oesterloos-dieet-7731/);
      assert.match(parseHtml(staff.body).querySelector('[data-testid="booking-history"]')!.textContent, /Deelnemer aangemeld/);

      // The history says a participant was added and how many there are now, never who or what.
      const added_ = (await historyOf(t, booking.reference)).filter((e) => e.action === 'booking.participant_added');
      assert.deepEqual(
        added_.map((e) => [e.actor_kind, e.actor_id, JSON.parse(e.detail)]),
        [['participant', null, { participants: 1, group_size: 4 }]],
      );

      // Staff of another venue do not see the booking, nor its list.
      const foreign = await adminGet(t, otherManager, `/admin/bookings/${booking.id}`);
      assert.equal(foreign.statusCode, 404);
      assert.ok(!foreign.body.includes(planted.name));
    });

    test('the manage page shows the whole link to copy, and making a new one as the destructive action it is', async () => {
      const { manage, link } = await bookWithLinks(t, homeSlot, 4);
      const page = parseHtml((await visit(t, manage)).body);
      const shown = page.querySelector('[data-testid="participant-link"]')!;
      assert.equal(shown.tagName, 'CODE', 'text that wraps and is selectable without JavaScript');
      assert.equal(new URL(shown.textContent).pathname, link);
      const copy = page.querySelector('button[data-copy]')!;
      assert.equal(copy.getAttribute('data-copy'), shown.id, 'the copy button names the link');
      assert.ok(copy.hasAttribute('hidden'), 'without JavaScript there is no button that does nothing');
      assert.deepEqual([copy.textContent, copy.getAttribute('data-copied')], ['Kopiëren', 'Gekopieerd']);
      const script = page.querySelector('script[src]')!.getAttribute('src')!;
      assert.match(script, /^\/assets\/copy-link\.[0-9a-f]{12}\.js$/);
      const served = await t.app.inject(script);
      assert.equal(served.statusCode, 200);
      assert.match(String(served.headers['content-type']), /^text\/javascript/);
      assert.match(served.body, /navigator\.clipboard\.writeText/);
      const reissue = page.querySelector('[data-testid="participant-link-reissue"] button')!;
      assert.equal(reissue.getAttribute('class'), 'button-danger');
      assert.equal(reissue.textContent.trim(), 'Nieuwe link maken, oude link stopt');
      assert.match(page.querySelector(`#${reissue.getAttribute('aria-describedby')}`)!.textContent, /meteen onbruikbaar/);
    });

    test('only the fields the activity asks are shown and stored', async () => {
      const rules = { ...DEFAULT_ACTIVITY_RULES, participantFields: ['allergies', 'emergency_phone'] as ParticipantField[] };
      const asking = await makeActivity(t.database.db, t.clock, { venueId: home.venue.id }, rules);
      const { booking, manage, link } = await bookWithLinks(t, await makeSlot(t.database.db, t.clock, asking), 3);
      const page = parseHtml((await visit(t, link)).body);
      const form = page.querySelector('[data-testid="participant-form"]')!;
      assert.deepEqual(
        form.querySelectorAll('input, textarea').map((el) => el.getAttribute('name')),
        ['name', 'allergies', 'emergency_phone'],
      );
      const phone = form.querySelector('input#emergency_phone')!;
      assert.deepEqual([phone.getAttribute('type'), phone.getAttribute('autocomplete')], ['tel', 'off']);
      assert.ok(!page.querySelector('label[for="allergies"]')!.hasAttribute('required'));
      // Health data is asked for: what filling it in agrees to is said first, with the statement's link.
      const consent = form.querySelector('[data-testid="participant-health-consent"]');
      assert.match(consent?.textContent ?? '', /gezondheidsgegevens\. Vul ze alleen in als u dat wilt/);
      assert.equal(consent?.querySelector('a')?.getAttribute('href'), '/privacy');

      const sent = { name: 'Piet', dietary: 'not asked', allergies: 'pinda’s', emergency_phone: '06 11223344 (moeder)' };
      assert.equal((await send(t, link, sent)).statusCode, 303);
      const [stored] = await participantsOf(t, booking.id);
      assert.deepEqual(JSON.parse(stored!.answers), { allergies: 'pinda’s', emergency_phone: '06 11223344 (moeder)' });

      const headers = parseHtml((await visit(t, manage)).body)
        .querySelectorAll('[data-testid="participants"] thead th')
        .map((th) => th.textContent);
      assert.deepEqual(headers, ['Naam', 'Allergieën', 'Telefoonnummer voor noodgevallen']);

      const nameOnly = await makeActivity(t.database.db, t.clock, { venueId: home.venue.id }, { ...rules, participantFields: [] });
      const second = await bookWithLinks(t, await makeSlot(t.database.db, t.clock, nameOnly), 2);
      const onlyName = parseHtml((await visit(t, second.link)).body).querySelector('[data-testid="participant-form"]')!;
      assert.deepEqual(
        onlyName.querySelectorAll('input, textarea').map((el) => el.getAttribute('name')),
        ['name'],
      );
      assert.equal(onlyName.querySelector('[data-testid="participant-health-consent"]'), null, 'no health data, no note');
      assert.equal((await send(t, second.link, { name: 'Kees', dietary: 'x', allergies: 'y' })).statusCode, 303);
      const [nameOnlyStored] = await participantsOf(t, second.booking.id);
      assert.deepEqual(JSON.parse(nameOnlyStored!.answers), {});
    });

    test('refused input comes back as typed, with messages linked to the fields; never a 500', async () => {
      const { booking, link, manage } = await bookWithLinks(t, homeSlot, 10);
      const cases: [Record<string, string>, string, string][] = [
        [{ name: '   ', dietary: 'vegan' }, 'name', 'field.required'],
        [{ name: 'x'.repeat(101), dietary: 'vegan' }, 'name', 'field.too_long'],
        [{ name: 'Bell\u0007Name', dietary: 'vegan' }, 'name', 'field.invalid_characters'],
        [{ name: 'Two\nLines', dietary: 'vegan' }, 'name', 'field.invalid_characters'],
        [{ name: 'Anna', dietary: 'y'.repeat(501) }, 'dietary', 'field.too_long'],
        [{ name: 'Anna', dietary: 'nul\u0000byte' }, 'dietary', 'field.invalid_characters'],
      ];
      for (const [fields, field, message] of cases) {
        const res = await send(t, link, fields);
        assert.equal(res.statusCode, 422, JSON.stringify(fields));
        const page = parseHtml(res.body);
        const control = page.querySelector(`#${field}`)!;
        assert.equal(control.getAttribute('aria-invalid'), 'true');
        assert.match(control.getAttribute('aria-describedby') ?? '', new RegExp(`${field}-error`));
        assert.equal(text(res.body, `error-${field}`), t_nl(message as 'field.required'));
        assert.ok(page.querySelector(`[data-testid="form-errors"] a[href="#${field}"]`));
        // The input as typed (trimmed by the browser's parser only where the page echoes it).
        const kept = field === 'name' ? page.querySelector('#dietary')!.textContent : page.querySelector('#name')!.getAttribute('value');
        assert.equal(kept, field === 'name' ? 'vegan' : 'Anna');
      }
      assert.deepEqual(await participantsOf(t, booking.id), []);

      // Odd bodies: no fields at all, JSON instead of a form.
      assert.equal((await send(t, link, {})).statusCode, 422);
      const json = checked(await t.app.inject({ method: 'POST', url: link, payload: { name: { first: 'Anna' } } }));
      assert.equal(json.statusCode, 422);

      // Boundaries that are accepted: 100 characters of name, line breaks in dietary needs.
      assert.equal((await send(t, link, { name: 'n'.repeat(100), dietary: 'geen vis\ngeen vlees' })).statusCode, 303);

      // A script in every field is stored as text and shown as text.
      const payload = '<script>alert("xss-7d1")</script><img src=x onerror=alert(1)>';
      assert.equal((await send(t, link, { name: `Eve ${payload}`, dietary: payload })).statusCode, 303);
      const echoed = await send(t, link, { name: payload, dietary: 'z'.repeat(501) });
      assert.equal(echoed.statusCode, 422);
      assertInert(echoed.body, payload);
      assertInert((await visit(t, manage)).body, payload);
      // The back office's page has its own session script; what the participants wrote runs nowhere.
      const staff = (await adminGet(t, manager, `/admin/bookings/${booking.id}`)).body;
      assert.ok(!staff.includes(payload));
      assertInert(parseHtml(staff).querySelector('[data-testid="participants-section"]')!.toString(), payload);
    });

    test('a wrong, malformed or re-issued token is a plain 404; links of one purpose or booking open nothing else', async () => {
      const a = await bookWithLinks(t, homeSlot, 5, { organisation: 'Groep A' });
      const b = await bookWithLinks(t, homeSlot, 5, { organisation: 'Groep B' });
      const unknown = await visit(t, '/nowhere');
      const message = text(unknown.body, 'error-message');
      const manageToken = a.manage.slice('/b/'.length);
      const participantToken = a.link.slice('/p/'.length);
      const wrong = [
        `/p/${randomBytes(32).toString('base64url')}`,
        '/p/not%20a%20token',
        `/p/${participantToken.slice(0, -2)}`,
        `/p/${participantToken.toUpperCase()}`,
        '/p/%00',
        `/p/${manageToken}`,
        `/b/${participantToken}`,
        `/p/${issueLink(t.linkKey, 'participants', a.booking.id, 1).token}`,
      ];
      for (const url of wrong) {
        const res = await visit(t, url);
        assert.equal(res.statusCode, 404, url);
        assert.equal(text(res.body, 'error-message'), message, url);
        assert.ok(!res.body.includes('Groep A') && !res.body.includes('Kanoën'), url);
        const posted = await send(t, url, { name: 'Mallory' });
        // /b/<token> takes no post whatever the token: 405, which says nothing about the token.
        assert.equal(posted.statusCode, url.startsWith('/b/') ? 405 : 404, url);
      }
      // A manage token does not remove from or re-issue through a participant link, nor the reverse.
      assert.equal((await send(t, `/b/${participantToken}/participants/new-link`, {})).statusCode, 404);
      assert.equal((await send(t, `/p/${manageToken}/participants/new-link`, {})).statusCode, 404);

      // Booking A's link adds to A only.
      assert.equal((await send(t, a.link, { name: 'Alleen A' })).statusCode, 303);
      assert.equal((await participantsOf(t, a.booking.id)).length, 1);
      assert.equal((await participantsOf(t, b.booking.id)).length, 0);
      // B's organiser cannot remove A's participant.
      const [ofA] = await participantsOf(t, a.booking.id);
      assert.equal((await send(t, `${b.manage}/participants/remove`, { participant: ofA!.id })).statusCode, 303);
      assert.equal((await participantsOf(t, a.booking.id)).length, 1);

      // Re-issuing ends the old link at once; the manage page shows the new one.
      const reissued = await send(t, `${a.manage}/participants/new-link`, {});
      assert.equal(reissued.statusCode, 303);
      assert.equal(reissued.headers.location, `${a.manage}?participants=new_link#participants`);
      assert.equal((await visit(t, a.link)).statusCode, 404);
      assert.equal((await send(t, a.link, { name: 'Te laat' })).statusCode, 404);
      const manage = await visit(t, `${a.manage}?participants=new_link`);
      assert.equal(text(manage.body, 'participants-notice'), t_nl('participants.done_new_link'));
      const fresh = new URL(parseHtml(manage.body).querySelector('[data-testid="participant-link"]')!.textContent).pathname;
      assert.notEqual(fresh, a.link);
      assert.equal((await visit(t, fresh)).statusCode, 200);
      assert.equal((await send(t, fresh, { name: 'Op tijd' })).statusCode, 303);
      assert.equal((await participantsOf(t, a.booking.id)).length, 2);
    });

    test('the organiser removes a participant and re-issues the link; the history says so without names', async () => {
      const { booking, manage, link } = await bookWithLinks(t, homeSlot, 3);
      for (const name of ['Lotte Verwijderbaar', 'Sem Blijft']) {
        t.clock.advance(1000);
        assert.equal((await send(t, link, { name, dietary: `dieet van ${name}` })).statusCode, 303);
      }
      t.clock.advance(1000);
      const page = parseHtml((await visit(t, manage)).body);
      const lotte = page
        .querySelectorAll('[data-testid="participants"] tbody tr')
        .find((tr) => tr.textContent.includes('Lotte Verwijderbaar'))!
        .querySelector('form')!;
      assert.equal(lotte.querySelector('button')!.textContent, t_nl('participants.remove', { name: 'Lotte Verwijderbaar' }));
      const removed = await send(t, lotte.getAttribute('action')!, formFields(lotte));
      assert.equal(removed.statusCode, 303);
      assert.equal(removed.headers.location, `${manage}?participants=removed#participants`);
      assert.deepEqual(
        (await participantsOf(t, booking.id)).map((p) => p.name),
        ['Sem Blijft'],
      );
      // Any other value names no notice (an inherited property name neither).
      for (const other of ['constructor', 'toString', 'nonsense']) {
        const res = await visit(t, `${manage}?participants=${other}`);
        assert.equal(res.statusCode, 200);
        assert.equal(text(res.body, 'participants-notice'), undefined);
      }
      const after = await visit(t, `${manage}?participants=removed`);
      assert.equal(text(after.body, 'participants-notice'), t_nl('participants.done_removed'));
      assert.equal(text(after.body, 'participants-completion'), t_nl('participants.completion', { n: 1, total: 3 }));
      assert.ok(!after.body.includes('Lotte Verwijderbaar'));
      // Removing again (a second click) changes nothing and says nothing.
      assert.equal((await send(t, lotte.getAttribute('action')!, formFields(lotte))).headers.location, `${manage}#participants`);

      t.clock.advance(1000);
      const reissue = page.querySelector('[data-testid="participant-link-reissue"]')!;
      assert.equal((await send(t, reissue.getAttribute('action')!, formFields(reissue))).statusCode, 303);

      const history = (await historyOf(t, booking.reference)).filter((e) => e.action !== 'booking.created');
      assert.deepEqual(
        history.map((e) => [e.action, e.actor_kind, JSON.parse(e.detail)]),
        [
          ['booking.participant_added', 'participant', { participants: 1, group_size: 3 }],
          ['booking.participant_added', 'participant', { participants: 2, group_size: 3 }],
          ['booking.participant_removed', 'organiser', { participants: 1 }],
          ['booking.participant_link_reissued', 'organiser', { version: 1 }],
        ],
      );
      for (const entry of history) assert.ok(!/Lotte|Sem|dieet/.test(JSON.stringify(entry)), JSON.stringify(entry));

      const staff = await adminGet(t, manager, `/admin/bookings/${booking.id}`);
      const logged = parseHtml(staff.body).querySelector('[data-testid="booking-history"]')!.textContent;
      for (const label of [
        'activity_log.action.booking.participant_removed',
        'activity_log.action.booking.participant_link_reissued',
        'activity_log.actor.organiser',
        'activity_log.actor.participant',
      ] as const) {
        assert.ok(logged.includes(t_nl(label)), label);
      }
    });

    test('staff see the list and completion without remove buttons; cancelling closes the list', async () => {
      const { booking, link } = await bookWithLinks(t, homeSlot, 2);
      assert.equal((await send(t, link, { name: 'Ingrid', dietary: '' })).statusCode, 303);
      // (`?done=` with an inherited property name once made this page a 500.)
      const staff = await adminGet(t, manager, `/admin/bookings/${booking.id}?done=constructor`);
      assert.equal(staff.statusCode, 200);
      const section = parseHtml(staff.body).querySelector('[data-testid="participants-section"]')!;
      assert.equal(section.querySelectorAll('form').length, 0);
      assert.match(section.querySelector('tbody')!.textContent, /Ingrid\s*—/);
      // The back-office post to cancel still works beside the section (and closes the list).
      assert.equal((await adminPost(t, manager, `/admin/bookings/${booking.id}/cancel`, { confirm: 'yes' })).statusCode, 303);
      assert.equal(text((await visit(t, link)).body, 'participants-refusal'), t_nl('error.participants_closed'));
    });
  });

  describe(`participants: when the list closes and fills up (${dialect.name})`, () => {
    let t: TestApp;
    let activity: Activity;
    let slot: Slot;

    before(async () => {
      // The slot starts 2026-06-01 at 14:00 in Amsterdam (12:00 UTC); its activity closes an hour before.
      t = await buildTestApp(dialect, '2026-06-01T08:00:00Z');
      activity = await makeActivity(t.database.db, t.clock, { bookingCutoffMinutes: 60 });
      slot = await makeSlot(t.database.db, t.clock, activity, { date: '2026-06-01', time: '14:00', capacity: 200 });
    });
    after(() => t.close());

    test('a full list refuses the next participant with the message; concurrent adds never exceed the group', async () => {
      const small = await bookWithLinks(t, slot, 2);
      for (const name of ['Een', 'Twee']) assert.equal((await send(t, small.link, { name })).statusCode, 303);
      const full = await send(t, small.link, { name: 'Drie' });
      assert.equal(full.statusCode, 409);
      assert.equal(text(full.body, 'participants-refusal'), t_nl('error.participants_full'));
      assert.equal(parseHtml(full.body).querySelector('form[data-testid="participant-form"]'), null);
      assert.equal((await participantsOf(t, small.booking.id)).length, 2);
      const page = await visit(t, small.link);
      assert.equal(page.statusCode, 200);
      assert.equal(text(page.body, 'participants-refusal'), t_nl('error.participants_full'));
      assert.equal(
        text((await visit(t, small.manage)).body, 'participants-completion'),
        t_nl('participants.completion', { n: 2, total: 2 }),
      );

      const group = await bookWithLinks(t, slot, 6);
      for (const name of ['Al', 'Bo']) assert.equal((await send(t, group.link, { name })).statusCode, 303);
      const rush = await Promise.all(Array.from({ length: 16 }, (_, i) => send(t, group.link, { name: `Snel ${i}` })));
      const statuses = rush.map((r) => r.statusCode);
      assert.equal(statuses.filter((s) => s === 303).length, 4, statuses.join(','));
      assert.equal(statuses.filter((s) => s === 409).length, 12, statuses.join(','));
      assert.equal((await participantsOf(t, group.booking.id)).length, 6);
      const added = (await historyOf(t, group.booking.reference)).filter((e) => e.action === 'booking.participant_added');
      assert.deepEqual(added.map((e) => (JSON.parse(e.detail) as { participants: number }).participants).sort(), [1, 2, 3, 4, 5, 6]);
    });

    test('the list closes at the cut-off exactly, and when the booking is cancelled', async () => {
      const open = await bookWithLinks(t, slot, 10);
      t.clock.set('2026-06-01T10:59:59.999Z');
      assert.equal((await send(t, open.link, { name: 'Net op tijd' })).statusCode, 303);
      t.clock.set('2026-06-01T11:00:00.000Z');
      const late = await send(t, open.link, { name: 'Te laat', dietary: 'x' });
      assert.equal(late.statusCode, 409);
      assert.equal(text(late.body, 'participants-refusal'), t_nl('error.participants_closed'));
      assert.deepEqual(
        (await participantsOf(t, open.booking.id)).map((p) => p.name),
        ['Net op tijd'],
      );
      const page = await visit(t, open.link);
      assert.equal(page.statusCode, 200);
      assert.equal(parseHtml(page.body).querySelector('form[data-testid="participant-form"]'), null);
      assert.equal(text(page.body, 'participants-refusal'), t_nl('error.participants_closed'));
      // The organiser sees the list closed, without remove buttons, and cannot remove any more.
      const manage = parseHtml((await visit(t, open.manage)).body);
      assert.equal(manage.querySelector('[data-testid="participants-state"]')!.textContent, t_nl('participants.closed_note'));
      assert.equal(manage.querySelectorAll('[data-testid="participants"] form').length, 0);
      const [only] = await participantsOf(t, open.booking.id);
      const removal = await send(t, `${open.manage}/participants/remove`, { participant: only!.id });
      assert.equal(removal.statusCode, 409);
      assert.match(removal.body, new RegExp(t_nl('error.participants_closed').slice(0, 30)));
      assert.equal((await participantsOf(t, open.booking.id)).length, 1);

      // A booking awaiting its payment: the list opens once it is paid, it is not closed for good.
      t.clock.set('2026-06-01T08:00:00Z');
      const unpaid = await bookWithLinks(t, slot, 10);
      await t.database.db.updateTable('bookings').set({ status: 'awaiting_payment' }).where('id', '=', unpaid.booking.id).execute();
      assert.equal(text((await visit(t, unpaid.link)).body, 'participants-refusal'), t_nl('participants.opens_when_paid'));
      assert.equal(text((await visit(t, unpaid.manage)).body, 'participants-state'), t_nl('participants.opens_when_paid'));

      // A cancelled booking's list is closed, long before the cut-off.
      t.clock.set('2026-06-01T08:00:00Z');
      const cancelled = await bookWithLinks(t, slot, 10);
      const { member } = await addStaff(t.database.db, t.clock, { email: 'balie@venue.test', name: 'Balie', role: 'admin' }, null);
      assert.ok(await changeBookingStatus(t.database.db, t.clock, { member, client: null }, cancelled.booking.id, 'cancel'));
      const refused = await send(t, cancelled.link, { name: 'Toch nog' });
      assert.equal(refused.statusCode, 409);
      assert.equal(text(refused.body, 'participants-refusal'), t_nl('error.participants_closed'));
      assert.deepEqual(await participantsOf(t, cancelled.booking.id), []);
    });
  });
}
