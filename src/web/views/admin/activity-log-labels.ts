import type { ActivityEntry, ActorKind } from '../../../core/activity-log/activity-log.js';
import { formatDateTime, formatMoney } from '../../../core/i18n/format.js';
import type { MessageKey } from '../../i18n/i18n.js';
import { activityDetailsMessages } from '../../i18n/messages/activity-details.messages.js';
import type { Ui } from '../ui.js';

/** Labels of the actions known here; any other action is shown by its code. */
export const ACTION_LABELS: Record<string, MessageKey> = {
  'auth.login': 'activity_log.action.auth.login',
  'auth.login_failed': 'activity_log.action.auth.login_failed',
  'auth.second_factor_failed': 'activity_log.action.auth.second_factor_failed',
  'auth.throttled': 'activity_log.action.auth.throttled',
  'auth.logout': 'activity_log.action.auth.logout',
  'auth.timeout': 'activity_log.action.auth.timeout',
  'auth.sessions_ended': 'activity_log.action.auth.sessions_ended',
  'security.csrf_refused': 'activity_log.action.security.csrf_refused',
  'security.self_audit_run': 'activity_log.action.security.self_audit_run',
  'staff.added': 'activity_log.action.staff.added',
  'staff.invited': 'activity_log.action.staff.invited',
  'staff.setup_link_issued': 'activity_log.action.staff.setup_link_issued',
  'staff.add_existing': 'activity_log.action.staff.add_existing',
  'staff.second_factor_enrolled': 'activity_log.action.staff.second_factor_enrolled',
  'staff.password_changed': 'activity_log.action.staff.password_changed',
  'staff.recovery_codes_renewed': 'activity_log.action.staff.recovery_codes_renewed',
  'staff.role_changed': 'activity_log.action.staff.role_changed',
  'staff.disabled': 'activity_log.action.staff.disabled',
  'staff.enabled': 'activity_log.action.staff.enabled',
  'staff.sessions_ended': 'activity_log.action.staff.sessions_ended',
  'booking.cancelled': 'activity_log.action.booking.cancelled',
  'booking.paid': 'activity_log.action.booking.paid',
  'booking.unpaid': 'activity_log.action.booking.unpaid',
  'booking.note_added': 'activity_log.action.booking.note_added',
  'booking.created': 'activity_log.action.booking.created',
  'booking.booked_by_phone': 'activity_log.action.booking.booked_by_phone',
  'booking.details_changed': 'activity_log.action.booking.details_changed',
  'booking.confirmed': 'activity_log.action.booking.confirmed',
  'booking.requested': 'activity_log.action.booking.requested',
  'booking.accepted': 'activity_log.action.booking.accepted',
  'booking.declined': 'activity_log.action.booking.declined',
  'booking.expired': 'activity_log.action.booking.expired',
  'booking.completed': 'activity_log.action.booking.completed',
  'booking.option_extended': 'activity_log.action.booking.option_extended',
  'booking.option_reminder_sent': 'activity_log.action.booking.option_reminder_sent',
  'booking.visit_reminder_sent': 'activity_log.action.booking.visit_reminder_sent',
  'booking.payment_recorded': 'activity_log.action.booking.payment_recorded',
  'booking.balance_reminder_sent': 'activity_log.action.booking.balance_reminder_sent',
  'booking.invoice_overdue_reminder_sent': 'activity_log.action.booking.invoice_overdue_reminder_sent',
  'activity.created': 'activity_log.action.activity.created',
  'activity.updated': 'activity_log.action.activity.updated',
  'venue.updated': 'activity_log.action.venue.updated',
  'venue.mollie_key_set': 'activity_log.action.venue.mollie_key_set',
  'venue.mollie_key_removed': 'activity_log.action.venue.mollie_key_removed',
  'venue.invoicing_changed': 'activity_log.action.venue.invoicing_changed',
  'venue.billing_changed': 'activity_log.action.venue.billing_changed',
  'venue.retention_changed': 'activity_log.action.venue.retention_changed',
  'venue.terms_published': 'activity_log.action.venue.terms_published',
  'discount.created': 'activity_log.action.discount.created',
  'discount.changed': 'activity_log.action.discount.changed',
  'resource.created': 'activity_log.action.resource.created',
  'resource.updated': 'activity_log.action.resource.updated',
  'voucher.issued': 'activity_log.action.voucher.issued',
  'voucher.mailed': 'activity_log.action.voucher.mailed',
  'privacy.exported': 'activity_log.action.privacy.exported',
  'privacy.erased': 'activity_log.action.privacy.erased',
  'privacy.erasure_scheduled': 'activity_log.action.privacy.erasure_scheduled',
  'slot.created': 'activity_log.action.slot.created',
  'slot.capacity_changed': 'activity_log.action.slot.capacity_changed',
  'slot.deleted': 'activity_log.action.slot.deleted',
  'schedule.created': 'activity_log.action.schedule.created',
  'schedule.deleted': 'activity_log.action.schedule.deleted',
  'schedule.exception_added': 'activity_log.action.schedule.exception_added',
  'schedule.exception_removed': 'activity_log.action.schedule.exception_removed',
  'booking.participant_added': 'activity_log.action.booking.participant_added',
  'booking.participant_removed': 'activity_log.action.booking.participant_removed',
  'booking.group_size_changed': 'activity_log.action.booking.group_size_changed',
  'booking.refunded': 'activity_log.action.booking.refunded',
  'booking.invoice_issued': 'activity_log.action.booking.invoice_issued',
  'booking.credit_note_issued': 'activity_log.action.booking.credit_note_issued',
  'booking.invoice_withheld': 'activity_log.action.booking.invoice_withheld',
  'booking.manage_link_resent': 'activity_log.action.booking.manage_link_resent',
  'booking.manage_link_reissued': 'activity_log.action.booking.manage_link_reissued',
  'booking.participant_link_reissued': 'activity_log.action.booking.participant_link_reissued',
  'booking.part_moved': 'activity_log.action.booking.part_moved',
  'booking.part_move_undone': 'activity_log.action.booking.part_move_undone',
  'photo.added': 'activity_log.action.photo.added',
  'photo.alt_changed': 'activity_log.action.photo.alt_changed',
  'photo.moved': 'activity_log.action.photo.moved',
  'photo.deleted': 'activity_log.action.photo.deleted',
};

