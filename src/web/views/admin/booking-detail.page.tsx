import type { Language } from '../../../core/shared/language.js';
import { wholeNumberText } from '../../../core/catalog/admin-fields.js';
import type { ActivityEntry } from '../../../core/activity-log/activity-log.js';
import { actionLabel, actorLabel } from './activity-log-labels.js';
import { NOTE_MAX_LENGTH, type StaffBookingDetails } from '../../../core/bookings/booking-admin.js';
import { actionsFor } from '../../../core/bookings/booking-status.js';
import { formatDate, formatDateTime, formatTime } from '../../../core/i18n/format.js';
import { can } from '../../../core/staff/staff.js';
import type { AdminUi } from './admin-ui.js';
import { ErrorSummary, Field, OrganiserDetails, PriceTable } from '../components.js';
import { type FieldMessages } from '../../field-errors.js';
import { deadlineText } from '../deadline.js';
import { DataTable } from '../data-table.js';
import { AdminLayout, CsrfField, PostButton } from './admin-layout.js';
import { STATUS_LABELS } from './booking-labels.js';
import { BookingParticipants } from './booking-participants.js';
import type { ParticipantList } from '../../../core/participants/participant.service.js';
import { BookingLinksPanel } from './booking-links-panel.js';
import { isChangeable } from '../../../core/bookings/booking-changes.js';
import { OrganiserFields, organiserFieldLabels, type StaffEditValues } from './organiser-fields.js';
import { PartyFields, partyLabels } from '../party-fields.js';
import { partyValuesOf } from '../../party-form.js';
import { categoriesOf } from '../../../core/catalog/pricing.js';
import { bookingPricing } from '../../../core/bookings/booking-pricing.js';
import { BookingRefunds, CancelRefundChoice, refundedEntryText, type RefundFormValues, type StaffRefundView } from './booking-refunds.js';
import type { ComponentChildren } from 'preact';
import type { BookingMoney } from '../../../core/booking-flows/balances.service.js';
import { type BankPaymentValues, BookingMoneySection } from './booking-money.js';
import type { InvoiceListItem } from '../../../core/invoices/invoice-list.service.js';
import { BookingInvoices } from './booking-invoices.js';
import { invoiceEntryText } from './invoice-history.js';
import type { BookingProgramme } from '../../../core/booking-flows/part-move.service.js';
import type { PartMoveForm } from '../../../core/resources/part-move.js';
import { BookingProgrammeSection, moveFieldLabels } from './booking-programme.js';
import { count } from '../../../core/i18n/i18n.js';

interface Props {
  ui: AdminUi;
  booking: StaffBookingDetails;
  /** Its money: terms, state, payments and refunds, billing details. */
  money: BookingMoney;
  /** Its invoices and credit notes, oldest first. */
  invoices?: readonly InvoiceListItem[] | undefined;
  history: ActivityEntry[];
  participants: ParticipantList;
  /** What the last action did, to confirm it. */
  notice?: string | undefined;
  /** Refused input: the note or the change as typed, and the messages per field. */
  note?: string;
  edit?: StaffEditValues | undefined;
  payment?: BankPaymentValues | undefined;
  errors?: FieldMessages;
  /** What can go back, for the refund panel and the cancel form's refund choice. */
  refunds?: StaffRefundView | undefined;
  /** The refund form as typed, when it was refused. */
  refund?: RefundFormValues | undefined;
  /** Its programme's parts as it has them; absent for an activity without parts. */
  programme?: BookingProgramme | undefined;
  /** A part's move as typed, when it was refused. */
  moving?: { partId: string; values: PartMoveForm } | undefined;
}

/** The change form's values as the booking has them now. */
function editValuesOf(booking: StaffBookingDetails, lang: Language): StaffEditValues {
  const { name, email, phone, organisation, notes } = booking;
  const party = partyValuesOf(booking.party ?? {});
  return { groupSize: wholeNumberText(booking.groupSize, lang), name, email, phone, organisation, notes, party };
}

/**
 * A change that cannot be undone, posted only with its box ticked: cancelling or declining. `id`
 * names the box (and its error); the box is always posted as `confirm=yes`.
 */
function ConfirmedAction(props: {
  ui: AdminUi;
  action: string;
  id: string;
  label: string;
  button: string;
  error?: string | undefined;
  testId: string;
  /** More fields of the form, before the box. */
  children?: ComponentChildren;
}) {
  const { ui, action, id, label, button, error, testId, children } = props;
  return (
    <form method="post" action={action} data-testid={testId}>
      <CsrfField ui={ui} />
      {children}
      <Field name={id} label={label} error={error}>
        {(describedBy, invalid) => (
          <input
            id={id}
            name="confirm"
            type="checkbox"
            value="yes"
            aria-describedby={describedBy}
            aria-invalid={invalid ? 'true' : undefined}
          />
        )}
      </Field>
      <button type="submit" class="button-danger">
        {button}
      </button>
    </form>
  );
}

