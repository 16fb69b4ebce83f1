import type { Executor } from '../../db/schema.js';
import type { Clock } from '../shared/clock.js';
import { DomainError } from '../shared/errors.js';
import { hashToken } from '../shared/ids.js';
import {
  chargeThrottle,
  deleteDecayedThrottles,
  deleteThrottle,
  findBlockedUntil,
  refundThrottle,
  takeBackCharge,
} from './throttle.repository.js';

/**
 * Throttling of guesses at passwords and codes, and of placing bookings. Each attempt is charged in
 * advance against its counters (an account, an e-mail address, the client's network); for guesses
 * a success takes the charge back. Past the free
 * failures every further failure waits longer (doubling), up to a ceiling: an attacker can slow
 * a person down but never lock them out for good, and counters decay after a quiet period.
 * Storage errors propagate, so when the throttle cannot be consulted, nobody logs in (fail closed).
 */
export interface ThrottleRule {
  name: string;
  freeFailures: number;
  firstWaitSeconds: number;
  maxWaitSeconds: number;
  decaySeconds: number;
  /**
   * After a success: `reset` the counter (an account's own), or `refund` the one attempt (a counter
   * shared by many). Absent: every attempt counts, successful or not (placing bookings).
   */
  onSuccess?: 'reset' | 'refund';
  /**
   * After an attempt that placed nothing (a refusal): `refund` gives its charge back, so that only
   * what was placed counts (an organiser's address: a refusal sends it no mail). Absent: it counts.
   */
  onRefusal?: 'refund';
}

export const THROTTLE_RULES = {
  /** Ten wrong passwords in a row for one account, then a wait of 1, 2, 4 ... minutes, at most an hour. */
  accountPassword: {
    name: 'password',
    freeFailures: 10,
    firstWaitSeconds: 60,
    maxWaitSeconds: 3600,
    decaySeconds: 24 * 3600,
    onSuccess: 'reset',
  },
  /** Five wrong codes (TOTP or recovery) in a row for one account: the password is known to this caller. */
  accountSecondFactor: {
    name: 'second-factor',
    freeFailures: 5,
    firstWaitSeconds: 60,
    maxWaitSeconds: 3600,
    decaySeconds: 24 * 3600,
    onSuccess: 'reset',
  },
  /** A burst from one network (all accounts, all steps): past 30 failures an hour, 2, 4 ... seconds, at most 15 minutes. */
  client: { name: 'client', freeFailures: 30, firstWaitSeconds: 2, maxWaitSeconds: 900, decaySeconds: 3600, onSuccess: 'refund' },
  /**
   * Placing bookings from one client address, and for one organiser address (see
   * core/bookings/booking-limits.ts, which sets `freeFailures` from the settings): for a client
   * every attempt counts, for an address only the bookings placed; past the limit 1, 2, 4 ...
   * minutes, at most an hour; three quiet hours start it over.
   */
  bookingNetwork: { name: 'booking-network', freeFailures: 30, firstWaitSeconds: 60, maxWaitSeconds: 3600, decaySeconds: 3 * 3600 },
  bookingEmail: {
    name: 'booking-email',
    freeFailures: 15,
    firstWaitSeconds: 60,
    maxWaitSeconds: 3600,
    decaySeconds: 3 * 3600,
    onRefusal: 'refund',
  },
  /**
   * Asking for a lost manage link (core/booking-flows/lost-link.service.ts), matched or not, every
   * request counts: ten an hour from one client network, five a day for one booking reference
   * with one e-mail address (so that others typing the reference with a wrong address do not
   * block its organiser); past them 1, 2, 4 ... minutes (a reference and address: 5, 10, 20 ...),
   * at most an hour.
   */
  lostLinkNetwork: { name: 'lost-link-network', freeFailures: 10, firstWaitSeconds: 60, maxWaitSeconds: 3600, decaySeconds: 3600 },
  /**
   * Webhook calls naming a payment Groupz does not know, from one client address (guesses: Mollie's
   * own calls, in whatever burst, name payments Groupz made and are not counted). Past 300 in a
   * row, 1, 2, 4 ... seconds, at most 5 minutes; a quiet hour starts it over.
   */
  paymentWebhook: { name: 'payment-webhook', freeFailures: 300, firstWaitSeconds: 1, maxWaitSeconds: 300, decaySeconds: 3600 },
  /**
   * Buying a gift voucher online (core/vouchers/voucher-sale.ts): ten checkouts an hour from one
   * client network (every attempt counts), five a day for one buyer's mailbox (only a checkout
   * started); past them 1, 2, 4 ... minutes, at most an hour.
   */
  voucherSaleNetwork: { name: 'voucher-sale-network', freeFailures: 10, firstWaitSeconds: 60, maxWaitSeconds: 3600, decaySeconds: 3600 },
  voucherSaleEmail: {
    name: 'voucher-sale-email',
    freeFailures: 5,
    firstWaitSeconds: 60,
    maxWaitSeconds: 3600,
    decaySeconds: 24 * 3600,
    onRefusal: 'refund',
  },
  lostLinkReference: {
    name: 'lost-link-reference',
    freeFailures: 5,
    firstWaitSeconds: 300,
    maxWaitSeconds: 3600,
    decaySeconds: 24 * 3600,
  },
} satisfies Record<string, ThrottleRule>;

