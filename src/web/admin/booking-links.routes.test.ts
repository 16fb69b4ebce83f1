import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, type TestApp } from '../../../test/app.js';
import { testDialects } from '../../../test/databases.js';
import { book, bookingRequest, makeSlot } from '../../../test/factories.js';
import { parseHtml } from '../../../test/html.js';
import { adminGet, adminPost, type Member, postForm } from '../../../test/staff.js';
import { makeTwoVenues, signInMembers } from '../../../test/venues.js';
import { issueLink } from '../../core/bookings/booking-links.js';
import { type CreatedBooking } from '../../core/booking-flows/booking.service.js';
import { hashToken, newToken } from '../../core/shared/ids.js';

for (const dialect of testDialects()) {
  describe(`staff revoke and re-issue a booking's links (${dialect.name})`, () => {
    let t: TestApp;
    let members: Record<'manager' | 'staff' | 'viewer' | 'otherManager' | 'admin', Member>;
    let booked: CreatedBooking;

    before(async () => {
      t = await buildTestApp(dialect, '2026-06-01T08:00:00Z');
      const venues = await makeTwoVenues(t);
      const slot = await makeSlot(t.database.db, t.clock, venues.home, { date: '2026-06-20', capacity: 30 });
      booked = await book(t.database.db, t.clock, slot, { email: 'organisator@school.nl', groupSize: 5 }, t.linkKey);
      members = await signInMembers(t, venues);
    });
    after(() => t.close());

    const id = () => booked.booking.id;
    const row = () => t.database.db.selectFrom('bookings').selectAll().where('id', '=', id()).executeTakeFirstOrThrow();
    const linkMails = () =>
      t.database.db.selectFrom('mail_outbox').selectAll().where('booking_id', '=', id()).where('kind', '=', 'manage_link').execute();
    const staffHistory = () =>
      t.database.db
        .selectFrom('activity_log')
        .selectAll()
        .where('target', '=', booked.booking.reference)
        .where('actor_kind', '=', 'staff')
        .orderBy('at')
        .execute();
    const state = async () => [await row(), await linkMails(), await staffHistory()];
    const manageLinkOf = (bookingId: string, version: number) => `/b/${issueLink(t.linkKey, 'manage', bookingId, version).token}`;
    const manageLink = (version: number) => manageLinkOf(id(), version);

    test("re-issuing the organiser's link ends the old one, mails the new one and records it without the token", async () => {
      const old = manageLink(0);
      assert.equal(old, `/b/${booked.manageToken}`);
      assert.equal((await t.app.inject(old)).statusCode, 200);
      const panel = parseHtml((await adminGet(t, members.manager, `/admin/bookings/${id()}`)).body).querySelector(
        '[data-testid="booking-links"]',
      );
      assert.ok(panel?.textContent.includes('organisator@school.nl'), 'says where the new link goes');

      const res = await adminPost(t, members.manager, `/admin/bookings/${id()}/links/manage`);
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, `/admin/bookings/${id()}?done=manage_link`);
      const shown = parseHtml((await adminGet(t, members.manager, String(res.headers.location))).body);
      assert.equal(
        shown.querySelector('[data-testid="notice"]')?.textContent,
        'De oude link van de contactpersoon werkt niet meer; de nieuwe is naar de contactpersoon gemaild.',
      );

      assert.equal((await t.app.inject(old)).statusCode, 404, 'the old link is dead');
      const fresh = await t.app.inject(manageLink(1));
      assert.equal(fresh.statusCode, 200, 'the new link (version 1) opens the booking');
      assert.equal(parseHtml(fresh.body).querySelector('[data-testid="booking-reference"]')?.textContent, booked.booking.reference);
      const stored = await row();
      assert.equal(stored.manage_link_version, 1);
      assert.equal(stored.manage_token_hash, hashToken(issueLink(t.linkKey, 'manage', id(), 1).token));

      const mails = await linkMails();
      assert.deepEqual(
        mails.map((m) => [m.recipient, m.language, m.status]),
        [['organisator@school.nl', 'nl', 'pending']],
      );
      const [entry, ...more] = await staffHistory();
      assert.equal(more.length, 0);
      assert.equal(entry!.action, 'booking.manage_link_reissued');
      assert.equal(entry!.actor_email, members.manager.email);
      assert.deepEqual(JSON.parse(entry!.detail), { version: 1 });
      const everything = JSON.stringify([entry, mails]);
      for (const secret of [booked.manageToken, manageLink(1).slice(3), stored.manage_token_hash]) {
        assert.ok(!everything.includes(secret), 'neither token nor hash in the history or the outbox');
      }
      const historyRow = shown
        .querySelectorAll('[data-testid="booking-history"] tbody tr')
        .map((tr) => tr.querySelectorAll('td').map((td) => td.textContent))[0]!;
      assert.deepEqual(historyRow.slice(1), [members.manager.email, 'link van de contactpersoon ingetrokken en opnieuw uitgegeven']);
    });

    test('re-issuing the participant link ends the old one, without a mail', async () => {
      const before = await row();
      const mailsBefore = await linkMails();
      const res = await adminPost(t, members.staff, `/admin/bookings/${id()}/links/participants`);
      assert.equal(res.headers.location, `/admin/bookings/${id()}?done=participant_link`);
      const stored = await row();
      assert.equal(stored.participant_link_version, before.participant_link_version + 1);
      assert.equal(stored.participant_token_hash, hashToken(issueLink(t.linkKey, 'participants', id(), 1).token));
      assert.notEqual(stored.participant_token_hash, before.participant_token_hash);
      assert.equal(stored.manage_token_hash, before.manage_token_hash, 'the manage link stays');
      assert.deepEqual(await linkMails(), mailsBefore, 'no mail');
      const entry = (await staffHistory()).at(-1)!;
      assert.deepEqual(
        [entry.action, entry.actor_email, JSON.parse(entry.detail)],
        ['booking.participant_link_reissued', members.staff.email, { version: 1 }],
      );
      assert.equal((await t.app.inject(`/b/${issueLink(t.linkKey, 'participants', id(), 1).token}`)).statusCode, 404);
    });

    test("another venue's staff get 404, a viewer 403, a post without the form token 403; nothing changes", async () => {
      const before = await state();
      for (const purpose of ['manage', 'participants']) {
        const url = `/admin/bookings/${id()}/links/${purpose}`;
        const foreign = await adminPost(t, members.otherManager, url);
        assert.equal(foreign.statusCode, 404, purpose);
        assert.ok(!foreign.body.includes(booked.booking.reference));
        assert.equal((await adminPost(t, members.viewer, url)).statusCode, 403, purpose);
        assert.equal((await postForm(t, url, {}, members.manager.cookie)).statusCode, 403, 'no CSRF token');
        assert.equal((await adminPost(t, members.manager, `/admin/bookings/no-such-booking/links/${purpose}`)).statusCode, 404);
      }
      assert.deepEqual(await state(), before);
      const forViewer = parseHtml((await adminGet(t, members.viewer, `/admin/bookings/${id()}`)).body);
      assert.equal(forViewer.querySelector('[data-testid="booking-links"]'), null, 'a viewer sees no buttons');

      const byAdmin = await adminPost(t, members.admin, `/admin/bookings/${id()}/links/manage`);
      assert.equal(byAdmin.headers.location, `/admin/bookings/${id()}?done=manage_link`, 'an admin may, for any venue');
      assert.equal((await row()).manage_link_version, 2);
      assert.equal((await t.app.inject(manageLink(2))).statusCode, 200);
      assert.equal((await t.app.inject(manageLink(1))).statusCode, 404);
    });

    test('a submission key sent again after a re-issue gets the reference and status only, never a link that opens the booking', async () => {
      const submissionKey = newToken();
      const slotId = booked.booking.slot.id;
      const request = bookingRequest(slotId, { email: 'secretaris@school.nl', groupSize: 2, submissionKey });
      const post = () => t.app.inject({ method: 'POST', url: '/api/v1/bookings', payload: request });
      const first = await post();
      assert.equal(first.statusCode, 201);
      const { reference, manageUrl } = first.json() as { reference: string; manageUrl: string };
      const placed = await t.database.db.selectFrom('bookings').select('id').where('reference', '=', reference).executeTakeFirstOrThrow();
      assert.equal((await adminPost(t, members.manager, `/admin/bookings/${placed.id}/links/manage`)).statusCode, 303);
      assert.equal((await t.app.inject(new URL(manageUrl).pathname)).statusCode, 404, 'the first link is revoked');

      const { name, email, phone, organisation } = request as Record<'name' | 'email' | 'phone' | 'organisation', string>;
      const form = await postForm(t, `/book/${slotId}`, {
        ...{ name, email, phone, organisation, notes: '', groupSize: '2', acceptTerms: 'yes' },
        submissionKey,
        action: 'confirm',
      });
      const replay = await post();
      assert.equal(replay.statusCode, 200);
      assert.deepEqual(replay.json(), { reference, status: 'confirmed' });
      assert.equal(form.statusCode, 200, 'the form shows the booking received before, no redirect to its page');
      assert.ok(parseHtml(form.body).querySelector('[data-testid="submission-replayed"]')?.textContent.includes(reference));
      for (const body of [replay.body, form.body]) {
        const links = body.match(/\/[bp]\/[A-Za-z0-9_-]{20,}/g) ?? [];
        for (const link of links) assert.equal((await t.app.inject(link)).statusCode, 404, `${link} opens nothing`);
        assert.deepEqual(links, [], 'no private link at all');
      }
      assert.equal((await t.app.inject(manageLinkOf(placed.id, 1))).statusCode, 200, 'the re-issued link, mailed to the organiser, works');
      const count = await t.database.db.selectFrom('bookings').select('id').where('organiser_email', '=', 'secretaris@school.nl').execute();
      assert.equal(count.length, 1, 'one booking placed');
    });

    test('a cancelled booking offers no re-issue, and a forced post issues and mails nothing', async () => {
      assert.equal((await adminPost(t, members.manager, `/admin/bookings/${id()}/cancel`, { confirm: 'yes' })).statusCode, 303);
      assert.equal((await row()).status, 'cancelled');
      const page = parseHtml((await adminGet(t, members.manager, `/admin/bookings/${id()}`)).body);
      assert.equal(page.querySelector('[data-testid="booking-links"]'), null);
      const before = await state();
      for (const purpose of ['manage', 'participants']) {
        const res = await adminPost(t, members.manager, `/admin/bookings/${id()}/links/${purpose}`);
        assert.equal(res.headers.location, `/admin/bookings/${id()}`, 'no notice: nothing was done');
      }
      assert.deepEqual(await state(), before);
    });
  });
}
