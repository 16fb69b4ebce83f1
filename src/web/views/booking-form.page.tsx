import type { Slot } from '../../core/availability/slot.js';
import type { Activity } from '../../core/catalog/activity.js';
import type { VenueTerms } from '../../core/venues/venue-terms.js';
import type { MessageKey } from '../i18n/i18n.js';
import { AcceptTermsField, BookingTerms, TermsVersionField } from './booking-terms.js';
import { VoucherCodeField } from './voucher-pay-form.js';
import { ErrorSummary, Field, WHOLE_NUMBER_INPUT } from './components.js';
import { type FieldMessages } from '../field-errors.js';
import { Layout } from './layout.js';
import { deadlineText } from './deadline.js';
import { optionWindowText } from './option-window.js';
import { SlotSummary } from './slot-summary.js';
import { PaymentPlan, type PaymentPlanView } from './payment-plan.js';
import type { Ui } from './ui.js';
import { categoriesOf } from '../../core/catalog/pricing.js';
import type { PartyValues } from '../party-form.js';
import { PartyFields, partyLabels } from './party-fields.js';
import { MAX_CODE_LENGTH } from '../../core/discounts/discount-code.js';
import { BillingChoice, type BillingFormValues, BILLING_FIELD_LABELS } from './billing-fields.js';
import type { Extra } from '../../core/catalog/extras.js';
import { ExtrasFields, type ExtrasFormValues, extrasLabels } from './extras-fields.js';
import type { Subgroup } from '../../core/resources/rotation.js';
import { count } from '../../core/i18n/i18n.js';

/** The booking form's fields as typed, so a refused form comes back exactly as the user left it. */
export interface BookingFormValues extends BillingFormValues {
  groupSize: string;
  /** The counts by price category, for an activity that has them (the group size is then their sum). */
  party: PartyValues;
  name: string;
  email: string;
  phone: string;
  organisation: string;
  notes: string;
  acceptTerms: boolean;
  /** An option rather than a booking outright. */
  option: boolean;
  /**
   * Made with the form, so confirming twice places one booking (see submitBooking); carried through
   * the review step, "change details" and back, so an edited confirmation is still the same submission.
   */
  submissionKey: string;
  /** The extras chosen, as typed (extras-fields.tsx). */
  extras: ExtrasFormValues;
  /** A discount code of the venue, as typed ('' for none). */
  discountCode: string;
  /** A gift voucher's code, as typed ('' for none). */
  voucherCode: string;
}

/** The fields' labels, in the form's order (the error summary lists them so). */
export const BOOKING_FIELD_LABELS: Record<string, MessageKey> = {
  groupSize: 'booking.group_size',
  name: 'booking.name',
  email: 'booking.email',
  phone: 'booking.phone',
  organisation: 'booking.organisation',
  notes: 'booking.notes',
  discountCode: 'discount.field',
  voucherCode: 'voucher.field',
  ...BILLING_FIELD_LABELS,
  acceptTerms: 'booking.terms',
};

/** The form's fields in order: `groupSize` stands for each price category's count too, `extras` for each extra's. */
const FIELD_ORDER = Object.keys(BOOKING_FIELD_LABELS).flatMap((name) => (name === 'discountCode' ? ['extras', name] : [name]));

/** The errors in the form's order, whatever order the rules found them in; a field the form does not know last. */
function inFormOrder(errors: FieldMessages): FieldMessages {
  const rank = (field: string) => {
    const name = field.startsWith('party.') ? 'groupSize' : field.startsWith('extras.') ? 'extras' : field;
    return FIELD_ORDER.includes(name) ? FIELD_ORDER.indexOf(name) : FIELD_ORDER.length;
  };
  return Object.fromEntries(Object.entries(errors).sort(([a], [b]) => rank(a) - rank(b)));
}

/** The form's id: the language switcher's buttons submit it (see Layout). */
const BOOKING_FORM_ID = 'booking-form';

interface Props {
  ui: Ui;
  activity: Activity;
  slot: Slot;
  values: BookingFormValues;
  errors: FieldMessages;
  /** A rule that refused the booking as a whole (slot full, closed...). */
  refusal?: string | undefined;
  /** The deadline an option would get; undefined when the slot takes no option now (then none is offered). */
  optionUntil?: Date | undefined;
  /** Whether the activity takes options but this slot is too close for one: the form then says why none is offered. */
  optionTooLate?: boolean | undefined;
  /** The venue's current booking terms; undefined when it published none. */
  terms: VenueTerms | undefined; /** What is paid when (payment-plan.tsx); undefined when not known (a rule refuses the group). */
  paymentPlan?: PaymentPlanView | undefined;
  /** The activity's extras and what is left of each with a stock in the slot. */
  extras: readonly Extra[];
  extrasLeft: ReadonlyMap<string, number>;
  /** A programme as the group would do it (its subgroups' parts at their times); none for an ordinary activity. */
  programme: readonly Subgroup[];
}

type TextField = 'name' | 'email' | 'phone' | 'organisation';
const TEXT_FIELDS: { name: TextField; type: string; autocomplete: string; required: boolean; maxLength: number }[] = [
  { name: 'name', type: 'text', autocomplete: 'name', required: true, maxLength: 120 },
  { name: 'email', type: 'email', autocomplete: 'email', required: true, maxLength: 254 },
  { name: 'phone', type: 'tel', autocomplete: 'tel', required: true, maxLength: 32 },
  { name: 'organisation', type: 'text', autocomplete: 'organization', required: false, maxLength: 160 },
];

