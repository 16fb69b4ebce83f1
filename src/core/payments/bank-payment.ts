import { z } from 'zod';
import { decimal, localDate } from '../catalog/admin-fields.js';
import { refuseTextProblem } from '../shared/control-characters.js';
import { parseEachField, type FormResult } from '../shared/field-errors.js';

/** A bank transfer staff record against a booking: its amount, the day it was received, a note. */
export interface BankPayment {
  amountCents: number;
  /** YYYY-MM-DD, Amsterdam. */
  receivedOn: string;
  note: string;
}

export const BANK_PAYMENT_NOTE_MAX = 500;

const shape = {
  amount: decimal('invalid_amount', 100_000_00, 'plain', { min: 1 }),
  receivedOn: localDate(),
  note: z.string().trim().max(BANK_PAYMENT_NOTE_MAX, 'too_long').superRefine(refuseTextProblem(false)),
};

/**
 * The form as typed: an amount in euros (decimal comma or point) above 0 and at most what is
 * outstanding (`above_outstanding`), a date received no later than today (`in_future`), an
 * optional note. Every fault at once.
 */
export function parseBankPayment(
  raw: Record<string, unknown>,
  limits: { outstandingCents: number; today: string },
): FormResult<BankPayment> {
  const { values, errors } = parseEachField(shape, {
    amount: typeof raw.amount === 'string' ? raw.amount : '',
    receivedOn: typeof raw.receivedOn === 'string' ? raw.receivedOn : '',
    note: typeof raw.note === 'string' ? raw.note : '',
  });
  if (values.amount !== undefined && values.amount > limits.outstandingCents) errors.push({ field: 'amount', code: 'above_outstanding' });
  if (values.receivedOn !== undefined && values.receivedOn > limits.today) errors.push({ field: 'receivedOn', code: 'in_future' });
  if (errors.length > 0 || values.amount === undefined || values.receivedOn === undefined || values.note === undefined) {
    return { ok: false, errors };
  }
  return { ok: true, value: { amountCents: values.amount, receivedOn: values.receivedOn, note: values.note } };
}
