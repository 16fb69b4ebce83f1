import { DateTime } from 'luxon';
import type { Slot } from '../availability/slot.js';
import type { ActivityRules } from '../catalog/activity.js';
import type { DomainErrorCode } from '../shared/errors.js';
import { VENUE_ZONE } from '../shared/time.js';

/**
 * Options: a group holds places without commitment until a deadline, then confirms or lets them go.
 * These are the rules as pure functions of the activity's option settings, the slot and the time.
 */
type OptionRules = ActivityRules['options'];

/**
 * The latest deadline any option on the slot may have: `minDaysBefore` days before the start, at
 * the same Amsterdam wall-clock time (so a week before 10:00 is 10:00, also across a DST change).
 */
export function latestOptionDeadline(rules: OptionRules, slot: Slot): Date {
  return DateTime.fromJSDate(slot.startsAt, { zone: VENUE_ZONE }).minus({ days: rules.minDaysBefore }).toJSDate();
}

/** Every reason optionRefusal gives. */
export const OPTION_REFUSALS = ['option_not_allowed', 'option_too_late'] as const satisfies readonly DomainErrorCode[];

/** Why no option can be placed on the slot now, or undefined when one can. */
export function optionRefusal(rules: OptionRules, slot: Slot, now: Date): (typeof OPTION_REFUSALS)[number] | undefined {
  if (!rules.allowed) return 'option_not_allowed';
  if (latestOptionDeadline(rules, slot).getTime() <= now.getTime()) return 'option_too_late';
  return undefined;
}

/** The deadline of an option placed now: the earlier of now + `hours` and the latest deadline. */
export function optionDeadline(rules: OptionRules, slot: Slot, now: Date): Date {
  const byLength = now.getTime() + rules.hours * 3_600_000;
  return new Date(Math.min(byLength, latestOptionDeadline(rules, slot).getTime()));
}

/** The deadline an option placed now would get, or undefined when none can be placed. */
export function optionOffer(rules: OptionRules, slot: Slot, now: Date): Date | undefined {
  return optionRefusal(rules, slot, now) ? undefined : optionDeadline(rules, slot, now);
}

/** The deadline after staff's one extension: `hours` later, never past the start of the visit. */
export function extendedDeadline(rules: OptionRules, slot: Slot, current: Date): Date {
  return new Date(Math.min(current.getTime() + rules.hours * 3_600_000, slot.startsAt.getTime()));
}
