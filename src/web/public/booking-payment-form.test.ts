import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, type TestApp } from '../../../test/app.js';
import { testDialects } from '../../../test/databases.js';
import { bookingRequest, makeActivity, makeSlot } from '../../../test/factories.js';
import { parseHtml, urlencoded } from '../../../test/html.js';
import { startMollie, type TestMollie } from '../../../test/mollie/payments.js';
import type { Slot } from '../../core/availability/slot.js';
import type { Activity } from '../../core/catalog/activity.js';

const BASE = '2026-06-01T08:00:00Z';
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
/** 30 % when booking, the rest 14 days before the visit; organisations may pay on invoice within 14 days. */
const DEPOSIT = { mode: 'deposit', depositPercent: 30, balanceDaysBefore: 14, invoiceAllowed: true, invoiceTermDays: 14 } as const;

for (const dialect of testDialects()) {
  describe(`the booking form says how the booking pays (${dialect.name})`, () => {
    let t: TestApp;
    let mollie: TestMollie;
    let deposit: Activity;
    let soon: Slot;
    let later: Slot;

    before(async () => {
      mollie = await startMollie({ webhooks: 'drop' });
      t = await buildTestApp(dialect, BASE, {}, { payments: mollie.settings });
      deposit = await makeActivity(t.database.db, t.clock, { payment: DEPOSIT, maxGroupSize: 40 });
      soon = await makeSlot(t.database.db, t.clock, deposit, { date: '2026-06-10', time: '10:00', capacity: 100 });
      later = await makeSlot(t.database.db, t.clock, deposit, { date: '2026-07-01', time: '10:00', capacity: 100 });
    });
    after(async () => {
      await t?.close();
      await mollie?.close();
    });

    const page = async (url: string, lang = 'nl') => parseHtml((await t.app.inject({ url, headers: { 'accept-language': lang } })).body);
    const text = (node: { textContent: string } | null | undefined) => node?.textContent.replace(/\u00a0/g, ' ');
    /** The booking form sent as the browser would, with `fields` over a valid group. */
    const post = async (slot: Slot, fields: Record<string, string>) => {
      const res = await t.app.inject({
        method: 'POST',
        url: `/book/${slot.id}`,
        headers: FORM,
        payload: urlencoded({
          ...(bookingRequest(slot.id, { groupSize: '10' }) as Record<string, string>),
          acceptTerms: 'yes',
          action: 'review',
          ...fields,
        }),
      });
      return { status: res.statusCode, page: parseHtml(res.body) };
    };

    test('a deposit for a visit within its days: the form and the review say all of it is paid when booking, and why', async () => {
      const form = await page(`/book/${soon.id}?groupSize=10`);
      assert.equal(
        text(form.querySelector('[data-testid="payment-plan-in-full"]')),
        'Omdat uw bezoek binnen 14 dagen is, betaalt u het volledige bedrag bij het boeken.',
      );
      assert.match(text(form.querySelector('[data-testid="payment-plan"]')) ?? '', /U betaalt € 125,00 online bij het boeken/);
      const english = await page(`/book/${soon.id}?groupSize=10`, 'en');
      assert.equal(
        text(english.querySelector('[data-testid="payment-plan-in-full"]')),
        'Because your visit is within 14 days, you pay the full amount when booking.',
      );
      const review = await post(soon, {});
      assert.equal(review.status, 200);
      assert.ok(review.page.querySelector('[data-testid="payment-plan-in-full"]'), 'the review says it too');

      const far = await page(`/book/${later.id}?groupSize=10`);
      assert.equal(far.querySelector('[data-testid="payment-plan-in-full"]'), null, 'a visit further off pays the deposit');
      assert.match(text(far.querySelector('[data-testid="payment-plan"]')) ?? '', /U betaalt nu € 37,50 online/);
      const onInvoice = await post(soon, { payBy: 'invoice', 'billing.organisation': 'OBS', 'billing.address': 'Dorpsstraat 1' });
      assert.equal(onInvoice.page.querySelector('[data-testid="payment-plan-in-full"]'), null, 'nothing online on invoice');
    });

    test('the review states the cancellation policy from now on: a deadline already past is left out', async () => {
      // 9 days before the visit: "free until 14 days before" has passed; 50 % back until 48 hours before applies now.
      const review = await post(soon, {});
      const policy = review.page.querySelector('[data-testid="refund-policy"]');
      assert.equal(policy?.getAttribute('data-passed'), '1');
      assert.match(text(policy) ?? '', /^Nu: 50% terug tot /);
      assert.doesNotMatch(text(policy) ?? '', /Kosteloos/);
      const far = (await post(later, {})).page.querySelector('[data-testid="refund-policy"]');
      assert.equal(far?.getAttribute('data-passed'), '0');
      assert.match(text(far) ?? '', /^Kosteloos annuleren tot /);
    });

    test('a deposit whose rest is due 1 day or 0 days before: "within 1 day", "today"', async () => {
      const says = async (balanceDaysBefore: number, date: string) => {
        const activity = await makeActivity(t.database.db, t.clock, { payment: { ...DEPOSIT, balanceDaysBefore } });
        const slot = await makeSlot(t.database.db, t.clock, activity, { date, time: '16:00' });
        return text((await page(`/book/${slot.id}?groupSize=4`)).querySelector('[data-testid="payment-plan-in-full"]'));
      };
      assert.equal(await says(1, '2026-06-02'), 'Omdat uw bezoek binnen 1 dag is, betaalt u het volledige bedrag bij het boeken.');
      assert.equal(await says(0, '2026-06-01'), 'Omdat uw bezoek vandaag is, betaalt u het volledige bedrag bij het boeken.');
      assert.equal(await says(1, '2026-06-03'), undefined, 'the rest due tomorrow: a deposit now');
    });

    test('paying on invoice chosen and the form refused: its payment box says on invoice, not online', async () => {
      const refused = await post(later, { name: '', payBy: 'invoice', 'billing.organisation': 'OBS', 'billing.address': 'Dorpsstraat 1' });
      assert.equal(refused.status, 422);
      assert.ok(refused.page.querySelector('[data-testid="error-name"]'));
      const box = refused.page.querySelector('[data-testid="payment-plan"]');
      assert.equal(box?.getAttribute('data-pay-by'), 'invoice');
      assert.equal(text(box?.querySelector('p')), 'U betaalt op factuur, uiterlijk ma 15 jun 2026.');
      assert.equal(refused.page.querySelector('#payBy-invoice')?.hasAttribute('checked'), true);
      const online = await post(later, { name: '', payBy: 'online' });
      assert.equal(online.page.querySelector('[data-testid="payment-plan"]')?.getAttribute('data-pay-by'), 'online');
    });

    test('a reference the venue requires is marked required; the error summary follows the form', async () => {
      const reference = (root: ReturnType<typeof parseHtml>) => root.querySelector('input[name="billing.reference"]')!;
      const label = (root: ReturnType<typeof parseHtml>) => text(root.querySelector('label[for="billing.reference"]'));
      const optional = await page(`/book/${later.id}?groupSize=10`);
      assert.equal(reference(optional).hasAttribute('required'), false);
      assert.equal(label(optional), 'Uw kenmerk (inkoopordernummer) (optioneel)');

      await t.database.db.updateTable('venues').set({ po_required: 1 }).where('id', '=', deposit.venue.id).execute();
      try {
        const required = await page(`/book/${later.id}?groupSize=10`);
        assert.equal(reference(required).hasAttribute('required'), true);
        assert.equal(reference(required).getAttribute('aria-required'), 'true');
        assert.equal(label(required), 'Uw kenmerk (inkoopordernummer) (verplicht bij betalen op factuur)');
        assert.equal(
          text((await page(`/book/${later.id}?groupSize=10`, 'en')).querySelector('label[for="billing.reference"]')),
          'Your reference (purchase order number) (required when paying on invoice)',
        );

        const refused = await post(later, {
          payBy: 'invoice',
          'billing.organisation': 'OBS',
          'billing.address': 'Dorpsstraat 1',
          'billing.vatId': 'NL1234',
          acceptTerms: '',
        });
        assert.equal(refused.status, 422);
        const listed = refused.page.querySelectorAll('[data-testid="form-errors"] a').map((a) => a.getAttribute('href'));
        assert.deepEqual(listed, ['#billing.reference', '#billing.vatId', '#acceptTerms'], 'in the order of the form');
      } finally {
        await t.database.db.updateTable('venues').set({ po_required: 0 }).where('id', '=', deposit.venue.id).execute();
      }
    });
  });
}
