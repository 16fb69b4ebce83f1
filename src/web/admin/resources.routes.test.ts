import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, type TestApp } from '../../../test/app.js';
import { testDialects } from '../../../test/databases.js';
import { book, makeSlot } from '../../../test/factories.js';
import { parseHtml, tableHeaderProblems } from '../../../test/html.js';
import { assertSecurityHeaders } from '../../../test/security-headers.js';
import { adminGet, adminPost, type Member } from '../../../test/staff.js';
import { makeTwoVenues, signInMembers } from '../../../test/venues.js';
import type { Activity } from '../../core/catalog/activity.js';

const BOAT = { name: 'Fluisterboot', kind: 'units', capacity: '2' };

for (const dialect of testDialects()) {
  describe(`resources in the back office (${dialect.name})`, () => {
    let t: TestApp;
    let home: Activity;
    let away: Activity;
    let manager: Member;
    let staff: Member;
    let viewer: Member;
    let otherManager: Member;
    let admin: Member;

    before(async () => {
      t = await buildTestApp(dialect, '2026-06-01T08:00:00Z');
      ({ home, away } = await makeTwoVenues(t));
      ({ manager, staff, viewer, otherManager, admin } = await signInMembers(t, { home, away }));
    });
    after(() => t.close());

    const page = (body: string) => parseHtml(body);
    const text = (body: string, testid: string) => page(body).querySelector(`[data-testid="${testid}"]`)?.textContent.trim() ?? '';
    const resourceRow = (name: string) => t.database.db.selectFrom('resources').selectAll().where('name', '=', name).executeTakeFirst();
    const linksOf = (resourceId: string) =>
      t.database.db.selectFrom('activity_resources').selectAll().where('resource_id', '=', resourceId).execute();
    /** A resource made through the form, by `who` (an admin names the venue); its id. */
    async function makeResource(who: Member, fields: Record<string, string>): Promise<string> {
      const made = await adminPost(t, who, '/admin/resources', fields);
      assert.equal(made.statusCode, 303, made.body.slice(0, 400));
      return String(made.headers.location).split('/')[3]!.split('?')[0]!;
    }

    test('a manager adds a resource; it is listed with its kind, hours and activities, and logged', async () => {
      const empty = await adminGet(t, manager, '/admin/resources');
      assert.equal(empty.statusCode, 200);
      assert.equal(text(empty.body, 'resources-none'), 'Er zijn nog geen middelen.');
      assert.match(text(empty.body, 'resource-form'), /Eenheden: elke groep neemt voor haar tijd één eenheid/);
      assert.equal(page(empty.body).querySelector('select[name="venueId"]'), null, 'a manager has one venue to add to');
      const id = await makeResource(manager, BOAT);
      const row = await resourceRow('Fluisterboot');
      assert.deepEqual([row?.id, row?.venue_id, row?.kind, row?.capacity], [id, home.venue.id, 'units', 2]);
      const detail = await adminGet(t, manager, `/admin/resources/${id}?saved=1`);
      assert.equal(text(detail.body, 'saved'), 'De wijziging is opgeslagen.');
      const list = page((await adminGet(t, manager, '/admin/resources')).body);
      const listed = list.querySelector(`[data-testid="resource-list"] tr[data-resource="${id}"]`);
      assert.match(listed?.textContent ?? '', /Fluisterboot.*Eenheden \(één per groep\).*2.*Altijd open.*geen activiteit/s);
      assert.equal(listed?.querySelector('[data-testid="resource-venue"]'), null);
      const logged = await t.database.db
        .selectFrom('activity_log')
        .select(['action', 'target'])
        .where('action', '=', 'resource.created')
        .execute();
      assert.deepEqual(logged, [{ action: 'resource.created', target: 'Fluisterboot' }]);
      const log = await adminGet(t, manager, '/admin/activity');
      assert.match(log.body, /middel toegevoegd/);
    });

    test('a refused new resource comes back as typed, with a translated message per field', async () => {
      const refused = await adminPost(t, manager, '/admin/resources', { name: '', kind: 'boats', capacity: 'veel' });
      assert.equal(refused.statusCode, 422);
      assert.equal(text(refused.body, 'error-name'), 'Vul dit veld in.');
      assert.ok(text(refused.body, 'error-kind'));
      assert.ok(text(refused.body, 'error-capacity'));
      assert.equal(page(refused.body).querySelector('#capacity')?.getAttribute('value'), 'veel');
    });

    test('an admin picks the venue; the list names each venue to an admin only', async () => {
      const form = page((await adminGet(t, admin, '/admin/resources')).body);
      assert.ok(form.querySelector(`select[name="venueId"] option[value="${away.venue.id}"]`));
      const refused = await adminPost(t, admin, '/admin/resources', { ...BOAT, name: 'Zaal' });
      assert.equal(refused.statusCode, 422);
      assert.equal(text(refused.body, 'error-venueId'), 'Vul dit veld in.');
      const id = await makeResource(admin, { ...BOAT, name: 'Zaal', venueId: away.venue.id });
      assert.equal((await resourceRow('Zaal'))?.venue_id, away.venue.id);
      const listed = page((await adminGet(t, admin, '/admin/resources')).body).querySelector(
        `tr[data-resource="${id}"] [data-testid="resource-venue"]`,
      );
      assert.equal(listed?.textContent, away.venue.name);
      const names = (body: string) =>
        [...page(body).querySelectorAll('[data-testid="resource-list"] tbody th')].map((th) => th.textContent.trim());
      assert.deepEqual(names((await adminGet(t, otherManager, '/admin/resources')).body), ['Zaal']);
      assert.deepEqual(names((await adminGet(t, manager, '/admin/resources')).body), ['Fluisterboot']);
    });

    test('a manager changes details, sets hours, adds and removes a closure, links and unlinks an activity', async () => {
      const id = (await resourceRow('Fluisterboot'))!.id;
      const base = `/admin/resources/${id}`;
      assert.equal((await adminPost(t, manager, base, { name: 'Rondvaartboot', kind: 'persons', capacity: '30' })).statusCode, 303);
      const row = await resourceRow('Rondvaartboot');
      assert.deepEqual([row?.kind, row?.capacity], ['persons', 30]);

      const hours = await adminPost(t, manager, `${base}/hours`, { open1: 'yes', opens1: '09:00', closes1: '18:00', opens2: '10:00' });
      assert.equal(hours.statusCode, 303);
      const stored = await t.database.db
        .selectFrom('resource_hours')
        .select(['weekday', 'opens', 'closes'])
        .where('resource_id', '=', id)
        .execute();
      assert.deepEqual(stored, [{ weekday: 1, opens: '09:00', closes: '18:00' }]);
      const listed = page((await adminGet(t, manager, '/admin/resources')).body);
      assert.equal(listed.querySelector(`tr[data-resource="${id}"] [data-testid="resource-hours"]`)?.textContent, 'maandag 09:00–18:00');
      const badHours = await adminPost(t, manager, `${base}/hours`, {
        open1: 'yes',
        opens1: '09:00',
        closes1: '18:00',
        open3: 'yes',
        opens3: '25:00',
        closes3: '12:00',
      });
      assert.equal(badHours.statusCode, 422);
      assert.ok(text(badHours.body, 'error-opens3'));
      assert.equal(page(badHours.body).querySelector('#opens3')?.getAttribute('value'), '25:00');
      assert.equal(page(badHours.body).querySelector('#open3')?.hasAttribute('checked'), true);

      const closure = { fromDate: '2026-06-22', fromTime: '08:00', untilDate: '2026-06-22', untilTime: '09:00', reason: 'Onderhoud' };
      assert.equal((await adminPost(t, manager, `${base}/closures`, closure)).statusCode, 303);
      const withClosure = page((await adminGet(t, manager, base)).body);
      const closureRow = withClosure.querySelector('[data-testid="closures"] tr[data-closure]');
      assert.match(closureRow?.textContent ?? '', /Onderhoud/);
      const backwards = await adminPost(t, manager, `${base}/closures`, { ...closure, untilTime: '07:00' });
      assert.equal(backwards.statusCode, 422);
      assert.ok(text(backwards.body, 'error-untilDate'));
      assert.equal(page(backwards.body).querySelector('#reason')?.getAttribute('value'), 'Onderhoud');
      const closureId = closureRow!.getAttribute('data-closure')!;
      assert.equal((await adminPost(t, manager, `${base}/closures/${closureId}/delete`)).statusCode, 303);
      assert.equal(text((await adminGet(t, manager, base)).body, 'closures-none'), 'Geen sluitingen gepland.');

      const form = page((await adminGet(t, manager, base)).body);
      assert.ok(form.querySelector(`select[name="activityId"] option[value="${home.id}"]`));
      assert.equal(
        form.querySelector(`select[name="activityId"] option[value="${away.id}"]`),
        null,
        "another venue's activity is not offered",
      );
      const badLink = await adminPost(t, manager, `${base}/links`, { activityId: home.id, buffer: 'lang' });
      assert.equal(badLink.statusCode, 422);
      assert.ok(text(badLink.body, 'error-buffer'));
      assert.equal(page(badLink.body).querySelector('#buffer')?.getAttribute('value'), 'lang');
      assert.equal((await adminPost(t, manager, `${base}/links`, { activityId: home.id, buffer: '30' })).statusCode, 303);
      assert.deepEqual(
        (await linksOf(id)).map((l) => [l.activity_id, l.buffer_minutes]),
        [[home.id, 30]],
      );
      const linked = page((await adminGet(t, manager, base)).body);
      assert.match(linked.querySelector(`[data-testid="links"] tr[data-activity="${home.id}"]`)?.textContent ?? '', /Kanoën.*30 min\./s);
      assert.ok(linked.querySelector('[data-testid="no-linkable"]'), 'the only activity is linked: nothing left to link');
      const list = page((await adminGet(t, manager, '/admin/resources')).body);
      assert.equal(list.querySelector(`tr[data-resource="${id}"] [data-testid="resource-activities"]`)?.textContent, 'Kanoën');
      const activityPage = page((await adminGet(t, manager, `/admin/activities/${home.id}`)).body);
      assert.ok(activityPage.querySelector(`a[href="/admin/resources/${id}"]`), "the activity's page links to its resources");

      assert.equal((await adminPost(t, manager, `${base}/links/${home.id}/delete`)).statusCode, 303);
      assert.deepEqual(await linksOf(id), []);
      assert.equal((await adminPost(t, manager, `${base}/links`, { activityId: home.id, buffer: '30' })).statusCode, 303);
      const logged = await t.database.db
        .selectFrom('activity_log')
        .select('action')
        .where('action', '=', 'resource.updated')
        .where('target', 'in', ['Fluisterboot', 'Rondvaartboot'])
        .execute();
      assert.equal(logged.length, 7);
    });

    test('the planning shows a booked slot with its bookings and buffer and the free gaps; capacity below what is booked is refused', async () => {
      const id = (await resourceRow('Rondvaartboot'))!.id;
      const slot = await makeSlot(t.database.db, t.clock, home, { date: '2026-06-15', time: '10:00' });
      const { booking } = await book(t.database.db, t.clock, slot, { groupSize: 12, organisation: 'De Linde' });
      const planning = await adminGet(t, viewer, `/admin/resources/${id}/planning?date=2026-06-15`);
      assert.equal(planning.statusCode, 200);
      const html = page(planning.body);
      const row = html.querySelector(`[data-testid="planning-slots"] tr[data-slot="${slot.id}"]`);
      assert.match(row?.textContent ?? '', /10:00–11:30.*Kanoën.*12:00 \(\+30 min\.\).*12 van 30 personen; groepen: 1/s);
      assert.ok(row?.querySelector(`a[href="/admin/bookings/${booking.id}"]`));
      assert.equal(row?.querySelector(`a[href="/admin/bookings/${booking.id}"]`)?.textContent, booking.reference);
      assert.ok(row?.querySelector(`a[href="/admin/bookings?activity=${home.id}&from=2026-06-15&to=2026-06-15"]`));
      assert.equal(text(planning.body, 'opening'), 'Open 09:00–18:00.');
      assert.deepEqual(
        [...html.querySelectorAll('[data-testid="planning-gaps"] li')].map((li) => li.textContent),
        ['09:00–10:00', '12:00–18:00'],
      );
      const prev = html.querySelector('a[rel="prev"]')?.getAttribute('href');
      assert.equal(prev, `/admin/resources/${id}/planning?date=2026-06-14`);
      const sunday = await adminGet(t, viewer, prev!);
      assert.equal(text(sunday.body, 'opening'), 'De hele dag gesloten.');
      assert.equal(text(sunday.body, 'planning-no-gaps'), 'Geen vrije tijd op deze dag.');
      const today = await adminGet(t, viewer, `/admin/resources/${id}/planning`);
      assert.equal(today.statusCode, 200);
      assert.equal(page(today.body).querySelector('#date')?.getAttribute('value'), '2026-06-01');
      const badDate = await adminGet(t, viewer, `/admin/resources/${id}/planning?date=2026-02-30`);
      assert.equal(badDate.statusCode, 422);
      assert.ok(text(badDate.body, 'error-date'));

      const lowered = await adminPost(t, manager, `/admin/resources/${id}`, { name: 'Rondvaartboot', kind: 'persons', capacity: '10' });
      assert.equal(lowered.statusCode, 422);
      assert.equal(
        text(lowered.body, 'error-capacity'),
        'Dat kan niet: dan passen geboekte tijdsloten niet meer op dit middel (1). Verplaats of annuleer die boekingen eerst (zie de planning).',
      );
      assert.equal(page(lowered.body).querySelector('#capacity')?.getAttribute('value'), '10');
      assert.equal((await resourceRow('Rondvaartboot'))?.capacity, 30);
      const closing = await adminPost(t, manager, `/admin/resources/${id}/closures`, {
        fromDate: '2026-06-15',
        fromTime: '11:45',
        untilDate: '2026-06-15',
        untilTime: '13:00',
        reason: 'Onderhoud',
      });
      assert.equal(closing.statusCode, 422, 'a closure over the buffer of a booked time is refused too');
      assert.match(
        text(closing.body, 'error-fromDate'),
        /^Dat kan niet: dan vallen geboekte tijdsloten buiten de openingstijden of in een sluiting van dit middel \(1\)/,
      );
    });

    test("another venue's resource is not found by any route; a viewer and staff change nothing", async () => {
      const zaal = (await resourceRow('Zaal'))!.id;
      const boat = (await resourceRow('Rondvaartboot'))!.id;
      for (const path of ['', '/planning'])
        assert.equal((await adminGet(t, manager, `/admin/resources/${zaal}${path}`)).statusCode, 404, path);
      const posts: [string, Record<string, string>][] = [
        ['', { name: 'Weg', kind: 'units', capacity: '1' }],
        ['/hours', {}],
        ['/closures', { fromDate: '2026-07-01', fromTime: '08:00', untilDate: '2026-07-01', untilTime: '09:00', reason: 'x' }],
        [`/closures/${zaal}/delete`, {}],
        ['/links', { activityId: away.id, buffer: '0' }],
        [`/links/${away.id}/delete`, {}],
      ];
      for (const [path, fields] of posts)
        assert.equal((await adminPost(t, manager, `/admin/resources/${zaal}${path}`, fields)).statusCode, 404, path);
      assert.equal((await adminPost(t, manager, '/admin/resources', { ...BOAT, venueId: away.venue.id })).statusCode, 404);
      assert.equal((await adminGet(t, otherManager, `/admin/resources/${boat}/planning`)).statusCode, 404);
      assert.equal((await adminGet(t, manager, '/admin/resources/not-an-id')).statusCode, 404);

      const linking = await adminPost(t, manager, `/admin/resources/${boat}/links`, { activityId: away.id, buffer: '0' });
      assert.equal(linking.statusCode, 404, "a manager cannot link another venue's activity");
      assert.deepEqual(
        (await linksOf(boat)).map((l) => l.activity_id),
        [home.id],
      );
      assert.equal((await resourceRow('Zaal'))?.name, 'Zaal');

      for (const who of [viewer, staff]) {
        assert.equal((await adminGet(t, who, '/admin/resources')).statusCode, 200);
        assert.equal(page((await adminGet(t, who, '/admin/resources')).body).querySelector('[data-testid="resource-form"]'), null);
        assert.equal((await adminGet(t, who, `/admin/resources/${boat}`)).statusCode, 403);
        assert.equal((await adminPost(t, who, '/admin/resources', BOAT)).statusCode, 403);
        assert.equal((await adminPost(t, who, `/admin/resources/${boat}`, { name: 'X', kind: 'units', capacity: '1' })).statusCode, 403);
        assert.equal((await adminPost(t, who, `/admin/resources/${boat}/links/${home.id}/delete`)).statusCode, 403);
      }
      assert.equal((await resourceRow('Rondvaartboot'))?.capacity, 30);
      assert.equal((await linksOf(boat)).length, 1);
    });

    test('the pages carry the security headers, are not stored, and tie their tables’ cells to headers', async () => {
      const id = (await resourceRow('Rondvaartboot'))!.id;
      for (const path of ['/admin/resources', `/admin/resources/${id}`, `/admin/resources/${id}/planning?date=2026-06-15`]) {
        const res = await adminGet(t, manager, path);
        assert.equal(res.statusCode, 200, path);
        assertSecurityHeaders(res.headers, path);
        assert.equal(res.headers['cache-control'], 'no-store', path);
        for (const table of page(res.body).querySelectorAll('table')) assert.deepEqual(tableHeaderProblems(table), [], path);
      }
    });
  });
}
