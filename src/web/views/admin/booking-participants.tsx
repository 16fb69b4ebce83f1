import type { BookingDetails } from '../../../core/bookings/booking.js';
import type { ParticipantList } from '../../../core/participants/participant.service.js';
import { ParticipantsStatus, ParticipantTable } from '../participants-section.js';
import type { Ui } from '../ui.js';

/** The participants of a booking as staff see them: the completion and everyone's answers. */
export function BookingParticipants({ ui, booking, list }: { ui: Ui; booking: BookingDetails; list: ParticipantList }) {
  return (
    <section aria-labelledby="participants-title" data-testid="participants-section">
      <h2 id="participants-title">{ui.t('participants.title')}</h2>
      <ParticipantsStatus ui={ui} booking={booking} list={list} />
      <ParticipantTable ui={ui} booking={booking} participants={list.participants} />
    </section>
  );
}
