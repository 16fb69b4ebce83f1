import type { ColumnType, Kysely, Transaction } from 'kysely';

/**
 * The tables as Kysely sees them. Portable column types only, so one code path serves SQLite and
 * PostgreSQL: ids are text, instants are ISO-8601 UTC text (which sorts correctly), flags are
 * integers 0/1, structured values are JSON text validated on read.
 */
export interface VenueTable {
  id: string;
  slug: string;
  name: string;
  city: string;
  created_at: string;
  /** How organisers reach the venue; null until given. */
  contact_email: string | null;
  contact_phone: string | null;
  /** The profile (back office): address parts (all or none), website, texts in both languages; null until given. */
  street: NullableColumn;
  postcode: NullableColumn;
  address_city: NullableColumn;
  website: NullableColumn;
  description_nl: NullableColumn;
  description_en: NullableColumn;
  route_nl: NullableColumn;
  route_en: NullableColumn;
  /** The venue's own Mollie API key, sealed (core/payments/mollie-key.ts); null: the platform's key serves, if set. */
  mollie_key_sealed: NullableColumn;
  /** When the key was last accepted by Mollie's API. */
  mollie_key_checked_at: NullableColumn;
  /** 1: organisations paying on invoice must give their own reference (PO number). */
  po_required: ColumnType<number, number | undefined, number>;
  /** Billing details every invoice states (core/invoices/venue-billing.ts); null until given. */
  billing_legal_name: NullableColumn;
  billing_street: NullableColumn;
  billing_postcode: NullableColumn;
  billing_city: NullableColumn;
  /** 8 digits. */
  kvk_number: NullableColumn;
  /** Normal form, e.g. NL123456789B01. */
  vat_id: NullableColumn;
  /** Normal form (upper case, no spaces). */
  iban: NullableColumn;
  bic: NullableColumn;
  /** Invoice numbers are `${invoice_prefix}-${year}-${sequence, 6 digits}`, e.g. GZ-AMS-2027-000123. */
  invoice_prefix: NullableColumn;
  /** Days an invoice is due after its date, unless the activity's invoice term says otherwise. */
  invoice_term_days: ColumnType<number, number | undefined, number>;
}

/** One published version of a venue's booking terms: numbered 1, 2, 3 per venue, never changed. */
export interface VenueTermsTable {
  venue_id: string;
  version: number;
  text_nl: string;
  text_en: string;
  published_at: string;
  /** The staff member who published it; null for the demo catalogue's. */
  published_by: string | null;
}

export interface ActivityTable {
  id: string;
  venue_id: string;
  slug: string;
  title_nl: string;
  title_en: string;
  description_nl: string;
  description_en: string;
  location: string;
  duration_minutes: number;
  min_group_size: number;
  max_group_size: number;
  booking_cutoff_minutes: number;
  pricing: string;
  created_at: string;
  /** 'instant' or 'request'; see ActivityRules in core/catalog/activity.ts for the rest. */
  booking_mode: ColumnType<string, string | undefined, string>;
  options_allowed: ColumnType<number, number | undefined, number>;
  option_hours: ColumnType<number, number | undefined, number>;
  option_min_days_before: ColumnType<number, number | undefined, number>;
  option_max_per_email: ColumnType<number, number | undefined, number>;
  cancel_until_hours: ColumnType<number, number | undefined, number>;
  /** JSON array of the participant fields asked beside the name. */
  participant_fields: ColumnType<string, string | undefined, string>;
  /** One of ACTIVITY_CATEGORIES (core/catalog/activity.ts); 'other' for activities older than categories. */
  category: ColumnType<string, string | undefined, string>;
  /** Practical information (PracticalInfo in core/catalog/activity.ts): 0 = all ages; null = nothing given. */
  min_age: ColumnType<number, number | undefined, number>;
  max_age: number | null;
  bring_nl: string | null;
  bring_en: string | null;
  /** One of WHEELCHAIR_ACCESS; 'unknown' until staff say. */
  wheelchair: ColumnType<string, string | undefined, string>;
  accessibility_nl: string | null;
  accessibility_en: string | null;
  /** One of ACTIVITY_STATUSES: only 'published' activities are shown and booked. */
  status: ColumnType<string, string | undefined, string>;
  /** Payment terms (PaymentTerms in core/catalog/payment-terms.ts): 'venue', 'full' or 'deposit'. */
  payment_mode: ColumnType<string, string | undefined, string>;
  deposit_percent: ColumnType<number, number | undefined, number>;
  balance_days_before: ColumnType<number, number | undefined, number>;
  invoice_allowed: ColumnType<number, number | undefined, number>;
  invoice_term_days: ColumnType<number, number | undefined, number>;
  /** JSON RefundPolicy (core/catalog/refund-policy.ts). */
  refund_policy: ColumnType<string, string | undefined, string>;
}

