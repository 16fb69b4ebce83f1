import type { Resource, ResourceKind } from '../../../core/resources/resource.js';
import type { MessageKey } from '../../i18n/i18n.js';
import type { Ui } from '../ui.js';

export const KIND_LABELS: Record<ResourceKind, MessageKey> = {
  persons: 'resources_admin.kind_persons',
  units: 'resources_admin.kind_units',
};

export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

/** An ISO weekday's name (1 = Monday). */
export function weekdayName(ui: Ui, weekday: number): string {
  return ui.t(`slots.weekday.${weekday}` as MessageKey);
}

/** A resource's weekly hours in a line: "Always open", or each open day with its times. */
export function hoursSummary(ui: Ui, resource: Pick<Resource, 'hours'>): string {
  if (resource.hours.length === 0) return ui.t('resources_admin.always_open');
  return resource.hours
    .map((day) => ui.t('resources_admin.hours_of_day', { day: weekdayName(ui, day.weekday), opens: day.opens, closes: day.closes }))
    .join(', ');
}