export function BookingFormPage({
  ui,
  activity,
  slot,
  values,
  errors,
  refusal,
  optionUntil,
  optionTooLate,
  terms,
  paymentPlan,
  extras,
  extrasLeft,
  programme,
}: Props) {
  const { t, lang } = ui;
  const invalid = (field: string) => (errors[field] ? 'true' : undefined);
  const categories = categoriesOf(activity.pricing);
  return (
    <Layout ui={ui} title={t('booking.title', { activity: activity.title[lang] })} languageForm={BOOKING_FORM_ID}>
      <p class="breadcrumb">
        <a href={`/activities/${activity.slug}?groupSize=${encodeURIComponent(values.groupSize)}`}>{t('booking.back_to_activity')}</a>
      </p>
      <h1>{t('booking.title', { activity: activity.title[lang] })}</h1>
      <SlotSummary ui={ui} activity={activity} slot={slot} programme={programme} />
      {paymentPlan && <PaymentPlan ui={ui} plan={paymentPlan} />}
      {refusal && (
        <p class="notice error" role="alert" data-testid="booking-refusal">
          {refusal}
        </p>
      )}
      <form method="post" action={`/book/${slot.id}`} id={BOOKING_FORM_ID} novalidate>
        <ErrorSummary
          ui={ui}
          errors={inFormOrder(errors)}
          labels={BOOKING_FIELD_LABELS}
          named={{ ...partyLabels(ui, categories), ...extrasLabels(ui, extras) }}
        />
        <input type="hidden" name="action" value="review" />
        <input type="hidden" name="step" value="form" />
        <TermsVersionField terms={terms} />
        {values.submissionKey && <input type="hidden" name="submissionKey" value={values.submissionKey} />}
        {categories.length > 0 ? (
          <PartyFields
            ui={ui}
            categories={categories}
            values={values.party}
            errors={errors}
            range={{ min: activity.minGroupSize, max: activity.maxGroupSize }}
          />
        ) : (
          <Field
            name="groupSize"
            label={t('booking.group_size')}
            error={errors.groupSize}
            hint={t('activity.group_range', { min: count(activity.minGroupSize), max: count(activity.maxGroupSize) })}
          >
            {(describedBy) => (
              <input
                id="groupSize"
                name="groupSize"
                {...WHOLE_NUMBER_INPUT}
                required
                value={values.groupSize}
                aria-describedby={describedBy}
                aria-invalid={invalid('groupSize')}
              />
            )}
          </Field>
        )}
        {TEXT_FIELDS.map((f) => (
          <Field
            key={f.name}
            name={f.name}
            label={t(BOOKING_FIELD_LABELS[f.name]!) + (f.required ? '' : ` ${t('form.optional')}`)}
            error={errors[f.name]}
          >
            {(describedBy) => (
              <input
                id={f.name}
                name={f.name}
                type={f.type}
                autocomplete={f.autocomplete}
                required={f.required}
                maxLength={f.maxLength}
                value={values[f.name]}
                aria-describedby={describedBy}
                aria-invalid={invalid(f.name)}
              />
            )}
          </Field>
        ))}
        <Field name="notes" label={`${t('booking.notes')} ${t('form.optional')}`} error={errors.notes} hint={t('booking.notes_hint')}>
          {(describedBy) => (
            <textarea id="notes" name="notes" rows={4} maxLength={2000} aria-describedby={describedBy} aria-invalid={invalid('notes')}>
              {values.notes}
            </textarea>
          )}
        </Field>
        <ExtrasFields ui={ui} extras={extras} left={extrasLeft} values={values.extras} errors={errors} />
        <Field
          name="discountCode"
          label={`${t('discount.field')} ${t('form.optional')}`}
          error={errors.discountCode}
          hint={t('discount.field_hint')}
        >
          {(describedBy) => (
            <input
              id="discountCode"
              name="discountCode"
              type="text"
              autocomplete="off"
              maxLength={MAX_CODE_LENGTH}
              value={values.discountCode}
              aria-describedby={describedBy}
              aria-invalid={invalid('discountCode')}
            />
          )}
        </Field>
        {/* A request may never be confirmed: its organiser pays with a voucher from the manage link once it is. */}
        {activity.rules.bookingMode !== 'request' && (
          <VoucherCodeField
            label={`${t('voucher.field')} ${t('form.optional')}`}
            hint={t('voucher.field_hint')}
            value={values.voucherCode}
            error={errors.voucherCode}
          />
        )}
        {optionUntil && (
          <fieldset data-testid="option-choice">
            <legend>{t('option.choice_legend')}</legend>
            <div class="field checkbox">
              <input id="option-no" name="option" type="radio" value="no" checked={!values.option} />
              <label for="option-no">{t(activity.rules.bookingMode === 'request' ? 'option.choice_request' : 'option.choice_book')}</label>
            </div>
            <div class="field checkbox">
              <input id="option-yes" name="option" type="radio" value="yes" checked={values.option} />
              <label for="option-yes">{t('option.choice_option', { deadline: deadlineText(ui, optionUntil) })}</label>
            </div>
          </fieldset>
        )}
        {optionTooLate && (
          <p class="hint" data-testid="option-too-late">
            {t('option.too_late_note', { window: optionWindowText(ui, activity.rules.options) ?? '' })}
          </p>
        )}
        <BillingChoice ui={ui} activity={activity} values={values} errors={errors} />
        <BookingTerms ui={ui} venue={activity.venue} terms={terms} />
        <AcceptTermsField
          checked={values.acceptTerms}
          error={errors.acceptTerms}
          label={t(terms ? 'booking.accept_terms' : 'booking.accept_conditions')}
        />
        <p class="hint" data-testid="booking-privacy">
          {t('privacy.booking_note')} <a href="/privacy">{t('privacy.booking_link')}</a>.
        </p>
        <button type="submit">{t('booking.to_review')}</button>
      </form>
    </Layout>
  );
}
