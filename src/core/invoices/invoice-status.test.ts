import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { invoiceStatuses, type StatusInput } from './invoice-status.js';

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
});
