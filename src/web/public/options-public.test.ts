import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, type TestApp } from '../../../test/app.js';
import { NO_PAYMENTS } from '../../../test/payment-context.js';
import { testDialects } from '../../../test/databases.js';
import { makeActivityWithRules, makeSlot } from '../../../test/factories.js';
import { formFields, parseHtml, urlencoded } from '../../../test/html.js';
import { bookingRow, mailsOfKind } from '../../../test/lifecycle.js';
import { findSlot } from '../../core/availability/slot.repository.js';
import type { Slot } from '../../core/availability/slot.js';
import { runBookingLifecycle } from '../../core/booking-flows/booking-lifecycle.service.js';
import type { Activity } from '../../core/catalog/activity.js';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const ORGANISER = { name: 'Anna de Vries', email: 'anna@example.nl', phone: '030 1234567', acceptTerms: 'yes' };

for (const dialect of testDialects()) {
  describe(`options on the booking form and the manage page (${dialect.name})`, () => {
    let t: TestApp;
    let instant: Activity;
    let onRequest: Activity;
    let noOptions: Activity;
    let far: Slot;
    let close: Slot;
    before(async () => {
      // Monday 1 June 2026, 10:00 in Amsterdam.
      t = await buildTestApp(dialect, '2026-06-01T08:00:00Z');
      const { db } = t.database;
      instant = await makeActivityWithRules(db, t.clock, { options: { hours: 48, minDaysBefore: 7, maxPerEmail: 50 } });
      onRequest = await makeActivityWithRules(db, t.clock, { bookingMode: 'request', options: { maxPerEmail: 50 } });
      noOptions = await makeActivityWithRules(db, t.clock, { options: { allowed: false } });
      far = await makeSlot(db, t.clock, instant, { date: '2026-06-15', time: '10:00', capacity: 40 });
      close = await makeSlot(db, t.clock, instant, { date: '2026-06-05', time: '10:00', capacity: 40 });
    });
    after(() => t.close());

    const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ url, headers });
    const post = (url: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
      t.app.inject({ method: 'POST', url, headers: { ...FORM, ...headers }, payload: urlencoded(fields) });

    /** The form as the browser submits it, with the organiser's details and the choice made. */
    async function formOf(slot: Slot, choice?: 'yes' | 'no', headers: Record<string, string> = {}) {
      const page = parseHtml((await get(`/book/${slot.id}?groupSize=5`, headers)).body);
      const fields = { ...formFields(page.querySelector('form[action^="/book/"]')!), ...ORGANISER };
      return choice ? { ...fields, option: choice } : fields;
    }

    /** Review, then confirm; the manage page's path. */
    async function book(slot: Slot, fields: Record<string, string>, headers: Record<string, string> = {}) {
      const review = await post(`/book/${slot.id}`, fields, headers);
      assert.equal(review.statusCode, 200, review.body.slice(0, 300));
      const reviewPage = parseHtml(review.body);
      const confirmForm = reviewPage.querySelector('form.actions')!;
      const done = await post(`/book/${slot.id}`, { ...formFields(confirmForm), action: 'confirm' }, headers);
      assert.equal(done.statusCode, 303);
      return { reviewPage, manage: String(done.headers.location).split('?')[0]! };
    }

    const referenceOn = async (path: string) =>
      parseHtml((await get(path)).body).querySelector('[data-testid="booking-reference"]')!.textContent;
    const rowOf = async (path: string) => {
      const reference = await referenceOn(path);
      return t.database.db.selectFrom('bookings').selectAll().where('reference', '=', reference).executeTakeFirstOrThrow();
    };

    test('the form offers an option with the deadline it would get; review and manage page say what was placed', async () => {
      const form = parseHtml((await get(`/book/${far.id}`)).body);
      const choice = form.querySelector('[data-testid="option-choice"]')!;
      assert.ok(choice, 'offered');
      assert.ok(form.querySelector('#option-no')!.hasAttribute('checked'), 'booking outright is the default');
      assert.equal(
        choice.querySelector('label[for="option-yes"]')!.textContent,
        'Eerst een optie nemen: wij houden de plaatsen vrijblijvend voor uw groep vast tot wo 3 jun 2026 om 10:00. Bevestig vóór dan, anders komen ze weer vrij.',
      );

      const fields = await formOf(far, 'yes');
      const edited = parseHtml((await post(`/book/${far.id}`, { ...fields, action: 'edit' })).body);
      assert.ok(edited.querySelector('#option-yes')!.hasAttribute('checked'), 'the choice survives changing the details');
      const { reviewPage, manage } = await book(far, fields);
      assert.equal(
        reviewPage.querySelector('[data-testid="review-kind"]')?.textContent,
        'U neemt een optie tot wo 3 jun 2026 om 10:00. De boeking is pas definitief als u de optie vóór dan bevestigt.',
      );
      assert.equal(reviewPage.querySelector('form.actions button[value="confirm"]')?.textContent, 'Optie nemen');

      const row = await rowOf(manage);
      assert.deepEqual([row.status, row.option_expires_at, row.group_size], ['option', '2026-06-03T08:00:00.000Z', 5]);
      const page = parseHtml((await get(manage, { 'accept-language': 'en' })).body);
      assert.equal(page.querySelector('[data-testid="booking-status"]')?.textContent, 'Option');
      assert.equal(
        page.querySelector('[data-testid="option-deadline"]')?.textContent,
        'The places are held for your group, without obligation, until Wed 3 Jun 2026 at 10:00 (Dutch time). Confirm before then, or the option lapses and the places become free again.',
      );
      assert.equal(page.querySelector('[data-testid="option-confirm"]')?.getAttribute('action'), `${manage}/confirm`);
    });

    test('without the option chosen the booking is confirmed at once', async () => {
      const { manage } = await book(far, await formOf(far, 'no'));
      assert.equal((await rowOf(manage)).status, 'confirmed');
      assert.equal(parseHtml((await get(manage)).body).querySelector('[data-testid="option-panel"]'), null);
    });

    test('no option is offered where the activity takes none or the date is too close', async () => {
      const none = await makeSlot(t.database.db, t.clock, noOptions, { date: '2026-06-15' });
      for (const slot of [none, close]) {
        const form = parseHtml((await get(`/book/${slot.id}`)).body);
        assert.equal(form.querySelector('[data-testid="option-choice"]'), null);
        assert.equal(form.querySelector('input[name="option"]'), null);
      }
      // Too close says why, with the activity's window; an activity without options has nothing to explain.
      const tooClose = async (slot: Slot, lang: string) =>
        parseHtml((await get(`/book/${slot.id}`, { 'accept-language': lang })).body).querySelector('[data-testid="option-too-late"]')
          ?.textContent;
      assert.equal(
        await tooClose(close, 'nl'),
        'Voor deze datum is geen optie meer mogelijk (opties tot 7 dagen voor het bezoek). U kunt wel direct boeken.',
      );
      assert.equal(
        await tooClose(close, 'en'),
        'This date is too close for an option (options up to 7 days before the visit). You can still book directly.',
      );
      assert.equal(await tooClose(none, 'en'), undefined);
      assert.equal(await tooClose(far, 'en'), undefined);
      const window = async (activity: Activity) =>
        parseHtml((await get(`/activities/${activity.slug}`, { 'accept-language': 'en' })).body).querySelector(
          '[data-testid="option-window"]',
        )?.textContent;
      assert.equal(await window(instant), 'options up to 7 days before the visit');
      assert.equal(await window(noOptions), undefined);
      // Asked for anyway (an old form, a hand-made post): refused with the reason, the input kept.
      const refused = await post(`/book/${close.id}`, { ...(await formOf(close)), option: 'yes' }, { 'accept-language': 'en' });
      assert.equal(refused.statusCode, 409);
      const page = parseHtml(refused.body);
      assert.equal(
        page.querySelector('[data-testid="booking-refusal"]')?.textContent,
        'This date is too close for an option. You can still book directly.',
      );
      assert.equal(formFields(page.querySelector('form[action^="/book/"]')!).name, 'Anna de Vries');
    });

    test('on request: the form says the venue decides, and the booking is a request that holds its places', async () => {
      const slot = await makeSlot(t.database.db, t.clock, onRequest, { date: '2026-06-15', capacity: 10 });
      const form = parseHtml((await get(`/book/${slot.id}`, { 'accept-language': 'en' })).body);
      assert.equal(
        form.querySelector('label[for="option-no"]')?.textContent,
        'Request the booking: the venue tells you by email whether it can go ahead',
      );
      const { reviewPage, manage } = await book(slot, await formOf(slot, 'no', { 'accept-language': 'en' }), { 'accept-language': 'en' });
      assert.equal(reviewPage.querySelector('form.actions button[value="confirm"]')?.textContent, 'Send request');
      assert.equal((await rowOf(manage)).status, 'requested');
      assert.equal((await findSlot(t.database.db, slot.id))?.bookedPersons, 5);
      const page = parseHtml((await get(manage)).body);
      assert.equal(page.querySelector('[data-testid="booking-status"]')?.textContent, 'Aangevraagd');
      assert.ok(page.querySelector('[data-testid="request-panel"]'));
    });

    test('the organiser confirms the option in one click; no cookie, not cached', async () => {
      const { manage } = await book(far, await formOf(far, 'yes'));
      const row = await rowOf(manage);
      const confirm = await post(`${manage}/confirm`, {});
      assert.equal(confirm.statusCode, 303);
      assert.equal(confirm.headers.location, `${manage}?done=confirmed`);
      assert.equal(confirm.headers['cache-control'], 'no-store');
      assert.equal(confirm.headers['set-cookie'], undefined);
      const after = await bookingRow(t.database.db, row.id);
      assert.deepEqual([after.status, after.confirmed_at], ['confirmed', t.clock.now().toISOString()]);
      assert.equal(await mailsOfKind(t.database.db, row.id, 'confirmed'), 1);
      const page = parseHtml((await get(String(confirm.headers.location))).body);
      assert.equal(page.querySelector('[data-testid="booking-status"]')?.textContent, 'Bevestigd');
      assert.equal(
        page.querySelector('[data-testid="notice"]')?.textContent,
        'Uw boeking is bevestigd. U ontvangt een bevestiging per e-mail.',
      );
      assert.equal(page.querySelector('[data-testid="option-confirm"]'), null);
      const again = await post(`${manage}/confirm`, {});
      assert.equal(again.statusCode, 303, 'a second click changes nothing');
      assert.equal(await mailsOfKind(t.database.db, row.id, 'confirmed'), 1);

      assert.equal((await post('/b/not-a-real-token-at-all-xxxxxxxxxxxxxxxxxxxxxxx/confirm', {})).statusCode, 404);
      assert.equal((await post(`${manage}/confirm`, {}, { origin: 'https://evil.example' })).statusCode, 403);
    });

    test('a confirmation after the deadline is refused on the manage page with the reason, before and after the job', async () => {
      const { manage } = await book(far, await formOf(far, 'yes'));
      const row = await rowOf(manage);
      const start = t.clock.now();
      try {
        t.clock.set(row.option_expires_at!);
        const held = await findSlot(t.database.db, far.id);
        const refused = await post(`${manage}/confirm`, {}, { 'accept-language': 'en' });
        assert.equal(refused.statusCode, 409);
        assert.equal(refused.headers['cache-control'], 'no-store');
        const page = parseHtml(refused.body);
        assert.equal(
          page.querySelector('[data-testid="refusal"][data-code="option_expired"]')?.textContent,
          'This option has expired: the places are no longer held for you. You can book again while places are left.',
        );
        assert.equal(page.querySelector('[data-testid="booking-reference"]')?.textContent, row.reference, 'on the manage page');
        assert.deepEqual(await bookingRow(t.database.db, row.id), row, 'nothing changed');
        assert.deepEqual(await findSlot(t.database.db, far.id), held);

        await runBookingLifecycle(t.database.db, t.clock, NO_PAYMENTS);
        const expired = await post(`${manage}/confirm`, {});
        assert.equal(expired.statusCode, 409);
        const expiredPage = parseHtml(expired.body);
        assert.equal(
          expiredPage.querySelector('[data-testid="refusal"][data-code="option_expired"]')?.textContent,
          'Deze optie is verlopen: de plaatsen worden niet meer voor u vastgehouden. U kunt opnieuw boeken zolang er plaats is.',
        );
        assert.equal(expiredPage.querySelector('[data-testid="booking-status"]')?.textContent, 'Verlopen');
        assert.equal((await bookingRow(t.database.db, row.id)).status, 'expired');
        assert.equal(await mailsOfKind(t.database.db, row.id, 'confirmed'), 0);
      } finally {
        t.clock.set(start);
      }
    });
  });
}
