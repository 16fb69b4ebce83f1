import type { AdminUi } from './admin-ui.js';

/** How long ago, roughly: "zojuist", "50 minuten geleden", "26 uur geleden", "3 dagen geleden". */
export function age(ui: AdminUi, ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  if (minutes < 2) return ui.t('security.age_now');
  if (minutes < 120) return ui.t('security.age_minutes', { n: minutes });
  if (minutes < 48 * 60) return ui.t('security.age_hours', { n: Math.floor(minutes / 60) });
  return ui.t('security.age_days', { n: Math.floor(minutes / (24 * 60)) });
}
