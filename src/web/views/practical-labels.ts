import type { ActivityStatus, WheelchairAccess } from '../../core/catalog/activity.js';
import type { MessageKey } from '../i18n/i18n.js';

/** The name of each activity status, in the back office. */
export const STATUS_LABELS: Record<ActivityStatus, MessageKey> = {
  published: 'activity_status.published',
  unpublished: 'activity_status.unpublished',
  archived: 'activity_status.archived',
};

/** What each wheelchair access value says, on the activity page and in the back office. */
export const WHEELCHAIR_LABELS: Record<WheelchairAccess, MessageKey> = {
  yes: 'practical.wheelchair.yes',
  partly: 'practical.wheelchair.partly',
  no: 'practical.wheelchair.no',
  unknown: 'practical.wheelchair.unknown',
};
