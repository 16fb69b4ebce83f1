import { count } from '../../core/i18n/i18n.js';
import type { ActivityRules } from '../../core/catalog/activity.js';
import type { Ui } from './ui.js';

/** Until when an activity takes options, as a fact ("options up to 7 days before the visit"); undefined when it takes none. */
export function optionWindowText(ui: Ui, options: ActivityRules['options']): string | undefined {
  if (!options.allowed) return undefined;
  const days = options.minDaysBefore;
  if (days === 0) return ui.t('option.window_any');
  return days === 1 ? ui.t('option.window_one') : ui.t('option.window', { days: count(days) });
}
