import { THROTTLE_RULES, type ThrottleCharge } from '../throttles/throttle.js';

/**
 * Anti-automation for placing bookings (GROUPZ_BOOKING_LIMIT_PER_NETWORK and _PER_EMAIL): how many
 * bookings one client address (IPv4 /32, IPv6 /64), and one organiser address, may place in a row;
 * null switches a limit off. Past a limit each further booking waits 1 minute, then 2, 4 ... up to
 * an hour; a counter starts over after three hours without a booking. Charged before anything is
 * looked at, and only when no counter is blocked: for the client every attempt counts (a refusal
 * too), for the organiser's address only a booking placed (a refusal gives its charge back, so
 * nobody can use up someone else's address). A replayed submission key costs nothing.
 */
export interface BookingLimits {
  perNetwork: number | null;
  perEmail: number | null;
}

/**
 * A school secretary booking ten classes in an hour stays under both; so does a school behind one
 * address placing thirty. A script sending a hundred bookings a second places fifteen for one
 * organiser address, thirty from one client address.
 */
export const DEFAULT_BOOKING_LIMITS = {
  perNetwork: THROTTLE_RULES.bookingNetwork.freeFailures,
  perEmail: THROTTLE_RULES.bookingEmail.freeFailures,
} as const satisfies BookingLimits;

/**
 * The address as its mailbox receives it, for counting: lower case, without a `+tag` (which most
 * providers deliver to the same mailbox), and Gmail's ignored dots left out. Only for the counter:
 * mail goes to the address as typed.
 */
export function mailboxOf(email: string): string {
  const address = email.trim().toLowerCase();
  const at = address.lastIndexOf('@');
  if (at < 0) return address;
  const domain = address.slice(at + 1);
  let local = address.slice(0, at).split('+')[0]!;
  if (domain === 'gmail.com' || domain === 'googlemail.com') local = local.replaceAll('.', '');
  return `${local}@${domain === 'googlemail.com' ? 'gmail.com' : domain}`;
}

/** The counters one booking attempt is charged against: its client's address (see clientAddress) and the organiser's. */
export function bookingCharges(limits: BookingLimits, { client, email }: { client: string | null; email: string }): ThrottleCharge[] {
  const charges: ThrottleCharge[] = [];
  if (limits.perNetwork !== null && client)
    charges.push({ rule: { ...THROTTLE_RULES.bookingNetwork, freeFailures: limits.perNetwork }, subject: client });
  if (limits.perEmail !== null)
    charges.push({ rule: { ...THROTTLE_RULES.bookingEmail, freeFailures: limits.perEmail }, subject: mailboxOf(email) });
  return charges;
}
