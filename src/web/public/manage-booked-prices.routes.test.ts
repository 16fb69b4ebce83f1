import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, TEST_PUBLIC_URL, type TestApp } from '../../../test/app.js';
import { testDialects } from '../../../test/databases.js';
import { makeExtra } from '../../../test/extras.js';
import { book, makeActivity, makeSlot } from '../../../test/factories.js';
import { parseHtml, urlencoded } from '../../../test/html.js';
import { postForm } from '../../../test/staff.js';
import { formatMoney } from '../../core/i18n/format.js';
import { schoolCategories } from '../../../test/school-pricing.js';

/** Pupils at EUR 9.50 and teachers at EUR 12 (one free per 8 pupils), lunch EUR 7.95 a person: the prices booked at. */
const BOOKED = schoolCategories(950, 1200);
const RAISED = schoolCategories(1450, 1800);

for (const dialect of testDialects()) {
  describe(`the manage page prices a change of the group at the booked prices (${dialect.name})`, () => {
    let t: TestApp;
    before(async () => {
      t = await buildTestApp(dialect, '2026-06-01T08:00:00Z');
    });
    after(() => t.close());

    const text = (node: { textContent: string } | null | undefined) => node?.textContent.replace(/\s+/g, ' ').trim();
    const squash = (s: string) => s.replace(/\s+/g, ' ');

    for (const lang of ['nl', 'en'] as const) {
      test(`after the venue raised its prices, the form, the preview and the change keep the booked ones (${lang})`, async () => {
        const { db } = t.database;
        const activity = await makeActivity(db, t.clock, { pricing: BOOKED, maxGroupSize: 40 });
        const lunch = await makeExtra(db, activity, { amountCents: 795 });
        const slot = await makeSlot(db, t.clock, activity, { date: '2026-06-19', capacity: 100 });
        const party = { pupil: 24, teacher: 3 };
        const { manageToken } = await book(
          db,
          t.clock,
          slot,
          { groupSize: 27, party, extras: { [lunch.id]: 1 }, language: lang },
          t.linkKey,
        );
        await db
          .updateTable('activities')
          .set({ pricing: JSON.stringify(RAISED) })
          .where('id', '=', activity.id)
          .execute();
        await db.updateTable('activity_extras').set({ amount_cents: 1295 }).where('id', '=', lunch.id).execute();
        const path = `/b/${manageToken}`;
        const headers = { 'accept-language': lang };

        const manage = parseHtml((await t.app.inject({ url: path, headers })).body);
        const hint = text(manage.querySelector('[id="party.pupil-hint"]'));
        assert.equal(hint, squash(lang === 'nl' ? `${formatMoney(950, lang)} per persoon.` : `${formatMoney(950, lang)} per person.`));

        // Two pupils fewer: 22 pupils and 3 teachers, 2 of them free; 25 lunches; all at the booked prices.
        const expected = 22 * 950 + 1 * 1200 + 25 * 795;
        const change = { 'party.pupil': '22', 'party.teacher': '3' };
        const preview = await t.app.inject({
          method: 'POST',
          url: `${path}/group-size/preview`,
          headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded', origin: TEST_PUBLIC_URL },
          payload: urlencoded(change),
        });
        assert.equal(preview.statusCode, 200, preview.body.slice(0, 300));
        const total = formatMoney(expected, lang);
        assert.equal(
          text(parseHtml(preview.body).querySelector('[data-testid="group-size-change"]')),
          squash(
            lang === 'nl'
              ? `Groep van 27 naar 25 personen; de nieuwe prijs is ${total}.`
              : `Group from 27 to 25 people; the new price is ${total}.`,
          ),
        );

        assert.equal((await postForm(t, `${path}/group-size`, change)).statusCode, 303);
        const changed = parseHtml((await t.app.inject({ url: path, headers })).body);
        assert.equal(text(changed.querySelector('[data-testid="price-total"]')), squash(total));
      });
    }
  });
}
