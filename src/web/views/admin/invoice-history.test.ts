import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { translator } from '../../i18n/i18n.js';
import { invoiceEntryText } from './invoice-history.js';
import type { Ui } from '../ui.js';

const ui = (lang: 'nl' | 'en') => ({ lang, t: translator(lang), path: '/' }) as unknown as Ui;
const text = (value: string | undefined) => value?.replace(/\u00a0/g, ' ');

describe("invoices in a booking's history", () => {
  test('an issued document names its title by purpose, its number and amount; a withheld one what is missing', () => {
    const issued = {
      action: 'booking.invoice_issued',
      detail: { number: 'GZ-1', kind: 'invoice', purpose: 'deposit', total_cents: 30_100 },
    };
    assert.equal(text(invoiceEntryText(ui('nl'), issued)), 'Aanbetalingsfactuur GZ-1 uitgereikt: € 301,00');
    assert.equal(text(invoiceEntryText(ui('en'), issued)), 'Deposit invoice GZ-1 issued: €301.00');
    const credit = {
      action: 'booking.credit_note_issued',
      detail: { number: 'GZ-2', kind: 'credit_note', purpose: 'credit', total_cents: -30_100 },
    };
    assert.equal(text(invoiceEntryText(ui('nl'), credit)), 'Creditnota GZ-2 uitgereikt: € -301,00');
    const withheld = { action: 'booking.invoice_withheld', detail: { missing: 'iban,kvk' } };
    assert.match(invoiceEntryText(ui('en'), withheld)!, /\(missing: iban, kvk\)$/);
    const reminded = { action: 'booking.invoice_overdue_reminder_sent', detail: { invoice: 'GZ-1', due_on: '2027-03-01' } };
    assert.match(invoiceEntryText(ui('nl'), reminded)!, /^herinnering te late factuur GZ-1 verstuurd \(vervaldatum .*2027\)$/);
    assert.equal(invoiceEntryText(ui('en'), { action: 'booking.confirmed', detail: {} }), undefined);
  });
});