export interface VatRateTable {
  code: string;
  rate_bp: number;
  valid_from: string;
}

export interface SlotTable {
  id: string;
  activity_id: string;
  starts_at: string;
  ends_at: string;
  capacity: number;
  exclusive: number;
  booked_persons: number;
  booked_groups: number;
  created_at: string;
  /** The schedule that generated the slot; null for a slot made on its own. */
  schedule_id: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface SlotScheduleTable {
  id: string;
  activity_id: string;
  /** ISO weekdays, sorted, comma-separated: "1,3,5" is Monday, Wednesday, Friday. */
  weekdays: string;
  /** Amsterdam wall-clock time, HH:MM. */
  start_time: string;
  capacity: number;
  exclusive: number;
  /** First and last Amsterdam date (YYYY-MM-DD), inclusive. */
  valid_from: string;
  valid_until: string;
  created_at: string;
}

export interface SlotScheduleExceptionTable {
  schedule_id: string;
  date: string;
  created_at: string;
}

export interface BookingTable {
  id: string;
  reference: string;
  slot_id: string;
  activity_id: string;
  venue_id: string;
  status: string;
  group_size: number;
  organiser_name: string;
  organiser_email: string;
  organiser_phone: string;
  organisation: string;
  notes: string;
  language: string;
  total_cents: number;
  /**
   * What the booking owes beyond (or below) its price, signed: cancellation fees the venue keeps
   * (+), goodwill refunds (-). It owes total_cents + adjustment_cents (core/catalog/refund-policy.ts).
   */
  adjustment_cents: ColumnType<number, number | undefined, number>;
  vat_cents: number;
  price_breakdown: string;
  manage_token_hash: string;
  created_at: string;
  updated_at: string;
  /** When the venue recorded the payment; null while unpaid. */
  paid_at: ColumnType<string | null, string | null | undefined, string | null>;
  /** How the booking pays, fixed when placed (core/catalog/payment-terms.ts): 'venue', 'online' or 'invoice'. */
  pay_by: ColumnType<string, string | undefined, string>;
  /** The part paid online when booking: 100 in full, 1..99 a deposit, 0 nothing online. */
  deposit_percent: ColumnType<number, number | undefined, number>;
  /** The end of the payment window of a booking 'awaiting_payment'; null otherwise. */
  payment_expires_at: NullableColumn;
  /** The Amsterdam date (YYYY-MM-DD) the rest (or the invoice) is due; null when nothing is due later. */
  balance_due_on: NullableColumn;
  balance_reminded_at: NullableColumn;
  /** The refund policy the organiser accepted, JSON as on the activity when booked. */
  refund_policy: ColumnType<string, string | undefined, string>;
  /** Billing details of a booking paid on invoice; null otherwise (reference and VAT id optional). */
  billing_organisation: NullableColumn;
  billing_address: NullableColumn;
  billing_reference: NullableColumn;
  billing_vat_id: NullableColumn;
  /** The billing address's country (ISO 3166-1 alpha-2, core/payments/billing-countries.ts); null when none was given. */
  billing_country: NullableColumn;
  party: NullableColumn;
  /** The payment window's length (minutes) when placed, for a booking paid online; null otherwise. */
  payment_window_minutes: ColumnType<number | null, number | null | undefined, number | null>;
  cancelled_at: ColumnType<string | null, string | null | undefined, string | null>;
  option_expires_at: NullableColumn;
  option_extended_at: NullableColumn;
  option_reminder_sent_at: NullableColumn;
  visit_reminder_sent_at: NullableColumn;
  confirmed_at: NullableColumn;
  /** Raised when the link is re-issued, which ends the old one (see core/bookings/booking-links.ts). */
  manage_link_version: ColumnType<number, number | undefined, number>;
  participant_link_version: ColumnType<number, number | undefined, number>;
  participant_token_hash: NullableColumn;
  /** SHA-256 of the key the booking was submitted with; a repeated submission finds this booking. */
  submission_hash: NullableColumn;
  /** The venue's terms version the organiser accepted; null when the venue had published none. */
  terms_version: ColumnType<number | null, number | null | undefined, number | null>;
  /** The discount code the booking used; null for none. */
  discount_code_id: NullableColumn;
  /** JSON DiscountTerms (core/discounts/discount-code.ts) as given when booked; null for none. */
  discount_terms: NullableColumn;
  /** JSON Pricing (core/catalog/pricing.ts): the activity's pricing when booked; null for a booking placed before it was kept. */
  pricing: NullableColumn;
  /** When the participants' details and the organiser's remarks were removed (core/privacy/). */
  participants_removed_at: NullableColumn;
  /** When the organiser's contact and billing details were replaced (core/privacy/). */
  anonymised_at: NullableColumn;
  /** When the organiser asked for erasure through the manage link; carried out once the visit is over. */
  erasure_requested_at: NullableColumn;
}

type NullableColumn = ColumnType<string | null, string | null | undefined, string | null>;

export interface ParticipantTable {
  id: string;
  booking_id: string;
  name: string;
  /** JSON object: field name to answer. */
  answers: string;
  created_at: string;
}

export interface MailOutboxTable {
  id: string;
  kind: string;
  booking_id: string | null;
  recipient: string;
  language: string;
  /** JSON object: what the mail needs beyond the booking's current state. */
  detail: string;
  dedupe_key: string;
  /** 'pending', 'sent', 'skipped' (no longer true when due) or 'failed' (gave up). */
  status: string;
  attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: string;
  locked_until: NullableColumn;
  last_error: NullableColumn;
  created_at: string;
  sent_at: NullableColumn;
}

export interface JobLeaseTable {
  name: string;
  holder: string;
  expires_at: string;
  last_success_at: NullableColumn;
  started_at: NullableColumn;
  finished_at: NullableColumn;
  failing_since: NullableColumn;
}

export interface BookingNoteTable {
  id: string;
  booking_id: string;
  author_id: string | null;
  author_name: string;
  body: string;
  created_at: string;
}

export interface StaffTable {
  id: string;
  email: string;
  name: string;
  role: string;
  venue_id: string | null;
  password_hash: string | null;
  totp_secret: string | null;
  totp_pending_secret: string | null;
  totp_last_step: number | null;
  setup_token_hash: string | null;
  setup_expires_at: string | null;
  disabled_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface RecoveryCodeTable {
  staff_id: string;
  code_hash: string;
  used_at: string | null;
}

export interface StaffSessionTable {
  token_hash: string;
  staff_id: string;
  two_factor_verified: number;
  created_at: string;
  last_seen_at: string;
  reauthenticated_at: string | null;
  user_agent: string;
}

export interface ThrottleTable {
  key: string;
  failures: number;
  last_failure_at: string;
  blocked_until: string | null;
}

export interface ActivityLogTable {
  id: string;
  at: string;
  actor_id: string | null;
  actor_email: string | null;
  venue_id: string | null;
  action: string;
  target: string | null;
  detail: string;
  client: string | null;
  /** 'staff', 'organiser' or 'system'; null on entries written before it was kept. */
  actor_kind: NullableColumn;
}

export interface SelfAuditTable {
  id: string;
  at: string;
  url: string;
  ok: number;
  /** JSON array of the checks: { id, title, ok, severity, finding }. */
  checks: string;
}

export interface BackupRunTable {
  id: string;
  run_id: string;
  /** 'local' or 'remote'. */
  location: string;
  /** 'schedule' or 'manual'. */
  trigger: string;
  /** 'running', 'succeeded' or 'failed'. */
  status: string;
  started_at: string;
  finished_at: string | null;
  /** restic's snapshot id (full). */
  snapshot_id: string | null;
  /** Bytes in the snapshot, and bytes it added to the repository after deduplication. */
  size_bytes: number | null;
  added_bytes: number | null;
  error: string | null;
}

/** A condition admins are warned about once (core/watch/platform-condition.ts). */
export interface PlatformConditionTable {
  name: string;
  /** 1 while the condition holds. */
  raised: number;
  since: string;
  checked_at: string;
  /** JSON: what the last check saw. */
  detail: string;
}

export interface PlatformInstanceTable {
  id: string;
  hostname: string;
  pid: number;
  started_at: string;
  seen_at: string;
}

/** A venue's photo or logo, or an activity's photo (see core/photos/photo.ts). */
export interface PhotoTable {
  id: string;
  venue_id: string;
  /** Set for kind 'activity' only. */
  activity_id: string | null;
  /** 'activity', 'venue' or 'logo'. */
  kind: string;
  /** Order among its owner's photos, from 0. */
  position: number;
  alt_nl: string;
  alt_en: string;
  /** The largest stored variant's size, upright (after the EXIF orientation is applied). */
  width: number;
  height: number;
  created_at: string;
}

/** One stored size and format of a photo: the bytes served, metadata stripped. */
export interface PhotoVariantTable {
  photo_id: string;
  width: number;
  /** 'avif', 'webp' or 'jpeg'. */
  format: string;
  height: number;
  /** A blob on SQLite, a bytea on PostgreSQL; a Buffer either way. */
  bytes: Buffer;
}

/** Money in: a Mollie payment, or a bank transfer staff recorded (core/payments/payment.ts). */
export interface PaymentTable {
  id: string;
  booking_id: string;
  venue_id: string;
  /** 'mollie', 'bank' or 'voucher'. */
  method: string;
  /** Mollie's id (tr_...); null for a bank transfer, and until Mollie answered. */
  provider_id: string | null;
  amount_cents: number;
  /** One of PAYMENT_STATUSES (core/payments/payment.ts), as the provider last said. */
  status: string;
  checkout_url: string | null;
  /** The staff member who recorded a bank transfer. */
  recorded_by: string | null;
  note: ColumnType<string, string | undefined, string>;
  created_at: string;
  updated_at: string;
  paid_at: string | null;
  /**
   * The Mollie account that took it (core/payments/mollie-key.ts mollieAccountOf), where its
   * refunds go; null for a bank transfer and for payments recorded before it was kept.
   */
  provider_account: NullableColumn;
  /** The voucher a payment of method 'voucher' drew on (core/vouchers/); null otherwise. */
  voucher_id: NullableColumn;
}

/** Money out: a refund of (part of) a payment (core/payments/payment.ts). */
export interface RefundTable {
  id: string;
  booking_id: string;
  payment_id: string;
  /** Mollie's id (re_...); null until Mollie answered, and for a refund by bank. */
  provider_id: string | null;
  amount_cents: number;
  /** One of REFUND_STATUSES (core/payments/payment.ts). */
  status: string;
  /** 'policy' (cancellation), 'size_change', 'late_payment' or 'staff'. */
  cause: string;
  reason: ColumnType<string, string | undefined, string>;
  staff_id: string | null;
  created_at: string;
  updated_at: string;
  /** Why it failed, for staff: REFUND_FAILURES (core/payments/payment.ts); null when Mollie refused it. */
  failure: NullableColumn;
}

/** A venue's discount code (core/discounts/discount-code.ts). */
export interface DiscountCodeTable {
  id: string;
  venue_id: string;
  /** Upper case, unique per venue. */
  code: string;
  /** 'percent' or 'amount'. */
  kind: string;
  /** 1..100 for 'percent'; null otherwise. */
  percent: number | null;
  /** Cents including VAT for 'amount'; null otherwise. */
  amount_cents: number | null;
  /** 'booking' or 'person' (an amount per person of the group). */
  per: string;
  /** Amsterdam dates YYYY-MM-DD the booking must be placed within; null: open-ended. */
  valid_from: string | null;
  valid_until: string | null;
  min_group_size: number | null;
  max_uses: number | null;
  /** The bookings holding the code; never above max_uses. */
  uses: ColumnType<number, number | undefined, number>;
  active: ColumnType<number, number | undefined, number>;
  created_at: string;
}

/** An activity a discount code is limited to; a code without any is for all its venue's activities. */
export interface DiscountCodeActivityTable {
  discount_code_id: string;
  activity_id: string;
}

/** The last invoice number a venue issued in a calendar year; taken by an update in the issuing transaction. */
export interface InvoiceCounterTable {
  venue_id: string;
  year: number;
  last_number: number;
}

/**
 * An issued invoice or credit note: never updated, deleted only after retain_until (triggers refuse
 * both). Amounts are cents including VAT, negative on a credit note.
 */
export interface InvoiceTable {
  id: string;
  venue_id: string;
  booking_id: string;
  /** `${prefix}-${year}-${sequence}`, unique. */
  number: string;
  year: number;
  /** 1, 2, 3... per venue and year, without gaps. */
  sequence: number;
  /** 'invoice' or 'credit_note'. */
  kind: string;
  /** INVOICE_PURPOSES (core/invoices/invoice-document.ts). */
  purpose: string;
  /** The invoice a credit note corrects; null for an invoice. */
  corrects_id: string | null;
  issued_at: string;
  /** Amsterdam date YYYY-MM-DD. */
  issue_date: string;
  /** When an invoice is to be paid, YYYY-MM-DD; null on a credit note. */
  due_on: string | null;
  language: string;
  total_cents: number;
  vat_cents: number;
  /** JSON InvoiceDocument: everything the invoice states, as issued. */
  document: string;
  /** YYYY-MM-DD: kept at least until then (seven years after the end of its year). */
  retain_until: string;
}

/** An extra an activity offers (core/catalog/extras.ts); amounts include VAT; stock null: unlimited. */
export interface ActivityExtraTable {
  id: string;
  activity_id: string;
  label_nl: string;
  label_en: string;
  /** 'person', 'group' or 'unit'. */
  basis: string;
  /** 'low' or 'high'. */
  vat: string;
  amount_cents: number;
  required: number;
  /** Units per slot; null: unlimited. */
  stock: number | null;
  /** At most this many units per booking (basis 'unit'); null: no limit of its own. */
  max_per_booking: number | null;
  position: number;
  active: number;
  created_at: string;
}

/** The units of an extra taken in a slot: a row made on first use. */
export interface ExtraStockTable {
  slot_id: string;
  extra_id: string;
  taken: number;
}

/** What a booking holds of an extra. */
export interface BookingExtraTable {
  booking_id: string;
  extra_id: string;
  quantity: number;
}

/** A gift voucher (core/vouchers/): a means of payment at one venue. Its code is kept hashed and sealed. */
export interface VoucherTable {
  id: string;
  venue_id: string;
  code_hash: string;
  /** The code's last four characters, for staff to tell vouchers apart. */
  code_hint: string;
  /** The code sealed with the platform key, bound to the voucher's id (core/vouchers/voucher-code-box.ts). */
  code_sealed: string;
  initial_cents: number;
  /** What is left; lowered only by a conditional update (never below zero). */
  balance_cents: number;
  /** The last Amsterdam date (YYYY-MM-DD) it can be redeemed on. */
  valid_until: string;
  /** 'pending' (sold online, not paid yet), 'active' or 'cancelled' (a sale never paid). */
  status: string;
  /** 'sold_online', 'sold_desk' or 'issued'. */
  origin: string;
  buyer_name: ColumnType<string, string | undefined, string>;
  buyer_email: ColumnType<string, string | undefined, string>;
  recipient_name: ColumnType<string, string | undefined, string>;
  message: ColumnType<string, string | undefined, string>;
  language: ColumnType<string, string | undefined, string>;
  /** Staff's note (why it was issued). */
  note: ColumnType<string, string | undefined, string>;
  issued_by: NullableColumn;
  /** Mollie's payment of a voucher sold online (tr_...), its account and checkout. */
  provider_id: NullableColumn;
  provider_account: NullableColumn;
  checkout_url: NullableColumn;
  created_at: string;
  /** When it became usable; null while pending. */
  issued_at: NullableColumn;
  /** When its buyer and recipient were replaced (core/privacy/). */
  anonymised_at: NullableColumn;
}

/** One change of a voucher's balance: its ledger. */
export interface VoucherMovementTable {
  id: string;
  voucher_id: string;
  venue_id: string;
  /** 1, 2, ... per voucher: the ledger's order (unique with voucher_id). */
  position: number;
  /** 'issue', 'redeem', 'restore' or 'expire'. */
  kind: string;
  /** Signed: + issue and restore, - redeem and expire. */
  amount_cents: number;
  balance_after_cents: number;
  booking_id: NullableColumn;
  payment_id: NullableColumn;
  refund_id: NullableColumn;
  staff_id: NullableColumn;
  created_at: string;
}

/** A boat, room, guide or lane a venue's activities share (core/resources/resource.ts). */
export interface ResourceTable {
  id: string;
  venue_id: string;
  name: string;
  /** 'persons': groups share the capacity; 'units': each group takes one of `capacity` units. */
  kind: string;
  capacity: number;
  created_at: string;
}

/** Opening hours per ISO weekday, Amsterdam wall clock HH:MM ('24:00' closes at midnight); no rows: always open. */
export interface ResourceHoursTable {
  resource_id: string;
  weekday: number;
  opens: string;
  closes: string;
}

export interface ResourceClosureTable {
  id: string;
  resource_id: string;
  starts_at: string;
  ends_at: string;
  reason: string;
  created_at: string;
}

/** A resource an activity's slots use for their time plus `buffer_minutes` (changeover). */
export interface ActivityResourceTable {
  activity_id: string;
  resource_id: string;
  buffer_minutes: ColumnType<number, number | undefined, number>;
}

/** A part of a programme (an activity of several parts): a time within each of its slots. */
export interface ProgrammePartTable {
  id: string;
  activity_id: string;
  position: number;
  title_nl: string;
  title_en: string;
  /** Minutes after the slot's start the part begins, and how long it lasts. */
  offset_minutes: number;
  duration_minutes: number;
  /** The stand-alone activity this part is, when it is one (its description, its location). */
  part_activity_id: string | null;
  created_at: string;
  /** 1 when subgroups of the programme take turns at this part (programme_rotations), else 0. */
  rotates: ColumnType<number, number | undefined, number>;
}

/** A resource a programme's part uses for its time plus `buffer_minutes`. */
export interface PartResourceTable {
  part_id: string;
  resource_id: string;
  buffer_minutes: ColumnType<number, number | undefined, number>;
}

/** A programme that splits groups larger than `subgroup_size` into subgroups taking turns at its rotating parts. */
export interface ProgrammeRotationTable {
  activity_id: string;
  subgroup_size: number;
}

/** One booking's part moved by staff: to `offset_minutes` after the slot's start, onto its move's resources. */
export interface BookingPartMoveTable {
  booking_id: string;
  part_id: string;
  offset_minutes: number;
  created_at: string;
}

export interface BookingPartMoveResourceTable {
  booking_id: string;
  part_id: string;
  resource_id: string;
  buffer_minutes: ColumnType<number, number | undefined, number>;
}

/** A venue's own retention periods, shorter than the platform's; null keeps the platform's. */
export interface VenueRetentionTable {
  venue_id: string;
  participants_days: number | null;
  organiser_months: number | null;
  cancelled_days: number | null;
  updated_at: string;
}

/** One run of the retention job: how many of each kind it removed (JSON counts), nothing personal. */
export interface RetentionRunTable {
  id: string;
  started_at: string;
  finished_at: string;
  counts: string;
}

/** A counter of changes to what availability reads, per activity, venue or '*' (the migration says which). */
export interface AvailabilityVersionTable {
  scope: string;
  venue_id: string;
  version: number;
}

export interface Database {
  venues: VenueTable;
  venue_terms: VenueTermsTable;
  activities: ActivityTable;
  vat_rates: VatRateTable;
  slots: SlotTable;
  slot_schedules: SlotScheduleTable;
  slot_schedule_exceptions: SlotScheduleExceptionTable;
  bookings: BookingTable;
  booking_notes: BookingNoteTable;
  staff: StaffTable;
  recovery_codes: RecoveryCodeTable;
  staff_sessions: StaffSessionTable;
  throttles: ThrottleTable;
  activity_log: ActivityLogTable;
  participants: ParticipantTable;
  mail_outbox: MailOutboxTable;
  job_leases: JobLeaseTable;
  self_audits: SelfAuditTable;
  backup_runs: BackupRunTable;
  platform_instances: PlatformInstanceTable;
  platform_conditions: PlatformConditionTable;
  photos: PhotoTable;
  photo_variants: PhotoVariantTable;
  payments: PaymentTable;
  refunds: RefundTable;
  invoice_counters: InvoiceCounterTable;
  invoices: InvoiceTable;
  activity_extras: ActivityExtraTable;
  extra_stock: ExtraStockTable;
  booking_extras: BookingExtraTable;
  discount_codes: DiscountCodeTable;
  discount_code_activities: DiscountCodeActivityTable;
  vouchers: VoucherTable;
  voucher_movements: VoucherMovementTable;
  resources: ResourceTable;
  resource_hours: ResourceHoursTable;
  resource_closures: ResourceClosureTable;
  activity_resources: ActivityResourceTable;
  programme_parts: ProgrammePartTable;
  part_resources: PartResourceTable;
  programme_rotations: ProgrammeRotationTable;
  booking_part_moves: BookingPartMoveTable;
  booking_part_move_resources: BookingPartMoveResourceTable;
  venue_retention: VenueRetentionTable;
  retention_runs: RetentionRunTable;
  availability_versions: AvailabilityVersionTable;
}

/*
 * A function's first argument says how it stands to transactions, and the compiler holds callers
 * to it:
 * - `Db`, the database (connect.ts makes it), never a transaction: the function opens its own
 *   transaction for a change of more than one row, so that a change and its activity log entry commit
 *   together or not at all. Kysely cannot nest transactions, so a caller's is refused here.
 * - `Tx`, a transaction the caller opened: the function must run inside it, and its writes commit
 *   or roll back with the caller's (a history entry with the change it records). A `Db` is
 *   refused here.
 * - `Executor`, either: repository functions, and services that are whole on their own as well as
 *   inside a caller's transaction (a single read or write).
 */
export type Db = Kysely<Database> & { readonly isTransaction: false };
export type Tx = Transaction<Database>;
export type Executor = Db | Tx;
