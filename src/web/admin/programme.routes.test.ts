import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, type TestApp } from '../../../test/app.js';
import { TEST_ADMIN } from '../../../test/actors.js';
import { testDialects } from '../../../test/databases.js';
import { book, makeActivity, makeSlot } from '../../../test/factories.js';
import { parseHtml, tableHeaderProblems } from '../../../test/html.js';
import { assertSecurityHeaders } from '../../../test/security-headers.js';
import { adminGet, adminPost, type Member } from '../../../test/staff.js';
import { addPart } from '../../../test/resources.js';
import { makeTwoVenues, signInMembers } from '../../../test/venues.js';
import type { Activity } from '../../core/catalog/activity.js';
import { findSubgroupSize, listProgrammeParts } from '../../core/resources/programme.repository.js';
import { createResourceFromForm, linkActivityFromForm } from '../../core/resources/resource-admin.service.js';
import { subgroupSizes } from '../../core/resources/rotation.js';
import { SESSION_COOKIE } from './session-cookie.js';

for (const dialect of testDialects()) {
  describe(`programmes in the back office (${dialect.name})`, () => {
    let t: TestApp;
    let home: Activity;
    let away: Activity;
    let cruise: Activity;
    let programme: Activity;
    let boat: string;
    let manager: Member;
    let staff: Member;
    let viewer: Member;
    let otherManager: Member;

    before(async () => {
      t = await buildTestApp(dialect, '2026-06-01T08:00:00Z');
      ({ home, away } = await makeTwoVenues(t));
      ({ manager, staff, viewer, otherManager } = await signInMembers(t, { home, away }, ['manager', 'staff', 'viewer', 'otherManager']));
      const { db } = t.database;
      const venueId = home.venue.id;
      cruise = await makeActivity(db, t.clock, {
        venueId,
        title: { nl: 'Rondvaart', en: 'Canal cruise' },
        durationMinutes: 60,
        minGroupSize: 4,
        maxGroupSize: 12,
        pricing: [{ label: { nl: 'Vaartocht', en: 'Cruise' }, basis: 'group', vat: 'high', amountCents: 9000 }],
      });
      programme = await makeActivity(db, t.clock, { venueId, title: { nl: 'Dagje uit', en: 'Day out' }, durationMinutes: 330 });
      const made = await createResourceFromForm(
        db,
        t.clock,
        TEST_ADMIN,
        { venueId, name: 'Fluisterboot', kind: 'units', capacity: '1' },
        'nl',
      );
      assert.ok(made.ok);
      boat = made.value.id;
      assert.ok((await linkActivityFromForm(db, t.clock, TEST_ADMIN, boat, { activityId: cruise.id, buffer: '15' }, 'nl')).ok);
    });
    after(() => t.close());

    const page = (body: string) => parseHtml(body);
    const text = (body: string, testid: string) => page(body).querySelector(`[data-testid="${testid}"]`)?.textContent.trim() ?? '';
    const base = () => `/admin/activities/${programme.id}/programme`;
    const partsOf = () =>
      t.database.db.selectFrom('programme_parts').selectAll().where('activity_id', '=', programme.id).orderBy('offset_minutes').execute();
    const rows = async (who: Member = manager) =>
      [...page((await adminGet(t, who, base())).body).querySelectorAll('[data-testid="parts"] tbody tr')].map((tr) =>
        [...tr.querySelectorAll('th, td')].map((cell) => cell.textContent.replace(/\s+/g, ' ').trim()).join(' | '),
      );
    const tourFields = (fields: Record<string, string> = {}) => ({
      titleNl: 'Rondvaart',
      titleEn: 'Canal tour',
      offset: '210',
      duration: '60',
      partActivityId: cruise.id,
      resources: boat,
      [`buffers.${boat}`]: '15',
      ...fields,
    });

    test('an activity without parts is an ordinary one; the page explains and offers the venue’s other activities and resources', async () => {
      const res = await adminGet(t, manager, base());
      assert.equal(res.statusCode, 200);
      const html = page(res.body);
      assert.equal(text(res.body, 'parts-none'), 'Nog geen onderdelen: dit is een gewone activiteit.');
      assert.match(res.body, /Een activiteit zonder onderdelen is een gewone activiteit\./);
      const options = [...html.querySelectorAll('select[name="partActivityId"] option')].map((o) => o.getAttribute('value'));
      assert.deepEqual(options.sort(), ['', cruise.id, home.id].sort(), 'neither itself nor another venue’s activity');
      assert.ok(html.querySelector(`input[type="checkbox"][name="resources"][value="${boat}"]`));
      assert.equal(html.querySelector('#offset')?.getAttribute('value'), '0');
      const activityPage = page((await adminGet(t, manager, `/admin/activities/${programme.id}`)).body);
      assert.ok(activityPage.querySelector(`a[href="${base()}"]`), "the activity's page links to its programme");
      const english = await t.app.inject({ url: base(), headers: { cookie: `lang=en; ${SESSION_COOKIE}=${manager.cookie}` } });
      assert.equal(text(english.body, 'parts-none'), 'No parts yet: this is an ordinary activity.');
    });

    test('a manager adds parts; they are listed in time order with times from the start, activity, resources and buffers', async () => {
      const tourAdded = await adminPost(t, manager, `${base()}/parts`, tourFields());
      assert.equal(tourAdded.statusCode, 303, tourAdded.body.slice(0, 600));
      assert.equal(tourAdded.headers.location, `${base()}?saved=1`);
      const climbing = { titleNl: 'Klimmen', titleEn: 'Climbing', offset: '0', duration: '90', partActivityId: home.id };
      assert.equal((await adminPost(t, manager, `${base()}/parts`, climbing)).statusCode, 303);
      assert.deepEqual(
        (await partsOf()).map((p) => [p.title_nl, p.offset_minutes, p.duration_minutes, p.part_activity_id]),
        [
          ['Klimmen', 0, 90, home.id],
          ['Rondvaart', 210, 60, cruise.id],
        ],
      );
      assert.deepEqual(await rows(), [
        '0:00–1:30 | Klimmen | Kanoën | — | 1–20 personen | Wijzigen Verwijderen',
        '3:30–4:30 | Rondvaart | Rondvaart | Fluisterboot (+15 min.) | 4–12 personen | Wijzigen Verwijderen',
      ]);
      const saved = await adminGet(t, manager, `${base()}?saved=1`);
      assert.equal(text(saved.body, 'saved'), 'De wijziging is opgeslagen.');
      assert.equal(page(saved.body).querySelector('#offset')?.getAttribute('value'), '270', 'a new part starts where the last ends');
      const logged = await t.database.db
        .selectFrom('activity_log')
        .select('detail')
        .where('action', '=', 'activity.updated')
        .where('target', '=', programme.slug)
        .execute();
      assert.equal(logged.length, 2);
    });

    test('a refused part comes back as typed with a translated message per field', async () => {
      const refused = await adminPost(
        t,
        manager,
        `${base()}/parts`,
        tourFields({ titleNl: '', duration: 'lang', [`buffers.${boat}`]: 'x' }),
      );
      assert.equal(refused.statusCode, 422);
      assert.equal(text(refused.body, 'error-titleNl'), 'Vul dit veld in.');
      assert.ok(text(refused.body, 'error-duration'));
      assert.ok(text(refused.body, `error-buffers.${boat}`));
      const html = page(refused.body);
      assert.equal(html.querySelector('#duration')?.getAttribute('value'), 'lang');
      assert.equal(html.querySelector(`[id="buffers.${boat}"]`)?.getAttribute('value'), 'x');
      assert.equal(html.querySelector(`#resource-${boat}`)?.hasAttribute('checked'), true);
      assert.match(text(refused.body, 'form-errors'), /Wisseltijd van Fluisterboot \(minuten\)/);
      const tooLong = await adminPost(t, manager, `${base()}/parts`, tourFields({ offset: '300' }));
      assert.equal(tooLong.statusCode, 422);
      assert.equal(
        text(tooLong.body, 'error-duration'),
        'Dit onderdeel eindigt na het programma: begin plus duur mag hoogstens 330 minuten zijn (de duur van het programma).',
      );
      const elsewhere = await adminPost(t, manager, `${base()}/parts`, tourFields({ partActivityId: away.id }));
      assert.equal(elsewhere.statusCode, 422, "another venue's activity cannot be a part");
      assert.ok(text(elsewhere.body, 'error-partActivityId'));
      assert.equal((await partsOf()).length, 2);
    });

    test('moving a part onto a booked time of its boat is refused with the input kept; elsewhere it moves', async () => {
      const { db } = t.database;
      await book(db, t.clock, await makeSlot(db, t.clock, programme, { date: '2026-06-15', time: '09:30' }));
      await book(db, t.clock, await makeSlot(db, t.clock, cruise, { date: '2026-06-15', time: '11:00' }), { groupSize: 6 });
      const partId = (await partsOf())[1]!.id;
      const edit = await adminGet(t, manager, `${base()}/parts/${partId}`);
      assert.equal(edit.statusCode, 200);
      assert.equal(page(edit.body).querySelector('#titleNl')?.getAttribute('value'), 'Rondvaart');
      assert.equal(page(edit.body).querySelector(`[id="buffers.${boat}"]`)?.getAttribute('value'), '15');
      const clash = await adminPost(t, manager, `${base()}/parts/${partId}`, tourFields({ offset: '90' }));
      assert.equal(clash.statusCode, 422);
      assert.equal(
        text(clash.body, 'error-resources'),
        'Dat kan niet: dan passen geboekte tijdsloten niet meer op dit middel (2). Verplaats of annuleer die boekingen eerst (zie de planning).',
      );
      assert.equal(page(clash.body).querySelector('#offset')?.getAttribute('value'), '90');
      assert.equal(page(clash.body).querySelector('form[data-testid="part-form"]')?.getAttribute('action'), `${base()}/parts/${partId}`);
      assert.equal((await partsOf())[1]!.offset_minutes, 210);
      assert.equal((await adminPost(t, manager, `${base()}/parts/${partId}`, tourFields({ offset: '180' }))).statusCode, 303);
      assert.equal((await partsOf())[1]!.offset_minutes, 180);
    });

    test('the price is taken from the parts, each line with its own VAT rate; without a part naming an activity it is refused', async () => {
      const priced = await adminPost(t, manager, `${base()}/price`);
      assert.equal(priced.statusCode, 303);
      const after = await adminGet(t, manager, priced.headers.location!);
      assert.equal(text(after.body, 'saved'), 'De prijsregels zijn overgenomen uit de onderdelen.');
      assert.deepEqual(
        [...page(after.body).querySelectorAll('[data-testid="price-lines"] li')].map((li) => li.textContent.replace(/\s/g, ' ')),
        ['Klimmen: Toegang: € 12,50 per persoon, laag tarief', 'Rondvaart: Vaartocht: € 90,00 per groep, hoog tarief'],
      );
      const logged = await t.database.db
        .selectFrom('activity_log')
        .select('detail')
        .where('action', '=', 'activity.updated')
        .where('target', '=', programme.slug)
        .execute();
      assert.equal(logged.filter((entry) => /"changed":"pricing","from":"parts"/.test(String(entry.detail))).length, 1);

      const plain = await makeActivity(t.database.db, t.clock, { venueId: home.venue.id, durationMinutes: 120 });
      const refused = await adminPost(t, manager, `/admin/activities/${plain.id}/programme/price`);
      assert.equal(refused.statusCode, 422);
      assert.match(text(refused.body, 'error-price'), /^Niet elk onderdeel is een losse activiteit/);
      assert.equal(
        page(refused.body).querySelector('[data-testid="price-lines"] li')?.textContent.replace(/\s/g, ' '),
        'Toegang: € 12,50 per persoon, laag tarief',
      );
    });

    test("the parts' group sizes are shown next to the programme's, with a warning when it allows more", async () => {
      const limits = text((await adminGet(t, manager, base())).body, 'group-limits');
      assert.match(limits, /Het programma: 1–20 personen/);
      assert.match(limits, /samen: 4–12 personen/);
      assert.match(limits, /Let op: het programma laat groepsgroottes toe die niet bij elk onderdeel passen/);
    });

    test('subgroups: the form shows the parts to tick; a refusal keeps the input with a translated message; saving splits larger groups', async () => {
      const { db } = t.database;
      const trip = await makeActivity(db, t.clock, { venueId: home.venue.id, durationMinutes: 180, maxGroupSize: 40 });
      const add = (nl: string, offset: number, duration: number, partActivity?: Activity) =>
        addPart(db, t.clock, trip, { title: { nl, en: nl }, offset, duration, ...(partActivity && { partActivity }) });
      const climbing = await add('Klimmen', 0, 60, home);
      const canoeing = await add('Kanoën', 60, 60, home);
      const overlapping = await add('Vlotten', 90, 60);
      const lunch = await add('Lunch', 150, 30);
      const url = `/admin/activities/${trip.id}/programme`;
      /** The subgroups form as sent, each part ticked a `rotating` field of its own. */
      const post = (fields: { subgroupSize: string; rotating: string[] }, lang = 'nl') => {
        const body = new URLSearchParams({ _csrf: manager.csrf, subgroupSize: fields.subgroupSize });
        for (const id of fields.rotating) body.append('rotating', id);
        return t.app.inject({
          method: 'POST',
          url: `${url}/subgroups`,
          headers: {
            origin: t.publicUrl,
            'content-type': 'application/x-www-form-urlencoded',
            cookie: `lang=${lang}; ${SESSION_COOKIE}=${manager.cookie}`,
          },
          payload: body.toString(),
        });
      };
      const before = await adminGet(t, manager, url);
      const form = page(before.body).querySelector('form[data-testid="rotation-form"]');
      assert.equal(form?.getAttribute('action'), `${url}/subgroups`);
      assert.equal(form?.querySelector('#subgroupSize')?.getAttribute('value'), '');
      assert.deepEqual(
        [...(form?.querySelectorAll('input[name="rotating"]') ?? [])].map((box) => [
          box.getAttribute('value'),
          box.hasAttribute('checked'),
        ]),
        [climbing, canoeing, overlapping, lunch].map((part) => [part.id, false]),
      );
      assert.match(form?.textContent ?? '', /Klimmen \(0:00–1:00\) gaat om de beurt/);
      assert.match(text(before.body, 'group-limits'), /Let op: het programma laat groepsgroottes toe/, '40 on a part of 20');
      assert.equal(text(before.body, 'limits-rotation'), '');

      const refusals: [{ subgroupSize: string; rotating: string[] }, string, string][] = [
        [{ subgroupSize: 'twintig', rotating: [climbing.id, canoeing.id] }, 'subgroupSize', 'Vul een heel getal in.'],
        [{ subgroupSize: '0', rotating: [climbing.id, canoeing.id] }, 'subgroupSize', 'Minstens 1.'],
        [{ subgroupSize: '20', rotating: [climbing.id] }, 'rotating', 'Vink minstens twee onderdelen aan'],
        [{ subgroupSize: '20', rotating: [climbing.id, lunch.id] }, 'rotating', 'moeten even lang duren'],
        [{ subgroupSize: '20', rotating: [canoeing.id, overlapping.id] }, 'rotating', 'mogen elkaar in tijd niet overlappen'],
      ];
      for (const [fields, field, message] of refusals) {
        const refused = await post(fields);
        assert.equal(refused.statusCode, 422, JSON.stringify(fields));
        assert.ok(text(refused.body, `error-${field}`).includes(message), text(refused.body, `error-${field}`));
        const kept = page(refused.body).querySelector('form[data-testid="rotation-form"]');
        assert.equal(kept?.querySelector('#subgroupSize')?.getAttribute('value'), fields.subgroupSize);
        for (const box of kept?.querySelectorAll('input[name="rotating"]') ?? [])
          assert.equal(box.hasAttribute('checked'), fields.rotating.includes(box.getAttribute('value')!), 'the ticks as sent');
      }
      const english = await post({ subgroupSize: '20', rotating: [climbing.id, lunch.id] }, 'en');
      assert.equal(english.statusCode, 422);
      assert.match(text(english.body, 'error-rotating'), /^The parts subgroups take turns at must last equally long/);
      assert.equal((await findSubgroupSize(db, trip.id)) ?? 'none', 'none', 'nothing saved');

      const saved = await post({ subgroupSize: '20', rotating: [climbing.id, canoeing.id] });
      assert.equal(saved.statusCode, 303, saved.body.slice(0, 600));
      assert.equal(saved.headers.location, `${url}?saved=1`);
      const after = await adminGet(t, manager, url);
      assert.equal(page(after.body).querySelector('#subgroupSize')?.getAttribute('value'), '20');
      assert.equal(page(after.body).querySelector(`#rotates-${canoeing.id}`)?.hasAttribute('checked'), true);
      assert.equal(page(after.body).querySelector(`#rotates-${lunch.id}`)?.hasAttribute('checked'), false);
      const limits = text(after.body, 'group-limits');
      assert.match(limits, /samen: 1–40 personen/, 'climbing and canoeing see subgroups of at most 20');
      assert.doesNotMatch(limits, /Let op/);
      assert.match(
        text(after.body, 'limits-rotation'),
        /^Met subgroepen van hoogstens 20 bij 2 onderdelen om de beurt past een groep tot 40 personen/,
      );
      assert.equal(subgroupSizes((await listProgrammeParts(db, [trip.id])).get(trip.id)!, 40).join(','), '20,20');

      // Emptied, groups are never split again.
      assert.equal((await post({ subgroupSize: '', rotating: [climbing.id] })).statusCode, 303);
      assert.equal(await findSubgroupSize(db, trip.id), null);
      assert.equal(page((await adminGet(t, manager, url)).body).querySelectorAll('input[name="rotating"][checked]').length, 0);
      const logged = await db.selectFrom('activity_log').select('detail').where('target', '=', trip.slug).execute();
      assert.equal(logged.filter((entry) => /"changed":"rotation"/.test(String(entry.detail))).length, 2);
    });

    test('a manager removes a part; the boat is free at its time again', async () => {
      const partId = (await partsOf())[1]!.id;
      const removed = await adminPost(t, manager, `${base()}/parts/${partId}/delete`);
      assert.equal(removed.statusCode, 303);
      assert.deepEqual(await rows(), ['0:00–1:30 | Klimmen | Kanoën | — | 1–20 personen | Wijzigen Verwijderen']);
      assert.equal((await t.database.db.selectFrom('part_resources').selectAll().where('part_id', '=', partId).execute()).length, 0);
      const limits = text((await adminGet(t, manager, base())).body, 'group-limits');
      assert.doesNotMatch(limits, /Let op/, 'the programme allows what canoeing allows');
    });

    test("another venue's manager finds nothing on any route; a viewer and staff change nothing", async () => {
      const partId = (await partsOf())[0]!.id;
      for (const path of ['', `/parts/${partId}`])
        assert.equal((await adminGet(t, otherManager, `${base()}${path}`)).statusCode, 404, path);
      for (const path of ['/parts', `/parts/${partId}`, `/parts/${partId}/delete`, '/price', '/subgroups'])
        assert.equal((await adminPost(t, otherManager, `${base()}${path}`, tourFields())).statusCode, 404, path);
      assert.equal((await adminGet(t, manager, `/admin/activities/${away.id}/programme`)).statusCode, 404);
      assert.equal((await adminGet(t, manager, `${base()}/parts/${away.id}`)).statusCode, 404, 'no such part');
      assert.equal((await adminGet(t, manager, `${base()}/parts/not-an-id`)).statusCode, 404);
      for (const who of [viewer, staff]) {
        assert.equal((await adminGet(t, who, base())).statusCode, 403);
        for (const path of ['/parts', `/parts/${partId}`, `/parts/${partId}/delete`, '/price', '/subgroups'])
          assert.equal((await adminPost(t, who, `${base()}${path}`, tourFields())).statusCode, 403, path);
      }
      assert.deepEqual(
        (await partsOf()).map((p) => [p.id, p.offset_minutes]),
        [[partId, 0]],
      );
    });

    test('the pages carry the security headers, are not stored, and tie their tables’ cells to headers', async () => {
      const partId = (await partsOf())[0]!.id;
      for (const path of [base(), `${base()}/parts/${partId}`]) {
        const res = await adminGet(t, manager, path);
        assert.equal(res.statusCode, 200, path);
        assertSecurityHeaders(res.headers, path);
        assert.equal(res.headers['cache-control'], 'no-store', path);
        for (const table of page(res.body).querySelectorAll('table')) assert.deepEqual(tableHeaderProblems(table), [], path);
      }
    });
  });
}
