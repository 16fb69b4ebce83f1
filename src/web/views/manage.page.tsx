import type { BookingDetails } from '../../core/bookings/booking.js';
import type { MessageKey } from '../i18n/i18n.js';
import type { DomainErrorCode } from '../../core/shared/errors.js';
import type { FieldErrorCode } from '../../core/shared/field-errors.js';
import { STATUS_LABELS } from './admin/booking-labels.js';
import { ErrorSummary, OrganiserDetails, PriceTable } from './components.js';
import { ParticipantsSection, type ParticipantsSectionData } from './participants-section.js';
import { Layout } from './layout.js';
import { deadlineText } from './deadline.js';
import { ManageActions, managePath } from './manage-actions.js';
import { ManageRefunds } from './manage-refunds.js';
import type { RefundOutlook } from '../../core/booking-flows/policy-refund.service.js';
import { OptionPanel } from './option-panel.js';
import { COPY_LINK_SCRIPT_PATH } from '../public-assets.js';
import { SlotSummary } from './slot-summary.js';
import type { Ui } from './ui.js';
import { termsUrl } from '../venue-urls.js';
import { VenueContact } from './venue-details.js';
import type { OrganiserPayment } from '../../core/payments/organiser-payment.service.js';
import { formatMoney } from '../../core/i18n/format.js';
import { PayButton, PaymentBanner, type PaymentOutcome, PaymentSection } from './payment-section.js';
import { VoucherPayForm, voucherPayable } from './voucher-pay-form.js';
import type { InvoiceListItem } from '../../core/invoices/invoice-list.service.js';
import { ManageInvoices } from './invoice-list.js';
import type { FieldMessages } from '../field-errors.js';
import type { PartyValues } from '../party-form.js';
import { partyLabels } from './party-fields.js';
import { categoriesOf } from '../../core/catalog/pricing.js';
import { bookingPricing } from '../../core/bookings/booking-pricing.js';
import type { Subgroup } from '../../core/resources/rotation.js';
import { formatDate, formatDateTime } from '../../core/i18n/format.js';
import { dataPath } from './manage-data.page.js';

/**
 * A refused action: its code, its message, and for the group-size form the group as typed (the
 * size, or the counts per price category) and, when fields were refused, each field's message.
 */
export interface ManageRefusal {
  code: DomainErrorCode | FieldErrorCode;
  message: string;
  groupSize?: string | undefined;
  party?: PartyValues | undefined;
  fields?: FieldMessages | undefined;
  /** The gift voucher's code as typed, when paying with it was refused. */
  voucherCode?: string | undefined;
}

export interface ManagePageProps {
  ui: Ui;
  booking: BookingDetails;
  /** The manage link's token: the page's actions post to paths below `/b/<token>`. */
  token: string;
  now: Date;
  /** Right after booking: the page is the confirmation. */
  justBooked?: boolean;
  /** What the organiser's last action did. */
  notice?: string | undefined;
  refusal?: ManageRefusal | undefined;
  participants: ParticipantsSectionData;
  /** The cancellation policy, what cancelling now refunds, the refunds so far. */
  refunds?: RefundOutlook | undefined;
  /** The booking's money (payment-section.tsx). */
  payment: OrganiserPayment;
  /** On the return from the checkout: what the provider says of the payment (while it is not known, a link checks again). */
  paymentOutcome?: { outcome: PaymentOutcome } | undefined;
  /** The booking's invoices and credit notes, oldest first (none: no section). */
  invoices?: readonly InvoiceListItem[] | undefined;
  /** The programme as the group does it (moves and subgroups included), at the booking's times; none for an ordinary activity. */
  programme: readonly Subgroup[];
  /** When the organiser asked for the booking's erasure (it waits for the visit); null or absent while not. */
  erasureRequestedAt?: string | null | undefined;
}

/** The organiser's rights on their data: see it, download it, have it erased. */
function DataSection({
  ui,
  booking,
  token,
  erasureRequestedAt,
}: {
  ui: Ui;
  booking: BookingDetails;
  token: string;
  erasureRequestedAt: string | null;
}) {
  const { t, lang } = ui;
  return (
    <section data-testid="data-section">
      <h2>{t('data.section')}</h2>
      <p>{t('data.section_intro')}</p>
      {erasureRequestedAt && (
        <p class="notice" data-testid="erasure-requested">
          {t('data.erasure_requested', {
            date: formatDate(new Date(erasureRequestedAt), lang),
            end: formatDateTime(booking.slot.endsAt, lang),
          })}
        </p>
      )}
      <ul>
        <li>
          <a href={dataPath(token)}>{t('data.view')}</a>
        </li>
        <li>
          <a href={`${dataPath(token)}.json`} download>
            {t('data.download')}
          </a>
        </li>
        <li>
          <a href={`${managePath(token)}/erase`} data-testid="erase-link">
            {t('data.erase_link')}
          </a>
        </li>
      </ul>
    </section>
  );
}

const JUST_BOOKED_TITLES: Partial<Record<BookingDetails['status'], MessageKey>> = {
  option: 'manage.option_placed_title',
  requested: 'manage.request_received_title',
  confirmed: 'manage.confirmed_title',
  awaiting_payment: 'payment.pay_now_title',
};

/** What each status means for the organiser. */
const EXPLANATIONS: Record<BookingDetails['status'], MessageKey> = {
  option: 'manage.explain.option',
  requested: 'manage.explain.requested',
  awaiting_payment: 'manage.explain.awaiting_payment',
  confirmed: 'manage.explain.confirmed',
  cancelled: 'manage.explain.cancelled',
  expired: 'manage.explain.expired',
  completed: 'manage.explain.completed',
};

