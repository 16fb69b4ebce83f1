import type { BookingStatus } from '../../../core/bookings/booking.js';
import type { MessageKey } from '../../../core/i18n/i18n.js';

/** How each status is named, in the back office and the organiser's pages alike. */
export const STATUS_LABELS: Record<BookingStatus, MessageKey> = {
  option: 'status.option',
  requested: 'status.requested',
  confirmed: 'status.confirmed',
  cancelled: 'status.cancelled',
  expired: 'status.expired',
  completed: 'status.completed',
};
