/** Why one field of a form or API request was refused; the web layer translates `field.<code>`. */
export const FIELD_ERROR_CODES = [
  'required',
  'too_long',
  'not_a_number',
  'too_small',
  'too_large',
  'invalid_email',
  'invalid_phone',
  'invalid_characters',
  'invalid_encoding',
  'invisible_only',
  'invalid_date',
  'range_too_long',
  'must_accept',
  'invalid_value',
  'unknown_slot',
  'key_not_random',
  'group_too_small',
  'group_too_large',
] as const;

export type FieldErrorCode = (typeof FIELD_ERROR_CODES)[number];

export interface FieldError {
  field: string;
  code: FieldErrorCode;
  /** What the message names, such as the limit a group is outside of: `{ min: 6 }`. */
  params?: Record<string, number>;
}
