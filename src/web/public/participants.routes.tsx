import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../app-context.js';
import type { BookingDetails } from '../../core/bookings/booking.js';
import { linkPath } from '../../core/bookings/booking-links.js';
import { findBookingByLink } from '../../core/booking-flows/booking.service.js';
import type { MessageKey } from '../i18n/i18n.js';
import type { ParticipantListState } from '../../core/participants/participant.js';
import {
  addParticipant,
  currentParticipantToken,
  readParticipantList,
  readParticipantListState,
  reissueParticipantLink,
  removeParticipant,
} from '../../core/participants/participant.service.js';
import { DomainError } from '../../core/shared/errors.js';
import { fieldMessages } from '../field-errors.js';
import { FIELD_ERRORS_STATUS, statusOfDomainError } from '../plugins/errors.js';
import { uiFor } from '../plugins/language.js';
import type { FieldMessages } from '../field-errors.js';
import { ParticipantPage } from '../views/participant.page.js';
import type { ParticipantsSectionData } from '../views/participants-section.js';
import { formField } from '../form-body.js';
import { sendPage } from './respond.js';

type ByToken = { Params: { token: string } };

/** What a redirect after the organiser's change confirms in the manage page's participants section. */
const DONE: Record<string, MessageKey> = {
  removed: 'participants.done_removed',
  new_link: 'participants.done_new_link',
};

/** The manage page's participants section: the link to share, the list, and what the last change did. */
export async function loadParticipantsSection(
  { db, clock, linkKey, publicUrl }: AppContext,
  request: FastifyRequest<ByToken>,
  booking: BookingDetails,
): Promise<ParticipantsSectionData> {
  const [token, list] = await Promise.all([currentParticipantToken(db, linkKey, booking.id), readParticipantList(db, clock, booking)]);
  const key = formField(request.query, 'participants');
  const done = Object.hasOwn(DONE, key) ? DONE[key] : undefined;
  return {
    actions: `/b/${request.params.token}/participants`,
    link: token && `${publicUrl}${linkPath('participants', token)}`,
    list,
    notice: done && uiFor(request).t(done),
  };
}

/**
 * The participant link (`/p/<token>`), where each member of the group adds their own details, and
 * the organiser's changes to the list from the manage page. A wrong, malformed or re-issued token
 * gets the same plain 404 as any unknown page; these pages are never cached.
 */
export async function participantRoutes(app: FastifyInstance, { db, clock, linkKey }: AppContext): Promise<void> {
  async function bookingOf(purpose: 'manage' | 'participants', request: FastifyRequest<ByToken>) {
    const booking = await findBookingByLink(db, purpose, request.params.token);
    if (!booking) throw new DomainError('not_found');
    return booking;
  }

  function page(
    request: FastifyRequest<ByToken>,
    booking: BookingDetails,
    state: ParticipantListState,
    { values = {}, errors = {}, added = false }: { values?: Record<string, string>; errors?: FieldMessages; added?: boolean } = {},
  ) {
    return (
      <ParticipantPage
        ui={uiFor(request)}
        booking={booking}
        token={request.params.token}
        state={state}
        values={values}
        errors={errors}
        added={added}
      />
    );
  }

  app.get<ByToken>('/p/:token', async (request, reply) => {
    const booking = await bookingOf('participants', request);
    const state = await readParticipantListState(db, clock, booking);
    return sendPage(reply, 200, page(request, booking, state, { added: formField(request.query, 'added') === '1' }));
  });

  app.post<ByToken>('/p/:token', async (request, reply) => {
    const booking = await bookingOf('participants', request);
    const values = Object.fromEntries(
      ['name', ...booking.activity.rules.participantFields].map((field) => [field, formField(request.body, field)]),
    );
    try {
      const added = await addParticipant(db, clock, { booking, token: request.params.token }, values);
      if (!added.ok) {
        const errors = fieldMessages(uiFor(request).t, added.errors);
        return sendPage(reply, FIELD_ERRORS_STATUS, page(request, booking, 'open', { values, errors }));
      }
    } catch (error) {
      if (error instanceof DomainError && (error.code === 'participants_closed' || error.code === 'participants_full')) {
        const state = error.code === 'participants_full' ? 'full' : 'closed';
        return sendPage(reply, statusOfDomainError(error.code), page(request, booking, state));
      }
      throw error;
    }
    return reply.seeOther(`/p/${request.params.token}?added=1`);
  });

  app.post<ByToken>('/b/:token/participants/remove', async (request, reply) => {
    const booking = await bookingOf('manage', request);
    const removed = await removeParticipant(db, clock, booking, formField(request.body, 'participant'));
    return reply.seeOther(`/b/${request.params.token}${removed ? '?participants=removed' : ''}#participants`);
  });

  app.post<ByToken>('/b/:token/participants/new-link', async (request, reply) => {
    const booking = await bookingOf('manage', request);
    await reissueParticipantLink(db, clock, linkKey, booking);
    return reply.seeOther(`/b/${request.params.token}?participants=new_link#participants`);
  });
}
