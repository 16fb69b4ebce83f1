import type { BookingStatus } from '../bookings/booking.js';
import type { MessageKey } from './i18n.js';

/** How each status is named: in the back office, on the organiser's pages and in mails. */
export const STATUS_LABELS: Record<BookingStatus, MessageKey> = {
  option: 'status.option',
  requested: 'status.requested',
  confirmed: 'status.confirmed',
  cancelled: 'status.cancelled',
  expired: 'status.expired',
  completed: 'status.completed',
};
