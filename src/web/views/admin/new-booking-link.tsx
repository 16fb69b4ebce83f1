import type { Slot } from '../../../core/availability/slot.js';
import { can } from '../../../core/staff/staff.js';
import type { AdminUi } from './admin-ui.js';

/**
 * "New booking" for a caller on a slot still to start, below the slot's places, for who may book
 * (the day schedule, an activity's slot list); `label` names the slot for a screen reader.
 */
export function NewBookingLink({ ui, slot, now, label }: { ui: AdminUi; slot: Pick<Slot, 'id' | 'startsAt'>; now: Date; label: string }) {
  if (!can(ui.staff, 'bookings.write') || slot.startsAt.getTime() <= now.getTime()) return null;
  // A link is of no use on paper.
  return (
    <span class="no-print">
      <br />
      <a href={`/admin/slots/${slot.id}/book`} aria-label={label} data-testid="new-booking">
        {ui.t('phone_booking.new')}
      </a>
    </span>
  );
}
