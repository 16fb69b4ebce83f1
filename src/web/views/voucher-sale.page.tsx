import type { Venue } from '../../core/catalog/activity.js';
import { formatLongDate, formatMoney } from '../../core/i18n/format.js';
import { count, money } from '../../core/i18n/i18n.js';
import type { VenueTerms } from '../../core/venues/venue-terms.js';
import { MAX_VOUCHER_CENTS, MIN_VOUCHER_CENTS } from '../../core/vouchers/voucher.js';
import { MAX_VOUCHER_MESSAGE, OTHER_AMOUNT, PRESET_VOUCHER_CENTS, type VoucherSaleForm } from '../../core/vouchers/voucher-sale.js';
import type { FieldMessages } from '../field-errors.js';
import type { MessageKey } from '../i18n/i18n.js';
import { AcceptTermsField, BookingTerms } from './booking-terms.js';
import { ErrorSummary, Field, InputField } from './components.js';
import { Layout } from './layout.js';
import { vouchersUrl } from '../venue-urls.js';
import type { Ui } from './ui.js';

const LABELS: Record<keyof VoucherSaleForm, MessageKey> = {
  amount: 'voucher_sale.amount',
  otherAmount: 'voucher_sale.other_amount',
  buyerName: 'voucher_sale.buyer_name',
  buyerEmail: 'voucher_sale.buyer_email',
  recipientName: 'voucher_sale.recipient_name',
  message: 'voucher_sale.message',
  acceptTerms: 'booking.terms',
};

interface Props {
  ui: Ui;
  venue: Venue;
  /** Whether a Mollie key serves the venue: else the page says vouchers are sold at the venue. */
  online: boolean;
  validUntil: string;
  validityMonths: number;
  terms: VenueTerms | undefined;
  values: VoucherSaleForm;
  errors?: FieldMessages;
  /** Why the sale was refused as a whole (the limits, Mollie not answering). */
  refusal?: string | undefined;
}

/** The amount choices: the preset amounts and "another amount", which takes the typed one. */
function AmountChoice({ ui, values, errors }: { ui: Ui; values: VoucherSaleForm; errors: FieldMessages }) {
  const { t, lang } = ui;
  return (
    <fieldset id="amount" class={errors.amount ? 'field-error' : undefined} data-testid="amount-choice">
      <legend>{t('voucher_sale.amount')}</legend>
      {errors.amount && (
        <p class="error" id="amount-error" data-testid="error-amount">
          {errors.amount}
        </p>
      )}
      {PRESET_VOUCHER_CENTS.map((cents) => (
        <div class="field checkbox" key={cents}>
          <input id={`amount-${cents}`} name="amount" type="radio" value={String(cents)} checked={values.amount === String(cents)} />
          <label for={`amount-${cents}`}>{formatMoney(cents, lang)}</label>
        </div>
      ))}
      <div class="field checkbox">
        <input id="amount-other" name="amount" type="radio" value={OTHER_AMOUNT} checked={values.amount === OTHER_AMOUNT} />
        <label for="amount-other">{t('voucher_sale.other_amount')}</label>
      </div>
    </fieldset>
  );
}

/** The form: amount, buyer, recipient and message, the venue's terms; then Mollie's checkout. */
function SaleForm({ ui, venue, terms, values, errors }: Pick<Props, 'ui' | 'venue' | 'terms' | 'values'> & { errors: FieldMessages }) {
  const { t } = ui;
  return (
    <form id="voucher-form" method="post" action={vouchersUrl(venue)} novalidate>
      <ErrorSummary ui={ui} errors={errors} labels={LABELS} />
      <AmountChoice ui={ui} values={values} errors={errors} />
      <InputField
        id="otherAmount"
        name="otherAmount"
        label={t('voucher_sale.other_amount')}
        hint={t('voucher_sale.other_amount_hint', { min: money(MIN_VOUCHER_CENTS), max: money(MAX_VOUCHER_CENTS) })}
        error={errors.otherAmount}
        value={values.otherAmount}
        inputMode="decimal"
        maxLength={12}
        autocomplete="off"
      />
      <InputField
        id="buyerName"
        name="buyerName"
        label={t('voucher_sale.buyer_name')}
        error={errors.buyerName}
        value={values.buyerName}
        required
        maxLength={120}
        autocomplete="name"
      />
      <InputField
        id="buyerEmail"
        name="buyerEmail"
        type="email"
        label={t('voucher_sale.buyer_email')}
        hint={t('voucher_sale.buyer_email_hint')}
        error={errors.buyerEmail}
        value={values.buyerEmail}
        required
        maxLength={254}
        autocomplete="email"
      />
      <InputField
        id="recipientName"
        name="recipientName"
        label={t('voucher_sale.recipient_name')}
        error={errors.recipientName}
        value={values.recipientName}
        maxLength={120}
        autocomplete="off"
      />
      <Field
        name="message"
        label={t('voucher_sale.message')}
        hint={t('voucher_sale.message_hint', { max: count(MAX_VOUCHER_MESSAGE) })}
        error={errors.message}
      >
        {(describedBy, invalid) => (
          <textarea
            id="message"
            name="message"
            rows={4}
            maxLength={MAX_VOUCHER_MESSAGE}
            aria-describedby={describedBy}
            aria-invalid={invalid ? 'true' : undefined}
          >
            {values.message}
          </textarea>
        )}
      </Field>
      <BookingTerms ui={ui} venue={venue} terms={terms} />
      <AcceptTermsField checked={values.acceptTerms} error={errors.acceptTerms} label={t('voucher_sale.accept_terms')} />
      <p class="meta" data-testid="voucher-vat">
        {t('voucher_sale.vat')}
      </p>
      <button type="submit">{t('voucher_sale.submit')}</button>
    </form>
  );
}

/**
 * A venue's gift voucher page: what a voucher is, how long one bought today is valid, and the form
 * that starts paying for one; or, for a venue that takes no online payments, that vouchers are sold
 * at the venue. Works without JavaScript; the language switcher submits the form.
 */
export function VoucherSalePage({ ui, venue, online, validUntil, validityMonths, terms, values, errors = {}, refusal }: Props) {
  const { t, lang } = ui;
  const title = t('voucher_sale.title', { venue: venue.name });
  return (
    <Layout ui={ui} title={title} {...(online && { languageForm: 'voucher-form' })}>
      <h1>{title}</h1>
      {refusal && (
        <p class="notice error" role="alert" data-testid="voucher-refusal">
          {refusal}
        </p>
      )}
      <p class="lead">{t('voucher_sale.intro', { venue: venue.name })}</p>
      {online ? (
        <>
          <p data-testid="voucher-validity">
            {t('voucher_sale.validity', { date: formatLongDate(validUntil, lang), months: count(validityMonths) })}
          </p>
          <SaleForm ui={ui} venue={venue} terms={terms} values={values} errors={errors} />
        </>
      ) : (
        <p class="notice" data-testid="voucher-at-venue">
          {t('voucher_sale.at_venue', { venue: venue.name })}
        </p>
      )}
    </Layout>
  );
}
