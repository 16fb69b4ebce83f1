import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, type TestApp } from '../../../test/app.js';
import { testDialects } from '../../../test/databases.js';
import { makeActivity, makeSlot } from '../../../test/factories.js';
import { formFields, parseHtml, urlencoded } from '../../../test/html.js';
import { mailDetail } from '../../../test/lifecycle.js';
import type { Slot } from '../../core/availability/slot.js';
import type { Activity } from '../../core/catalog/activity.js';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const EN = { 'accept-language': 'en' };

for (const dialect of testDialects()) {
  describe(`re-submitting a booking from the HTML form on ${dialect.name}`, () => {
    let t: TestApp;
    let slot: Slot;
    let activity: Activity;
    before(async () => {
      t = await buildTestApp(dialect, '2026-06-01T08:00:00Z');
      activity = await makeActivity(t.database.db, t.clock, { minGroupSize: 4, maxGroupSize: 30 });
      slot = await makeSlot(t.database.db, t.clock, activity, { date: '2026-06-03', time: '10:00', capacity: 60 });
    });
    after(() => t.close());

    const post = (fields: Record<string, string>, headers: Record<string, string> = EN) =>
      t.app.inject({ method: 'POST', url: `/book/${slot.id}`, headers: { ...headers, ...FORM }, payload: urlencoded(fields) });
    const bookingsOf = (email: string) =>
      t.database.db.selectFrom('bookings').select(['reference', 'group_size']).where('organiser_email', '=', email).execute();

    /** The fields of the form as opened, filled in. */
    async function filledForm(email: string, groupSize = '10'): Promise<Record<string, string>> {
      const form = parseHtml((await t.app.inject({ url: `/book/${slot.id}`, headers: EN })).body).querySelector('#booking-form')!;
      return { ...formFields(form), groupSize, name: 'Anna de Vries', email, phone: '030 1234567', acceptTerms: 'yes' };
    }

    /** The review step's form, as the browser would submit it. */
    async function review(fields: Record<string, string>) {
      const res = await post(fields);
      const page = parseHtml(res.body);
      return { res, page, fields: formFields(page.querySelector('#booking-review')!) };
    }

    test('Back from the confirmation, "change details", another group size and Confirm: the same booking, not a second', async () => {
      const email = 'back.again@example.nl';
      const first = await review(await filledForm(email));
      assert.equal(first.page.querySelector('[data-testid="review-placed"]'), null, 'nothing placed before');
      const confirmed = await post({ ...first.fields, action: 'confirm' });
      assert.equal(confirmed.statusCode, 303);
      const [booking] = await bookingsOf(email);
      assert.ok(booking);

      // Back to the review page, "change details": the form carries the review step's key.
      const edit = parseHtml((await post({ ...first.fields, action: 'edit' })).body).querySelector('#booking-form')!;
      assert.equal(formFields(edit).submissionKey, first.fields.submissionKey);
      const second = await review({ ...formFields(edit), groupSize: '14' });
      assert.equal(second.fields.submissionKey, first.fields.submissionKey, 'the key survives the edit');
      const placed = second.page.querySelector('[data-testid="review-placed"]')?.textContent ?? '';
      assert.match(placed, new RegExp(`${booking.reference}: 10 people, Confirmed`));

      const again = await post({ ...second.fields, action: 'confirm' });
      assert.equal(again.statusCode, 200);
      const page = parseHtml(again.body);
      assert.match(page.querySelector('[data-testid="submission-replayed"]')?.textContent ?? '', new RegExp(booking.reference));
      assert.ok(page.querySelector('a[href="/manage-link"]'), 'where to ask for the link again');
      assert.doesNotMatch(again.body, /\/b\/[A-Za-z0-9_-]{43}/, 'never the manage link');
      assert.deepEqual(await bookingsOf(email), [booking], 'one booking, as placed');
    });

    test('"change details" to a size the slot no longer has room for: the booking placed, not a refusal sending them elsewhere', async () => {
      const shared = slot;
      slot = await makeSlot(t.database.db, t.clock, activity, { date: '2026-06-04', time: '10:00', capacity: 60 });
      try {
        const email = 'almost.full@example.nl';
        const first = await review(await filledForm(email, '28'));
        assert.equal((await post({ ...first.fields, action: 'confirm' })).statusCode, 303);
        const [booking] = await bookingsOf(email);
        assert.ok(booking);
        // Someone else takes most of what is left: 60 - 28 - 30 = 2 places.
        assert.equal(
          (await post({ ...(await review(await filledForm('other.group@example.nl', '30'))).fields, action: 'confirm' })).statusCode,
          303,
        );

        const edit = parseHtml((await post({ ...first.fields, action: 'edit' })).body).querySelector('#booking-form')!;
        const res = await post({ ...formFields(edit), groupSize: '26' });
        assert.equal(res.statusCode, 200);
        const page = parseHtml(res.body);
        assert.match(page.querySelector('[data-testid="submission-replayed"]')?.textContent ?? '', new RegExp(booking.reference));
        assert.equal(page.querySelector('[data-testid="booking-refusal"]'), null, 'no "choose another time"');
        assert.deepEqual(await bookingsOf(email), [booking]);
      } finally {
        slot = shared;
      }
    });

    test("a fresh form with an address that has a booking on the slot shows nothing of it; the address's mail names it", async () => {
      const email = 'twice@example.nl';
      assert.equal((await post({ ...(await review(await filledForm(email, '8'))).fields, action: 'confirm' })).statusCode, 303);
      const [booking] = await bookingsOf(email);
      assert.ok(booking);

      // A stranger types the owner's address (in other case) on a fresh form; another, an address without bookings.
      const stranger = await review(await filledForm('Twice@Example.NL', '12'));
      const nobody = await review(await filledForm('nobody.yet@example.nl', '12'));
      assert.deepEqual([stranger.res.statusCode, nobody.res.statusCode], [200, 200]);
      assert.doesNotMatch(stranger.res.body, new RegExp(booking.reference));
      // The two pages differ only in what was typed and in the form's own key.
      const typedOnly = (body: string, page: typeof stranger) =>
        body.replaceAll(page.fields.submissionKey!, 'KEY').replaceAll(page.fields.email!, 'EMAIL');
      assert.equal(typedOnly(stranger.res.body, stranger), typedOnly(nobody.res.body, nobody));

      // Confirming books at once; the mail to the address, and only that, names the booking already there.
      const placedMails = () =>
        t.database.db
          .selectFrom('mail_outbox')
          .innerJoin('bookings', 'bookings.id', 'mail_outbox.booking_id')
          .select(['bookings.organiser_email as email', 'mail_outbox.recipient', 'mail_outbox.detail'])
          .where('mail_outbox.kind', '=', 'booking_received')
          .where('bookings.organiser_email', 'in', ['Twice@Example.NL', 'nobody.yet@example.nl'])
          .execute();
      assert.equal((await post({ ...stranger.fields, action: 'confirm' })).statusCode, 303);
      assert.equal((await post({ ...nobody.fields, action: 'confirm' })).statusCode, 303);
      assert.deepEqual(
        (await bookingsOf('Twice@Example.NL')).map((b) => b.group_size),
        [12],
      );
      assert.deepEqual(
        (await placedMails())
          .map((m) => [m.recipient, mailDetail(m.detail)])
          .sort((a, b) => (a[0] === 'Twice@Example.NL' ? -1 : b[0] === 'Twice@Example.NL' ? 1 : 0)),
        [
          ['Twice@Example.NL', { earlier_references: booking.reference }],
          ['nobody.yet@example.nl', {}],
        ],
      );
    });

    test('switching language on the form or the review step keeps everything typed and sets only the lang cookie', async () => {
      const typed = { ...(await filledForm('taal@example.nl', '9')), organisation: 'De Regenboog', notes: 'Twee\nregels' };
      const switched = await post({ ...typed, lang: 'nl' });
      assert.equal(switched.statusCode, 200);
      assert.match(String(switched.headers['set-cookie']), /^lang=nl;/);
      const page = parseHtml(switched.body);
      assert.equal(page.querySelector('html')?.getAttribute('lang'), 'nl');
      assert.equal(page.querySelector('[data-testid="form-errors"]'), null, 'a switch is no submission');
      assert.deepEqual(formFields(page.querySelector('#booking-form')!), typed);

      const onReview = await review(typed);
      const back = await post({ ...onReview.fields, lang: 'nl' });
      const reviewPage = parseHtml(back.body);
      assert.equal(reviewPage.querySelector('html')?.getAttribute('lang'), 'nl');
      assert.equal(reviewPage.querySelector('h1')?.textContent, 'Controleer uw boeking');
      assert.deepEqual(formFields(reviewPage.querySelector('#booking-review')!), onReview.fields, 'the same key and values');
      assert.equal((await bookingsOf('taal@example.nl')).length, 0, 'nothing booked');
      // The switcher's buttons belong to the step's form.
      assert.deepEqual(
        reviewPage.querySelectorAll('.language button').map((b) => b.getAttribute('form')),
        ['booking-review', 'booking-review'],
      );
    });
  });
}
