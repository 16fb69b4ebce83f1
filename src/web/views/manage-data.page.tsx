import type { ComponentChildren } from 'preact';
import type { BookingData, BookingErasure } from '../../core/privacy/data-requests.js';
import { formatCount, formatDate, formatDateTime, formatMoney, formatRange } from '../../core/i18n/format.js';
import { STATUS_LABELS } from '../../core/i18n/status-labels.js';
import { isActorKind } from '../../core/activity-log/activity-log.js';
import { BOOKING_STATUSES, type BookingStatus } from '../../core/shared/booking-status.js';
import type { MessageKey } from '../i18n/i18n.js';
import { actionLabel, actorLabel, detailName, detailValue } from './admin/activity-log-labels.js';
import { type Column, DataTable } from './data-table.js';
import { Layout } from './layout.js';
import { managePath } from './manage-actions.js';
import type { Ui } from './ui.js';

/** The organiser's data pages: their data as a page, the erasure's confirmation and its outcome. */

export function dataPath(token: string): string {
  return `${managePath(token)}/data`;
}

export function statusText(ui: Ui, status: string): string {
  return (BOOKING_STATUSES as readonly string[]).includes(status) ? ui.t(STATUS_LABELS[status as BookingStatus]) : status;
}

/** How the booking is paid, in words; an unknown value as it is. */
const PAY_BY: Record<string, MessageKey> = {
  venue: 'money.pay_by.venue',
  online: 'money.pay_by.online',
  invoice: 'money.pay_by.invoice',
};
const LANGUAGES: Record<string, MessageKey> = { nl: 'data.language.nl', en: 'data.language.en' };
const named = (ui: Ui, names: Record<string, MessageKey>, code: string) => (Object.hasOwn(names, code) ? ui.t(names[code]!) : code);

/** Who made a change in the booking's history: the venue's staff unnamed, as the download leaves them. */
const byWhom = (ui: Ui, kind: string | null) =>
  kind === 'staff' ? ui.t('data.actor.staff') : actorLabel(ui, { actorEmail: null, actorKind: isActorKind(kind) ? kind : null });

const when = (ui: Ui, instant: string | null) => (instant === null ? '' : formatDateTime(new Date(instant), ui.lang));

/** A plain rendering of a value the page has no words for (answers, a detail): "key: value" pairs. */
function plain(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'object') return String(value);
  if (Array.isArray(value)) return value.map(plain).join(', ');
  return Object.entries(value as Record<string, unknown>)
    .map(([key, v]) => `${key}: ${plain(v)}`)
    .join('; ');
}

/** A history entry's details as the page's words: each name translated, money and instants written the page's way. */
function historyDetail(ui: Ui, detail: Record<string, unknown>): string {
  return Object.entries(detail)
    .map(([key, value]) => {
      const shown = value === null || ['string', 'number', 'boolean'].includes(typeof value);
      return `${detailName(ui, key)}: ${shown ? detailValue(ui, key, value as string | number | boolean | null) : plain(value)}`;
    })
    .join('; ');
}

