import type { ActivityCategory } from '../../core/catalog/activity.js';
import type { MessageKey } from '../i18n/i18n.js';

/** The name of each category, on the public pages and in the back office. */
export const CATEGORY_LABELS: Record<ActivityCategory, MessageKey> = {
  sport: 'category.sport',
  outdoor: 'category.outdoor',
  water: 'category.water',
  culture: 'category.culture',
  workshop: 'category.workshop',
  food: 'category.food',
  team: 'category.team',
  other: 'category.other',
};
