import type { AuditEntry, ActorKind } from '../../../core/audit-log/audit-log.js';
import type { MessageKey } from '../../i18n/i18n.js';
import type { Ui } from '../ui.js';

/** Labels of the actions known here; any other action is shown by its code. */
export const ACTION_LABELS: Record<string, MessageKey> = {
  'auth.login': 'audit.action.auth.login',
  'auth.login_failed': 'audit.action.auth.login_failed',
  'auth.second_factor_failed': 'audit.action.auth.second_factor_failed',
  'auth.throttled': 'audit.action.auth.throttled',
  'auth.logout': 'audit.action.auth.logout',
  'auth.timeout': 'audit.action.auth.timeout',
  'auth.sessions_ended': 'audit.action.auth.sessions_ended',
  'security.csrf_refused': 'audit.action.security.csrf_refused',
  'security.self_audit_run': 'audit.action.security.self_audit_run',
  'staff.added': 'audit.action.staff.added',
  'staff.invited': 'audit.action.staff.invited',
  'staff.setup_link_issued': 'audit.action.staff.setup_link_issued',
  'staff.add_existing': 'audit.action.staff.add_existing',
  'staff.second_factor_enrolled': 'audit.action.staff.second_factor_enrolled',
  'staff.password_changed': 'audit.action.staff.password_changed',
  'staff.recovery_codes_renewed': 'audit.action.staff.recovery_codes_renewed',
  'staff.role_changed': 'audit.action.staff.role_changed',
  'staff.disabled': 'audit.action.staff.disabled',
  'staff.enabled': 'audit.action.staff.enabled',
  'staff.sessions_ended': 'audit.action.staff.sessions_ended',
  'booking.cancelled': 'audit.action.booking.cancelled',
  'booking.paid': 'audit.action.booking.paid',
  'booking.unpaid': 'audit.action.booking.unpaid',
  'booking.note_added': 'audit.action.booking.note_added',
  'booking.created': 'audit.action.booking.created',
  'booking.confirmed': 'audit.action.booking.confirmed',
  'booking.requested': 'audit.action.booking.requested',
  'booking.accepted': 'audit.action.booking.accepted',
  'booking.declined': 'audit.action.booking.declined',
  'booking.expired': 'audit.action.booking.expired',
  'booking.completed': 'audit.action.booking.completed',
  'booking.option_extended': 'audit.action.booking.option_extended',
  'booking.option_reminder_sent': 'audit.action.booking.option_reminder_sent',
  'booking.visit_reminder_sent': 'audit.action.booking.visit_reminder_sent',
  'activity.created': 'audit.action.activity.created',
  'activity.updated': 'audit.action.activity.updated',
  'slot.created': 'audit.action.slot.created',
  'slot.capacity_changed': 'audit.action.slot.capacity_changed',
  'slot.deleted': 'audit.action.slot.deleted',
  'schedule.created': 'audit.action.schedule.created',
  'schedule.deleted': 'audit.action.schedule.deleted',
  'schedule.exception_added': 'audit.action.schedule.exception_added',
  'schedule.exception_removed': 'audit.action.schedule.exception_removed',
  'booking.participant_added': 'audit.action.booking.participant_added',
  'booking.participant_removed': 'audit.action.booking.participant_removed',
  'booking.group_size_changed': 'audit.action.booking.group_size_changed',
  'booking.manage_link_resent': 'audit.action.booking.manage_link_resent',
  'booking.manage_link_reissued': 'audit.action.booking.manage_link_reissued',
  'booking.participant_link_reissued': 'audit.action.booking.participant_link_reissued',
};

/** An audit action in the reader's language, or its code when it has no label. */
export function actionLabel(ui: Ui, action: string): string {
  return Object.hasOwn(ACTION_LABELS, action) ? ui.t(ACTION_LABELS[action]!) : action;
}

/** Who made a change nobody signed in for: the organiser or a participant through their link, or the platform. */
const ACTOR_LABELS: Record<Exclude<ActorKind, 'staff'>, MessageKey> = {
  organiser: 'audit.actor.organiser',
  system: 'audit.actor.system',
  participant: 'audit.actor.participant',
};

/** Who made an audited change: the staff member's email address, else who acted without an account. */
export function actorLabel(ui: Ui, entry: Pick<AuditEntry, 'actorEmail' | 'actorKind'>): string {
  if (entry.actorEmail !== null) return entry.actorEmail;
  return entry.actorKind && entry.actorKind !== 'staff' ? ui.t(ACTOR_LABELS[entry.actorKind]) : '—';
}
