import type { BookingDetails } from '../../core/bookings/booking.js';
import type { OrganiserPayment } from '../../core/payments/organiser-payment.service.js';
import { MAX_CODE_LENGTH } from '../../core/discounts/discount-code.js';
import { InputField } from './components.js';
import { managePath } from './manage-actions.js';
import type { Ui } from './ui.js';

/** Whether the manage page offers to pay with a gift voucher: a booking that stands and owes something. */
export function voucherPayable(booking: BookingDetails, payment: OrganiserPayment): boolean {
  const standing = booking.status === 'confirmed' || (booking.status === 'awaiting_payment' && payment.payableCents > 0);
  return standing && payment.state.dueCents > 0;
}

/** The field a gift voucher's code is typed in (`voucherCode`), as typed, with its error. */
export function VoucherCodeField(props: { label: string; hint: string; value: string; error: string | undefined }) {
  return (
    <InputField
      id="voucherCode"
      name="voucherCode"
      type="text"
      autocomplete="off"
      autocapitalize="characters"
      spellcheck={false}
      maxLength={MAX_CODE_LENGTH}
      {...props}
    />
  );
}

/** The manage page's "pay with a gift voucher": the code, as typed when refused, with its error. */
export function VoucherPayForm({
  ui,
  token,
  typed,
  error,
}: {
  ui: Ui;
  token: string;
  typed?: string | undefined;
  error?: string | undefined;
}) {
  const { t } = ui;
  return (
    <section data-testid="voucher-pay">
      <h2>{t('voucher.pay_title')}</h2>
      <form method="post" action={`${managePath(token)}/voucher`} novalidate>
        <VoucherCodeField label={t('voucher.field')} hint={t('voucher.pay_hint')} error={error} value={typed ?? ''} />
        <button type="submit">{t('voucher.pay_button')}</button>
      </form>
    </section>
  );
}
