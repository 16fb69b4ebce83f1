/**
 * Instants to compare the platform's Amsterdam dates and times against Luxon: every minute around
 * both 2026 changes (summer time starts 29 March, ends 25 October), and a sweep over 2000..2199.
 */
export function instantsToCompare(): Date[] {
  const minute = 60_000;
  const around = (iso: string) => Array.from({ length: 6 * 60 }, (_, i) => new Date(Date.parse(iso) - 3 * 3600_000 + i * minute));
  const sweep = Array.from({ length: 20_000 }, (_, i) => new Date(Date.UTC(2000, 0, 1) + i * (3 * 24 * 60 + 17) * minute));
  return [...around('2026-03-29T01:00:00Z'), ...around('2026-10-25T01:00:00Z'), ...sweep];
}
