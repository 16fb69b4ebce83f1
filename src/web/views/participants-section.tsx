import type { BookingDetails } from '../../core/bookings/booking.js';
import { type Activity, PARTICIPANT_FIELDS, type ParticipantField } from '../../core/catalog/activity.js';
import { formatDateTime } from '../../core/i18n/format.js';
import type { Participant } from '../../core/participants/participant.js';
import type { ParticipantList } from '../../core/participants/participant.service.js';
import { PARTICIPANT_FIELD_LABELS } from './participant.page.js';
import { DataTable } from './data-table.js';
import type { Ui } from './ui.js';
import { count } from '../../core/i18n/i18n.js';

/** The fields to show in a list: those the activity asks, and any an earlier configuration asked and someone answered. */
function shownFields(activity: Activity, participants: Participant[]): ParticipantField[] {
  return PARTICIPANT_FIELDS.filter(
    (field) => activity.rules.participantFields.includes(field) || participants.some((p) => Object.hasOwn(p.answers, field)),
  );
}

/** How many of the group have filled in, and whether the list is still open. */
export function ParticipantsStatus({ ui, booking, list }: { ui: Ui; booking: BookingDetails; list: ParticipantList }) {
  const { t, lang } = ui;
  return (
    <>
      <p data-testid="participants-completion">
        <strong>{t('participants.completion', { n: count(list.participants.length), total: count(booking.groupSize) })}</strong>
      </p>
      <p class="meta" data-testid="participants-state">
        {list.state === 'closed'
          ? t(booking.status === 'awaiting_payment' ? 'participants.opens_when_paid' : 'participants.closed_note')
          : `${list.state === 'full' ? `${t('participants.full_note')} ` : ''}${t('participants.closes_at', { when: formatDateTime(list.closesAt, lang) })}`}
      </p>
    </>
  );
}

/** The participants with their answers; with `removeAction`, a button per participant that posts their id there. */
export function ParticipantTable({
  ui,
  booking,
  participants,
  removeAction,
}: {
  ui: Ui;
  booking: BookingDetails;
  participants: Participant[];
  removeAction?: string | undefined;
}) {
  const { t } = ui;
  const fields = shownFields(booking.activity, participants);
  return (
    <DataTable
      caption={t('participants.title')}
      testId="participants"
      columns={[
        t('participants.field.name'),
        ...fields.map((field) => t(PARTICIPANT_FIELD_LABELS[field])),
        removeAction ? { blank: true } : undefined,
      ]}
      rows={participants}
      empty={<p class="meta">{t('participants.none')}</p>}
      row={(participant) => (
        <tr key={participant.id}>
          <th scope="row">{participant.name}</th>
          {fields.map((field) => (
            <td key={field} class="notes">
              {participant.answers[field] || '—'}
            </td>
          ))}
          {removeAction && (
            <td>
              <form method="post" action={removeAction} class="inline-form">
                <input type="hidden" name="participant" value={participant.id} />
                <button type="submit">{t('participants.remove', { name: participant.name })}</button>
              </form>
            </td>
          )}
        </tr>
      )}
    />
  );
}

/** What the manage page's participants section shows, loaded by the manage route. */
export interface ParticipantsSectionData {
  /** Where the section's forms post: `/b/<manage token>/participants`. */
  actions: string;
  /** The full participant link to share, or null when the booking has no working one. */
  link: string | null;
  list: ParticipantList;
  /** What the organiser's last action here did. */
  notice?: string | undefined;
}

/** The organiser's view of the participants: the link to share while the list is open, the completion, the list. */
export function ParticipantsSection({ ui, booking, data }: { ui: Ui; booking: BookingDetails; data: ParticipantsSectionData }) {
  const { t } = ui;
  const { actions, link, list, notice } = data;
  return (
    <section id="participants" aria-labelledby="participants-title" data-testid="participants-section">
      <h2 id="participants-title">{t('participants.title')}</h2>
      {notice && (
        <p class="notice success" role="status" data-testid="participants-notice">
          {notice}
        </p>
      )}
      {list.state !== 'closed' && (
        <>
          {link ? (
            <div class="share-link">
              <p>{t('participants.share_intro')}</p>
              <p>
                <strong>{t('participants.link_label')}</strong>
              </p>
              {/* The whole link as text that wraps, selectable without JavaScript; the script reveals the copy button. */}
              <code id="participant-link" class="link-text" data-testid="participant-link">
                {link}
              </code>
              <button type="button" data-copy="participant-link" data-copied={t('participants.copied')} hidden>
                {t('participants.copy')}
              </button>
              <span class="visually-hidden" role="status" data-copy-status />
            </div>
          ) : (
            <p class="notice">{t('participants.no_link')}</p>
          )}
          <form method="post" action={`${actions}/new-link`} class="danger-zone" data-testid="participant-link-reissue">
            <p class="hint" id="participant-reissue-hint">
              {t('participants.reissue_hint')}
            </p>
            <button type="submit" class="button-danger" aria-describedby="participant-reissue-hint">
              {t('participants.reissue')}
            </button>
          </form>
        </>
      )}
      <ParticipantsStatus ui={ui} booking={booking} list={list} />
      <ParticipantTable
        ui={ui}
        booking={booking}
        participants={list.participants}
        removeAction={list.state === 'closed' ? undefined : `${actions}/remove`}
      />
    </section>
  );
}
