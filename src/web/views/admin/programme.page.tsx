import type { PartForm } from '../../../core/resources/programme-admin.service.js';
import type { RotationForm } from '../../../core/resources/rotation-admin.service.js';
import type { ProgrammeOverview } from '../../../core/resources/programme-overview.service.js';
import type { ProgrammePart } from '../../../core/resources/programme.js';
import type { Pricing } from '../../../core/catalog/pricing.js';
import { formatMoney } from '../../../core/i18n/format.js';
import type { FieldMessages } from '../../field-errors.js';
import { DataTable } from '../data-table.js';
import { AdminLayout, CsrfField } from './admin-layout.js';
import type { AdminUi } from './admin-ui.js';
import { PartFormFields, partErrors, sinceStart } from './programme-part-form.js';
import { RotationFormFields, rotationErrors } from './programme-rotation-form.js';
import { count } from '../../../core/i18n/i18n.js';

/** "Rondvaart: per persoon: € 12,50 per persoon, laag tarief": a price line of the programme in words. */
function priceLineText(ui: AdminUi, line: Pricing[number]): string {
  const { t, lang } = ui;
  const basis = t(
    line.basis === 'category'
      ? 'activity_form.per_category'
      : line.basis === 'person'
        ? 'activity_form.per_person'
        : 'activity_form.per_group',
  );
  const amount = line.amountCents === undefined ? t('programmes_admin.banded') : formatMoney(line.amountCents, lang);
  return `${line.label[lang]}: ${amount} ${basis}, ${t(line.vat === 'low' ? 'activity_form.vat_low' : 'activity_form.vat_high')}`;
}

function PartRow({ ui, part, programme }: { ui: AdminUi; part: ProgrammePart; programme: ProgrammeOverview }) {
  const { t, lang } = ui;
  const base = `/admin/activities/${programme.activity.id}/programme/parts/${part.id}`;
  const activity = part.partActivityId === null ? undefined : programme.partActivities.get(part.partActivityId);
  return (
    <tr data-part={part.id}>
      <td>
        {sinceStart(part.offsetMinutes)}–{sinceStart(part.offsetMinutes + part.durationMinutes)}
      </td>
      <th scope="row">{part.title[lang]}</th>
      <td>{activity ? <a href={`/admin/activities/${activity.id}`}>{activity.title[lang]}</a> : '—'}</td>
      <td>
        {part.resources.length === 0
          ? '—'
          : part.resources
              .map((r) => (r.bufferMinutes > 0 ? `${r.name} (+${t('resources_admin.minutes', { n: count(r.bufferMinutes) })})` : r.name))
              .join(', ')}
      </td>
      <td>
        {activity ? t('programmes_admin.group_range', { min: count(activity.minGroupSize), max: count(activity.maxGroupSize) }) : '—'}
      </td>
      <td>
        <a href={base} aria-label={t('programmes_admin.edit_part', { title: part.title[lang] })}>
          {t('programmes_admin.edit')}
        </a>{' '}
        <form method="post" action={`${base}/delete`} class="inline-form">
          <CsrfField ui={ui} />
          <button type="submit" class="button-danger" aria-label={t('programmes_admin.remove_part', { title: part.title[lang] })}>
            {t('programmes_admin.remove')}
          </button>
        </form>
      </td>
    </tr>
  );
}

function GroupLimits({ ui, programme }: { ui: AdminUi; programme: ProgrammeOverview }) {
  const { t } = ui;
  const { activity, limits, rotation } = programme;
  return (
    <div data-testid="group-limits">
      <p>{t('programmes_admin.limits_own', { min: count(activity.minGroupSize), max: count(activity.maxGroupSize) })}</p>
      {limits === null ? (
        <p>{t('programmes_admin.limits_none')}</p>
      ) : (
        <>
          <p>{t('programmes_admin.limits_parts', { min: count(limits.min), max: count(limits.max) })}</p>
          {limits.outside && (
            <p class="notice warning" role="status" data-testid="limits-warning">
              {t(limits.min > limits.max ? 'programmes_admin.limits_impossible' : 'programmes_admin.limits_outside')}
            </p>
          )}
        </>
      )}
      {rotation && (
        <>
          <p data-testid="limits-rotation">
            {t('programmes_admin.limits_rotation', { size: count(rotation.subgroupSize), n: rotation.parts, max: count(rotation.largest) })}
          </p>
          <p class="hint">{t('programmes_admin.limits_rotation_hint')}</p>
        </>
      )}
    </div>
  );
}

