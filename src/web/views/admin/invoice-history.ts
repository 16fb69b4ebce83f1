import type { ActivityEntry } from '../../../core/activity-log/activity-log.js';
import { INVOICE_PURPOSES, type InvoicePurpose } from '../../../core/invoices/invoice-document.js';
import { documentTitle } from '../../../core/invoices/invoice-texts.js';
import { formatMoney } from '../../../core/i18n/format.js';
import { dayText } from '../invoice-list.js';
import type { Ui } from '../ui.js';

/**
 * An invoice's entry in a booking's history in words: which document (its title by purpose, as its
 * PDF is called), its number and amount; for one held back, what the venue's billing details lack;
 * for a reminder, the overdue invoice and its due date.
 * Undefined for other entries, or one whose detail lacks what it needs.
 */
export function invoiceEntryText(ui: Ui, entry: Pick<ActivityEntry, 'action' | 'detail'>): string | undefined {
  const { number, kind, purpose, total_cents: cents, missing, invoice, due_on: due } = entry.detail;
  if (entry.action === 'booking.invoice_withheld') {
    return typeof missing === 'string' && missing !== ''
      ? ui.t('invoice_history.withheld', { missing: missing.split(',').join(', ') })
      : undefined;
  }
  if (entry.action === 'booking.invoice_overdue_reminder_sent') {
    return typeof invoice === 'string' && typeof due === 'string'
      ? ui.t('invoice_history.reminded', { number: invoice, due: dayText(due, ui) })
      : undefined;
  }
  if (entry.action !== 'booking.invoice_issued' && entry.action !== 'booking.credit_note_issued') return undefined;
  if (typeof number !== 'string' || typeof cents !== 'number') return undefined;
  const credit = kind === 'credit_note' || entry.action === 'booking.credit_note_issued';
  const known = typeof purpose === 'string' && (INVOICE_PURPOSES as readonly string[]).includes(purpose);
  const title = documentTitle({
    kind: credit ? 'credit_note' : 'invoice',
    purpose: known ? (purpose as InvoicePurpose) : 'full',
    language: ui.lang,
  });
  return ui.t('invoice_history.issued', { title, number, amount: formatMoney(cents, ui.lang) });
}
