import type { LabelKey } from './labels.messages.js';

/** Each background job's name for people (the pages and the mails); the log keeps the job's own name. */
const JOB_LABELS: Record<string, LabelKey> = {
  'booking-lifecycle': 'job.booking-lifecycle',
  refunds: 'job.refunds',
  'payment-check': 'job.payment-check',
  'staff-sweep': 'job.staff-sweep',
  'balance-reminders': 'job.balance-reminders',
  retention: 'job.retention',
  'voucher-expiry': 'job.voucher-expiry',
  'mail-delivery': 'job.mail-delivery',
  'self-audit': 'job.self-audit',
  backup: 'job.backup',
  'job-watch': 'job.job-watch',
};

/** The job's label, or its own name for a job without one. */
export function jobLabel(t: (key: LabelKey) => string, name: string): string {
  return Object.hasOwn(JOB_LABELS, name) ? t(JOB_LABELS[name]!) : name;
}