/** One booking as staff see it, with its status, payment and internal notes, and what changed when. */
export function BookingDetailPage({
  ui,
  booking,
  money,
  invoices = [],
  history,
  participants,
  notice,
  note = '',
  edit,
  payment,
  errors = {},
  refunds,
  refund,
  programme,
  moving,
}: Props) {
  const { t, lang } = ui;
  const writable = can(ui.staff, 'bookings.write');
  const base = `/admin/bookings/${booking.id}`;
  const title = t('booking_admin.title', { reference: booking.reference });
  const categories = categoriesOf(bookingPricing(booking));
  return (
    <AdminLayout ui={ui} title={title}>
      <p>
        <a href="/admin/bookings">{t('booking_admin.back')}</a>
      </p>
      <h1>{title}</h1>
      {notice && (
        <p class="notice success" role="status" data-testid="notice">
          {notice}
        </p>
      )}
      <ErrorSummary
        ui={ui}
        errors={errors}
        labels={{
          confirm: 'booking_admin.cancel_title',
          'decline-confirm': 'option_admin.decline',
          option: 'option_admin.title',
          note: 'booking_admin.note',
          'refund-amount': 'refunds.admin.amount',
          'refund-reason': 'refunds.admin.reason',
          'payment-amount': 'money.amount',
          'payment-receivedOn': 'money.received_on',
          'payment-note': 'money.note',
          ...organiserFieldLabels('edit-'),
          // The group counted per category: its sum and its counts at the party fields' own ids.
          groupSize: 'booking.group_size',
          programme: 'programme.title',
        }}
        named={{ ...moveFieldLabels(ui, programme), ...partyLabels(ui, categories) }}
      />
      <dl class="summary" data-testid="booking-summary">
        <dt>{t('bookings.col.reference')}</dt>
        <dd data-testid="booking-reference">{booking.reference}</dd>
        <dt>{t('bookings.col.status')}</dt>
        <dd data-testid="booking-status">
          {t(STATUS_LABELS[booking.status])}
          {booking.cancelledAt && ` (${formatDateTime(booking.cancelledAt, lang)})`}
        </dd>
        <dt>{t('bookings.col.activity')}</dt>
        <dd>
          {booking.activity.title[lang]} · {booking.activity.venue.name}
        </dd>
        <dt>{t('bookings.col.date')}</dt>
        <dd>{formatDate(booking.slot.startsAt, lang)}</dd>
        <dt>{t('bookings.col.time')}</dt>
        <dd>
          {formatTime(booking.slot.startsAt)}–{formatTime(booking.slot.endsAt)}
        </dd>
        <dt>{t('bookings.col.created')}</dt>
        <dd>{formatDateTime(booking.createdAt, lang)}</dd>
      </dl>

      <h2>{t('booking_admin.organiser')}</h2>
      <OrganiserDetails ui={ui} details={booking} />
      <PriceTable ui={ui} price={booking.price} />
      {writable && isChangeable(booking.status) && (
        <section id="edit" data-testid="edit-booking">
          <h2>{t('booking_edit.title')}</h2>
          <p class="hint">{t('booking_edit.hint')}</p>
          <form method="post" action={`${base}/details`} class="narrow-form" novalidate>
            <CsrfField ui={ui} />
            {/* The counts per category at the prices the booking keeps, as the organiser's change form has them. */}
            {categories.length > 0 && (
              <PartyFields
                ui={ui}
                categories={categories}
                values={(edit ?? editValuesOf(booking, ui.lang)).party}
                errors={errors}
                range={{ min: booking.activity.minGroupSize, max: booking.activity.maxGroupSize }}
              />
            )}
            <OrganiserFields
              ui={ui}
              prefix="edit-"
              activity={booking.activity}
              values={edit ?? editValuesOf(booking, ui.lang)}
              errors={errors}
              groupSize={categories.length === 0}
            />
            <button type="submit">{t('booking_edit.submit')}</button>
          </form>
        </section>
      )}
      {programme && (
        <BookingProgrammeSection
          ui={ui}
          base={base}
          programme={programme}
          slotStartsAt={booking.slot.startsAt}
          writable={writable}
          moving={moving}
          errors={errors}
        />
      )}
      <BookingParticipants ui={ui} booking={booking} list={participants} />

      <BookingMoneySection ui={ui} bookingId={booking.id} money={money} writable={writable} values={payment} errors={errors} />
      {/* Paid at the venue: staff tick it by hand (with nothing in the ledger); otherwise "paid" follows the ledger. */}
      {money.payBy === 'venue' && money.payment.paidCents === 0 && (
        <>
          <p data-testid="paid-state">
            {booking.paidAt ? t('booking_admin.paid_at', { when: formatDateTime(booking.paidAt, lang) }) : t('booking_admin.unpaid')}
          </p>
          {writable &&
            (booking.paidAt ? (
              <PostButton ui={ui} action={`${base}/unpaid`} label={t('booking_admin.mark_unpaid')} />
            ) : (
              <PostButton ui={ui} action={`${base}/paid`} label={t('booking_admin.mark_paid')} />
            ))}
        </>
      )}
      <BookingInvoices ui={ui} invoices={invoices} />
      {refunds && <BookingRefunds ui={ui} base={base} money={refunds} values={refund} errors={errors} />}

      {booking.status === 'option' && booking.optionExpiresAt && (
        <section id="option" data-testid="option-admin">
          <h2>{t('option_admin.title')}</h2>
          <p data-testid="option-deadline">{t('option_admin.deadline', { deadline: deadlineText(ui, booking.optionExpiresAt) })}</p>
          <p data-testid="option-extension">
            {booking.optionExtendedAt
              ? t('option_admin.extended', { when: formatDateTime(booking.optionExtendedAt, lang) })
              : t('option_admin.not_extended', { hours: count(booking.activity.rules.options.hours) })}
          </p>
          {writable && (
            <div class="actions">
              <PostButton ui={ui} action={`${base}/confirm`} label={t('option_admin.confirm')} />
              {!booking.optionExtendedAt && <PostButton ui={ui} action={`${base}/extend`} label={t('option_admin.extend')} />}
            </div>
          )}
        </section>
      )}

      {booking.status === 'requested' && (
        <section id="request" data-testid="request-admin">
          <h2>{t('option_admin.request_title')}</h2>
          <p>{t('option_admin.request_text')}</p>
          {writable && (
            <>
              <PostButton ui={ui} action={`${base}/accept`} label={t('option_admin.accept')} />
              <ConfirmedAction
                ui={ui}
                action={`${base}/decline`}
                id="decline-confirm"
                label={t('option_admin.decline_confirm', { n: count(booking.groupSize) })}
                button={t('option_admin.decline')}
                error={errors['decline-confirm']}
                testId="decline-form"
              />
            </>
          )}
        </section>
      )}

      {/* A request is declined rather than cancelled: the same outcome, named for what it is. */}
      {writable && actionsFor(booking.status).includes('cancel') && booking.status !== 'requested' && (
        <section>
          <h2>{t('booking_admin.cancel_title')}</h2>
          <ConfirmedAction
            ui={ui}
            action={`${base}/cancel`}
            id="confirm"
            label={t('booking_admin.cancel_confirm', { n: count(booking.groupSize) })}
            button={t('booking_admin.cancel')}
            error={errors.confirm}
            testId="cancel-form"
          >
            {refunds && <CancelRefundChoice ui={ui} money={refunds} />}
          </ConfirmedAction>
        </section>
      )}

      <BookingLinksPanel ui={ui} booking={booking} />

      <h2>{t('booking_admin.notes')}</h2>
      <p class="hint">{t('booking_admin.notes_hint')}</p>
      {booking.internalNotes.length === 0 ? (
        <p class="meta">{t('booking_admin.no_notes')}</p>
      ) : (
        <ul class="notes-list" data-testid="internal-notes">
          {booking.internalNotes.map((n) => (
            <li key={n.id}>
              <p class="meta">
                {n.authorName} · {formatDateTime(n.createdAt, lang)}
              </p>
              <p class="notes">{n.body}</p>
            </li>
          ))}
        </ul>
      )}
      {writable && (
        <form method="post" action={`${base}/notes`} data-testid="note-form">
          <CsrfField ui={ui} />
          <Field name="note" label={t('booking_admin.note')} error={errors.note}>
            {(describedBy, invalid) => (
              <textarea
                id="note"
                name="note"
                rows={4}
                maxLength={NOTE_MAX_LENGTH}
                aria-describedby={describedBy}
                aria-invalid={invalid ? 'true' : undefined}
              >
                {note}
              </textarea>
            )}
          </Field>
          <button type="submit">{t('booking_admin.add_note')}</button>
        </form>
      )}

      <h2>{t('booking_admin.history')}</h2>
      <DataTable
        caption={t('booking_admin.history')}
        testId="booking-history"
        columns={[{ figure: t('booking_admin.history_when') }, t('booking_admin.history_who'), t('booking_admin.history_what')]}
        rows={history}
        empty={<p class="meta">{t('booking_admin.no_history')}</p>}
        row={(entry) => (
          <tr key={entry.id}>
            <td>{formatDateTime(entry.at, lang)}</td>
            <td>{actorLabel(ui, entry)}</td>
            <td>{refundedEntryText(ui, entry) ?? invoiceEntryText(ui, entry) ?? actionLabel(ui, entry.action)}</td>
          </tr>
        )}
      />
    </AdminLayout>
  );
}
