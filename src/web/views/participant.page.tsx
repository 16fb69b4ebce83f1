import type { BookingDetails } from '../../core/bookings/booking.js';
import type { ParticipantField } from '../../core/catalog/activity.js';
import type { MessageKey } from '../i18n/i18n.js';
import {
  PARTICIPANT_ANSWER_MAX_LENGTH,
  PARTICIPANT_NAME_MAX_LENGTH,
  type ParticipantListState,
} from '../../core/participants/participant.js';
import { ErrorSummary, Field, InputField } from './components.js';
import { type FieldMessages } from '../field-errors.js';
import { Layout } from './layout.js';
import { SlotSummary } from './slot-summary.js';
import { VenueContact } from './venue-details.js';
import type { Ui } from './ui.js';

/** The label of the name and of each field a participant can be asked. */
export const PARTICIPANT_FIELD_LABELS: Record<'name' | ParticipantField, MessageKey> = {
  name: 'participants.field.name',
  dietary: 'participants.field.dietary',
  allergies: 'participants.field.allergies',
  emergency_phone: 'participants.field.emergency_phone',
};

const HINTS: Record<ParticipantField, MessageKey> = {
  dietary: 'participants.hint.dietary',
  allergies: 'participants.hint.allergies',
  emergency_phone: 'participants.hint.emergency_phone',
};

interface Props {
  ui: Ui;
  booking: BookingDetails;
  /** The participant link's token: the form posts back to the page's own address. */
  token: string;
  state: ParticipantListState;
  /** The form as typed (name and asked fields), empty for the next participant. */
  values: Record<string, string>;
  errors: FieldMessages;
  /** Right after someone added themselves. */
  added: boolean;
}

/** Why the form is not there: the list is full, opens once the booking is paid, or is closed. */
function refusalOf(booking: BookingDetails, state: ParticipantListState): MessageKey {
  if (state === 'full') return 'error.participants_full';
  return booking.status === 'awaiting_payment' ? 'participants.opens_when_paid' : 'error.participants_closed';
}

/**
 * What a participant sees through the link the organiser shared: the visit, the group's name and
 * a form for their own details. Never the organiser's contact details, never other participants.
 */
export function ParticipantPage({ ui, booking, token, state, values, errors, added }: Props) {
  const { t, lang } = ui;
  const { activity } = booking;
  const title = t('participants.page_title', { activity: activity.title[lang] });
  const optional = ` ${t('form.optional')}`;
  return (
    <Layout ui={ui} title={title}>
      <h1>{title}</h1>
      {added && (
        <p class="notice success" role="status" data-testid="participant-added">
          {t('participants.added')}
        </p>
      )}
      <SlotSummary ui={ui} activity={activity} slot={booking.slot} />
      {booking.organisation && (
        <dl class="summary">
          <dt>{t('participants.group')}</dt>
          <dd data-testid="participant-group">{booking.organisation}</dd>
        </dl>
      )}
      {state === 'open' ? (
        <form method="post" action={`/p/${token}`} novalidate data-testid="participant-form">
          <p>{t('participants.intro')}</p>
          {activity.rules.participantFields.some((field) => field === 'dietary' || field === 'allergies') && (
            // Health data (GDPR art. 9): what filling it in agrees to, said before it is asked (the privacy statement relies on this).
            <p class="hint" data-testid="participant-health-consent">
              {t('participants.health_consent')} <a href="/privacy">{t('participants.health_consent_link')}</a>
            </p>
          )}
          <ErrorSummary ui={ui} errors={errors} labels={PARTICIPANT_FIELD_LABELS} />
          <InputField
            id="name"
            name="name"
            type="text"
            autocomplete="name"
            required
            maxLength={PARTICIPANT_NAME_MAX_LENGTH}
            value={values.name ?? ''}
            label={`${t('participants.field.name')} ${t('participants.required')}`}
            error={errors.name}
          />
          {activity.rules.participantFields.map((field) =>
            field === 'emergency_phone' ? (
              // Someone else's number: the browser should not fill in the participant's own.
              <InputField
                key={field}
                id={field}
                name={field}
                type="tel"
                autocomplete="off"
                maxLength={PARTICIPANT_ANSWER_MAX_LENGTH}
                value={values[field] ?? ''}
                label={t(PARTICIPANT_FIELD_LABELS[field]) + optional}
                hint={t(HINTS[field])}
                error={errors[field]}
              />
            ) : (
              <Field
                key={field}
                name={field}
                label={t(PARTICIPANT_FIELD_LABELS[field]) + optional}
                hint={t(HINTS[field])}
                error={errors[field]}
              >
                {(describedBy, invalid) => (
                  <textarea
                    id={field}
                    name={field}
                    rows={2}
                    autocomplete="off"
                    maxLength={PARTICIPANT_ANSWER_MAX_LENGTH}
                    aria-describedby={describedBy}
                    aria-invalid={invalid ? 'true' : undefined}
                  >
                    {values[field] ?? ''}
                  </textarea>
                )}
              </Field>
            ),
          )}
          <button type="submit">{t('participants.submit')}</button>
        </form>
      ) : (
        <p class="notice" role="status" data-testid="participants-refusal">
          {t(refusalOf(booking, state))}
        </p>
      )}
      <VenueContact ui={ui} venue={activity.venue} />
    </Layout>
  );
}