/** The status and what it means for the organiser. */
function StatusExplanation({ ui, booking }: { ui: Ui; booking: BookingDetails }) {
  const { t } = ui;
  const venue = booking.activity.venue.name;
  return (
    <div data-testid="status-explanation">
      <p>
        {t('manage.status')}: <strong data-testid="booking-status">{t(STATUS_LABELS[booking.status])}</strong>
      </p>
      <p>
        {t(EXPLANATIONS[booking.status], { venue })}
        {booking.status === 'option' &&
          booking.optionExpiresAt &&
          ` ${t('manage.explain.option_until', { deadline: deadlineText(ui, booking.optionExpiresAt) })}`}
      </p>
    </div>
  );
}

/** The version of the venue's terms the organiser accepted, with its page; or that the venue had none. */
function AcceptedTerms({ ui, booking }: { ui: Ui; booking: BookingDetails }) {
  const { t } = ui;
  const { venue } = booking.activity;
  return (
    <section data-testid="accepted-terms">
      <h2>{t('manage.terms')}</h2>
      {booking.termsVersion === null ? (
        <p>{t('manage.terms_none', { venue: venue.name })}</p>
      ) : (
        <p>
          {t('manage.terms_accepted', { version: booking.termsVersion, venue: venue.name })}{' '}
          <a href={termsUrl(venue, booking.termsVersion)}>{t('manage.terms_view', { version: booking.termsVersion })}</a>
        </p>
      )}
    </section>
  );
}

/**
 * The page behind a booking's private manage link: the booking, its status, and what the organiser
 * can do now. Right after booking it is the confirmation. Sections follow one another; each area
 * (options, participants) adds its own.
 */
export function ManagePage({
  ui,
  booking,
  token,
  now,
  justBooked = false,
  notice,
  refusal,
  participants,
  payment,
  paymentOutcome,
  refunds,
  invoices = [],
  programme,
  erasureRequestedAt = null,
}: ManagePageProps) {
  const { t } = ui;
  // Back from paying, confirmed: the page is the confirmation, as right after booking.
  const confirmedNow = justBooked || (paymentOutcome?.outcome === 'paid' && booking.status === 'confirmed');
  const justBookedTitle = confirmedNow ? JUST_BOOKED_TITLES[booking.status] : undefined;
  const title = t(justBookedTitle ?? 'manage.title');
  // While something can be paid online (the first payment, or an open balance: a deposit's rest,
  // more to pay), the pay button comes first (visible without scrolling on a phone), and only there;
  // unless the banner of an unpaid return offers to try again already.
  const unpaidReturn = paymentOutcome !== undefined && paymentOutcome.outcome !== 'paid' && paymentOutcome.outcome !== 'waiting';
  const payFirst = payment.payableCents > 0 && !unpaidReturn;
  return (
    <Layout ui={ui} title={title} scripts={participants.link ? [COPY_LINK_SCRIPT_PATH] : []}>
      <h1>{title}</h1>
      {paymentOutcome && <PaymentBanner ui={ui} outcome={paymentOutcome.outcome} payment={payment} token={token} />}
      {confirmedNow && booking.status === 'confirmed' && <p class="notice success">{t('manage.confirmed_intro')}</p>}
      {justBooked && booking.status === 'awaiting_payment' && payment.payableCents > 0 && (
        <p class="notice" data-testid="pay-now-intro">
          {t('payment.pay_now_intro', { amount: formatMoney(payment.payableCents, ui.lang) })}
        </p>
      )}
      {payFirst && <PayButton ui={ui} payment={payment} token={token} />}
      {notice && (
        <p class="notice success" role="status" data-testid="notice">
          {notice}
        </p>
      )}
      {refusal && (
        <div data-testid="refusal" data-code={refusal.code}>
          {refusal.groupSize === undefined ? (
            <p class="error-summary" role="alert">
              {refusal.message}
            </p>
          ) : (
            <ErrorSummary
              ui={ui}
              errors={refusal.fields ?? { groupSize: refusal.message }}
              labels={{ groupSize: 'booking.group_size' }}
              named={partyLabels(ui, categoriesOf(bookingPricing(booking)))}
            />
          )}
        </div>
      )}
      <p class="reference">
        {t('manage.reference')} <strong data-testid="booking-reference">{booking.reference}</strong>
      </p>
      <p class="notice">{t('manage.private_link')}</p>
      <StatusExplanation ui={ui} booking={booking} />
      <SlotSummary ui={ui} activity={booking.activity} slot={booking.slot} programme={programme} />
      <OptionPanel ui={ui} booking={booking} token={token} />
      <PaymentSection ui={ui} payment={payment} token={token} payButton={!payFirst} />
      {voucherPayable(booking, payment) && (
        <VoucherPayForm ui={ui} token={token} typed={refusal?.voucherCode} error={refusal?.fields?.voucherCode} />
      )}
      <ManageInvoices ui={ui} token={token} invoices={invoices} />
      <OrganiserDetails ui={ui} details={booking} />
      <PriceTable ui={ui} price={booking.price} />
      <AcceptedTerms ui={ui} booking={booking} />
      <ManageRefunds ui={ui} booking={booking} outlook={refunds} now={now} />
      <ParticipantsSection ui={ui} booking={booking} data={participants} />
      <ManageActions
        ui={ui}
        booking={booking}
        token={token}
        now={now}
        typed={
          refusal?.groupSize === undefined
            ? undefined
            : { groupSize: refusal.groupSize, party: refusal.party, errors: refusal.fields ?? { groupSize: refusal.message } }
        }
      />
      <DataSection ui={ui} booking={booking} token={token} erasureRequestedAt={erasureRequestedAt} />
      <VenueContact ui={ui} venue={booking.activity.venue} />
    </Layout>
  );
}
