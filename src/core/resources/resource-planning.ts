import type { Interval } from './resource.js';

/** What is left of `window` once every taken interval is cut out of it, in time order. */
export function freeGaps(window: Interval | null, taken: readonly Interval[]): Interval[] {
  if (!window) return [];
  const sorted = [...taken].filter((t) => t.from < window.to && t.to > window.from).sort((a, b) => a.from.getTime() - b.from.getTime());
  const gaps: Interval[] = [];
  let at = window.from;
  for (const { from, to } of sorted) {
    if (from > at) gaps.push({ from: at, to: from });
    if (to > at) at = to;
  }
  if (at < window.to) gaps.push({ from: at, to: window.to });
  return gaps;
}