interface Props {
  ui: AdminUi;
  programme: ProgrammeOverview;
  /** The part being changed; undefined when the form adds one. */
  editing?: ProgrammePart | undefined;
  values: PartForm;
  /** The subgroups form: as saved, or as typed after a refusal. */
  rotationValues: RotationForm;
  errors: FieldMessages;
  notice?: 'saved' | 'priced' | undefined;
}

/**
 * An activity's programme: its parts in time order (times from the start, activity, resources with
 * their buffers), the form that adds or changes a part, its subgroups, taking the price from the
 * parts, and the group sizes the parts allow next to the programme's own.
 */
export function ProgrammePage({ ui, programme, editing, values, rotationValues, errors, notice }: Props) {
  const { t, lang } = ui;
  const { activity, parts } = programme;
  const title = t('programmes_admin.title', { title: activity.title[lang] });
  const base = `/admin/activities/${activity.id}/programme`;
  return (
    <AdminLayout ui={ui} title={title}>
      <p class="breadcrumb">
        <a href={`/admin/activities/${activity.id}`}>{t('programmes_admin.back')}</a>
      </p>
      <h1>{title}</h1>
      <p class="hint">{t('programmes_admin.intro')}</p>
      <p>{t('programmes_admin.duration', { minutes: count(activity.durationMinutes) })}</p>
      {notice && (
        <p class="notice success" role="status" data-testid="saved">
          {t(notice === 'priced' ? 'programmes_admin.priced' : 'programmes_admin.saved')}
        </p>
      )}

      <h2>{t('programmes_admin.parts')}</h2>
      <DataTable
        caption={t('programmes_admin.parts')}
        testId="parts"
        columns={[
          t('programmes_admin.time'),
          t('programmes_admin.part'),
          t('programmes_admin.activity'),
          t('programmes_admin.resources'),
          t('programmes_admin.group'),
          { hidden: t('programmes_admin.actions') },
        ]}
        rows={parts}
        empty={<p data-testid="parts-none">{t('programmes_admin.none')}</p>}
        row={(part) => <PartRow key={part.id} ui={ui} part={part} programme={programme} />}
      />

      <h2>{editing ? t('programmes_admin.editing', { title: editing.title[lang] }) : t('programmes_admin.add')}</h2>
      {editing && (
        <p>
          <a href={base}>{t('programmes_admin.new_part')}</a>
        </p>
      )}
      <PartFormFields
        ui={ui}
        action={editing ? `${base}/parts/${editing.id}` : `${base}/parts`}
        submit={t(editing ? 'programmes_admin.save' : 'programmes_admin.add')}
        values={values}
        errors={partErrors(errors)}
        choices={programme.choices}
        resources={programme.resources}
      />

      {parts.length > 0 && (
        <>
          <h2>{t('programmes_admin.subgroups')}</h2>
          <p class="hint">{t('programmes_admin.subgroups_intro')}</p>
          <RotationFormFields ui={ui} action={`${base}/subgroups`} parts={parts} values={rotationValues} errors={rotationErrors(errors)} />
        </>
      )}

      <h2>{t('programmes_admin.price')}</h2>
      <p class="hint">{t('programmes_admin.price_intro')}</p>
      <p>{t('programmes_admin.price_lines')}:</p>
      <ul data-testid="price-lines">
        {activity.pricing.map((line, i) => (
          <li key={i}>{priceLineText(ui, line)}</li>
        ))}
      </ul>
      <form method="post" action={`${base}/price`} class="narrow-form" data-testid="price-form">
        <CsrfField ui={ui} />
        {errors.price && (
          <p class="error" id="price-error" role="alert" data-testid="error-price">
            {errors.price}
          </p>
        )}
        <button type="submit" id="price" aria-describedby={errors.price ? 'price-error' : undefined}>
          {t('programmes_admin.price_from_parts')}
        </button>
      </form>

      <h2>{t('programmes_admin.limits')}</h2>
      <GroupLimits ui={ui} programme={programme} />
    </AdminLayout>
  );
}
