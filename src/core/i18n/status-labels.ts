import type { BookingStatus } from '../shared/booking-status.js';
import type { LabelKey } from './labels.messages.js';

/** How each status is named: in the back office, on the organiser's pages and in mails. */
export const STATUS_LABELS: Record<BookingStatus, LabelKey> = {
  option: 'status.option',
  requested: 'status.requested',
  awaiting_payment: 'status.awaiting_payment',
  confirmed: 'status.confirmed',
  cancelled: 'status.cancelled',
  expired: 'status.expired',
  completed: 'status.completed',
};
