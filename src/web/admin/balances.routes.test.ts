import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { TestApp } from '../../../test/app.js';
import { testDialects } from '../../../test/databases.js';
import { buildPayingTestApp } from '../../../test/paying-app.js';
import { bookingRequest, makeActivity, makeSlot } from '../../../test/factories.js';
import { formFields, parseHtml, urlencoded } from '../../../test/html.js';
import { bookingRow, historyOf, mailsOfKind } from '../../../test/lifecycle.js';
import type { TestMollie } from '../../../test/mollie/payments.js';
import { adminGet, adminPost, type SignedIn } from '../../../test/staff.js';
import { makeTwoVenues, signInMembers } from '../../../test/venues.js';
import type { Slot } from '../../core/availability/slot.js';
import type { Activity } from '../../core/catalog/activity.js';
import { remindBalances } from '../../core/booking-flows/balance-reminder.service.js';
import { bookingCreatedJson, manageBookingJson } from '../public/api.schemas.js';
import { SESSION_COOKIE } from './session-cookie.js';

const BASE = '2026-06-01T08:00:00Z';
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
/** 30 % when booking, the rest 14 days before the visit; organisations may pay on invoice within 14 days. */
const DEPOSIT = { mode: 'deposit', depositPercent: 30, balanceDaysBefore: 14, invoiceAllowed: true, invoiceTermDays: 14 } as const;
const FULL = { mode: 'full', depositPercent: 30, balanceDaysBefore: 14, invoiceAllowed: false, invoiceTermDays: 14 } as const;
const BILLING = { organisation: 'OBS De Linde', address: 'Dorpsstraat 1\n1234 AB Ergens', vatId: 'NL123456789B01' };

interface Booked {
  id: string;
  reference: string;
  token: string;
  manage: string;
  totalCents: number;
}

