import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { TestClock } from '../../../test/clock.js';
import { type TestDatabase, testDialects } from '../../../test/databases.js';
import { book, makeActivity, makeSlot } from '../../../test/factories.js';
import type { Db } from '../../db/schema.js';
import type { Activity } from '../catalog/activity.js';
import type { PaymentTerms } from '../catalog/payment-terms.js';
import { DomainError } from '../shared/errors.js';
import { insertStaff } from '../staff/staff.repository.js';
import type { Role } from '../staff/staff.js';
import { issueVoucher, listVenueVouchers, readIssuedCode, readVoucher, type VoucherMember } from './voucher-admin.service.js';
import { expireVouchers } from './voucher-expiry.service.js';
import { readVoucherBalances, readVoucherMovements } from './voucher-exports.service.js';
import { NEW_VOUCHER_FORM, type VoucherForm } from './voucher-form.js';
import { findVoucher, listVoucherMovements } from './vouchers.repository.js';

const AT_VENUE: PaymentTerms = { mode: 'venue', depositPercent: 30, balanceDaysBefore: 14, invoiceAllowed: true, invoiceTermDays: 30 };
const SECRET = Buffer.alloc(32, 7);

for (const dialect of testDialects()) {
  describe(`issuing, expiring and exporting gift vouchers on ${dialect.name}`, () => {
    let database: TestDatabase;
    let db: Db;
    const clock = new TestClock('2026-06-01T08:00:00Z');
    let home: Activity;
    let away: Activity;
    let manager: VoucherMember;
    let viewer: VoucherMember;
    let otherManager: VoucherMember;
    let admin: VoucherMember;

    async function member(role: Role, venueId: string | null): Promise<VoucherMember> {
      const id = `staff-${role}-${venueId ?? 'all'}`;
      const stamp = clock.now().toISOString();
      await insertStaff(db, {
        id,
        email: `${id}@example.nl`,
        name: `Name ${role}`,
        role,
        venue_id: venueId,
        password_hash: null,
        totp_secret: null,
        totp_pending_secret: null,
        totp_last_step: null,
        setup_token_hash: null,
        setup_expires_at: null,
        disabled_at: null,
        created_at: stamp,
        updated_at: stamp,
      });
      return { id, email: `${id}@example.nl`, role, venueId };
    }

    before(async () => {
      database = await dialect.create();
      db = database.db;
      home = await makeActivity(db, clock, { payment: AT_VENUE, maxGroupSize: 40 });
      away = await makeActivity(db, clock, { payment: AT_VENUE });
      manager = await member('manager', home.venue.id);
      viewer = await member('viewer', home.venue.id);
      otherManager = await member('manager', away.venue.id);
      admin = await member('admin', null);
    });
    after(() => database.close());

    const form = (fields: Partial<VoucherForm>): VoucherForm => ({ ...NEW_VOUCHER_FORM, ...fields });
    async function issue(who: VoucherMember, fields: Partial<VoucherForm>): Promise<string> {
      const result = await issueVoucher(db, clock, SECRET, who, form(fields), 'nl');
      assert.ok(result.ok, JSON.stringify(result));
      return result.value.id;
    }
    async function refusal(promise: Promise<unknown>): Promise<string> {
      try {
        await promise;
      } catch (error) {
        if (error instanceof DomainError) return error.code;
        throw error;
      }
      return 'done';
    }

    test('a manager issues a voucher for their venue: active, with its issue movement and a log entry naming only its hint', async () => {
      const id = await issue(manager, { amount: '37,50', origin: 'sold_desk', recipientName: 'Fien', buyerEmail: 'koper@example.nl' });
      const voucher = await findVoucher(db, id);
      assert.deepEqual(
        [voucher?.venueId, voucher?.initialCents, voucher?.balanceCents, voucher?.validUntil, voucher?.origin, voucher?.status],
        [home.venue.id, 3750, 3750, '2028-06-01', 'sold_desk', 'active'],
      );
      const movements = await listVoucherMovements(db, id);
      assert.deepEqual(
        movements.map((m) => [m.kind, m.amount_cents, m.balance_after_cents, m.staff_id]),
        [['issue', 3750, 3750, manager.id]],
      );
      const log = await db
        .selectFrom('activity_log')
        .select(['action', 'target', 'venue_id'])
        .where('action', '=', 'voucher.issued')
        .execute();
      assert.deepEqual(log, [{ action: 'voucher.issued', target: `•••• ${voucher!.codeHint}`, venue_id: home.venue.id }]);
      // The code is shown to its issuer only, and only for a while.
      const code = await readIssuedCode(db, clock, SECRET, manager, id);
      assert.match(code ?? '', /^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
      assert.ok(code?.endsWith(voucher!.codeHint));
      assert.equal(await readIssuedCode(db, clock, SECRET, admin, id), undefined);
      clock.advance(16 * 60_000);
      assert.equal(await readIssuedCode(db, clock, SECRET, manager, id), undefined);
    });

    test('a refused form names each fault; the validity is at least the law minimum and at most 60 months', async () => {
      const result = await issueVoucher(
        db,
        clock,
        SECRET,
        manager,
        form({ amount: '4,99', validityMonths: '12', origin: 'sold_online', buyerEmail: 'nope' }),
        'nl',
      );
      assert.equal(result.ok, false);
      assert.deepEqual(!result.ok && result.errors.map((e) => [e.field, e.code, e.params]), [
        ['amount', 'voucher_amount_range', { min: { cents: 500 }, max: { cents: 100_000 } }],
        ['validityMonths', 'validity_too_short', { min: 24 }],
        ['origin', 'invalid_value', undefined],
        ['buyerEmail', 'invalid_email', undefined],
      ]);
      const long = await issueVoucher(db, clock, SECRET, manager, form({ amount: '1000,01', validityMonths: '61' }), 'nl');
      assert.deepEqual(!long.ok && long.errors.map((e) => e.code), ['voucher_amount_range', 'validity_too_long']);
      // Below zero, or of many digits, is out of the range too, not badly typed.
      const below = await issueVoucher(db, clock, SECRET, manager, form({ amount: '-5,00', validityMonths: '-1' }), 'nl');
      assert.deepEqual(!below.ok && below.errors.map((e) => e.code), ['voucher_amount_range', 'validity_too_short']);
      const huge = await issueVoucher(
        db,
        clock,
        SECRET,
        manager,
        form({ amount: '99999999', validityMonths: '99999999999999999999' }),
        'nl',
      );
      assert.deepEqual(!huge.ok && huge.errors.map((e) => e.code), ['voucher_amount_range', 'validity_too_long']);
      const max = await issueVoucher(db, clock, SECRET, manager, form({ amount: '1000', validityMonths: '60' }), 'nl');
      assert.ok(max.ok);
    });

    test('a viewer may not issue; another venue is not found; an admin must name the venue', async () => {
      assert.equal(await refusal(issueVoucher(db, clock, SECRET, viewer, form({ amount: '10' }), 'nl')), 'not_allowed');
      assert.equal(
        await refusal(issueVoucher(db, clock, SECRET, manager, form({ amount: '10', venueId: away.venue.id }), 'nl')),
        'not_found',
      );
      const unnamed = await issueVoucher(db, clock, SECRET, admin, form({ amount: '10' }), 'nl');
      assert.deepEqual(!unnamed.ok && unnamed.errors.map((e) => e.field), ['venueId']);
      // With other faults, the missing venue is named among them, not instead of them.
      const faulty = await issueVoucher(
        db,
        clock,
        SECRET,
        admin,
        form({ amount: '1.000.000', validityMonths: '12', buyerEmail: 'nope' }),
        'nl',
      );
      assert.deepEqual(!faulty.ok && faulty.errors.map((e) => [e.field, e.code]), [
        ['venueId', 'required'],
        ['amount', 'voucher_amount_range'],
        ['validityMonths', 'validity_too_short'],
        ['buyerEmail', 'invalid_email'],
      ]);
      const id = await issue(admin, { amount: '10', venueId: away.venue.id });
      assert.equal(await refusal(readVoucher(db, manager, id)), 'not_found');
      assert.equal((await readVoucher(db, otherManager, id)).voucher.id, id);
      const listed = async (who: VoucherMember) => (await listVenueVouchers(db, clock, who, {})).vouchers.map((v) => v.venueId);
      assert.ok((await listed(manager)).every((venue) => venue === home.venue.id));
      assert.deepEqual(await listed(otherManager), [away.venue.id]);
      assert.equal((await listed(admin)).length, (await listed(manager)).length + 1);
    });

    test('expiry ends the balance of vouchers past their date once, with an expire movement; the exports add up to the ledger', async () => {
      clock.set('2027-01-10T10:00:00Z');
      const spentPart = await issue(manager, { amount: '100' });
      const untouched = await issue(manager, { amount: '50', validityMonths: '25' });
      const slot = await makeSlot(db, clock, home, { capacity: 100, date: '2027-03-01' });
      const voucher = (await findVoucher(db, spentPart))!;
      const code = (await readIssuedCode(db, clock, SECRET, manager, spentPart))!;
      clock.set('2027-02-01T10:00:00Z');
      const { booking } = await book(db, clock, slot, { groupSize: 4, voucherCode: code });
      const afterRedeem = (await findVoucher(db, spentPart))!.balanceCents;
      assert.ok(afterRedeem < voucher.initialCents && afterRedeem > 0);

      // 24 months after 10 January 2027 is 10 January 2029: valid through that day (Amsterdam), expired the next.
      clock.set('2029-01-10T22:30:00Z'); // 23:30 in Amsterdam, still the 10th
      assert.ok((await expireVouchers(db, clock)) >= 1, 'those issued in 2026, valid through 2028, expire');
      assert.equal((await findVoucher(db, spentPart))?.balanceCents, afterRedeem);
      assert.equal(
        (await listVenueVouchers(db, clock, manager, { status: 'expired' })).vouchers.some((v) => v.id === spentPart),
        false,
      );
      clock.set('2029-01-10T23:30:00Z'); // the 11th in Amsterdam
      assert.equal(await expireVouchers(db, clock), 1);
      assert.equal(await expireVouchers(db, clock), 0, 'a second run expires nothing');
      assert.equal((await findVoucher(db, spentPart))?.balanceCents, 0);
      assert.equal((await findVoucher(db, untouched))?.balanceCents, 5000, 'issued for 25 months: still valid');
      const ledger = await listVoucherMovements(db, spentPart);
      assert.deepEqual(
        ledger.map((m) => [m.kind, m.amount_cents, m.balance_after_cents, m.booking_id]),
        [
          ['issue', 10_000, 10_000, null],
          ['redeem', afterRedeem - 10_000, afterRedeem, booking.id],
          ['expire', -afterRedeem, 0, null],
        ],
      );
      const listed = await listVenueVouchers(db, clock, manager, { status: 'expired' });
      assert.ok(listed.vouchers.some((v) => v.id === spentPart));

      // Balances on a date are the ledger's sums up to its end (Amsterdam), not today's balances.
      const ledgerSum = async (before: string) => {
        const row = await db
          .selectFrom('voucher_movements')
          .select((eb) => eb.fn.sum<number | string>('amount_cents').as('sum'))
          .where('venue_id', '=', home.venue.id)
          .where('created_at', '<', before)
          .executeTakeFirstOrThrow();
        return Number(row.sum ?? 0);
      };
      const onRedeemDay = await readVoucherBalances(db, manager, '2027-02-01');
      assert.equal(onRedeemDay.balanceCents, await ledgerSum('2027-02-01T23:00:00.000Z'));
      assert.equal(onRedeemDay.vouchers.find((v) => v.id === spentPart)?.balanceCents, afterRedeem);
      const dayBefore = await readVoucherBalances(db, manager, '2027-01-31');
      assert.equal(dayBefore.vouchers.find((v) => v.id === spentPart)?.balanceCents, 10_000);
      assert.equal(dayBefore.balanceCents - onRedeemDay.balanceCents, 10_000 - afterRedeem);
      const now = await readVoucherBalances(db, manager, '2029-01-11');
      assert.equal(now.balanceCents, await ledgerSum('2029-01-11T23:00:00.000Z'));
      assert.equal(now.vouchers.find((v) => v.id === spentPart)?.balanceCents, 0);
      assert.equal(
        (await readVoucherBalances(db, otherManager, '2029-01-11')).vouchers.some((v) => v.id === spentPart),
        false,
      );

      // Movements of a period: each within it, the sums per kind adding up to the change of the balances.
      const period = await readVoucherMovements(db, manager, '2027-01-01', '2029-01-11');
      const kinds = Object.fromEntries(period.totals.map((t) => [t.kind, t.cents]));
      assert.equal(
        kinds.expire,
        -(
          await db
            .selectFrom('voucher_movements')
            .select('amount_cents')
            .where('kind', '=', 'expire')
            .where('venue_id', '=', home.venue.id)
            .execute()
        ).reduce((sum, m) => sum - m.amount_cents, 0),
      );
      assert.equal(period.totalCents, now.balanceCents - (await readVoucherBalances(db, manager, '2026-12-31')).balanceCents);
      assert.equal(
        period.movements.reduce((sum, m) => sum + m.amountCents, 0),
        period.totalCents,
      );
    });
  });
}
