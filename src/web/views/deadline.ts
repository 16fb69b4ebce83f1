import { formatDate, formatTime } from '../../core/i18n/format.js';
import type { Ui } from './ui.js';

/** An instant as a deadline reads: its Amsterdam date and time ("vr 12 jun 2026 om 10:00"). */
export function deadlineText(ui: Ui, instant: Date): string {
  return ui.t('manage.at', { date: formatDate(instant, ui.lang), time: formatTime(instant) });
}