export interface ThrottleCharge {
  rule: ThrottleRule;
  /** What the counter is about: an account id or email, or a client network. Hashed before storing. */
  subject: string;
}

function keyPrefixOf(rule: ThrottleRule): string {
  return `${rule.name}:`;
}

function keyOf({ rule, subject }: ThrottleCharge): string {
  return `${keyPrefixOf(rule)}${hashToken(subject)}`;
}

function waits(rule: ThrottleRule, now: number): string[] {
  const list: string[] = [];
  for (let wait = rule.firstWaitSeconds; ; wait *= 2) {
    list.push(new Date(now + Math.min(wait, rule.maxWaitSeconds) * 1000).toISOString());
    if (wait >= rule.maxWaitSeconds) return list;
  }
}

/** Seconds until `key` may be charged again, or 0 when it is not blocked at `now`. */
async function secondsBlocked(db: Executor, key: string, now: Date): Promise<number> {
  const until = await findBlockedUntil(db, key);
  return until ? Math.max(0, Math.ceil((Date.parse(until) - now.getTime()) / 1000)) : 0;
}

/**
 * Charges one attempt against each counter, or against none: throws `throttled` (with the seconds
 * to wait) when any of them is blocked, before the caller looks at the password, code or booking.
 * Each charge is one guarded upsert; should a counter become blocked between the look and its
 * charge, the charges already made are taken back, so a refused attempt costs no counter anything.
 */
export async function chargeAttempt(db: Executor, clock: Clock, charges: ThrottleCharge[]): Promise<void> {
  const now = clock.now();
  let blocked = 0;
  for (const charge of charges) blocked = Math.max(blocked, await secondsBlocked(db, keyOf(charge), now));
  if (blocked > 0) throw new DomainError('throttled', { retryAfter: blocked });
  const charged: ThrottleCharge[] = [];
  for (const charge of charges) {
    const key = keyOf(charge);
    const failures = await chargeThrottle(db, {
      key,
      now: now.toISOString(),
      decayBefore: new Date(now.getTime() - charge.rule.decaySeconds * 1000).toISOString(),
      freeFailures: charge.rule.freeFailures,
      blockUntil: waits(charge.rule, now.getTime()),
    });
    if (failures === null) {
      for (const done of charged) await takeBackCharge(db, keyOf(done));
      throw new DomainError('throttled', { retryAfter: Math.max(1, await secondsBlocked(db, key, now)) });
    }
    charged.push(charge);
  }
}

/** After a success: the account's counter starts over; a shared counter gets this attempt back. */
export async function settleSuccess(db: Executor, charges: ThrottleCharge[]): Promise<void> {
  for (const charge of charges) {
    if (charge.rule.onSuccess === 'refund') await refundThrottle(db, keyOf(charge));
    else if (charge.rule.onSuccess === 'reset') await deleteThrottle(db, keyOf(charge));
  }
}

/** After an attempt that placed nothing: the counters whose rule says so get its charge back. */
export async function settleRefusal(db: Executor, charges: ThrottleCharge[]): Promise<void> {
  for (const charge of charges) if (charge.rule.onRefusal === 'refund') await takeBackCharge(db, keyOf(charge));
}

/**
 * Deletes every counter of these rules that has decayed (no failure for the rule's decay period)
 * and blocks nothing now, so the table holds only counters that still mean something. Returns how
 * many it deleted.
 */
export async function sweepDecayedThrottles(
  db: Executor,
  clock: Clock,
  rules: readonly ThrottleRule[] = Object.values(THROTTLE_RULES),
): Promise<number> {
  const now = clock.now();
  let deleted = 0;
  for (const rule of rules) {
    const decayBefore = new Date(now.getTime() - rule.decaySeconds * 1000).toISOString();
    deleted += await deleteDecayedThrottles(db, { keyPrefix: keyPrefixOf(rule), decayBefore, now: now.toISOString() });
  }
  return deleted;
}
