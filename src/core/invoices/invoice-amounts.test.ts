import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { allocateCents } from '../shared/money.js';
import { amountsOf, type GrossLine, negatedAmounts, splitOverRates, unitNetOf } from './invoice-amounts.js';

/** Every rule an invoice's amounts keep, whatever the lines. */
function assertConsistent(lines: GrossLine[]): ReturnType<typeof amountsOf> {
  const amounts = amountsOf(lines);
  const gross = lines.reduce((sum, l) => sum + l.grossCents, 0);
  assert.equal(amounts.totalCents, gross, 'the total is the gross to the cent');
  assert.equal(amounts.netCents + amounts.vatCents, amounts.totalCents);
  for (const vat of amounts.vat) {
    const ofRate = amounts.lines.filter((l) => l.vatRateBp === vat.vatRateBp);
    assert.equal(
      ofRate.reduce((sum, l) => sum + l.netCents, 0),
      vat.netCents,
      'the lines add up to the rate',
    );
    const rateGross = lines.filter((l) => l.vatRateBp === vat.vatRateBp).reduce((sum, l) => sum + l.grossCents, 0);
    const exact = (rateGross * vat.vatRateBp) / (10_000 + vat.vatRateBp);
    assert.ok(Math.abs(vat.vatCents - exact) <= 0.5, `VAT rounded once per rate: ${vat.vatCents} for ${exact}`);
  }
  for (const line of amounts.lines) {
    assert.equal(Math.round(line.quantity * Number(line.unitNet) * 100), line.netCents, `${line.quantity} × ${line.unitNet}`);
    assert.match(line.unitNet, /^-?\d+\.\d{2,6}$/);
  }
  return amounts;
}

describe('invoice amounts', () => {
  test('13 persons at EUR 17.95 (9 %) and a group line at 21 %: VAT per rate total, lines exact', () => {
    const amounts = assertConsistent([
      { description: 'Toegang', quantity: 13, grossCents: 13 * 1795, vatRateBp: 900 },
      { description: 'Gids', quantity: 1, grossCents: 8995, vatRateBp: 2100 },
    ]);
    // 23 335 × 9/109 = 1926.74 -> 1927; 8995 × 21/121 = 1561.12 -> 1561.
    assert.deepEqual(amounts.vat, [
      { vatRateBp: 2100, netCents: 7434, vatCents: 1561 },
      { vatRateBp: 900, netCents: 21_408, vatCents: 1927 },
    ]);
    assert.equal(amounts.lines[0]!.unitNet, '16.467692');
    assert.equal(amounts.totalCents, 23_335 + 8995);
  });

  test('per-rate rounding differs from rounding per line, and the lines still add up', () => {
    // Three lines of EUR 16.50 at 9 %: 136 VAT each per line (408), 409 on the total.
    const lines = [1650, 1650, 1650].map((grossCents, i) => ({ description: `L${i}`, quantity: 1, grossCents, vatRateBp: 900 }));
    const amounts = assertConsistent(lines);
    assert.equal(amounts.vatCents, 409);
    assert.deepEqual(
      amounts.lines.map((l) => l.netCents),
      [1514, 1514, 1513],
    );
  });

  test('awkward amounts: 1 cent lines, odd quantities, a negative deduction in the same rate', () => {
    for (const lines of [
      [{ description: 'a', quantity: 7, grossCents: 7, vatRateBp: 900 }],
      [{ description: 'a', quantity: 3, grossCents: 100, vatRateBp: 2100 }],
      [
        { description: 'a', quantity: 17, grossCents: 17 * 2995, vatRateBp: 900 },
        { description: 'b', quantity: 1, grossCents: 4999, vatRateBp: 900 },
        { description: 'deposit', quantity: -1, grossCents: -15_777, vatRateBp: 900 },
        { description: 'c', quantity: 1, grossCents: 333, vatRateBp: 2100 },
        { description: 'deposit', quantity: -1, grossCents: -101, vatRateBp: 2100 },
      ],
      [{ description: 'zero', quantity: 4, grossCents: 0, vatRateBp: 900 }],
    ]) {
      assertConsistent(lines);
    }
    for (let cents = 1; cents < 3000; cents += 7) {
      assertConsistent([
        { description: 'x', quantity: 13, grossCents: cents * 13, vatRateBp: 900 },
        { description: 'y', quantity: 1, grossCents: cents + 1, vatRateBp: 900 },
        { description: 'z', quantity: 3, grossCents: cents * 3 + 2, vatRateBp: 2100 },
      ]);
    }
  });

  test('a credit note mirrors its invoice to the cent', () => {
    const amounts = amountsOf([
      { description: 'a', quantity: 13, grossCents: 23_335, vatRateBp: 900 },
      { description: 'b', quantity: 1, grossCents: 8995, vatRateBp: 2100 },
    ]);
    const credit = negatedAmounts(amounts);
    assert.equal(credit.totalCents, -amounts.totalCents);
    assert.deepEqual(
      credit.vat.map((v) => v.vatCents),
      amounts.vat.map((v) => -v.vatCents),
    );
    assert.deepEqual(
      credit.lines.map((l) => [l.quantity, l.unitNet, l.netCents]),
      amounts.lines.map((l) => [-l.quantity, l.unitNet, -l.netCents]),
    );
  });

  test('an amount split over the rates in proportion, adding up exactly', () => {
    const parts = splitOverRates(9650, [
      { vatRateBp: 900, grossCents: 23_335 },
      { vatRateBp: 2100, grossCents: 8995 },
    ]);
    assert.deepEqual(parts, [
      { vatRateBp: 2100, grossCents: 2685 },
      { vatRateBp: 900, grossCents: 6965 },
    ]);
    assert.deepEqual(allocateCents(100, [1, 1, 1]), [34, 33, 33]);
    assert.deepEqual(allocateCents(-100, [1, 1, 1]), [-33, -33, -34]);
    assert.deepEqual(allocateCents(5, [0, 0]), [5, 0]);
  });

  test('unit prices: up to 6 decimals, at least 2', () => {
    assert.equal(unitNetOf(2143, 1), '21.43');
    assert.equal(unitNetOf(21_408, 13), '16.467692');
    assert.equal(unitNetOf(1000, 4), '2.50');
    assert.equal(unitNetOf(-1514, -1), '15.14');
    assert.equal(unitNetOf(7, 7), '0.01');
  });
});
