import type { Venue } from '../../../core/catalog/activity.js';
import { formatDate, formatDateTime, formatMoney } from '../../../core/i18n/format.js';
import type { LedgerLine } from '../../../core/vouchers/voucher-admin.repository.js';
import type { Voucher } from '../../../core/vouchers/voucher.js';
import { DataTable } from '../data-table.js';
import { AdminLayout, CsrfField } from './admin-layout.js';
import type { AdminUi } from './admin-ui.js';
import { dateText, MOVEMENT_LABELS, ORIGIN_LABELS, voucherName } from './voucher-labels.js';
import { ValidThrough } from './vouchers.page.js';

interface Props {
  ui: AdminUi;
  voucher: Voucher;
  venue: Venue;
  ledger: LedgerLine[];
  today: string;
  /** The full code, right after the member issued it; else undefined. */
  code?: string | undefined;
  /** Whether the member may mail it again (a usable voucher with a buyer's address, a member who may write). */
  canMail?: boolean;
  /** Whether it was just mailed again (the notice says to which address). */
  mailed?: boolean;
}

/** The code just issued, large and in groups, with what it is worth and how long: to hand over or print. */
function IssuedCode({ ui, voucher, venue, code }: Omit<Props, 'ledger' | 'today'> & { code: string }) {
  const { t, lang } = ui;
  return (
    <section class="voucher-issued" data-testid="voucher-issued">
      <p class="notice success no-print" role="status">
        {t('vouchers.issued_intro')}
      </p>
      <p class="voucher-venue">{venue.name}</p>
      <p class="hint">{t('vouchers.code')}</p>
      <p class="voucher-code" data-testid="voucher-code">
        {code}
      </p>
      <p class="voucher-value">
        <strong>{formatMoney(voucher.initialCents, lang)}</strong> · {t('vouchers.col.valid_until')} {dateText(ui, voucher.validUntil)}
      </p>
      {voucher.recipientName && <p>{voucher.recipientName}</p>}
      {voucher.message && <p class="notes">{voucher.message}</p>}
      <p class="voucher-how">{t('vouchers.print_how')}</p>
      <p class="hint no-print">{t('vouchers.print_hint')}</p>
    </section>
  );
}

/** A voucher and its ledger: every movement with its date, kind, amount, balance after, booking and staff member. */
export function VoucherDetailPage({ ui, voucher, venue, ledger, today, code, canMail = false, mailed = false }: Props) {
  const { t, lang } = ui;
  const money = (cents: number) => formatMoney(cents, lang);
  const title = code ? t('vouchers.issued_title') : t('vouchers.detail_title', { hint: voucher.codeHint });
  return (
    <AdminLayout ui={ui} title={title}>
      <p class="breadcrumb no-print">
        <a href="/admin/vouchers">{t('vouchers.back')}</a>
      </p>
      <h1 class="no-print">{title}</h1>
      {code && <IssuedCode ui={ui} voucher={voucher} venue={venue} code={code} />}
      {mailed && (
        <p class="notice success no-print" role="status" data-testid="notice">
          {t('vouchers.mailed', { email: voucher.buyerEmail })}
        </p>
      )}
      <dl class="summary no-print" data-testid="voucher-summary">
        <dt>{t('vouchers.col.code')}</dt>
        <dd>{voucherName(voucher.codeHint)}</dd>
        <dt>{t('vouchers.venue')}</dt>
        <dd>{venue.name}</dd>
        <dt>{t('vouchers.col.origin')}</dt>
        <dd>{t(ORIGIN_LABELS[voucher.origin])}</dd>
        <dt>{t('vouchers.col.issued')}</dt>
        <dd>{formatDate(voucher.issuedAt ?? voucher.createdAt, lang)}</dd>
        <dt>{t('vouchers.col.initial')}</dt>
        <dd>{money(voucher.initialCents)}</dd>
        <dt>{t('vouchers.col.balance')}</dt>
        <dd data-testid="voucher-balance">{money(voucher.balanceCents)}</dd>
        <dt>{t('vouchers.col.valid_until')}</dt>
        <dd>
          <ValidThrough ui={ui} voucher={voucher} today={today} />
        </dd>
        {voucher.recipientName && (
          <>
            <dt>{t('vouchers.recipient')}</dt>
            <dd>{voucher.recipientName}</dd>
          </>
        )}
        {voucher.buyerName && (
          <>
            <dt>{t('vouchers.buyer_name')}</dt>
            <dd>{voucher.buyerName}</dd>
          </>
        )}
        {voucher.buyerEmail && (
          <>
            <dt>{t('vouchers.buyer_email')}</dt>
            <dd>{voucher.buyerEmail}</dd>
          </>
        )}
        {voucher.message && (
          <>
            <dt>{t('vouchers.message')}</dt>
            <dd class="notes">{voucher.message}</dd>
          </>
        )}
        {voucher.note && (
          <>
            <dt>{t('vouchers.note')}</dt>
            <dd class="notes">{voucher.note}</dd>
          </>
        )}
      </dl>
      {canMail && (
        <form method="post" action={`/admin/vouchers/${voucher.id}/mail`} class="no-print" data-testid="voucher-mail-again">
          <CsrfField ui={ui} />
          <button type="submit" class="secondary">
            {t('vouchers.mail_again', { email: voucher.buyerEmail })}
          </button>
        </form>
      )}
      <h2 class="no-print">{t('vouchers.ledger')}</h2>
      <div class="no-print">
        <DataTable
          caption={t('vouchers.ledger')}
          testId="voucher-ledger"
          columns={[
            t('vouchers.col.date'),
            t('vouchers.col.kind'),
            t('vouchers.col.amount'),
            t('vouchers.col.balance_after'),
            t('vouchers.col.booking'),
            t('vouchers.col.staff'),
          ]}
          rows={ledger}
          empty={<p class="meta">{t('vouchers.no_movements')}</p>}
          row={(line) => (
            <tr key={line.id} data-kind={line.kind} data-cents={line.amountCents}>
              <th scope="row">{formatDateTime(line.at, lang)}</th>
              <td>{t(MOVEMENT_LABELS[line.kind])}</td>
              <td class="money">{money(line.amountCents)}</td>
              <td class="money">{money(line.balanceAfterCents)}</td>
              <td>{line.bookingId && <a href={`/admin/bookings/${line.bookingId}`}>{line.bookingReference}</a>}</td>
              <td>{line.staffName ?? ''}</td>
            </tr>
          )}
        />
      </div>
    </AdminLayout>
  );
}
