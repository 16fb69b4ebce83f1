import { count } from '../../core/i18n/i18n.js';
import type {
  CategoryId,
  DataCategory,
  DataSubject,
  LegalBasis,
  Period,
  PeriodStart,
  PeriodUnit,
  PrivacyFacts,
  Recipient,
  RetentionRule,
} from '../../core/privacy/privacy-facts.js';
import type { MessageKey, Translate } from '../i18n/i18n.js';

// The privacy facts in words: one set of texts for the public statement and the operator's register,
// so that both say the same periods.

export const CATEGORY_TEXT: Record<CategoryId, { name: MessageKey; what: MessageKey; why: MessageKey }> = {
  organiser: {
    name: 'privacy.category.organiser.name',
    what: 'privacy.category.organiser.what',
    why: 'privacy.category.organiser.why',
  },
  participants: {
    name: 'privacy.category.participants.name',
    what: 'privacy.category.participants.what',
    why: 'privacy.category.participants.why',
  },
  billing: { name: 'privacy.category.billing.name', what: 'privacy.category.billing.what', why: 'privacy.category.billing.why' },
  payments: { name: 'privacy.category.payments.name', what: 'privacy.category.payments.what', why: 'privacy.category.payments.why' },
  mails: { name: 'privacy.category.mails.name', what: 'privacy.category.mails.what', why: 'privacy.category.mails.why' },
  vouchers: { name: 'privacy.category.vouchers.name', what: 'privacy.category.vouchers.what', why: 'privacy.category.vouchers.why' },
  staff: { name: 'privacy.category.staff.name', what: 'privacy.category.staff.what', why: 'privacy.category.staff.why' },
  sessions: { name: 'privacy.category.sessions.name', what: 'privacy.category.sessions.what', why: 'privacy.category.sessions.why' },
  activity_log: {
    name: 'privacy.category.activity_log.name',
    what: 'privacy.category.activity_log.what',
    why: 'privacy.category.activity_log.why',
  },
  throttles: {
    name: 'privacy.category.throttles.name',
    what: 'privacy.category.throttles.what',
    why: 'privacy.category.throttles.why',
  },
};

const BASIS_TEXT: Record<LegalBasis, MessageKey> = {
  contract: 'privacy.basis.contract',
  legal_obligation: 'privacy.basis.legal_obligation',
  legitimate_interest: 'privacy.basis.legitimate_interest',
  explicit_consent: 'privacy.basis.explicit_consent',
};

const START_TEXT: Record<PeriodStart, MessageKey> = {
  after_visit: 'privacy.start.after_visit',
  after_cancellation: 'privacy.start.after_cancellation',
  after_sent: 'privacy.start.after_sent',
  after_entry: 'privacy.start.after_entry',
  after_invoice_year: 'privacy.start.after_invoice_year',
  after_voucher_valid: 'privacy.start.after_voucher_valid',
  after_voucher_unpaid: 'privacy.start.after_voucher_unpaid',
  idle: 'privacy.start.idle',
  at_most: 'privacy.start.at_most',
  after_last_attempt: 'privacy.start.after_last_attempt',
  while_account: 'privacy.start.while_account',
};

const UNIT_TEXT: Record<PeriodUnit, { one: MessageKey; other: MessageKey }> = {
  minutes: { one: 'privacy.unit.minutes.one', other: 'privacy.unit.minutes.other' },
  hours: { one: 'privacy.unit.hours.one', other: 'privacy.unit.hours.other' },
  days: { one: 'privacy.unit.days.one', other: 'privacy.unit.days.other' },
  weeks: { one: 'privacy.unit.weeks.one', other: 'privacy.unit.weeks.other' },
  months: { one: 'privacy.unit.months.one', other: 'privacy.unit.months.other' },
  years: { one: 'privacy.unit.years.one', other: 'privacy.unit.years.other' },
};

const RECIPIENT_TEXT: Record<Recipient, MessageKey> = {
  venue: 'privacy.recipient.venue',
  operator: 'privacy.recipient.operator',
  mollie: 'privacy.recipient.mollie',
  mail_relay: 'privacy.recipient.mail_relay',
  backup_location: 'privacy.recipient.backup_location',
};

const SUBJECT_TEXT: Record<DataSubject, MessageKey> = {
  organisers: 'privacy.subjects.organisers',
  participants: 'privacy.subjects.participants',
  billing_contacts: 'privacy.subjects.billing_contacts',
  voucher_buyers: 'privacy.subjects.voucher_buyers',
  staff: 'privacy.subjects.staff',
  visitors: 'privacy.subjects.visitors',
};

/** "17 days", "1 month". */
export function periodText(t: Translate, period: Period): string {
  const keys = UNIT_TEXT[period.unit];
  return t(period.count === 1 ? keys.one : keys.other, { count: count(period.count) });
}

/** "17 days after the visit". */
export function ruleText(t: Translate, rule: RetentionRule): string {
  return t(START_TEXT[rule.start], { period: rule.period ? periodText(t, rule.period) : '' });
}

export function retentionTexts(t: Translate, category: DataCategory): string[] {
  return category.retention.map((rule) => ruleText(t, rule));
}

export function basisTexts(t: Translate, category: DataCategory): string[] {
  return category.bases.map((basis) => t(BASIS_TEXT[basis]));
}

/** Who handles the category's data; with the relay's host where `withHost` (the register, not the public page). */
export function recipientTexts(t: Translate, category: DataCategory, facts: PrivacyFacts, withHost = false): string[] {
  return category.recipients.map((recipient) =>
    recipient === 'mail_relay' && withHost && facts.mailRelay
      ? t('privacy.register.mail_relay_host', { host: facts.mailRelay })
      : t(RECIPIENT_TEXT[recipient]),
  );
}

export function subjectTexts(t: Translate, category: DataCategory): string[] {
  return category.subjects.map((subject) => t(SUBJECT_TEXT[subject]));
}

/** Whether a venue may shorten any of the category's periods. */
export function venueMayShorten(category: DataCategory): boolean {
  return category.retention.some((rule) => rule.venueKey !== undefined);
}

/** What the backups keep of removed data, in one sentence. */
export function backupText(t: Translate, facts: PrivacyFacts): string {
  if (!facts.backups) return t('privacy.backups_none');
  const period = periodText(t, facts.backups.longest);
  return t(facts.backups.locations > 1 ? 'privacy.backups_two_locations' : 'privacy.backups_one_location', { period });
}
