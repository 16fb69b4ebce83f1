import type { Activity } from '../../../core/catalog/activity.js';
import type { Extra } from '../../../core/catalog/extras.js';
import type { ExtraForm } from '../../../core/catalog/extras-admin.service.js';
import { formatCount, formatMoney } from '../../../core/i18n/format.js';
import type { FieldMessages } from '../../field-errors.js';
import type { MessageKey } from '../../i18n/i18n.js';
import { ErrorSummary, Field, InputField } from '../components.js';
import { DataTable } from '../data-table.js';
import { AdminLayout, CsrfField } from './admin-layout.js';
import type { AdminUi } from './admin-ui.js';

const LABELS: Record<string, MessageKey> = {
  labelNl: 'extras_admin.label_nl',
  labelEn: 'extras_admin.label_en',
  basis: 'extras_admin.basis',
  vat: 'extras_admin.vat',
  amount: 'extras_admin.amount',
  stock: 'extras_admin.stock',
  maxPerBooking: 'extras_admin.max_per_booking',
  position: 'extras_admin.position',
};

interface TextInput {
  name: 'labelNl' | 'labelEn' | 'amount' | 'stock' | 'maxPerBooking' | 'position';
  hint?: MessageKey;
  inputmode?: 'decimal' | 'numeric';
  required?: boolean;
  maxLength?: number;
}

const LABEL_INPUTS: TextInput[] = [
  { name: 'labelNl', required: true, maxLength: 80 },
  { name: 'labelEn', required: true, maxLength: 80 },
];

const NUMBER_INPUTS: TextInput[] = [
  { name: 'amount', hint: 'extras_admin.amount_hint', inputmode: 'decimal', required: true },
  { name: 'stock', hint: 'extras_admin.stock_hint', inputmode: 'numeric' },
  { name: 'maxPerBooking', hint: 'extras_admin.max_per_booking_hint', inputmode: 'numeric' },
  { name: 'position', inputmode: 'numeric', required: true },
];

const BASIS_LABELS = { person: 'extras_admin.basis_person', group: 'extras_admin.basis_group', unit: 'extras_admin.basis_unit' } as const;

interface Props {
  ui: AdminUi;
  activity: Activity;
  extras: readonly Extra[];
  /** The extra being changed; undefined on the page that adds one. */
  editing?: Extra | undefined;
  values: ExtraForm;
  errors: FieldMessages;
  saved?: boolean;
}

/** An activity's extras (lunch, equipment, a guide): the list, and the form that adds or changes one. */
export function ExtrasPage({ ui, activity, extras, editing, values, errors, saved = false }: Props) {
  const { t, lang } = ui;
  const title = t('extras_admin.title', { title: activity.title[lang] });
  const base = `/admin/activities/${activity.id}/extras`;
  const invalid = (name: string) => (errors[name] ? 'true' : undefined);
  const textInput = ({ name, hint, ...input }: TextInput) => (
    <InputField
      key={name}
      id={name}
      name={name}
      label={t(LABELS[name]!)}
      hint={hint && t(hint)}
      value={values[name]}
      error={errors[name]}
      {...input}
    />
  );
  return (
    <AdminLayout ui={ui} title={title}>
      <p class="breadcrumb">
        <a href={`/admin/activities/${activity.id}`}>{t('extras_admin.back')}</a>
      </p>
      <h1>{title}</h1>
      <p class="hint">{t('extras_admin.intro')}</p>
      {saved && (
        <p class="notice success" role="status" data-testid="saved">
          {t('extras_admin.saved')}
        </p>
      )}
      <DataTable
        caption={t('extras_admin.list')}
        testId="extras-list"
        columns={[
          // The names in the page's language: those the rows show.
          t('extras_admin.name'),
          t('extras_admin.basis'),
          t('extras_admin.amount'),
          t('extras_admin.stock'),
          t('extras_admin.state'),
        ]}
        rows={extras}
        empty={<p data-testid="extras-none">{t('extras_admin.none')}</p>}
        row={(extra) => (
          <tr key={extra.id}>
            <th scope="row">
              <a href={`${base}/${extra.id}`}>{extra.label[lang]}</a>
            </th>
            <td>{t(BASIS_LABELS[extra.basis])}</td>
            <td>{formatMoney(extra.amountCents, lang)}</td>
            <td>{extra.stock === null ? t('extras_admin.unlimited') : formatCount(extra.stock, lang)}</td>
            <td>
              {[extra.active ? t('extras_admin.active') : t('extras_admin.inactive'), extra.required ? t('extras_admin.required') : '']
                .filter(Boolean)
                .join(', ')}
            </td>
          </tr>
        )}
      />
      <h2>{editing ? t('extras_admin.edit', { label: editing.label[lang] }) : t('extras_admin.add')}</h2>
      <form method="post" action={editing ? `${base}/${editing.id}` : base} novalidate data-testid="extra-form">
        <ErrorSummary ui={ui} errors={errors} labels={LABELS} />
        <CsrfField ui={ui} />
        {LABEL_INPUTS.map((input) => textInput(input))}
        <Field name="basis" label={t('extras_admin.basis')} error={errors.basis}>
          {(describedBy) => (
            <select id="basis" name="basis" aria-describedby={describedBy} aria-invalid={invalid('basis')}>
              {(['person', 'group', 'unit'] as const).map((basis) => (
                <option key={basis} value={basis} selected={values.basis === basis}>
                  {t(BASIS_LABELS[basis])}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field name="vat" label={t('extras_admin.vat')} error={errors.vat}>
          {(describedBy) => (
            <select id="vat" name="vat" aria-describedby={describedBy} aria-invalid={invalid('vat')}>
              <option value="low" selected={values.vat === 'low'}>
                {t('activity_form.vat_low')}
              </option>
              <option value="high" selected={values.vat === 'high'}>
                {t('activity_form.vat_high')}
              </option>
            </select>
          )}
        </Field>
        {NUMBER_INPUTS.map((input) => textInput(input))}
        <div class="field checkbox">
          <input id="required" name="required" type="checkbox" value="yes" checked={values.required === 'yes'} />
          <label for="required">{t('extras_admin.required_label')}</label>
        </div>
        <div class="field checkbox">
          <input id="active" name="active" type="checkbox" value="yes" checked={values.active === 'yes'} />
          <label for="active">{t('extras_admin.active_label')}</label>
        </div>
        <button type="submit">{t(editing ? 'extras_admin.save' : 'extras_admin.add')}</button>
      </form>
    </AdminLayout>
  );
}