/** An activity log action in the reader's language, or its code when it has no label. */
export function actionLabel(ui: Ui, action: string): string {
  return Object.hasOwn(ACTION_LABELS, action) ? ui.t(ACTION_LABELS[action]!) : action;
}

/** Who made a change nobody signed in for: the organiser or a participant through their link, or the platform. */
const ACTOR_LABELS: Record<Exclude<ActorKind, 'staff'>, MessageKey> = {
  organiser: 'activity_log.actor.organiser',
  system: 'activity_log.actor.system',
  participant: 'activity_log.actor.participant',
};

/** Who made a recorded change: the staff member's email address, else who acted without an account. */
export function actorLabel(ui: Ui, entry: Pick<ActivityEntry, 'actorEmail' | 'actorKind'>): string {
  if (entry.actorEmail !== null) return entry.actorEmail;
  return entry.actorKind && entry.actorKind !== 'staff' ? ui.t(ACTOR_LABELS[entry.actorKind]) : '—';
}

/** An instant as details store it (`toISOString()`). */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z$/;
/** A detail in cents: `total_cents`, `amountCents`. */
const CENTS = /_?cents$/i;

/**
 * A detail's name in the page's words (`activity_log.detail.*`): `total_cents` is "Totaal" /
 * "Total", `amountCents` "Bedrag" / "Amount". A name not translated yet reads as its words
 * ("starts at"), never as its key.
 */
export function detailName(ui: Ui, key: string): string {
  const words = key
    .replace(CENTS, '')
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .toLowerCase();
  const label = `activity_log.detail.${words}`;
  return Object.hasOwn(activityDetailsMessages.nl, label) ? ui.t(label as MessageKey) : words.replaceAll('_', ' ');
}

/** A detail's value as staff read it: cents in euros, instants in Amsterdam time, yes or no. */
export function detailValue(ui: Ui, key: string, value: ActivityEntry['detail'][string]): string {
  if (value === null) return '—';
  if (typeof value === 'boolean') return ui.t(value ? 'bookings.yes' : 'bookings.no');
  if (typeof value === 'number' && CENTS.test(key)) return formatMoney(value, ui.lang);
  if (typeof value === 'string' && INSTANT.test(value)) return formatDateTime(new Date(value), ui.lang);
  return String(value);
}
