/**
 * Every refusal the domain can give, as a stable snake_case code. The web layer maps a code to an
 * HTTP status and a translated message (`error.<code>` in the i18n catalogues).
 */
export const DOMAIN_ERROR_CODES = [
  'not_found',
  'slot_full',
  'slot_unavailable',
  'group_too_small',
  'group_too_large',
  'booking_closed',
  'activity_unavailable',
  'price_unavailable',
  'time_nonexistent',
  'invalid_catalogue',
  'not_allowed',
  'email_taken',
  'email_invalid',
  'name_invalid',
  'venue_required',
  'setup_link_invalid',
  'password_too_short',
  'password_too_long',
  'password_common',
  'password_predictable',
  'password_wrong',
  'password_mismatch',
  'login_failed',
  'code_invalid',
  'throttled',
  'capacity_below_booked',
  'slot_has_bookings',
  'role_not_assignable',
  'self_change_refused',
  'last_admin',
  'member_disabled',
  'participants_closed',
  'participants_full',
  'booking_not_active',
  'booking_changed',
  'change_closed',
  'decrease_closed',
  'cancel_closed',
  'option_not_allowed',
  'option_too_late',
  'option_limit_reached',
  'option_expired',
  'option_already_extended',
  'submission_reused',
  'terms_changed',
  'refund_too_large',
  'payment_unavailable',
  'nothing_due',
  'extra_sold_out',
] as const;

export type DomainErrorCode = (typeof DOMAIN_ERROR_CODES)[number];

export class DomainError extends Error {
  readonly code: DomainErrorCode;
  readonly details: Readonly<Record<string, string | number>>;

  constructor(code: DomainErrorCode, details: Record<string, string | number> = {}) {
    super(code);
    this.name = 'DomainError';
    this.code = code;
    this.details = details;
  }
}
