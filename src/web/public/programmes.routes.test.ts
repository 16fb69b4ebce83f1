import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import ICAL from 'ical.js';
import type { ParsedMail } from 'mailparser';
import { TEST_ADMIN } from '../../../test/actors.js';
import { buildTestApp, TEST_PUBLIC_URL, type TestApp } from '../../../test/app.js';
import { testDialects } from '../../../test/databases.js';
import { book, makeActivity, makeSlot } from '../../../test/factories.js';
import { parseHtml, urlencoded } from '../../../test/html.js';
import { startSmtpServer, type TestSmtpServer } from '../../../test/mail-server.js';
import { testMailDelivery } from '../../../test/mail-senders.js';
import type { Slot } from '../../core/availability/slot.js';
import type { Activity } from '../../core/catalog/activity.js';
import { deliverDueMails } from '../../core/mail/mail-delivery.service.js';
import { savePartFromForm } from '../../core/resources/programme-admin.service.js';
import { createResourceFromForm, linkActivityFromForm } from '../../core/resources/resource-admin.service.js';
import { activityListJson, manageBookingJson } from './api.schemas.js';

const FORM = { 'content-type': 'application/x-www-form-urlencoded', origin: TEST_PUBLIC_URL };

for (const dialect of testDialects()) {
  describe(`what an organiser sees of a programme (${dialect.name})`, () => {
    let t: TestApp;
    let smtp: TestSmtpServer;
    let cruise: Activity;
    let programme: Activity;
    let plain: Activity;
    /** Monday 15 June 2026, 09:30 summer time. */
    let june: Slot;
    /** Sunday 25 October 2026, 01:00 summer time: the clocks go back from 03:00 to 02:00 two hours later. */
    let autumn: Slot;
    let boat: string;

    before(async () => {
      [t, smtp] = await Promise.all([buildTestApp(dialect, '2026-06-01T08:00:00Z'), startSmtpServer()]);
      const { db } = t.database;
      cruise = await makeActivity(db, t.clock, { title: { nl: 'Rondvaart door de grachten', en: 'Canal cruise' }, durationMinutes: 60 });
      const venueId = cruise.venue.id;
      const hidden = await makeActivity(db, t.clock, {
        venueId,
        status: 'unpublished',
        title: { nl: 'Klimclinic', en: 'Climbing clinic' },
      });
      programme = await makeActivity(db, t.clock, {
        venueId,
        title: { nl: 'Dagje uit', en: 'Day out' },
        durationMinutes: 330,
        maxGroupSize: 30,
      });
      plain = await makeActivity(db, t.clock, { venueId, title: { nl: 'Kanoën', en: 'Canoeing' } });
      const resource = async (name: string) => {
        const made = await createResourceFromForm(db, t.clock, TEST_ADMIN, { venueId, name, kind: 'units', capacity: '1' }, 'nl');
        assert.ok(made.ok);
        return made.value.id;
      };
      const wall = await resource('Klimwand');
      boat = await resource('Fluisterboot');
      const part = async (
        titleNl: string,
        titleEn: string,
        offset: number,
        duration: number,
        partActivityId: string,
        resources: string[],
      ) => {
        const saved = await savePartFromForm(
          db,
          t.clock,
          TEST_ADMIN,
          programme.id,
          undefined,
          {
            titleNl,
            titleEn,
            offset: String(offset),
            duration: String(duration),
            partActivityId,
            resources,
            buffers: Object.fromEntries(resources.map((id) => [id, '0'])),
          },
          'nl',
        );
        assert.ok(saved.ok, JSON.stringify(saved));
      };
      // Entered out of time order: every view follows the times.
      await part('Rondvaart', 'Canal tour', 210, 60, cruise.id, [boat]);
      await part('Klimmen', 'Climbing', 0, 90, hidden.id, [wall]);
      await part('Lunch', 'Lunch', 120, 60, '', []);
      june = await makeSlot(db, t.clock, programme, { date: '2026-06-15', time: '09:30', capacity: 30 });
      autumn = await makeSlot(db, t.clock, programme, { date: '2026-10-25', time: '01:00', capacity: 30 });
      await makeSlot(db, t.clock, plain, { date: '2026-06-15', time: '10:00', capacity: 30 });
    });
    after(async () => {
      await t.close();
      await smtp.close();
    });

    const get = (url: string, lang = 'nl') => t.app.inject({ url, headers: { 'accept-language': lang } });
    const timeline = (body: string) =>
      parseHtml(body)
        .querySelectorAll('[data-testid="programme-timeline"] li')
        .map((li) => li.textContent);

    test("the activity page lists the parts from the start, where, and the stand-alone activity's page when published", async () => {
      const nl = parseHtml((await get(`/activities/${programme.slug}?date=2026-06-15`)).body);
      const parts = nl.querySelectorAll('[data-testid="programme-part"]');
      assert.equal(nl.querySelector('[data-testid="programme"] h2')?.textContent, 'Programma');
      assert.deepEqual(
        parts.map((li) => li.textContent),
        ['0:00–1:30 Klimmen (Klimwand)', '2:00–3:00 Lunch', '3:30–4:30 Rondvaart (Fluisterboot) · Rondvaart door de grachten'],
      );
      // The climbing clinic is unpublished: named by the part, never linked.
      assert.deepEqual(
        parts.map((li) => li.querySelector('a')?.getAttribute('href') ?? null),
        [null, null, `/activities/${cruise.slug}`],
      );
      // Each start time says when each part begins.
      assert.equal(nl.querySelector('[data-testid="part-starts"]')?.textContent, 'Klimmen 09:30 · Lunch 11:30 · Rondvaart 13:00');
      const en = parseHtml((await get(`/activities/${programme.slug}`, 'en')).body);
      assert.equal(en.querySelector('[data-testid="programme"] h2')?.textContent, 'Programme');
      assert.equal(
        en.querySelectorAll('[data-testid="programme-part"]')[2]?.textContent,
        '3:30–4:30 Canal tour (Fluisterboot) · Canal cruise',
      );
      const ordinary = parseHtml((await get(`/activities/${plain.slug}?date=2026-06-15`)).body);
      assert.equal(ordinary.querySelector('[data-testid="programme"]'), null);
      assert.equal(ordinary.querySelector('[data-testid="part-starts"]'), null);
      assert.equal(ordinary.querySelectorAll('[data-testid="slot"]').length, 1);
    });

    test('the booking form and its review step show the parts at the Amsterdam times of the slot, in Dutch and English', async () => {
      assert.deepEqual(timeline((await get(`/book/${june.id}?groupSize=10`)).body), [
        '09:30–11:00 Klimmen · Klimwand',
        '11:30–12:30 Lunch',
        '13:00–14:00 Rondvaart · Fluisterboot',
      ]);
      const review = await t.app.inject({
        method: 'POST',
        url: `/book/${june.id}`,
        headers: { ...FORM, 'accept-language': 'en' },
        payload: urlencoded({
          groupSize: '10',
          name: 'Jan Jansen',
          email: 'jan@example.nl',
          phone: '+31 6 12345678',
          acceptTerms: 'yes',
          action: 'review',
        }),
      });
      assert.equal(review.statusCode, 200, review.body);
      assert.ok(parseHtml(review.body).querySelector('[data-testid="review-confirm"]'), 'the review step');
      assert.deepEqual(timeline(review.body), [
        '09:30–11:00 Climbing · Klimwand',
        '11:30–12:30 Lunch',
        '13:00–14:00 Canal tour · Fluisterboot',
      ]);
      // On the night the clocks go back, three and a half hours after 01:00 is 03:30, not 04:30.
      assert.deepEqual(timeline((await get(`/book/${autumn.id}?groupSize=10`)).body), [
        '01:00–02:30 Klimmen · Klimwand',
        '02:00–03:00 Lunch',
        '03:30–04:30 Rondvaart · Fluisterboot',
      ]);
      assert.deepEqual(timeline((await get(`/book/${(await plainSlot()).id}`)).body), [], 'an ordinary activity has no timeline');
    });

    async function plainSlot() {
      return t.database.db.selectFrom('slots').select('id').where('activity_id', '=', plain.id).executeTakeFirstOrThrow();
    }

    test('the manage page, the API and the calendar download give the times of the booked slot, also on a DST day', async () => {
      const { manageToken } = await book(t.database.db, t.clock, autumn, { groupSize: 6, email: 'herfst@example.nl' }, t.linkKey);
      const page = await get(`/b/${manageToken}`, 'en');
      assert.equal(page.statusCode, 200);
      assert.deepEqual(timeline(page.body), [
        '01:00–02:30 Climbing · Klimwand',
        '02:00–03:00 Lunch',
        '03:30–04:30 Canal tour · Fluisterboot',
      ]);

      const api = manageBookingJson.parse((await get(`/api/v1/manage/${manageToken}`)).json());
      assert.deepEqual(
        api.parts.map((p) => [p.title.en, p.startsAt, p.endsAt, p.resources]),
        [
          ['Climbing', '2026-10-24T23:00:00.000Z', '2026-10-25T00:30:00.000Z', ['Klimwand']],
          ['Lunch', '2026-10-25T01:00:00.000Z', '2026-10-25T02:00:00.000Z', []],
          ['Canal tour', '2026-10-25T02:30:00.000Z', '2026-10-25T03:30:00.000Z', ['Fluisterboot']],
        ],
      );
      // A group the programme does not split is one subgroup, doing the parts as listed.
      assert.deepEqual(api.subgroups, [{ persons: 6, parts: api.parts }]);

      const ics = await get(`/b/${manageToken}/calendar.ics`);
      assert.equal(ics.statusCode, 200);
      const events = new ICAL.Component(ICAL.parse(ics.body)).getAllSubcomponents('vevent').map((vevent) => new ICAL.Event(vevent));
      assert.deepEqual(
        events.map((event) => [event.summary, event.startDate.toJSDate().toISOString(), event.endDate.toJSDate().toISOString()]),
        [
          ['Dagje uit: Klimmen', '2026-10-24T23:00:00.000Z', '2026-10-25T00:30:00.000Z'],
          ['Dagje uit: Lunch', '2026-10-25T01:00:00.000Z', '2026-10-25T02:00:00.000Z'],
          ['Dagje uit: Rondvaart', '2026-10-25T02:30:00.000Z', '2026-10-25T03:30:00.000Z'],
        ],
      );
      assert.equal(new Set(events.map((event) => event.uid)).size, 3, 'each part its own UID');
      assert.equal(events[2]!.location, `Fluisterboot, Testlocatie, Teststraat 1, Utrecht`);

      const ordinary = await book(t.database.db, t.clock, await plainSlot(), { groupSize: 2, email: 'kano@example.nl' }, t.linkKey);
      assert.deepEqual(timeline((await get(`/b/${ordinary.manageToken}`)).body), []);
      assert.deepEqual(manageBookingJson.parse((await get(`/api/v1/manage/${ordinary.manageToken}`)).json()).parts, []);
      const single = new ICAL.Component(ICAL.parse((await get(`/b/${ordinary.manageToken}/calendar.ics`)).body));
      assert.equal(single.getAllSubcomponents('vevent').length, 1);
    });

    test("the booking's mail states the timeline and carries an event per part", async () => {
      const from = smtp.messages.length;
      await book(t.database.db, t.clock, june, { groupSize: 8, email: 'juni@example.nl' }, t.linkKey);
      const report = await deliverDueMails(t.database.db, t.clock, testMailDelivery(smtp, { linkKey: t.linkKey }));
      assert.deepEqual(report.failures, []);
      const mails: ParsedMail[] = smtp.messages.slice(from);
      const organiser = mails.find((mail) => mail.to && !Array.isArray(mail.to) && mail.to.text === 'juni@example.nl');
      assert.ok(organiser, 'the organiser got a mail');
      assert.match(
        organiser.text ?? '',
        /\nProgramma: 09:30–11:00 Klimmen · Klimwand\n {2}11:30–12:30 Lunch\n {2}13:00–14:00 Rondvaart · Fluisterboot\n/,
      );
      const cell = parseHtml(String(organiser.html))
        .querySelectorAll('tr')
        .find((row) => row.querySelector('th')?.textContent === 'Programma')
        ?.querySelector('td');
      assert.equal(cell?.textContent, '09:30–11:00 Klimmen · Klimwand\n11:30–12:30 Lunch\n13:00–14:00 Rondvaart · Fluisterboot');
      assert.match(cell?.getAttribute('style') ?? '', /white-space:pre-line/);
      const calendar = organiser.attachments.find((file) => file.filename?.endsWith('.ics'));
      assert.ok(calendar);
      const events = new ICAL.Component(ICAL.parse(calendar.content.toString('utf8')))
        .getAllSubcomponents('vevent')
        .map((vevent) => new ICAL.Event(vevent));
      assert.deepEqual(
        events.map((event) => [event.summary, event.startDate.toJSDate().toISOString(), event.endDate.toJSDate().toISOString()]),
        [
          ['Dagje uit: Klimmen', '2026-06-15T07:30:00.000Z', '2026-06-15T09:00:00.000Z'],
          ['Dagje uit: Lunch', '2026-06-15T09:30:00.000Z', '2026-06-15T10:30:00.000Z'],
          ['Dagje uit: Rondvaart', '2026-06-15T11:00:00.000Z', '2026-06-15T12:00:00.000Z'],
        ],
      );
    });

    test("a stand-alone trip whose boat a booked programme's tour holds then is shown as not available, and says why", async () => {
      const { db } = t.database;
      assert.ok((await linkActivityFromForm(db, t.clock, TEST_ADMIN, boat, { activityId: cruise.id, buffer: '0' }, 'nl')).ok);
      const programmeSlot = await makeSlot(db, t.clock, programme, { date: '2026-06-16', time: '09:30', capacity: 30 });
      await makeSlot(db, t.clock, cruise, { date: '2026-06-16', time: '13:00', capacity: 30 });
      await makeSlot(db, t.clock, cruise, { date: '2026-06-16', time: '16:00', capacity: 30 });
      await book(db, t.clock, programmeSlot, { groupSize: 6, email: 'boot@example.nl' }, t.linkKey);
      for (const [lang, taken, reason] of [
        ['nl', 'Niet beschikbaar', 'is op dit tijdstip al in gebruik'],
        ['en', 'Not available', 'is already in use at this time'],
      ] as const) {
        const rows = parseHtml((await get(`/activities/${cruise.slug}?date=2026-06-16&groupSize=4`, lang)).body)
          .querySelectorAll('[data-testid="slot"]')
          .map((li) => li.textContent.replace(/\s+/g, ' '));
        assert.equal(rows.length, 2);
        assert.ok(rows[0]!.includes(taken) && rows[0]!.includes(reason), rows[0]);
        assert.ok(!rows[1]!.includes(taken), rows[1]);
      }
    });

    test('GET /activities lists each activity’s parts: empty for an ordinary one, an unpublished stand-alone activity not named', async () => {
      const { activities } = activityListJson.parse((await get('/api/v1/activities')).json());
      const listed = new Map(activities.map((activity) => [activity.id, activity.parts]));
      assert.deepEqual(listed.get(programme.id), [
        {
          title: { nl: 'Klimmen', en: 'Climbing' },
          offsetMinutes: 0,
          durationMinutes: 90,
          activityId: null,
          resources: ['Klimwand'],
          subgroupSize: null,
        },
        {
          title: { nl: 'Lunch', en: 'Lunch' },
          offsetMinutes: 120,
          durationMinutes: 60,
          activityId: null,
          resources: [],
          subgroupSize: null,
        },
        {
          title: { nl: 'Rondvaart', en: 'Canal tour' },
          offsetMinutes: 210,
          durationMinutes: 60,
          activityId: cruise.id,
          resources: ['Fluisterboot'],
          subgroupSize: null,
        },
      ]);
      assert.deepEqual(listed.get(plain.id), []);
      assert.deepEqual(listed.get(cruise.id), []);
    });

    test('the OpenAPI document describes the parts of an activity and of a managed booking', async () => {
      type Schema = { properties: Record<string, Schema>; items: Schema; required?: string[]; description?: string };
      const doc = (await get('/api/v1/openapi.json')).json() as {
        paths: Record<string, { get: { responses: { 200: { content: { 'application/json': { schema: Schema } } } } } }>;
      };
      const schemaOf = (path: string) => doc.paths[path]!.get.responses[200].content['application/json'].schema;
      const parts = schemaOf('/activities').properties.activities!.items.properties.parts!;
      assert.match(parts.description ?? '', /empty for an ordinary activity/);
      assert.deepEqual(Object.keys(parts.items.properties), [
        'title',
        'offsetMinutes',
        'durationMinutes',
        'activityId',
        'resources',
        'subgroupSize',
      ]);
      assert.deepEqual(parts.items.required, ['title', 'offsetMinutes', 'durationMinutes', 'activityId', 'resources', 'subgroupSize']);
      for (const [name, field] of Object.entries(parts.items.properties)) {
        if (name !== 'title' && name !== 'durationMinutes') assert.ok(field.description, `${name} is described`);
      }
      const booked = schemaOf('/manage/{token}').properties.parts!;
      assert.deepEqual(Object.keys(booked.items.properties), ['title', 'startsAt', 'endsAt', 'resources']);
      assert.match(booked.description ?? '', /at the booking's times/);
      const subgroups = schemaOf('/manage/{token}').properties.subgroups!;
      assert.deepEqual(Object.keys(subgroups.items.properties), ['persons', 'parts']);
      assert.match(subgroups.description ?? '', /per subgroup/);
    });
  });
}
