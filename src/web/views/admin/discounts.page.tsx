import type { Venue } from '../../../core/catalog/activity.js';
import type { DiscountChoices } from '../../../core/discounts/discount-admin.service.js';
import { type DiscountCode, MAX_CODE_LENGTH } from '../../../core/discounts/discount-code.js';
import type { DiscountCodeForm } from '../../../core/discounts/discount-form.js';
import { formatCount, formatMoney, formatPercent } from '../../../core/i18n/format.js';
import { can } from '../../../core/staff/staff.js';
import type { FieldMessages } from '../../field-errors.js';
import type { MessageKey } from '../../i18n/i18n.js';
import { ErrorSummary, InputField } from '../components.js';
import { DataTable } from '../data-table.js';
import { AdminLayout, CsrfField, PostButton } from './admin-layout.js';
import type { AdminUi } from './admin-ui.js';

const LABELS: Record<string, MessageKey> = {
  venueId: 'discounts.venue',
  code: 'discounts.code',
  kind: 'discounts.kind',
  value: 'discounts.value',
  per: 'discounts.per',
  validFrom: 'discounts.valid_from',
  validUntil: 'discounts.valid_until',
  minGroupSize: 'discounts.min_group_size',
  maxUses: 'discounts.max_uses',
  activityIds: 'discounts.activities',
};

/** What a code gives, in words: "10%", "€ 5,00 per booking", "€ 2,00 per person". */
function discountText(ui: AdminUi, code: DiscountCode): string {
  const { terms } = code;
  if (terms.kind === 'percent') return formatPercent(terms.percent, ui.lang);
  return ui.t(terms.per === 'person' ? 'discounts.amount_per_person' : 'discounts.amount_per_booking', {
    amount: formatMoney(terms.amountCents, ui.lang),
  });
}

/**
 * The venue's codes with their uses: what staff look up when an organiser asks about one. Codes of
 * several venues (an admin's list) name their venue, since each venue may have a code of the same name.
 */
export function DiscountListPage({ ui, codes, venues, saved }: { ui: AdminUi; codes: DiscountCode[]; venues: Venue[]; saved: boolean }) {
  const { t } = ui;
  const venueNames = venues.length > 1 ? new Map(venues.map((v) => [v.id, v.name])) : undefined;
  const editor = can(ui.staff, 'catalog.write');
  const validity = (code: DiscountCode) =>
    code.validFrom || code.validUntil ? `${code.validFrom ?? '…'} – ${code.validUntil ?? '…'}` : t('discounts.always');
  return (
    <AdminLayout ui={ui} title={t('discounts.title')}>
      <h1>{t('discounts.title')}</h1>
      {saved && (
        <p class="notice success" role="status" data-testid="discount-saved">
          {t('discounts.saved')}
        </p>
      )}
      <p class="hint">{t('discounts.intro')}</p>
      {editor && (
        <p>
          <a href="/admin/discounts/new" data-testid="discount-new">
            {t('discounts.new')}
          </a>
        </p>
      )}
      <DataTable
        caption={t('discounts.title')}
        testId="discount-list"
        columns={[
          t('discounts.code'),
          venueNames && t('discounts.venue'),
          t('discounts.value'),
          t('discounts.validity'),
          t('discounts.uses'),
          t('discounts.status'),
          editor && { hidden: t('discounts.actions') },
        ]}
        rows={codes}
        empty={t('discounts.none')}
        row={(code) => (
          <tr key={code.id} data-code={code.terms.code}>
            <th scope="row">{code.terms.code}</th>
            {venueNames && <td data-testid="discount-venue">{venueNames.get(code.venueId)}</td>}
            <td>{discountText(ui, code)}</td>
            <td>{validity(code)}</td>
            <td data-testid="discount-uses">
              {code.maxUses === null
                ? formatCount(code.uses, ui.lang)
                : `${formatCount(code.uses, ui.lang)} / ${formatCount(code.maxUses, ui.lang)}`}
            </td>
            <td>{t(code.active ? 'discounts.active' : 'discounts.inactive')}</td>
            {editor && (
              <td>
                <a href={`/admin/discounts/${code.id}`}>{t('discounts.edit')}</a>
                {code.active && <PostButton ui={ui} action={`/admin/discounts/${code.id}/deactivate`} label={t('discounts.deactivate')} />}
              </td>
            )}
          </tr>
        )}
      />
    </AdminLayout>
  );
}

/** Radio buttons for one choice, the picked one checked. */
export function Choice({ name, legend, picked, options }: { name: string; legend: string; picked: string; options: [string, string][] }) {
  return (
    <fieldset>
      <legend>{legend}</legend>
      {options.map(([value, label]) => (
        <div class="field checkbox" key={value}>
          <input id={`${name}-${value}`} name={name} type="radio" value={value} checked={picked === value} />
          <label for={`${name}-${value}`}>{label}</label>
        </div>
      ))}
    </fieldset>
  );
}

