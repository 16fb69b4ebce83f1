import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import ICAL from 'ical.js';
import { TEST_ADMIN } from '../../../test/actors.js';
import { buildTestApp, type TestApp } from '../../../test/app.js';
import { testDialects } from '../../../test/databases.js';
import { book, makeActivity, makeSlot } from '../../../test/factories.js';
import { parseHtml } from '../../../test/html.js';
import { startSmtpServer, type TestSmtpServer } from '../../../test/mail-server.js';
import { testMailDelivery } from '../../../test/mail-senders.js';
import type { Slot } from '../../core/availability/slot.js';
import type { Activity } from '../../core/catalog/activity.js';
import { deliverDueMails } from '../../core/mail/mail-delivery.service.js';
import { savePartFromForm } from '../../core/resources/programme-admin.service.js';
import { listProgrammeParts, saveRotation } from '../../core/resources/programme.repository.js';
import { createResourceFromForm } from '../../core/resources/resource-admin.service.js';
import { manageBookingJson } from './api.schemas.js';

for (const dialect of testDialects()) {
  describe(`what an organiser sees of a programme that splits groups into subgroups (${dialect.name})`, () => {
    let t: TestApp;
    let smtp: TestSmtpServer;
    let programme: Activity;
    /** Monday 15 June 2026, 10:00 summer time. */
    let june: Slot;

    before(async () => {
      [t, smtp] = await Promise.all([buildTestApp(dialect, '2026-06-01T08:00:00Z'), startSmtpServer()]);
      const { db } = t.database;
      programme = await makeActivity(db, t.clock, {
        title: { nl: 'Schoolreis', en: 'School trip' },
        durationMinutes: 240,
        maxGroupSize: 60,
      });
      const venueId = programme.venue.id;
      const resource = async (name: string) => {
        const made = await createResourceFromForm(db, t.clock, TEST_ADMIN, { venueId, name, kind: 'persons', capacity: '20' }, 'nl');
        assert.ok(made.ok);
        return made.value.id;
      };
      const part = async (titleNl: string, titleEn: string, offset: number, resources: string[]) => {
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
            duration: '60',
            partActivityId: '',
            resources,
            buffers: Object.fromEntries(resources.map((id) => [id, '0'])),
          },
          'nl',
        );
        assert.ok(saved.ok, JSON.stringify(saved));
      };
      await part('Klimmen', 'Climbing', 0, [await resource('Klimwand')]);
      await part('Werkplaats', 'Workshop', 60, [await resource('Werkplaats')]);
      await part('Rondvaart', 'Canal tour', 120, [await resource('Sloep')]);
      await part('Lunch', 'Lunch', 180, []);
      const parts = (await listProgrammeParts(db, [programme.id])).get(programme.id)!;
      const turns = parts.filter((p) => p.title.nl !== 'Lunch').map((p) => p.id);
      await db.transaction().execute((trx) => saveRotation(trx, programme.id, 20, turns));
      june = await makeSlot(db, t.clock, programme, { date: '2026-06-15', time: '10:00', capacity: 60 });
    });
    after(async () => {
      await t.close();
      await smtp.close();
    });

    const get = (url: string, lang = 'nl') => t.app.inject({ url, headers: { 'accept-language': lang } });
    /** Per subgroup its heading and its lines; one untitled entry for a group that is not split. */
    const subgroups = (body: string) => {
      const page = parseHtml(body);
      const lines = (list: ReturnType<typeof page.querySelector>) => list!.querySelectorAll('li').map((li) => li.textContent);
      const split = page.querySelectorAll('[data-testid="programme-subgroup"]');
      if (split.length === 0) return [['', ...lines(page.querySelector('[data-testid="programme-timeline"]'))]];
      return split.map((section) => [section.querySelector('h3')!.textContent, ...lines(section.querySelector('ol'))]);
    };

    test('the activity page says which parts subgroups take turns at, and from which size', async () => {
      const nl = parseHtml((await get(`/activities/${programme.slug}`)).body);
      assert.match(
        nl.querySelector('[data-testid="rotation-note"]')?.textContent ?? '',
        /meer dan 20 personen.*Klimmen, Werkplaats, Rondvaart\./,
      );
      const en = parseHtml((await get(`/activities/${programme.slug}`, 'en')).body);
      assert.match(
        en.querySelector('[data-testid="rotation-note"]')?.textContent ?? '',
        /more than 20 people.*Climbing, Workshop, Canal tour\./,
      );
    });

    test('the booking form shows one timeline for a group of 20, and each subgroup its own turns for 45', async () => {
      assert.deepEqual(subgroups((await get(`/book/${june.id}?groupSize=20`)).body), [
        ['', '10:00–11:00 Klimmen · Klimwand', '11:00–12:00 Werkplaats · Werkplaats', '12:00–13:00 Rondvaart · Sloep', '13:00–14:00 Lunch'],
      ]);
      assert.deepEqual(subgroups((await get(`/book/${june.id}?groupSize=45`, 'en')).body), [
        [
          'Group 1 · 15 people',
          '10:00–11:00 Climbing · Klimwand',
          '11:00–12:00 Workshop · Werkplaats',
          '12:00–13:00 Canal tour · Sloep',
          '13:00–14:00 Lunch',
        ],
        [
          'Group 2 · 15 people',
          '10:00–11:00 Workshop · Werkplaats',
          '11:00–12:00 Canal tour · Sloep',
          '12:00–13:00 Climbing · Klimwand',
          '13:00–14:00 Lunch',
        ],
        [
          'Group 3 · 15 people',
          '10:00–11:00 Canal tour · Sloep',
          '11:00–12:00 Climbing · Klimwand',
          '12:00–13:00 Workshop · Werkplaats',
          '13:00–14:00 Lunch',
        ],
      ]);
    });

    test('a booked class of 60: the manage page, the API, the calendar and the mail give every subgroup its times', async () => {
      const from = smtp.messages.length;
      const { manageToken } = await book(t.database.db, t.clock, june, { groupSize: 60, email: 'klas@example.nl' }, t.linkKey);
      const page = subgroups((await get(`/b/${manageToken}`)).body);
      assert.deepEqual(
        page.map((lines) => lines[0]),
        ['Groep 1 · 20 personen', 'Groep 2 · 20 personen', 'Groep 3 · 20 personen'],
      );
      assert.deepEqual(page[1]!.slice(1), [
        '10:00–11:00 Werkplaats · Werkplaats',
        '11:00–12:00 Rondvaart · Sloep',
        '12:00–13:00 Klimmen · Klimwand',
        '13:00–14:00 Lunch',
      ]);

      const api = manageBookingJson.parse((await get(`/api/v1/manage/${manageToken}`)).json());
      assert.deepEqual(
        api.subgroups.map((s) => [s.persons, s.parts.map((p) => `${p.startsAt.slice(11, 16)} ${p.title.en}`)]),
        [
          [20, ['08:00 Climbing', '09:00 Workshop', '10:00 Canal tour', '11:00 Lunch']],
          [20, ['08:00 Workshop', '09:00 Canal tour', '10:00 Climbing', '11:00 Lunch']],
          [20, ['08:00 Canal tour', '09:00 Climbing', '10:00 Workshop', '11:00 Lunch']],
        ],
      );
      assert.deepEqual(api.parts, api.subgroups[0]!.parts);

      const ics = new ICAL.Component(ICAL.parse((await get(`/b/${manageToken}/calendar.ics`)).body));
      assert.equal(ics.getAllSubcomponents('vevent').length, 10, 'three turns for each of three subgroups, lunch once');

      const report = await deliverDueMails(t.database.db, t.clock, testMailDelivery(smtp, { linkKey: t.linkKey }));
      assert.deepEqual(report.failures, []);
      const mail = smtp.messages.slice(from).find((m) => m.to && !Array.isArray(m.to) && m.to.text === 'klas@example.nl');
      assert.ok(mail, 'the organiser got a mail');
      assert.match(mail.text ?? '', /Groep 3 \(20 personen\):\n {2}10:00–11:00 Rondvaart · Sloep\n/);
    });
  });
}
