/**
 * Every status a booking can have: an `option` holds places until it expires; a `requested` booking
 * holds them while the venue decides; `awaiting_payment` holds them for the payment window of a
 * booking that must be paid when booking (core/payments/); `completed` once the visit is over. The
 * changes between them are in core/bookings/booking-status.ts. The vocabulary lives here, below
 * every domain, because payments, invoices and mails reason about it as much as bookings do.
 */
export const BOOKING_STATUSES = ['option', 'requested', 'awaiting_payment', 'confirmed', 'cancelled', 'expired', 'completed'] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];

/** Whether a booking in this status holds its places on the slot. */
export const HOLDS_PLACES: Record<BookingStatus, boolean> = {
  option: true,
  requested: true,
  awaiting_payment: true,
  confirmed: true,
  completed: true,
  cancelled: false,
  expired: false,
};

/** The statuses whose bookings hold places. */
export const HOLDING_STATUSES = BOOKING_STATUSES.filter((status) => HOLDS_PLACES[status]);