interface FormProps {
  ui: AdminUi;
  /** The code being edited; undefined for a new one. */
  code?: DiscountCode | undefined;
  choices: DiscountChoices;
  values: DiscountCodeForm & { venueId: string };
  errors: FieldMessages;
}

/** A new code, or a code's rules changed (its code itself stays: organisers have it). */
export function DiscountFormPage({ ui, code, choices, values, errors }: FormProps) {
  const { t, lang } = ui;
  const title = code ? t('discounts.edit_title', { code: code.terms.code }) : t('discounts.new');
  const venueId = code?.venueId ?? values.venueId;
  const activities = choices.activities.filter((a) => choices.venues.length === 1 || !venueId || a.venue.id === venueId);
  return (
    <AdminLayout ui={ui} title={title}>
      <p class="breadcrumb">
        <a href="/admin/discounts">{t('discounts.back')}</a>
      </p>
      <h1>{title}</h1>
      <form
        method="post"
        action={code ? `/admin/discounts/${code.id}` : '/admin/discounts'}
        novalidate
        class="narrow-form"
        data-testid="discount-form"
      >
        <CsrfField ui={ui} />
        <ErrorSummary ui={ui} errors={errors} labels={LABELS} />
        {!code && choices.venues.length > 1 && (
          <div class={errors.venueId ? 'field field-error' : 'field'}>
            <label for="venueId">{t('discounts.venue')}</label>
            {errors.venueId && (
              <p class="error" id="venueId-error" data-testid="error-venueId">
                {errors.venueId}
              </p>
            )}
            <select id="venueId" name="venueId">
              <option value="">{t('discounts.choose_venue')}</option>
              {choices.venues.map((v) => (
                <option key={v.id} value={v.id} selected={v.id === values.venueId}>
                  {v.name}
                </option>
              ))}
            </select>
          </div>
        )}
        {code ? (
          <input type="hidden" name="code" value={code.terms.code} />
        ) : (
          <InputField
            id="code"
            name="code"
            label={t('discounts.code')}
            hint={t('discounts.code_hint')}
            error={errors.code}
            type="text"
            autocomplete="off"
            spellcheck={false}
            maxLength={MAX_CODE_LENGTH}
            value={values.code}
          />
        )}
        <Choice
          name="kind"
          legend={t('discounts.kind')}
          picked={values.kind === 'amount' ? 'amount' : 'percent'}
          options={[
            ['percent', t('discounts.kind_percent')],
            ['amount', t('discounts.kind_amount')],
          ]}
        />
        <InputField
          id="value"
          name="value"
          label={t('discounts.value')}
          hint={t('discounts.value_hint')}
          error={errors.value}
          type="text"
          inputmode="decimal"
          autocomplete="off"
          value={values.value}
        />
        <Choice
          name="per"
          legend={t('discounts.per')}
          picked={values.per === 'person' ? 'person' : 'booking'}
          options={[
            ['booking', t('discounts.per_booking')],
            ['person', t('discounts.per_person')],
          ]}
        />
        <InputField
          id="validFrom"
          name="validFrom"
          label={t('discounts.valid_from')}
          hint={t('discounts.valid_hint')}
          error={errors.validFrom}
          type="date"
          value={values.validFrom}
        />
        <InputField
          id="validUntil"
          name="validUntil"
          label={t('discounts.valid_until')}
          error={errors.validUntil}
          type="date"
          value={values.validUntil}
        />
        {(['minGroupSize', 'maxUses'] as const).map((name) => (
          <InputField
            key={name}
            id={name}
            name={name}
            label={t(LABELS[name]!)}
            hint={t('discounts.optional_hint')}
            error={errors[name]}
            type="text"
            inputmode="numeric"
            autocomplete="off"
            value={values[name]}
          />
        ))}
        <fieldset data-testid="discount-activities">
          <legend>{t('discounts.activities')}</legend>
          <p class="hint">{t('discounts.activities_hint')}</p>
          {errors.activityIds && (
            <p class="error" data-testid="error-activityIds">
              {errors.activityIds}
            </p>
          )}
          {activities.map((a) => (
            <div class="field checkbox" key={a.id}>
              <input id={`activity-${a.id}`} name="activityIds" type="checkbox" value={a.id} checked={values.activityIds.includes(a.id)} />
              <label for={`activity-${a.id}`}>
                {a.title[lang]}
                {choices.venues.length > 1 ? ` (${a.venue.name})` : ''}
              </label>
            </div>
          ))}
        </fieldset>
        <div class="field checkbox">
          <input id="active" name="active" type="checkbox" value="yes" checked={values.active} />
          <label for="active">{t('discounts.active_label')}</label>
        </div>
        <button type="submit">{t('discounts.save')}</button>
      </form>
    </AdminLayout>
  );
}
