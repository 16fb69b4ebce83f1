/** The largest group anyone can book; larger numbers are typing errors, not groups. */
export const MAX_GROUP_SIZE = 10_000;

/** Why a typed group size is none: the field error's code, and the bound it is outside of. */
export type GroupSizeFault =
  { code: 'not_a_number' } | { code: 'too_small'; params: { min: 1 } } | { code: 'too_large'; params: { max: number } };

/**
 * A group size as typed (a whole number, or the text when it is none): a whole number from 1 to
 * MAX_GROUP_SIZE, or the field error saying why not. Whether the group fits an activity is the
 * activity's rule (`group_too_small`, `group_too_large`), checked where the activity is known.
 */
export function checkGroupSize(typed: number | string): { ok: true; groupSize: number } | { ok: false; fault: GroupSizeFault } {
  if (typeof typed !== 'number') return { ok: false, fault: { code: 'not_a_number' } };
  if (typed < 1) return { ok: false, fault: { code: 'too_small', params: { min: 1 } } };
  if (typed > MAX_GROUP_SIZE) return { ok: false, fault: { code: 'too_large', params: { max: MAX_GROUP_SIZE } } };
  return { ok: true, groupSize: typed };
}
