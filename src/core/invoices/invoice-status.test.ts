import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { invoiceStandings, invoiceStatuses, type StatusInput } from './invoice-status.js';

function doc(id: string, totalCents: number, extra: Partial<StatusInput> = {}): StatusInput {
  return {
    id,
    kind: 'invoice',
    correctsId: null,
    totalCents,
    dueOn: '2027-03-01',
    issuedAt: `2027-02-0${id.length}T10:00:00.000Z`,
    sequence: 1,
    ...extra,
  };
}

describe('invoice statuses', () => {
  test('money covers the standing invoices oldest first; a credited invoice and its credit note take none', () => {
    const documents = [
      doc('a', 30_000),
      doc('bb', -30_000, { kind: 'credit_note', correctsId: 'a', dueOn: null }),
      doc('ccc', 20_000),
      doc('dddd', 10_000),
    ];
    const statuses = invoiceStatuses(documents, 25_000, '2027-02-20');
    assert.deepEqual(Object.fromEntries(statuses), { a: 'credited', bb: 'settled', ccc: 'paid', dddd: 'open' });
  });

  test('an uncovered invoice is overdue after its due date, and nothing later is covered before it', () => {
    const statuses = invoiceStatuses([doc('a', 30_000), doc('bb', 1_000, { dueOn: null })], 29_999, '2027-03-02');
    assert.deepEqual(Object.fromEntries(statuses), { a: 'overdue', bb: 'open' });
    assert.equal(invoiceStatuses([doc('a', 30_000)], 29_999, '2027-03-01').get('a'), 'open');
    assert.equal(invoiceStatuses([doc('a', 30_000)], 30_000, '2027-03-09').get('a'), 'paid');
  });

  test('what is outstanding: the money left after the older invoices goes to the first uncovered one, partly', () => {
    const documents = [
      doc('a', 30_000),
      doc('bb', -30_000, { kind: 'credit_note', correctsId: 'a', dueOn: null }),
      doc('ccc', 20_000),
      doc('dddd', 10_000),
      doc('eeeee', 5_000),
    ];
    const standings = invoiceStandings(documents, 26_000, '2027-03-02');
    assert.deepEqual(Object.fromEntries(standings), {
      a: { status: 'credited', outstandingCents: 0 },
      bb: { status: 'settled', outstandingCents: 0 },
      ccc: { status: 'paid', outstandingCents: 0 },
      dddd: { status: 'overdue', outstandingCents: 4_000 },
      eeeee: { status: 'overdue', outstandingCents: 5_000 },
    });
    // Nothing paid, or more refunded than paid: the whole of each is outstanding.
    assert.equal(invoiceStandings([doc('a', 30_000)], 0, '2027-02-20').get('a')?.outstandingCents, 30_000);
    assert.equal(invoiceStandings([doc('a', 30_000)], -500, '2027-02-20').get('a')?.outstandingCents, 30_000);
    // Paid to the cent: nothing outstanding, and the statuses agree with the standings.
    assert.deepEqual(invoiceStandings([doc('a', 30_000)], 30_000, '2027-02-20').get('a'), { status: 'paid', outstandingCents: 0 });
    assert.deepEqual(
      Object.fromEntries(invoiceStatuses(documents, 26_000, '2027-03-02')),
      Object.fromEntries([...standings].map(([id, s]) => [id, s.status])),
    );
  });
});
