/** The largest group anyone can book; larger numbers are typing errors, not groups. */
export const MAX_GROUP_SIZE = 10_000;

export type GroupSizeFault = 'not_a_number' | 'too_small' | 'too_large';

/**
 * A group size as typed (a whole number, or the text when it is none): a whole number from 1 to
 * MAX_GROUP_SIZE, or the field error saying why not. Whether the group fits an activity is the
 * activity's rule (`group_too_small`, `group_too_large`), checked where the activity is known.
 */
export function checkGroupSize(typed: number | string): { ok: true; groupSize: number } | { ok: false; fault: GroupSizeFault } {
  if (typeof typed !== 'number') return { ok: false, fault: 'not_a_number' };
  if (typed < 1) return { ok: false, fault: 'too_small' };
  if (typed > MAX_GROUP_SIZE) return { ok: false, fault: 'too_large' };
  return { ok: true, groupSize: typed };
}
