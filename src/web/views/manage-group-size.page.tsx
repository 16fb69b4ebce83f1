import type { BookingDetails } from '../../core/bookings/booking.js';
import type { GroupSizeQuote } from '../../core/booking-flows/group-size-quote.service.js';
import { formatMoney } from '../../core/i18n/format.js';
import { Layout } from './layout.js';
import { managePath } from './manage-actions.js';
import { SlotSummary } from './slot-summary.js';
import type { Ui } from './ui.js';
import { categoriesOf } from '../../core/catalog/pricing.js';
import { bookingPricing } from '../../core/bookings/booking-pricing.js';
import { count, money, percent } from '../../core/i18n/i18n.js';

/** What the change does to the money: extra to pay, or what the policy gives back and keeps. */
function MoneyEffect({ ui, quote }: { ui: Ui; quote: GroupSizeQuote }) {
  const { t, lang } = ui;
  const money = (cents: number) => formatMoney(cents, lang);
  if (quote.extraCents > 0)
    return <p data-testid="group-size-extra">{t('manage.group_size.preview.extra', { amount: money(quote.extraCents) })}</p>;
  return (
    <>
      {quote.netPaidCents > 0 && (
        <p data-testid="group-size-refund" data-cents={String(quote.refundCents)}>
          {quote.refundCents > 0
            ? t('manage.group_size.preview.refund', { amount: money(quote.refundCents), percent: percent(quote.percent) })
            : t('manage.group_size.preview.no_refund')}
        </p>
      )}
      {quote.keptCents > 0 && (
        <p data-testid="group-size-fee" data-cents={String(quote.keptCents)}>
          {t('manage.group_size.preview.fee', { amount: money(quote.keptCents), percent: percent(100 - quote.percent) })}
        </p>
      )}
    </>
  );
}

/**
 * The step between the manage page's group-size form and the change: the new size and price and
 * what it does to the money (computed by quoteGroupSize, as the change will), with a button that
 * makes the change (a plain form post, without JavaScript) and a link back that changes nothing.
 */
export function ManageGroupSizePage({
  ui,
  booking,
  token,
  quote,
}: {
  ui: Ui;
  booking: BookingDetails;
  token: string;
  quote: GroupSizeQuote;
}) {
  const { t } = ui;
  const base = managePath(token);
  const title = t('manage.group_size.preview.title');
  return (
    <Layout ui={ui} title={title}>
      <h1>{title}</h1>
      <p class="reference">
        {t('manage.reference')} <strong data-testid="booking-reference">{booking.reference}</strong>
      </p>
      <SlotSummary ui={ui} activity={booking.activity} slot={booking.slot} />
      <div data-testid="group-size-preview">
        <p data-testid="group-size-change">
          {t('manage.group_size.preview.change', { from: count(quote.from), to: count(quote.to), total: money(quote.totalCents) })}
        </p>
        {quote.party && (
          <ul data-testid="group-size-party">
            {/* The categories the group has people in; a category nobody comes in is left out (the form offers every one). */}
            {categoriesOf(bookingPricing(booking))
              .filter((category) => (quote.party?.[category.key] ?? 0) > 0)
              .map((category) => (
                <li key={category.key}>
                  {category.label[ui.lang]}: {quote.party?.[category.key]}
                </li>
              ))}
          </ul>
        )}
        <MoneyEffect ui={ui} quote={quote} />
      </div>
      <form method="post" action={`${base}/group-size`} data-testid="group-size-confirm">
        {quote.party ? (
          Object.entries(quote.party).map(([key, count]) => <input key={key} type="hidden" name={`party.${key}`} value={String(count)} />)
        ) : (
          <input type="hidden" name="groupSize" value={String(quote.to)} />
        )}
        <button type="submit">{t('manage.group_size.preview.confirm', { n: count(quote.to) })}</button>
      </form>
      <p class="actions">
        <a class="button button-secondary" href={base} data-testid="group-size-back">
          {t('manage.group_size.preview.back')}
        </a>
      </p>
    </Layout>
  );
}
