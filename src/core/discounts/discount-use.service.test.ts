import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { TestClock } from '../../../test/clock.js';
import { type TestDatabase, testDialects } from '../../../test/databases.js';
import { bookingInput, INVOICE_BILLING, makeActivity, makeSlot } from '../../../test/factories.js';
import { completeBilling } from '../../../test/invoicing.js';
import { bookingRow } from '../../../test/lifecycle.js';
import { TEST_LINK_KEY } from '../../../test/links.js';
import { NO_PAYMENTS } from '../../../test/payment-context.js';
import { TEST_ADMIN } from '../../../test/actors.js';
import type { Db } from '../../db/schema.js';
import { findSlot } from '../availability/slot.repository.js';
import type { Slot } from '../availability/slot.js';
import { cancelByOrganiser, changeGroupSize } from '../booking-flows/booking-changes.service.js';
import { createBooking, submitBooking } from '../booking-flows/booking.service.js';
import { loadBookingDetails } from '../bookings/booking.repository.js';
import type { Pricing } from '../catalog/pricing.js';
import type { Activity } from '../catalog/activity.js';
import { DomainError } from '../shared/errors.js';
import { createDiscountCode, readDiscountCode, saveDiscountCode } from './discount-admin.service.js';
import { type DiscountCode, DiscountRefused } from './discount-code.js';
import { type DiscountCodeForm, discountCodeFormOf, NEW_DISCOUNT_CODE_FORM } from './discount-form.js';

/** EUR 17.95 a person at 9 %, EUR 89.95 a group at 21 %. */
const PRICING: Pricing = [
  { label: { nl: 'Toegang', en: 'Entrance' }, basis: 'person', vat: 'low', amountCents: 1795 },
  { label: { nl: 'Gids', en: 'Guide' }, basis: 'group', vat: 'high', amountCents: 8995 },
];
const UNLIMITED = { client: null, limits: { perNetwork: null, perEmail: null } };

