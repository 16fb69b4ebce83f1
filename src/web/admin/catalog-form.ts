import type { AdminFieldCode, AdminFieldError } from '../../core/catalog/admin-fields.js';
import type { MessageKey } from '../i18n/i18n.js';
import { formField } from '../public/form-body.js';
import type { Ui } from '../views/ui.js';
import type { FieldMessages } from '../views/components.js';

/** The message of each field code of the catalogue forms (activities, slots, schedules). */
const MESSAGES: Record<AdminFieldCode, MessageKey> = {
  required: 'field.required',
  too_long: 'field.too_long',
  not_a_number: 'field.not_a_number',
  too_small: 'field.too_small',
  too_large: 'field.too_large',
  invalid_email: 'field.invalid_email',
  invalid_phone: 'field.invalid_phone',
  invalid_characters: 'field.invalid_characters',
  invalid_encoding: 'field.invalid_encoding',
  invisible_only: 'field.invisible_only',
  invalid_date: 'field.invalid_date',
  range_too_long: 'field.range_too_long',
  must_accept: 'field.must_accept',
  invalid_value: 'field.invalid_value',
  unknown_slot: 'field.unknown_slot',
  key_not_random: 'field.key_not_random',
  group_too_small: 'field.group_too_small',
  group_too_large: 'field.group_too_large',
  invalid_slug: 'catalog_admin.field.invalid_slug',
  slug_taken: 'catalog_admin.field.slug_taken',
  invalid_amount: 'catalog_admin.field.invalid_amount',
  invalid_hours: 'catalog_admin.field.invalid_hours',
  invalid_time: 'catalog_admin.field.invalid_time',
  time_nonexistent: 'catalog_admin.field.time_nonexistent',
  min_above_max: 'catalog_admin.field.min_above_max',
  bands_not_covering: 'catalog_admin.field.bands_not_covering',
  price_required: 'catalog_admin.field.price_required',
  slot_exists: 'catalog_admin.field.slot_exists',
  in_past: 'catalog_admin.field.in_past',
  weekday_required: 'catalog_admin.field.weekday_required',
  until_before_from: 'catalog_admin.field.until_before_from',
  period_too_long: 'catalog_admin.field.period_too_long',
  outside_period: 'catalog_admin.field.outside_period',
};

/** Refused fields as the form shows them: field name to translated message. */
export function fieldMessages(ui: Ui, errors: readonly AdminFieldError[]): FieldMessages {
  return Object.fromEntries(errors.map((e) => [e.field, ui.t(MESSAGES[e.code])]));
}

/** A checkbox of a form body: checked when sent with any value. */
export function formCheckbox(body: unknown, name: string): boolean {
  return formField(body, name) !== '';
}

/** Every value of a repeated field (checkboxes with one name), as strings. */
export function formFields(body: unknown, name: string): string[] {
  if (typeof body !== 'object' || body === null) return [];
  const value = (body as Record<string, unknown>)[name];
  return (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
}
