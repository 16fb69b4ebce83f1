import type { Slot } from '../../../core/availability/slot.js';
import type { StaffPlacedStatus } from '../../../core/bookings/staff-booking-input.js';
import type { Activity } from '../../../core/catalog/activity.js';
import { formatDate, formatTime } from '../../../core/i18n/format.js';
import { localDateOf } from '../../../core/shared/time.js';
import type { AdminUi } from './admin-ui.js';
import type { MessageKey } from '../../i18n/i18n.js';
import { ErrorSummary, Field, InputField } from '../components.js';
import type { Extra } from '../../../core/catalog/extras.js';
import { MAX_CODE_LENGTH } from '../../../core/discounts/discount-code.js';
import { ExtrasFields, type ExtrasFormValues, extrasLabels } from '../extras-fields.js';
import { VoucherCodeField } from '../voucher-pay-form.js';
import { type FieldMessages } from '../../field-errors.js';
import { deadlineText } from '../deadline.js';
import { AdminLayout, CsrfField } from './admin-layout.js';
import { OrganiserFields, type OrganiserFieldValues, organiserFieldLabels } from './organiser-fields.js';
import { categoriesOf } from '../../../core/catalog/pricing.js';
import type { PartyValues } from '../../party-form.js';
import { PartyFields, partyLabels } from '../party-fields.js';
import { count } from '../../../core/i18n/i18n.js';

/** The form as typed: the organiser's fields, their mails' language and the kind of booking. */
export interface PhoneBookingValues extends OrganiserFieldValues {
  /** The counts per price category, for an activity that has them (the group size is their sum). */
  party: PartyValues;
  language: string;
  status: string;
  /** Made with the form: sent twice, it places one booking. */
  submissionKey: string;
  /** The extras chosen, a discount code and a gift voucher's code, as typed. */
  extras: ExtrasFormValues;
  discountCode: string;
  voucherCode: string;
}

const STATUS_LABELS: Record<StaffPlacedStatus, MessageKey> = {
  confirmed: 'phone_booking.status_confirmed',
  option: 'phone_booking.status_option',
  requested: 'phone_booking.status_requested',
};

const LABELS: Record<string, MessageKey> = {
  ...organiserFieldLabels(''),
  language: 'phone_booking.language',
  status: 'phone_booking.status',
  discountCode: 'discount.field',
  voucherCode: 'voucher.field',
};

/**
 * A booking staff take for a caller on one slot: the organiser's details, the language of their
 * mails and the kind of booking the activity allows now; a refusal of the booking as a whole (the
 * slot filled up meanwhile) above the form, which keeps what was typed.
 */
export function PhoneBookingPage(props: {
  ui: AdminUi;
  slot: Slot;
  activity: Activity;
  statuses: StaffPlacedStatus[];
  /** The deadline an option placed now gets; undefined when none can be. */
  optionUntil: Date | undefined;
  values: PhoneBookingValues;
  errors: FieldMessages;
  refusal?: string | undefined;
  extras: readonly Extra[];
  /** What is left in the slot of each extra with a stock. */
  extrasLeft: ReadonlyMap<string, number>;
}) {
  const { ui, slot, activity, statuses, optionUntil, values, errors, refusal, extras, extrasLeft } = props;
  const { t, lang } = ui;
  const title = t('phone_booking.title', { activity: activity.title[lang] });
  const categories = categoriesOf(activity.pricing);
  return (
    <AdminLayout ui={ui} title={title}>
      <p>
        <a href={`/admin?date=${localDateOf(slot.startsAt)}`}>{t('phone_booking.back')}</a>
      </p>
      <h1>{title}</h1>
      <p data-testid="phone-booking-slot">
        {t('phone_booking.slot', {
          date: formatDate(slot.startsAt, lang),
          start: formatTime(slot.startsAt),
          end: formatTime(slot.endsAt),
          venue: activity.venue.name,
        })}
        {' · '}
        {t('phone_booking.places', { free: count(Math.max(0, slot.capacity - slot.bookedPersons)), capacity: count(slot.capacity) })}
      </p>
      <p class="hint">{t('phone_booking.intro')}</p>
      {refusal && (
        <p class="notice error" role="alert" data-testid="booking-refusal">
          {refusal}
        </p>
      )}
      <ErrorSummary ui={ui} errors={errors} labels={LABELS} named={{ ...partyLabels(ui, categories), ...extrasLabels(ui, extras) }} />
      <form method="post" action={`/admin/slots/${slot.id}/book`} class="narrow-form" novalidate data-testid="phone-booking">
        <CsrfField ui={ui} />
        <input type="hidden" name="submissionKey" value={values.submissionKey} />
        {categories.length > 0 && (
          <PartyFields
            ui={ui}
            categories={categories}
            values={values.party}
            errors={errors}
            range={{ min: activity.minGroupSize, max: activity.maxGroupSize }}
          />
        )}
        <OrganiserFields ui={ui} prefix="" activity={activity} values={values} errors={errors} groupSize={categories.length === 0} />
        <Field name="language" label={t('phone_booking.language')} error={errors.language}>
          {(describedBy, invalid) => (
            <select id="language" name="language" aria-describedby={describedBy} aria-invalid={invalid ? 'true' : undefined}>
              <option value="nl" selected={values.language === 'nl'}>
                Nederlands
              </option>
              <option value="en" selected={values.language === 'en'}>
                English
              </option>
            </select>
          )}
        </Field>
        <ExtrasFields ui={ui} extras={extras} left={extrasLeft} values={values.extras} errors={errors} />
        <InputField
          id="discountCode"
          name="discountCode"
          type="text"
          autocomplete="off"
          maxLength={MAX_CODE_LENGTH}
          label={`${t('discount.field')} ${t('form.optional')}`}
          error={errors.discountCode}
          value={values.discountCode}
        />
        <VoucherCodeField
          label={`${t('voucher.field')} ${t('form.optional')}`}
          hint={t('phone_booking.voucher_hint')}
          error={errors.voucherCode}
          value={values.voucherCode}
        />
        <fieldset id="status" class={errors.status ? 'field-error' : undefined} data-testid="status-choice">
          <legend>{t('phone_booking.status')}</legend>
          {errors.status && (
            <p class="error" id="status-error" data-testid="error-status">
              {errors.status}
            </p>
          )}
          {statuses.map((status) => (
            <div key={status} class="field checkbox">
              <input id={`status-${status}`} name="status" type="radio" value={status} checked={values.status === status} />
              <label for={`status-${status}`}>
                {t(STATUS_LABELS[status], { deadline: optionUntil ? deadlineText(ui, optionUntil) : '' })}
              </label>
            </div>
          ))}
        </fieldset>
        <button type="submit">{t('phone_booking.submit')}</button>
      </form>
    </AdminLayout>
  );
}