function Row({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

function Section<T>({
  ui,
  title,
  testId,
  columns,
  rows,
  row,
}: {
  ui: Ui;
  title: string;
  testId: string;
  columns: Column[];
  rows: readonly T[];
  row: (item: T) => ComponentChildren;
}) {
  return (
    <section data-testid={testId}>
      <h2>{title}</h2>
      <DataTable caption={title} columns={columns} rows={rows} row={(item) => <tr>{row(item)}</tr>} empty={<p>{ui.t('data.none')}</p>} />
    </section>
  );
}

/** The booking's own fields the page names; the rest follow as they are in the download. */
const NAMED_FIELDS = new Set<keyof BookingData['booking']>([
  'reference',
  'status',
  'venue',
  'activity',
  'visit',
  'organiser',
  'notes',
  'billing',
  'groupSize',
  'party',
  'partyText',
  'totalCents',
  'vatCents',
  'adjustmentCents',
  'payBy',
  'termsVersion',
  'discount',
  'language',
  'createdAt',
  'confirmedAt',
  'cancelledAt',
  'optionExpiresAt',
]);

/** Everything held about the booking, as a page; the same gathering as the JSON download. */
export function ManageDataPage({ ui, data, token }: { ui: Ui; data: BookingData; token: string }) {
  const { t, lang } = ui;
  const b = data.booking;
  const money = (cents: number) => formatMoney(cents, lang);
  const billing = [b.billing.organisation, b.billing.address, b.billing.reference, b.billing.vatId, b.billing.country].filter(Boolean);
  const other = Object.fromEntries(Object.entries(b).filter(([key]) => !NAMED_FIELDS.has(key as keyof BookingData['booking'])));
  const title = t('data.title', { reference: b.reference });
  return (
    <Layout ui={ui} title={title}>
      <h1>{title}</h1>
      <p>{t('data.intro')}</p>
      <p class="actions">
        <a class="button" href={`${dataPath(token)}.json`} download data-testid="data-download">
          {t('data.download')}
        </a>{' '}
        <a class="button button-secondary" href={managePath(token)}>
          {t('manage.back')}
        </a>
      </p>
      <section data-testid="data-booking">
        <h2>{t('data.booking')}</h2>
        <dl class="summary">
          <Row label={t('manage.reference')}>{b.reference}</Row>
          <Row label={t('data.field.status')}>{statusText(ui, b.status)}</Row>
          <Row label={t('data.field.venue')}>{b.venue}</Row>
          <Row label={t('data.field.activity')}>{b.activity[lang]}</Row>
          <Row label={t('data.field.visit')}>{formatRange(new Date(b.visit.startsAt), new Date(b.visit.endsAt), lang)}</Row>
          <Row label={t('data.field.organiser')}>{b.organiser.name}</Row>
          <Row label={t('data.field.email')}>{b.organiser.email}</Row>
          <Row label={t('data.field.phone')}>{b.organiser.phone}</Row>
          <Row label={t('data.field.organisation')}>{b.organiser.organisation}</Row>
          <Row label={t('data.field.notes')}>
            <span class="notes">{b.notes}</span>
          </Row>
          <Row label={t('data.field.billing')}>{billing.join(', ')}</Row>
          <Row label={t('data.field.group_size')}>{formatCount(b.groupSize, lang)}</Row>
          {b.partyText !== null && <Row label={t('data.field.party')}>{b.partyText[lang]}</Row>}
          <Row label={t('data.field.total')}>{money(b.totalCents)}</Row>
          <Row label={t('data.field.vat')}>{money(b.vatCents)}</Row>
          {b.adjustmentCents !== 0 && <Row label={t('data.field.adjustment')}>{money(b.adjustmentCents)}</Row>}
          <Row label={t('data.field.pay_by')}>{named(ui, PAY_BY, b.payBy)}</Row>
          <Row label={t('data.field.terms_version')}>{b.termsVersion ?? ''}</Row>
          {b.discount && <Row label={t('data.field.discount')}>{b.discount.code ?? plain(b.discount.terms)}</Row>}
          <Row label={t('data.field.language')}>{named(ui, LANGUAGES, b.language)}</Row>
          <Row label={t('data.field.created_at')}>{when(ui, b.createdAt)}</Row>
          {b.confirmedAt && <Row label={t('data.field.confirmed_at')}>{when(ui, b.confirmedAt)}</Row>}
          {b.cancelledAt && <Row label={t('data.field.cancelled_at')}>{when(ui, b.cancelledAt)}</Row>}
          {b.optionExpiresAt && <Row label={t('data.field.option_expires_at')}>{when(ui, b.optionExpiresAt)}</Row>}
        </dl>
        <h3>{t('data.field.other')}</h3>
        <p class="hint">{t('data.other_hint')}</p>
        <pre class="data-json" data-testid="data-other">
          {JSON.stringify(other, null, 2)}
        </pre>
      </section>
      <Section
        ui={ui}
        title={t('data.participants')}
        testId="data-participants"
        columns={[t('data.col.name'), t('data.col.answers'), { figure: t('data.col.date') }]}
        rows={data.participants}
        row={(p) => (
          <>
            <th scope="row">{p.name}</th>
            <td>{plain(p.answers)}</td>
            <td>{when(ui, p.createdAt)}</td>
          </>
        )}
      />
      <Section
        ui={ui}
        title={t('data.extras')}
        testId="data-extras"
        columns={[t('data.col.extra'), { figure: t('data.col.quantity') }, { figure: t('data.col.amount') }]}
        rows={data.extras}
        row={(e) => (
          <>
            <th scope="row">{e.label[lang]}</th>
            <td>{formatCount(e.quantity, lang)}</td>
            <td>{money(e.amountCents)}</td>
          </>
        )}
      />
      <Section
        ui={ui}
        title={t('data.staff_notes')}
        testId="data-staff-notes"
        columns={[{ figure: t('data.col.date') }, t('data.col.note')]}
        rows={data.staffNotes}
        row={(n) => (
          <>
            <th scope="row">{when(ui, n.createdAt)}</th>
            <td class="notes">{n.body}</td>
          </>
        )}
      />
      <Section
        ui={ui}
        title={t('data.payments')}
        testId="data-payments"
        columns={[
          { figure: t('data.col.date') },
          t('data.col.method'),
          { figure: t('data.col.amount') },
          { figure: t('data.col.status') },
          t('data.col.note'),
        ]}
        rows={data.payments}
        row={(p) => (
          <>
            <th scope="row">{when(ui, p.paidAt ?? p.createdAt)}</th>
            <td>{p.method}</td>
            <td>{money(p.amountCents)}</td>
            <td>{p.status}</td>
            <td>{p.note}</td>
          </>
        )}
      />
      <Section
        ui={ui}
        title={t('data.refunds')}
        testId="data-refunds"
        columns={[{ figure: t('data.col.date') }, { figure: t('data.col.amount') }, { figure: t('data.col.status') }, t('data.col.reason')]}
        rows={data.refunds}
        row={(r) => (
          <>
            <th scope="row">{when(ui, r.createdAt)}</th>
            <td>{money(r.amountCents)}</td>
            <td>{r.status}</td>
            <td>{r.reason || r.cause}</td>
          </>
        )}
      />
      <Section
        ui={ui}
        title={t('data.invoices')}
        testId="data-invoices"
        columns={[
          { figure: t('data.col.number') },
          { figure: t('data.col.kind') },
          { figure: t('data.col.date') },
          { figure: t('data.col.due') },
          { figure: t('data.col.amount') },
          { figure: t('data.col.kept_until') },
        ]}
        rows={data.invoices}
        row={(i) => (
          <>
            <th scope="row">{i.number}</th>
            <td>{i.kind}</td>
            <td>{i.issueDate}</td>
            <td>{i.dueOn ?? ''}</td>
            <td>{money(i.totalCents)}</td>
            <td>{i.retainUntil}</td>
          </>
        )}
      />
      <Section
        ui={ui}
        title={t('data.mails')}
        testId="data-mails"
        columns={[{ figure: t('data.col.date') }, t('data.col.kind'), t('data.col.recipient'), { figure: t('data.col.status') }]}
        rows={data.mails}
        row={(m) => (
          <>
            <th scope="row">{when(ui, m.sentAt ?? m.createdAt)}</th>
            <td>{m.kind}</td>
            <td>{m.recipient}</td>
            <td>{m.status}</td>
          </>
        )}
      />
      {data.partMoves.length > 0 && (
        <Section
          ui={ui}
          title={t('data.part_moves')}
          testId="data-part-moves"
          columns={[t('data.col.part'), { figure: t('data.col.offset') }, { figure: t('data.col.date') }]}
          rows={data.partMoves}
          row={(m) => (
            <>
              <th scope="row">{m.part[lang]}</th>
              <td>{m.offsetMinutes}</td>
              <td>{when(ui, m.createdAt)}</td>
            </>
          )}
        />
      )}
      <Section
        ui={ui}
        title={t('data.history')}
        testId="data-history"
        columns={[{ figure: t('data.col.date') }, t('data.col.action'), t('data.col.by'), t('data.col.detail')]}
        rows={data.history}
        row={(h) => (
          <>
            <th scope="row">{when(ui, h.at)}</th>
            <td>{actionLabel(ui, h.action)}</td>
            <td>{byWhom(ui, h.actorKind)}</td>
            <td>{historyDetail(ui, h.detail)}</td>
          </>
        )}
      />
    </Layout>
  );
}

/** What stays after an erasure, and why: the invoices (the law), the figures without a name. */
export function KeptAfterErasure({ ui, invoices }: { ui: Ui; invoices: readonly string[] }) {
  const { t } = ui;
  return (
    <section data-testid="data-kept">
      <h2>{t('data.kept.title')}</h2>
      <p>{invoices.length > 0 ? t('data.kept.invoices', { numbers: invoices.join(', ') }) : t('data.kept.no_invoices')}</p>
      <p>{t('data.kept.statistics')}</p>
    </section>
  );
}

/** The erasure's confirmation: what happens now (at once, or after the visit), what stays. */
export function ManageErasePage({
  ui,
  token,
  reference,
  erasableNow,
  endsAt,
  requestedAt,
}: {
  ui: Ui;
  token: string;
  reference: string;
  erasableNow: boolean;
  endsAt: Date;
  requestedAt: string | null;
}) {
  const { t, lang } = ui;
  return (
    <Layout ui={ui} title={t('data.erase.title')}>
      <h1>{t('data.erase.title')}</h1>
      <p class="reference">
        {t('manage.reference')} <strong data-testid="booking-reference">{reference}</strong>
      </p>
      {requestedAt && <p class="notice">{t('data.erase.already', { date: formatDate(new Date(requestedAt), lang) })}</p>}
      <p data-testid="erase-when">
        {erasableNow ? t('data.erase.now') : t('data.erase.after_visit', { end: formatDateTime(endsAt, lang) })}
      </p>
      <p>{t('data.erase.kept')}</p>
      <form method="post" action={`${managePath(token)}/erase`} data-testid="erase-form">
        <button type="submit" class="button-danger">
          {t('data.erase.confirm')}
        </button>
      </form>
      <p class="actions">
        <a class="button button-secondary" href={`${dataPath(token)}.json`} download>
          {t('data.download')}
        </a>{' '}
        <a class="button button-secondary" href={managePath(token)}>
          {t('data.erase.keep')}
        </a>
      </p>
    </Layout>
  );
}

/** The erasure's outcome, shown in the POST's answer (once erased, the link opens nothing). */
export function ManageErasedPage({ ui, token, erasure }: { ui: Ui; token: string; erasure: BookingErasure }) {
  const { t, lang } = ui;
  const erased = erasure.outcome === 'erased';
  const title = t(erased ? 'data.erased.title' : 'data.scheduled.title');
  return (
    <Layout ui={ui} title={title}>
      <h1>{title}</h1>
      <p class="notice success" role="status" data-testid="erasure-outcome" data-outcome={erasure.outcome}>
        {erased
          ? t('data.erased.done', { reference: erasure.reference })
          : t('data.scheduled.done', { reference: erasure.reference, end: formatDateTime(new Date(erasure.endsAt), lang) })}
      </p>
      <KeptAfterErasure ui={ui} invoices={erasure.invoicesKept} />
      {!erased && (
        <p class="actions">
          <a class="button button-secondary" href={managePath(token)}>
            {t('manage.back')}
          </a>
        </p>
      )}
    </Layout>
  );
}