for (const dialect of testDialects()) {
  describe(`discount codes on bookings on ${dialect.name}`, () => {
    let database: TestDatabase;
    let db: Db;
    const clock = new TestClock('2026-06-01T08:00:00Z');
    let activity: Activity;
    let slot: Slot;
    let n = 0;

    before(async () => {
      database = await dialect.create();
      db = database.db;
      activity = await makeActivity(db, clock, {
        pricing: PRICING,
        payment: { mode: 'venue', depositPercent: 30, balanceDaysBefore: 14, invoiceAllowed: true, invoiceTermDays: 30 },
      });
      await completeBilling(db, activity.venue.id, 'GZ-DSC');
      slot = await makeSlot(db, clock, activity, { capacity: 500, date: '2026-07-15' });
    });
    after(() => database.close());

    async function makeCode(form: Partial<DiscountCodeForm>, venueId = activity.venue.id): Promise<DiscountCode> {
      const made = await createDiscountCode(db, clock, TEST_ADMIN, venueId, { ...NEW_DISCOUNT_CODE_FORM, ...form }, 'nl');
      assert.ok(made.ok, JSON.stringify(made));
      return made.value;
    }

    const place = (discountCode: string, overrides: Record<string, unknown> = {}) =>
      createBooking(
        db,
        clock,
        TEST_LINK_KEY,
        NO_PAYMENTS,
        bookingInput(slot.id, { discountCode, email: `g${n++}@example.nl`, ...overrides }),
      );

    async function refusal(promise: Promise<unknown>): Promise<string> {
      try {
        await promise;
      } catch (error) {
        if (error instanceof DiscountRefused) return error.errors[0]!.code;
        if (error instanceof DomainError) return error.code;
        throw error;
      }
      return 'placed';
    }

    const usesOf = async (code: DiscountCode) => (await readDiscountCode(db, TEST_ADMIN, code.id)).uses;

    test('100 bookings at once with a code of 10 uses: exactly 10 get it, the rest are refused and hold no places', async () => {
      const code = await makeCode({ code: 'race10', kind: 'percent', value: '10', maxUses: '10' });
      const before = (await findSlot(db, slot.id))!.bookedPersons;
      const outcomes = await Promise.all(
        Array.from({ length: 100 }, (_, i) =>
          submitBooking(
            db,
            clock,
            TEST_LINK_KEY,
            NO_PAYMENTS,
            bookingInput(slot.id, { groupSize: 2, email: `race${i}@example.nl`, discountCode: 'RACE10' }),
            UNLIMITED,
          ).then(
            () => 'placed',
            (error: unknown) => {
              if (error instanceof DiscountRefused) return error.errors[0]!.code;
              throw error;
            },
          ),
        ),
      );
      assert.equal(outcomes.filter((o) => o === 'placed').length, 10);
      assert.equal(outcomes.filter((o) => o === 'discount_used_up').length, 90);
      assert.equal(await usesOf(code), 10);
      assert.equal((await findSlot(db, slot.id))!.bookedPersons - before, 20);
      const rows = await db.selectFrom('bookings').select('discount_code_id').where('discount_code_id', '=', code.id).execute();
      assert.equal(rows.length, 10);
    });

    test('a code is refused for what it does not cover; typed in any case with spaces it is found', async () => {
      const other = await makeActivity(db, clock, { venueId: activity.venue.id, pricing: PRICING });
      await makeCode({ code: 'ONLYOTHER', kind: 'percent', value: '5', activityIds: [other.id] });
      await makeCode({ code: 'LATER', kind: 'percent', value: '5', validFrom: '2026-06-02' });
      await makeCode({ code: 'OVER', kind: 'percent', value: '5', validUntil: '2026-05-31' });
      await makeCode({ code: 'BIG', kind: 'percent', value: '5', minGroupSize: '10' });
      await makeCode({ code: 'OFF', kind: 'percent', value: '5', active: false });
      const elsewhere = await makeActivity(db, clock);
      await makeCode({ code: 'THEIRS', kind: 'percent', value: '5' }, elsewhere.venue.id);
      assert.equal(await refusal(place('nope')), 'discount_unknown');
      assert.equal(await refusal(place('off')), 'discount_unknown');
      assert.equal(await refusal(place('THEIRS')), 'discount_unknown', "another venue's code");
      assert.equal(await refusal(place('ONLYOTHER')), 'discount_not_for_activity');
      assert.equal(await refusal(place('LATER')), 'discount_not_yet_valid');
      assert.equal(await refusal(place('OVER')), 'discount_expired');
      assert.equal(await refusal(place('BIG', { groupSize: 9 })), 'discount_group_too_small');
      assert.equal(await refusal(place(' big ', { groupSize: 10 })), 'placed');
      // Valid from 2 June: the booking's Amsterdam date counts (00:30 on 2 June is 22:30 UTC on 1 June).
      clock.set('2026-06-01T22:30:00Z');
      assert.equal(await refusal(place('later')), 'placed');
      clock.set('2026-06-01T08:00:00Z');
    });

    test('the discount is its own line per VAT rate, and the booking keeps the terms it was given', async () => {
      const code = await makeCode({ code: 'PP2', kind: 'amount', value: '2,00', per: 'person' });
      const { booking } = await place('pp2', { groupSize: 4 });
      const full = 4 * 1795 + 8995;
      assert.equal(booking.price.totalCents, full - 800);
      const discount = booking.price.lines.filter((l) => l.totalCents < 0);
      assert.deepEqual(
        discount.map((l) => [l.label.en, l.rateBp, l.totalCents]),
        [
          ['Discount PP2', 2100, -445],
          ['Discount PP2', 900, -355],
        ],
      );
      const row = await bookingRow(db, booking.id);
      assert.equal(row.discount_code_id, code.id);
      assert.deepEqual(JSON.parse(row.discount_terms!), { code: 'PP2', kind: 'amount', amountCents: 200, per: 'person' });
      // Staff change the code since; the booking's new size is priced with what it was given, per person.
      const changed = await saveDiscountCode(
        db,
        clock,
        TEST_ADMIN,
        code.id,
        { ...discountCodeFormOf(code, 'nl'), kind: 'percent', value: '50' },
        'nl',
      );
      assert.ok(changed.ok);
      const details = await loadBookingDetails(db, await bookingRow(db, booking.id));
      await changeGroupSize(db, clock, details!, 6);
      const after = await loadBookingDetails(db, await bookingRow(db, booking.id));
      assert.equal(after!.price.totalCents, 6 * 1795 + 8995 - 1200);
    });

    test("a group changed below the code's minimum is refused at the code, as a new booking of that size would be", async () => {
      await makeCode({ code: 'GROEP20', kind: 'percent', value: '15', minGroupSize: '20' });
      const { booking } = await place('groep20', { groupSize: 20 });
      const row = await bookingRow(db, booking.id);
      assert.equal(JSON.parse(row.discount_terms!).minGroupSize, 20);
      const details = (await loadBookingDetails(db, row))!;
      const refused = await changeGroupSize(db, clock, details, 8).catch((error: unknown) => error);
      assert.ok(refused instanceof DiscountRefused, String(refused));
      assert.deepEqual(refused.errors, [{ field: 'discountCode', code: 'discount_group_too_small', params: { min: 20 } }]);
      assert.equal((await bookingRow(db, booking.id)).group_size, 20, 'nothing changed');
    });

    test('a cancelled booking gives its use back, once; the use can then be taken again', async () => {
      const code = await makeCode({ code: 'ONCE', kind: 'amount', value: '10', maxUses: '1' });
      const { booking } = await place('once');
      assert.equal(await refusal(place('once')), 'discount_used_up');
      assert.equal(await usesOf(code), 1);
      const details = (await loadBookingDetails(db, await bookingRow(db, booking.id)))!;
      await cancelByOrganiser(db, clock, details);
      assert.equal(await refusal(cancelByOrganiser(db, clock, details)), 'booking_not_active');
      assert.equal(await usesOf(code), 0);
      assert.equal(await refusal(place('once')), 'placed');
      assert.equal(await usesOf(code), 1);
    });

    test('staff cannot lower the maximum below the uses taken; codes are unique per venue whatever their case', async () => {
      const code = await makeCode({ code: 'TWO', kind: 'percent', value: '20', maxUses: '2' });
      await place('two');
      await place('two');
      const lowered = await saveDiscountCode(db, clock, TEST_ADMIN, code.id, { ...discountCodeFormOf(code, 'nl'), maxUses: '1' }, 'nl');
      assert.deepEqual(lowered, { ok: false, errors: [{ field: 'maxUses', code: 'below_uses' }] });
      const again = await createDiscountCode(
        db,
        clock,
        TEST_ADMIN,
        activity.venue.id,
        {
          ...NEW_DISCOUNT_CODE_FORM,
          code: 'two',
          value: '5',
        },
        'nl',
      );
      assert.deepEqual(again, { ok: false, errors: [{ field: 'code', code: 'discount_code_taken' }] });
    });

    test("a manager reaches only their venue's codes", async () => {
      const code = await makeCode({ code: 'MINE', kind: 'percent', value: '5' });
      const elsewhere = await makeActivity(db, clock);
      const manager = { ...TEST_ADMIN, id: 'm-1', role: 'manager' as const, venueId: elsewhere.venue.id };
      assert.equal(await refusal(readDiscountCode(db, manager, code.id)), 'not_found');
      assert.equal(await refusal(saveDiscountCode(db, clock, manager, code.id, discountCodeFormOf(code, 'nl'), 'nl')), 'not_found');
      assert.equal(
        await refusal(
          createDiscountCode(db, clock, manager, activity.venue.id, { ...NEW_DISCOUNT_CODE_FORM, code: 'X', value: '5' }, 'nl'),
        ),
        'not_found',
      );
      const viewer = { ...manager, role: 'viewer' as const };
      assert.equal(
        await refusal(
          createDiscountCode(db, clock, viewer, elsewhere.venue.id, { ...NEW_DISCOUNT_CODE_FORM, code: 'X', value: '5' }, 'nl'),
        ),
        'not_allowed',
      );
    });

    test("a booking on invoice with a discount: the invoice's total and VAT are the booking's, to the cent", async () => {
      await makeCode({ code: 'SCHOOL15', kind: 'percent', value: '15' });
      const { booking } = await place('school15', { groupSize: 7, payBy: 'invoice', billing: INVOICE_BILLING });
      assert.equal(booking.status, 'confirmed');
      const invoice = await db
        .selectFrom('invoices')
        .select(['total_cents', 'vat_cents', 'document'])
        .where('booking_id', '=', booking.id)
        .executeTakeFirstOrThrow();
      assert.equal(invoice.total_cents, booking.price.totalCents);
      assert.equal(invoice.vat_cents, booking.price.vatCents);
      const document = JSON.parse(invoice.document) as { lines: { description: string; quantity: number; netCents: number }[] };
      const discount = document.lines.filter((l) => l.description === 'Korting SCHOOL15');
      assert.equal(discount.length, 2);
      assert.ok(discount.every((l) => l.netCents < 0));
      // Cancelled: its credit note takes back the invoice as issued, discount lines and all, to the cent.
      await cancelByOrganiser(db, clock, (await loadBookingDetails(db, await bookingRow(db, booking.id)))!);
      const credit = await db
        .selectFrom('invoices')
        .select(['total_cents', 'vat_cents', 'document'])
        .where('booking_id', '=', booking.id)
        .where('kind', '=', 'credit_note')
        .executeTakeFirstOrThrow();
      assert.deepEqual([credit.total_cents, credit.vat_cents], [-invoice.total_cents, -invoice.vat_cents]);
      const credited = JSON.parse(credit.document) as { lines: { description: string; netCents: number }[] };
      const undone = credited.lines.filter((l) => l.description === 'Korting SCHOOL15');
      assert.equal(undone.length, 2);
      assert.ok(
        undone.every((l) => l.netCents > 0),
        'the credit note takes the discount back too',
      );
    });
  });
}
