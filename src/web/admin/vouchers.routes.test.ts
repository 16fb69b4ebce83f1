import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, type TestApp } from '../../../test/app.js';
import { testDialects } from '../../../test/databases.js';
import { book, makeSlot } from '../../../test/factories.js';
import { parseHtml } from '../../../test/html.js';
import { adminGet, adminPost, postForm, type SignedIn } from '../../../test/staff.js';
import { makeTwoVenues, signInMembers } from '../../../test/venues.js';
import type { Activity } from '../../core/catalog/activity.js';

for (const dialect of testDialects()) {
  describe(`gift vouchers in the back office (${dialect.name})`, () => {
    let t: TestApp;
    let home: Activity;
    let away: Activity;
    let manager: SignedIn;
    let staff: SignedIn;
    let viewer: SignedIn;
    let otherManager: SignedIn;
    let admin: SignedIn;

    before(async () => {
      t = await buildTestApp(dialect, '2026-12-08T09:00:00Z');
      ({ home, away } = await makeTwoVenues(t));
      ({ manager, staff, viewer, otherManager, admin } = await signInMembers(t, { home, away }));
    });
    after(() => t.close());

    const voucherRows = () => t.database.db.selectFrom('vouchers').selectAll().orderBy('created_at').execute();
    const listed = async (who: SignedIn, query = '') => {
      const page = parseHtml((await adminGet(t, who, `/admin/vouchers${query}`)).body);
      return [...page.querySelectorAll('[data-testid="voucher-list"] tbody tr[data-voucher]')].map((row) =>
        row.getAttribute('data-voucher'),
      );
    };

    /** Issues a voucher as `who`; the id of the voucher and the page it leads to. */
    async function issue(who: SignedIn, fields: Record<string, string>) {
      const res = await adminPost(t, who, '/admin/vouchers', fields);
      assert.equal(res.statusCode, 303, res.body.slice(0, 300));
      const location = String(res.headers.location);
      const id = /^\/admin\/vouchers\/([^?]+)\?issued=1$/.exec(location)?.[1];
      assert.ok(id, location);
      return { id, page: parseHtml((await adminGet(t, who, location)).body) };
    }

    test('staff issue a voucher; its page shows the full code to them once, its hint to everyone; the list shows it', async () => {
      const { id, page } = await issue(staff, {
        amount: '25',
        validityMonths: '24',
        origin: 'issued',
        recipientName: 'Fien',
        note: 'klacht',
      });
      const code = page.querySelector('[data-testid="voucher-code"]')?.textContent ?? '';
      assert.match(code, /^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
      const [row] = await voucherRows();
      assert.deepEqual([row?.id, row?.venue_id, row?.initial_cents, row?.valid_until], [id, home.venue.id, 2500, '2028-12-08']);
      assert.ok(code.endsWith(row!.code_hint));
      assert.equal(
        parseHtml((await adminGet(t, manager, `/admin/vouchers/${id}?issued=1`)).body).querySelector('[data-testid="voucher-code"]'),
        null,
        'only the member who issued it sees the code',
      );
      const ledger = parseHtml((await adminGet(t, viewer, `/admin/vouchers/${id}`)).body);
      assert.deepEqual(
        [...ledger.querySelectorAll('[data-testid="voucher-ledger"] tbody tr')].map((r) => [
          r.getAttribute('data-kind'),
          r.getAttribute('data-cents'),
        ]),
        [['issue', '2500']],
      );
      assert.ok(!ledger.toString().includes(code), 'the ledger page never holds the code');
      assert.deepEqual(await listed(viewer), [id]);
      assert.deepEqual(await listed(otherManager), []);
      assert.deepEqual(await listed(manager, '?status=spent'), []);
      assert.deepEqual(await listed(manager, '?status=active'), [id]);
    });

    test("another venue's voucher is not found; a viewer may not issue; posts need the form token", async () => {
      const [row] = await voucherRows();
      assert.equal((await adminGet(t, otherManager, `/admin/vouchers/${row!.id}`)).statusCode, 404);
      assert.equal((await adminGet(t, otherManager, `/admin/vouchers/${row!.id}?issued=1`)).statusCode, 404);
      assert.equal((await adminGet(t, manager, '/admin/vouchers/not-a-key')).statusCode, 404);
      assert.equal((await adminGet(t, viewer, '/admin/vouchers/new')).statusCode, 403);
      assert.equal((await adminPost(t, viewer, '/admin/vouchers', { amount: '25' })).statusCode, 403);
      assert.equal((await postForm(t, '/admin/vouchers', { amount: '25' }, manager.cookie)).statusCode, 403, 'no form token');
      assert.equal((await adminPost(t, otherManager, '/admin/vouchers', { amount: '25', venueId: home.venue.id })).statusCode, 404);
      const anonymous = await t.app.inject({ method: 'GET', url: '/admin/vouchers' });
      assert.equal(anonymous.statusCode, 303);
      assert.equal((await voucherRows()).length, 1);
    });

    test('a refused form comes back translated with what was typed, never a 500', async () => {
      const res = await adminPost(t, manager, '/admin/vouchers', {
        amount: '2,50',
        validityMonths: '12',
        origin: 'issued',
        buyerEmail: 'geen adres',
        recipientName: 'Ko',
      });
      assert.equal(res.statusCode, 422);
      const page = parseHtml(res.body);
      const error = (field: string) => page.querySelector(`[data-testid="error-${field}"]`)?.textContent;
      assert.equal(error('amount'), 'Kies een bedrag van €\u00a05,00 tot €\u00a01.000,00.');
      assert.equal(error('validityMonths'), 'Een cadeaubon is volgens de wet minstens 24 maanden geldig.');
      assert.ok(error('buyerEmail'));
      assert.equal(page.querySelector('#amount')?.getAttribute('value'), '2,50');
      assert.equal(page.querySelector('#recipientName')?.getAttribute('value'), 'Ko');
      const long = await adminPost(t, manager, '/admin/vouchers', { amount: 'veel', validityMonths: '61', origin: 'x', language: 'fr' });
      assert.equal(long.statusCode, 422);
      assert.equal(
        parseHtml(long.body).querySelector('[data-testid="error-validityMonths"]')?.textContent,
        'Een cadeaubon is hoogstens 60 maanden geldig.',
      );
      assert.equal((await adminGet(t, manager, '/admin/vouchers?status=kapot&on=gisteren')).statusCode, 422);
      assert.equal((await adminGet(t, manager, '/admin/vouchers.csv?on=2026-13-45')).statusCode, 422);
      assert.equal((await adminGet(t, manager, '/admin/voucher-movements.csv?from=2026-12-31&to=2026-12-01')).statusCode, 422);
      const tooLong = await adminGet(t, manager, '/admin/voucher-movements.csv?from=2025-01-01&to=2026-12-01');
      assert.equal(tooLong.statusCode, 422);
      assert.match(tooLong.body, /hoogstens 366 dagen/, 'the limit of this export, not of another');
    });

    test('an admin picks the venue; the list names venues and filters by one', async () => {
      const form = parseHtml((await adminGet(t, admin, '/admin/vouchers/new')).body);
      assert.ok(form.querySelector(`select[name="venueId"] option[value="${away.venue.id}"]`));
      const unnamed = await adminPost(t, admin, '/admin/vouchers', { amount: '10', validityMonths: '24', origin: 'sold_desk' });
      assert.equal(unnamed.statusCode, 422);
      // No venue chosen and other faults: every fault at once, each at its field and in the summary.
      const faulty = await adminPost(t, admin, '/admin/vouchers', {
        amount: '1.000.000',
        validityMonths: '100',
        origin: 'sold_desk',
        buyerEmail: 'geen adres',
      });
      assert.equal(faulty.statusCode, 422);
      const page = parseHtml(faulty.body);
      const error = (field: string) => page.querySelector(`[data-testid="error-${field}"]`)?.textContent;
      assert.deepEqual(['venueId', 'amount', 'validityMonths'].map(error), [
        'Vul dit veld in.',
        'Kies een bedrag van €\u00a05,00 tot €\u00a01.000,00.',
        'Een cadeaubon is hoogstens 60 maanden geldig.',
      ]);
      assert.ok(error('buyerEmail'));
      assert.deepEqual(
        page.querySelectorAll('.error-summary a').map((a) => a.getAttribute('href')),
        ['#venueId', '#amount', '#validityMonths', '#buyerEmail'],
      );
      assert.equal(page.querySelector('#amount')?.getAttribute('value'), '1.000.000');
      const { id } = await issue(admin, { venueId: away.venue.id, amount: '10', validityMonths: '24', origin: 'sold_desk' });
      assert.deepEqual(await listed(otherManager), [id]);
      assert.equal((await listed(admin)).length, 2);
      assert.deepEqual(await listed(admin, `?venue=${away.venue.id}`), [id]);
      assert.equal((await adminGet(t, manager, `/admin/vouchers?venue=${away.venue.id}`)).statusCode, 422);
    });

    test('a booking paid with a voucher names it in its money panel; the CSV exports add up to the ledger, to the cent', async () => {
      const [row] = await voucherRows();
      const { page } = await issue(manager, { amount: '1000', validityMonths: '24', origin: 'sold_desk' });
      const code = page.querySelector('[data-testid="voucher-code"]')!.textContent;
      const slot = await makeSlot(t.database.db, t.clock, home, { capacity: 100, date: '2027-01-20' });
      const { booking } = await book(t.database.db, t.clock, slot, { groupSize: 3, voucherCode: code }, t.linkKey);
      const money = parseHtml((await adminGet(t, manager, `/admin/bookings/${booking.id}`)).body);
      const link = money.querySelector('[data-testid="money-voucher"]');
      assert.match(link?.textContent ?? '', /^Cadeaubon •••• [0-9A-Z]{4}$/);
      assert.match(link?.getAttribute('href') ?? '', /^\/admin\/vouchers\//);
      assert.equal(row?.venue_id, home.venue.id);

      const csv = await adminGet(t, manager, '/admin/vouchers.csv?on=2026-12-08');
      assert.equal(csv.statusCode, 200);
      assert.equal(csv.headers['content-type'], 'text/csv; charset=utf-8');
      assert.ok(csv.body.startsWith('\uFEFF'));
      const lines = csv.body
        .slice(1)
        .trimEnd()
        .split('\r\n')
        .map((line) => line.split(';'));
      const cents = (text: string) => Math.round(Number(text.replace(',', '.')) * 100);
      const body = lines.slice(1, -1);
      const total = lines.at(-1)!;
      assert.equal(total[0], 'Totaal');
      const sumOf = async (venueId: string, before: string) =>
        Number(
          (
            await t.database.db
              .selectFrom('voucher_movements')
              .select((eb) => eb.fn.sum<number | string>('amount_cents').as('sum'))
              .where('venue_id', '=', venueId)
              .where('created_at', '<', before)
              .executeTakeFirstOrThrow()
          ).sum ?? 0,
        );
      const owed = await sumOf(home.venue.id, '2026-12-08T23:00:00.000Z');
      assert.equal(
        body.reduce((sum, line) => sum + cents(line[6]!), 0),
        owed,
      );
      assert.equal(cents(total[6]!), owed);
      assert.equal(body.length, 2, "only the manager's venue");

      const movements = await adminGet(t, manager, '/admin/voucher-movements.csv?from=2026-12-01&to=2026-12-31');
      const rows = movements.body
        .slice(1)
        .trimEnd()
        .split('\r\n')
        .map((line) => line.split(';'));
      const kinds = rows.filter((r) => r[0]!.startsWith('Totaal '));
      const all = rows.at(-1)!;
      assert.deepEqual(
        kinds.map((r) => r[0]),
        ['Totaal Uitgifte', 'Totaal Betaling', 'Totaal Terugbetaald op de bon', 'Totaal Verlopen', 'Totaal Aankoop terugbetaald'],
      );
      assert.equal(cents(all[4]!), owed, 'all movements of the period: from nothing to what is owed');
      assert.equal(
        cents(kinds[1]![4]!),
        -(await t.database.db.selectFrom('payments').select('amount_cents').where('booking_id', '=', booking.id).executeTakeFirstOrThrow())
          .amount_cents,
      );
      assert.ok(rows.some((r) => r[6] === booking.reference));
    });

    test("with the buyer's address the voucher is mailed; staff mail it again, a viewer and another venue may not", async () => {
      const mails = (id: string) =>
        t.database.db
          .selectFrom('mail_outbox')
          .select(['kind', 'recipient', 'detail'])
          .where('kind', '=', 'voucher_issued')
          .execute()
          .then((rows) => rows.filter((row) => String(row.detail).includes(id)).map((row) => [row.kind, row.recipient]));
      const { id, page } = await issue(manager, {
        amount: '30',
        validityMonths: '24',
        origin: 'sold_desk',
        buyerEmail: 'koper@example.nl',
      });
      assert.deepEqual(await mails(id), [['voucher_issued', 'koper@example.nl']]);
      assert.ok(page.querySelector('[data-testid="voucher-mail-again"]'));
      assert.equal(
        parseHtml((await adminGet(t, viewer, `/admin/vouchers/${id}`)).body).querySelector('[data-testid="voucher-mail-again"]'),
        null,
      );
      assert.equal((await adminPost(t, viewer, `/admin/vouchers/${id}/mail`, {})).statusCode, 403);
      assert.equal((await adminPost(t, otherManager, `/admin/vouchers/${id}/mail`, {})).statusCode, 404);
      const again = await adminPost(t, staff, `/admin/vouchers/${id}/mail`, {});
      assert.equal(again.headers.location, `/admin/vouchers/${id}?done=mailed`);
      assert.match(
        parseHtml((await adminGet(t, staff, String(again.headers.location))).body).querySelector('[data-testid="notice"]')?.textContent ??
          '',
        /koper@example\.nl/,
      );
      assert.equal((await mails(id)).length, 2);
      const { id: silent, page: noAddress } = await issue(manager, { amount: '30', validityMonths: '24', origin: 'issued' });
      assert.deepEqual(await mails(silent), []);
      assert.equal(noAddress.querySelector('[data-testid="voucher-mail-again"]'), null);
    });
  });
}
