import { morePersonsFit } from '../../core/availability/slot.js';
import type { BookingDetails } from '../../core/bookings/booking.js';
import { cancelDeadline, changeDeadline, isChangeable, organiserActions } from '../../core/bookings/booking-changes.js';
import { deadlineText } from './deadline.js';
import type { DomainErrorCode } from '../../core/shared/errors.js';
import { InputField, WHOLE_NUMBER_INPUT } from './components.js';
import type { Ui } from './ui.js';
import { categoriesOf } from '../../core/catalog/pricing.js';
import { bookingPricing } from '../../core/bookings/booking-pricing.js';
import type { FieldMessages } from '../field-errors.js';
import { partyValuesOf, type PartyValues } from '../party-form.js';
import { PartyFields } from './party-fields.js';
import { count } from '../../core/i18n/i18n.js';

/** The path of the manage page; its actions post to paths below it. */
export function managePath(token: string): string {
  return `/b/${token}`;
}

/** A refused change of the organiser, in words that say what they can do instead. */
export function refusalMessage(ui: Ui, booking: BookingDetails, code: DomainErrorCode): string {
  const { t } = ui;
  const venue = booking.activity.venue.name;
  switch (code) {
    case 'change_closed':
      return t('manage.group_size.closed', { deadline: deadlineText(ui, changeDeadline(booking)), venue });
    case 'decrease_closed':
      return t('manage.refusal.decrease_closed', { deadline: deadlineText(ui, cancelDeadline(booking)), venue });
    case 'cancel_closed':
      return t('manage.cancel.closed', { deadline: deadlineText(ui, cancelDeadline(booking)), venue });
    case 'group_too_small':
      return t('manage.refusal.group_too_small', { min: count(booking.activity.minGroupSize) });
    case 'group_too_large':
      return t('manage.refusal.group_too_large', { max: count(booking.activity.maxGroupSize) });
    case 'slot_full': {
      const fits = booking.groupSize + morePersonsFit(booking.slot);
      return t('manage.refusal.slot_full', { max: count(Math.min(fits, booking.activity.maxGroupSize)) });
    }
    default:
      return t(`error.${code}`);
  }
}

interface ManageActionsProps {
  ui: Ui;
  booking: BookingDetails;
  token: string;
  now: Date;
  /** The group as typed in a refused change (its size, or its counts per price category), and why each field was refused. */
  typed?: { groupSize: string; party?: PartyValues | undefined; errors: FieldMessages } | undefined;
}

/**
 * What the organiser can do right now: change the group size, cancel, add the visit to a calendar,
 * have the link mailed again. An action that is closed says why and whom to contact instead. A
 * cancelled, expired or completed booking has no actions.
 */
export function ManageActions({ ui, booking, token, now, typed }: ManageActionsProps) {
  if (!isChangeable(booking.status)) return null;
  const { t } = ui;
  const { activity } = booking;
  const venue = activity.venue.name;
  const base = managePath(token);
  const actions = organiserActions(booking, now);
  // The booking's categories at the prices it keeps (bookingPricing), as the change is priced.
  const categories = categoriesOf(bookingPricing(booking));
  const hint = t('manage.group_size.hint', {
    min: count(activity.minGroupSize),
    max: count(activity.maxGroupSize),
    deadline: deadlineText(ui, actions.changeUntil),
  });
  return (
    <section class="manage-actions" data-testid="manage-actions">
      <h2>{t('manage.actions')}</h2>

      <h3>{t('manage.group_size.title')}</h3>
      {actions.changeGroupSize ? (
        <form method="post" action={`${base}/group-size/preview`} novalidate data-testid="group-size-form">
          {!actions.decrease && (
            <p class="hint" data-testid="only-more">
              {t('manage.group_size.only_more', { deadline: deadlineText(ui, actions.cancelUntil), venue })}
            </p>
          )}
          {categories.length > 0 ? (
            <>
              <p class="hint">{hint}</p>
              <PartyFields
                ui={ui}
                categories={categories}
                values={typed?.party ?? partyValuesOf(booking.party ?? {})}
                errors={typed?.errors ?? {}}
                range={{ min: activity.minGroupSize, max: activity.maxGroupSize }}
              />
            </>
          ) : (
            <InputField
              id="groupSize"
              name="groupSize"
              {...WHOLE_NUMBER_INPUT}
              required
              value={typed?.groupSize ?? String(booking.groupSize)}
              label={t('booking.group_size')}
              hint={hint}
              error={typed?.errors.groupSize}
            />
          )}
          <button type="submit">{t('manage.group_size.submit')}</button>
        </form>
      ) : (
        <p data-testid="group-size-closed">{t('manage.group_size.closed', { deadline: deadlineText(ui, actions.changeUntil), venue })}</p>
      )}

      <h3>{t('manage.cancel.title')}</h3>
      {actions.cancel ? (
        <p>
          {t('manage.cancel.until', { deadline: deadlineText(ui, actions.cancelUntil) })}{' '}
          <a href={`${base}/cancel`} data-testid="cancel-link">
            {t('manage.cancel.link')}
          </a>
        </p>
      ) : (
        <p data-testid="cancel-closed">{t('manage.cancel.closed', { deadline: deadlineText(ui, actions.cancelUntil), venue })}</p>
      )}

      <p>
        <a href={`${base}/calendar.ics`} data-testid="calendar-link">
          {t('manage.calendar')}
        </a>
      </p>

      <form method="post" action={`${base}/resend`} data-testid="resend-form">
        <p class="hint">{t('manage.resend.hint', { email: booking.email })}</p>
        <button type="submit">{t('manage.resend.submit')}</button>
      </form>
    </section>
  );
}
