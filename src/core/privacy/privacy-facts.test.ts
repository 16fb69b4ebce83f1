import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildPrivacyFacts, longestBackupPeriod, type PrivacySettings } from './privacy-facts.js';
import { DEFAULT_RETENTION } from './retention.js';

const SETTINGS: PrivacySettings = {
  retention: DEFAULT_RETENTION,
  backup: undefined,
  session: { idleTimeoutSeconds: 3600, absoluteTimeoutSeconds: 12 * 3600 },
  platformPaymentKey: false,
  mailRelay: undefined,
};

const venue = (id: string, extra: Partial<Parameters<typeof buildPrivacyFacts>[1][number]> = {}) => ({
  id,
  name: id,
  slug: id,
  city: 'Utrecht',
  contactEmail: null,
  ownMollieKey: false,
  choice: null,
  ...extra,
});

describe('the privacy facts', () => {
  test('the longest a snapshot lives: whichever of days, daily, weekly, monthly reaches furthest', () => {
    assert.deepEqual(longestBackupPeriod({ keepDays: 14, daily: 30, weekly: 12, monthly: 12 }), { count: 12, unit: 'months' });
    assert.deepEqual(longestBackupPeriod({ keepDays: 14, daily: 30, weekly: 8, monthly: 0 }), { count: 8, unit: 'weeks' });
    assert.deepEqual(longestBackupPeriod({ keepDays: 14, daily: 60, weekly: 8, monthly: 1 }), { count: 60, unit: 'days' });
    assert.deepEqual(longestBackupPeriod({ keepDays: 90, daily: 7, weekly: 4, monthly: 2 }), { count: 90, unit: 'days' });
    assert.deepEqual(longestBackupPeriod({ keepDays: 14, daily: 0, weekly: 0, monthly: 0 }), { count: 14, unit: 'days' });
  });

  test('a venue differs only where its choice is shorter than the platform limit', () => {
    const facts = buildPrivacyFacts(SETTINGS, [
      venue('short', { choice: { participantsDays: 5, organiserMonths: null, cancelledDays: null } }),
      venue('longer', { choice: { participantsDays: 300, organiserMonths: 24, cancelledDays: null } }),
      venue('none'),
    ]);
    assert.deepEqual(
      facts.differingVenues.map((v) => [v.id, v.differs, v.retention]),
      [['short', { participantsDays: true }, { participantsDays: 5, organiserMonths: 24, cancelledDays: 30 }]],
    );
  });

  test('Mollie is a recipient only when some venue or the platform takes payments online; the relay only when set', () => {
    const none = buildPrivacyFacts(SETTINGS, [venue('a')]);
    assert.equal(none.mollie, false);
    assert.ok(!none.categories.some((c) => c.recipients.includes('mollie') || c.recipients.includes('mail_relay')));
    const own = buildPrivacyFacts({ ...SETTINGS, mailRelay: 'smtp.example.nl' }, [venue('a', { ownMollieKey: true }), venue('b')]);
    assert.equal(own.mollie, true);
    assert.deepEqual(
      own.venues.map((v) => v.onlinePayments),
      [true, false],
    );
    assert.ok(own.categories.find((c) => c.id === 'payments')!.recipients.includes('mollie'));
    assert.ok(own.categories.find((c) => c.id === 'mails')!.recipients.includes('mail_relay'));
    const platform = buildPrivacyFacts({ ...SETTINGS, platformPaymentKey: true }, [venue('b')]);
    assert.equal(platform.venues[0]!.onlinePayments, true);
  });

  test('session periods: whole hours as hours, else minutes', () => {
    const facts = buildPrivacyFacts({ ...SETTINGS, session: { idleTimeoutSeconds: 1800, absoluteTimeoutSeconds: 7200 } }, []);
    assert.deepEqual(facts.session, { idle: { count: 30, unit: 'minutes' }, absolute: { count: 2, unit: 'hours' } });
  });
});