for (const dialect of testDialects()) {
  describe(`deposits, balances, invoices and bank payments (${dialect.name})`, () => {
    let t: TestApp;
    let mollie: TestMollie;
    let deposit: Activity;
    let full: Activity;
    let away: Activity;
    let depositSlot: Slot;
    let fullSlot: Slot;
    let awaySlot: Slot;
    let manager: SignedIn;
    let staff: SignedIn;
    let otherManager: SignedIn;

    before(async () => {
      ({ t, mollie } = await buildPayingTestApp(dialect, BASE));
      const { db } = t.database;
      const venues = await makeTwoVenues(t);
      deposit = await makeActivity(db, t.clock, { venueId: venues.home.venue.id, payment: DEPOSIT, maxGroupSize: 40 });
      full = await makeActivity(db, t.clock, { venueId: venues.home.venue.id, payment: FULL, maxGroupSize: 40 });
      away = await makeActivity(db, t.clock, { venueId: venues.away.venue.id, payment: DEPOSIT, maxGroupSize: 40 });
      depositSlot = await makeSlot(db, t.clock, deposit, { date: '2026-07-01', time: '10:00', capacity: 200 });
      fullSlot = await makeSlot(db, t.clock, full, { date: '2026-07-01', time: '14:00', capacity: 200 });
      awaySlot = await makeSlot(db, t.clock, away, { date: '2026-07-02', time: '10:00', capacity: 200 });
      ({ manager, staff, otherManager } = await signInMembers(t, venues, ['manager', 'staff', 'otherManager']));
    });
    after(async () => {
      await t?.close();
      await mollie?.close();
    });

    async function bookByApi(slot: Slot, overrides: Record<string, unknown> = {}): Promise<Booked> {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/bookings',
        payload: bookingRequest(slot.id, { groupSize: 10, ...overrides }),
      });
      assert.equal(res.statusCode, 201, res.body);
      const created = bookingCreatedJson.parse(res.json());
      const manage = new URL(created.manageUrl).pathname;
      const row = await t.database.db
        .selectFrom('bookings')
        .select('id')
        .where('reference', '=', created.reference)
        .executeTakeFirstOrThrow();
      return { id: row.id, reference: created.reference, token: manage.split('/').pop()!, manage, totalCents: created.price.totalCents };
    }

    /** Pays what the pay link asks for at the stand-in's checkout and reports it by the webhook; the amount paid. */
    async function payOnline(booked: Booked): Promise<number> {
      const res = await t.app.inject(`${booked.manage}/pay`);
      assert.equal(res.statusCode, 303, res.body);
      const providerId = String(res.headers.location).split('/').pop()!;
      mollie.standIn.setStatus(providerId, 'paid');
      assert.equal(await mollie.standIn.callWebhook(providerId), 200);
      return mollie.standIn.payment(providerId)!.amountCents;
    }

    /** A money cell's text with its non-breaking space as a space. */
    const money = (node: { textContent: string } | null | undefined) => node?.textContent.replace(/\u00a0/g, ' ');
    const manageState = async (booked: Booked) => manageBookingJson.parse((await t.app.inject(`/api/v1/manage/${booked.token}`)).json());

    test('a deposit, then the balance through the same pay link: confirmed and partly paid, then paid', async () => {
      const booked = await bookByApi(depositSlot);
      assert.equal(booked.totalCents, 12_500);
      assert.equal(await payOnline(booked), 3_750, 'the deposit is 30 %');
      const partly = await manageState(booked);
      assert.deepEqual(
        [partly.status, partly.payment.status, partly.payment.paidCents, partly.payment.dueCents],
        ['confirmed', 'partly_paid', 3_750, 8_750],
      );
      const row = await bookingRow(t.database.db, booked.id);
      assert.equal(row.balance_due_on, '2026-06-17');
      assert.equal(row.paid_at, null);
      const page = parseHtml((await t.app.inject(booked.manage)).body);
      assert.equal(page.querySelector('[data-testid="pay-button"]')?.getAttribute('href'), `${booked.manage}/pay`);
      assert.equal(await payOnline(booked), 8_750, 'the pay link now pays the balance');
      const paid = await manageState(booked);
      assert.deepEqual([paid.payment.status, paid.payment.dueCents], ['paid', 0]);
      assert.notEqual((await bookingRow(t.database.db, booked.id)).paid_at, null, 'paid in full: the booking is marked paid');
    });

    test('the balance reminder goes out once, three days before the due date, with the pay link', async () => {
      const booked = await bookByApi(depositSlot, { email: 'remind@example.nl' });
      await payOnline(booked);
      t.clock.set('2026-06-13T21:00:00Z'); // 23:00 on 13 June in Amsterdam: four days before the 17th.
      assert.equal(await remindBalances(t.database.db, t.clock), 0);
      assert.equal(await mailsOfKind(t.database.db, booked.id, 'balance_reminder'), 0);
      t.clock.set('2026-06-13T22:30:00Z'); // 00:30 on the 14th: three days before.
      assert.equal(await remindBalances(t.database.db, t.clock), 1);
      assert.equal(await remindBalances(t.database.db, t.clock), 0, 'once per booking');
      t.clock.set('2026-06-16T08:00:00Z');
      assert.equal(await remindBalances(t.database.db, t.clock), 0);
      assert.equal(await mailsOfKind(t.database.db, booked.id, 'balance_reminder'), 1);
      const history = (await historyOf(t.database.db, booked.reference)).map(([action]) => action);
      assert.ok(history.includes('booking.balance_reminder_sent'));
      t.clock.set(BASE);
    });

    test('more to pay after the reminder: the due date moves at least 7 days out and the reminder goes out again', async () => {
      const booked = await bookByApi(depositSlot, { email: 'again@example.nl' });
      await payOnline(booked);
      const grow = async (groupSize: number) => {
        const res = await t.app.inject({
          method: 'POST',
          url: `${booked.manage}/group-size`,
          headers: FORM,
          payload: urlencoded({ groupSize: String(groupSize) }),
        });
        assert.ok([200, 303].includes(res.statusCode), `${res.statusCode}`);
      };
      try {
        // Long before the date: a larger group keeps the due date (later than 7 days from now).
        await grow(11);
        assert.equal((await bookingRow(t.database.db, booked.id)).balance_due_on, '2026-06-17');
        t.clock.set('2026-06-13T22:30:00Z'); // three days before the 17th.
        assert.equal(await remindBalances(t.database.db, t.clock), 1);
        t.clock.set('2026-06-16T08:00:00Z');
        await grow(12);
        const row = await bookingRow(t.database.db, booked.id);
        assert.deepEqual([row.balance_due_on, row.balance_reminded_at], ['2026-06-23', null]);
        assert.equal((await manageState(booked)).payment.dueOn, '2026-06-23');
        t.clock.set('2026-06-19T22:30:00Z'); // three days before the 23rd.
        assert.equal(await remindBalances(t.database.db, t.clock), 1);
        assert.equal(await mailsOfKind(t.database.db, booked.id, 'balance_reminder'), 2);
      } finally {
        t.clock.set(BASE);
      }
    });

    test('staff record a bank payment, partial then full; refused input is kept; another venue finds nothing', async () => {
      const booked = await bookByApi(depositSlot, { payBy: 'invoice', billing: { ...BILLING, reference: 'PO-2026-17' } });
      const row = await bookingRow(t.database.db, booked.id);
      assert.deepEqual(
        [row.status, row.pay_by, row.balance_due_on, row.billing_reference, row.billing_vat_id],
        ['confirmed', 'invoice', '2026-06-15', 'PO-2026-17', 'NL123456789B01'],
      );
      const manage = parseHtml((await t.app.inject(booked.manage)).body);
      assert.match(manage.querySelector('[data-testid="invoice-due"]')?.textContent ?? '', /15 jun.*PO-2026-17/);
      const url = `/admin/bookings/${booked.id}/payments`;
      const tooMuch = await adminPost(t, staff, url, { amount: '125,01', receivedOn: '2026-06-01', note: 'ING' });
      assert.equal(tooMuch.statusCode, 422);
      const refused = parseHtml(tooMuch.body);
      assert.equal(refused.querySelector('[data-testid="error-payment-amount"]')?.textContent, 'Dit is meer dan er nog openstaat.');
      assert.equal(formFields(refused.querySelector('[data-testid="bank-payment-form"]')!).amount, '125,01', 'the input is kept');
      const future = await adminPost(t, staff, url, { amount: '10', receivedOn: '2026-06-02', note: '' });
      assert.equal(future.statusCode, 422);
      assert.ok(parseHtml(future.body).querySelector('[data-testid="error-payment-receivedOn"]'));
      assert.equal((await adminPost(t, otherManager, url, { amount: '10', receivedOn: '2026-06-01' })).statusCode, 404);

      assert.equal((await adminPost(t, staff, url, { amount: '50,5', receivedOn: '2026-06-01', note: 'ING 1' })).statusCode, 303);
      let page = parseHtml((await adminGet(t, manager, `/admin/bookings/${booked.id}`)).body);
      assert.equal(money(page.querySelector('[data-testid="money-paid"]')), '€ 50,50');
      assert.equal(money(page.querySelector('[data-testid="money-outstanding"]')), '€ 74,50');
      assert.equal(page.querySelector('[data-testid="billing-reference"]')?.textContent, 'PO-2026-17');
      assert.equal(page.querySelector('[data-testid="billing-country"]')?.textContent, 'Nederland', "no country given: the VAT id's");
      assert.equal((await bookingRow(t.database.db, booked.id)).paid_at, null);
      // A bank payment is recorded by the day received: its date, without a time of day.
      const bankLine = page.querySelector('[data-testid="money-ledger"] tr[data-kind="payment"] td')?.textContent ?? '';
      assert.match(bankLine, /1 jun/);
      assert.doesNotMatch(bankLine, /\d:\d\d/, 'no "00:00"');
      assert.equal(page.querySelector('[data-testid="money-summary"] dt')?.textContent, 'Betaalwijze');
      const english = parseHtml(
        (
          await t.app.inject({
            url: `/admin/bookings/${booked.id}`,
            headers: { cookie: `${SESSION_COOKIE}=${manager.cookie}`, 'accept-language': 'en' },
          })
        ).body,
      );
      assert.equal(english.querySelector('[data-testid="money-summary"] dt')?.textContent, 'Payment method');

      assert.equal((await adminPost(t, staff, url, { amount: '74.50', receivedOn: '2026-06-01', note: '' })).statusCode, 303);
      page = parseHtml((await adminGet(t, manager, `/admin/bookings/${booked.id}`)).body);
      assert.equal(money(page.querySelector('[data-testid="money-outstanding"]')), '€ 0,00');
      assert.equal(page.querySelectorAll('[data-testid="money-ledger"] tr[data-kind="payment"]').length, 2);
      assert.equal(page.querySelector('[data-testid="bank-payment-form"]'), null, 'nothing left to record');
      assert.notEqual((await bookingRow(t.database.db, booked.id)).paid_at, null);
      const recorded = (await historyOf(t.database.db, booked.reference)).filter(([action]) => action === 'booking.payment_recorded');
      assert.deepEqual(
        recorded.map(([, by, detail]) => [by, detail.amount_cents, detail.outstanding_cents]),
        [
          ['staff', 5_050, 7_450],
          ['staff', 7_450, 0],
        ],
      );
      const nothing = await adminPost(t, staff, url, { amount: '1', receivedOn: '2026-06-01' });
      assert.equal(nothing.statusCode, 409);
    });

    test('the open balances list: the venue’s bookings that owe money, by due date, overdue marked and filtered', async () => {
      const invoice = await bookByApi(depositSlot, { payBy: 'invoice', billing: BILLING, email: 'late@example.nl' });
      const partly = await bookByApi(depositSlot, { email: 'partly@example.nl' });
      await payOnline(partly);
      const elsewhere = await bookByApi(awaySlot, { payBy: 'invoice', billing: BILLING });
      // The invoice was due yesterday (set here: staff sessions do not outlive a jump of the clock); the balance is due on the 17th.
      await t.database.db.updateTable('bookings').set({ balance_due_on: '2026-05-31' }).where('id', '=', invoice.id).execute();
      const res = await adminGet(t, manager, '/admin/balances');
      assert.equal(res.statusCode, 200);
      const rows = parseHtml(res.body).querySelectorAll('[data-testid="balances"] tbody tr');
      const listed = rows.map((r) => r.getAttribute('data-reference'));
      assert.ok(listed.includes(invoice.reference) && listed.includes(partly.reference));
      assert.ok(!listed.includes(elsewhere.reference), "another venue's balances are not listed");
      assert.ok(listed.indexOf(invoice.reference) < listed.indexOf(partly.reference), 'by due date');
      const invoiceRow = rows.find((r) => r.getAttribute('data-reference') === invoice.reference)!;
      assert.ok(invoiceRow.querySelector('[data-testid="overdue"]'));
      assert.equal(money(invoiceRow.querySelector('[data-testid="outstanding"]')), '€ 125,00');
      const partlyRow = rows.find((r) => r.getAttribute('data-reference') === partly.reference)!;
      assert.equal(money(partlyRow.querySelector('[data-testid="outstanding"]')), '€ 87,50');
      const overdue = parseHtml((await adminGet(t, manager, '/admin/balances?overdue=1')).body)
        .querySelectorAll('[data-testid="balances"] tbody tr')
        .map((r) => r.getAttribute('data-reference'));
      assert.ok(overdue.includes(invoice.reference) && !overdue.includes(partly.reference));
      const other = (await adminGet(t, otherManager, '/admin/balances')).body;
      assert.ok(other.includes(elsewhere.reference) && !other.includes(invoice.reference));
      const csv = await adminGet(t, manager, '/admin/balances.csv');
      assert.equal(csv.headers['content-type'], 'text/csv; charset=utf-8');
      assert.ok(csv.body.includes(invoice.reference) && !csv.body.includes(elsewhere.reference));
    });

    test('pay on invoice where the venue requires a reference: missing, the form says so and keeps the input; the API too', async () => {
      await t.database.db.updateTable('venues').set({ po_required: 1 }).where('id', '=', deposit.venue.id).execute();
      try {
        const form = await t.app.inject(`/book/${depositSlot.id}?groupSize=10`);
        const key = parseHtml(form.body).querySelector('input[name="submissionKey"]')?.getAttribute('value') ?? '';
        const fields = {
          ...(bookingRequest(depositSlot.id, { groupSize: '10' }) as Record<string, string>),
          acceptTerms: 'yes',
          submissionKey: key,
          payBy: 'invoice',
          'billing.organisation': 'OBS De Linde',
          'billing.address': 'Dorpsstraat 1\n1234 AB Ergens',
          'billing.reference': '',
          'billing.vatId': 'NL1234',
          action: 'review',
        };
        const res = await t.app.inject({ method: 'POST', url: `/book/${depositSlot.id}`, headers: FORM, payload: urlencoded(fields) });
        assert.equal(res.statusCode, 422);
        const page = parseHtml(res.body);
        assert.ok(page.querySelector('[data-testid="error-billing.reference"]'));
        assert.equal(
          page.querySelector('[data-testid="error-billing.vatId"]')?.textContent,
          'Vul een btw-nummer uit de EU in, zoals NL123456789B01.',
        );
        const kept = formFields(page.querySelector('#booking-form')!);
        assert.equal(kept['billing.organisation'], 'OBS De Linde');
        assert.equal(kept['billing.vatId'], 'NL1234');
        assert.equal(kept.payBy, 'invoice');

        const fixed = { ...fields, 'billing.reference': 'PO-1', 'billing.vatId': '' };
        const review = await t.app.inject({ method: 'POST', url: `/book/${depositSlot.id}`, headers: FORM, payload: urlencoded(fixed) });
        assert.equal(review.statusCode, 200);
        assert.equal(parseHtml(review.body).querySelector('[data-testid="billing-reference"]')?.textContent, 'PO-1');

        const api = await t.app.inject({
          method: 'POST',
          url: '/api/v1/bookings',
          payload: bookingRequest(depositSlot.id, { groupSize: 10, payBy: 'invoice', billing: BILLING }),
        });
        assert.equal(api.statusCode, 422);
        assert.deepEqual(
          (api.json() as { errors: { field: string; code: string }[] }).errors.map((e) => [e.field, e.code]),
          [['billing.reference', 'required']],
        );
        const notAllowed = await t.app.inject({
          method: 'POST',
          url: '/api/v1/bookings',
          payload: bookingRequest(fullSlot.id, { groupSize: 10, payBy: 'invoice', billing: BILLING }),
        });
        assert.equal(notAllowed.statusCode, 422);
      } finally {
        await t.database.db.updateTable('venues').set({ po_required: 0 }).where('id', '=', deposit.venue.id).execute();
      }
    });

    test('a larger group after paying in full: more to pay, due in 7 days, and the manage page offers to pay it', async () => {
      const booked = await bookByApi(fullSlot, { groupSize: 4 });
      assert.equal(await payOnline(booked), 5_000);
      assert.equal((await manageState(booked)).payment.status, 'paid');
      const res = await t.app.inject({
        method: 'POST',
        url: `${booked.manage}/group-size`,
        headers: FORM,
        payload: urlencoded({ groupSize: '6' }),
      });
      assert.ok([200, 303].includes(res.statusCode), `${res.statusCode}`);
      const after = await manageState(booked);
      assert.deepEqual([after.payment.status, after.payment.dueCents], ['partly_paid', 2_500]);
      const row = await bookingRow(t.database.db, booked.id);
      assert.deepEqual([row.total_cents, row.balance_due_on, row.paid_at], [7_500, '2026-06-08', null]);
      assert.equal(await payOnline(booked), 2_500, 'the pay link pays what the larger group costs more');
      assert.equal((await manageState(booked)).payment.status, 'paid');
    });
  });
}
