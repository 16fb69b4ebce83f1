import type { ActivityForm } from '../../../core/catalog/activity-admin.service.js';
import { MAX_LINE_AMOUNT_CENTS, PRICE_LINE_LIMITS, type PriceLineForm } from '../../../core/catalog/price-lines-form.js';
import { isBanded } from '../../../core/catalog/pricing.js';
import { type Activity, PARTICIPANT_FIELDS, type ParticipantField, RULE_LIMITS, type Venue } from '../../../core/catalog/activity.js';
import type { MessageKey } from '../../i18n/i18n.js';
import type { Resource } from '../../../core/resources/resource.js';
import type { AdminUi } from './admin-ui.js';
import { ErrorSummary, Field, InputField } from '../components.js';
import { type FieldMessages } from '../../field-errors.js';
import { CategoryField } from '../category-field.js';
import { ActivityStatusField, PRACTICAL_LABELS, PracticalFields } from './activity-practical-fields.js';
import { AdminLayout, CsrfField } from './admin-layout.js';
import { PaymentFields, paymentLabels } from './activity-payment-fields.js';
import type { MollieKeySource } from '../../../core/payments/mollie-key-source.js';
import { count, money } from '../../../core/i18n/i18n.js';

type TextName = 'slug' | 'titleNl' | 'titleEn' | 'location' | 'durationMinutes' | 'minGroupSize' | 'maxGroupSize' | 'cutoffHours';

const LABELS: Record<string, MessageKey> = {
  venueId: 'activity_form.venue',
  slug: 'activity_form.slug',
  titleNl: 'activity_form.title_nl',
  titleEn: 'activity_form.title_en',
  descriptionNl: 'activity_form.description_nl',
  descriptionEn: 'activity_form.description_en',
  location: 'activity_form.location',
  category: 'activity_form.category',
  durationMinutes: 'activity_form.duration',
  minGroupSize: 'activity_form.min_group_size',
  maxGroupSize: 'activity_form.max_group_size',
  cutoffHours: 'activity_form.cutoff_hours',
  bookingMode: 'rules.booking_mode',
  optionHours: 'rules.option_hours',
  optionMinDaysBefore: 'rules.option_min_days',
  optionMaxPerEmail: 'rules.option_max_per_email',
  cancelUntilHours: 'rules.cancel_until_hours',
  participantFields: 'rules.participant_fields',
};

type RuleNumber = 'optionHours' | 'optionMinDaysBefore' | 'optionMaxPerEmail' | 'cancelUntilHours';

const RULE_HINTS: Record<RuleNumber, MessageKey> = {
  optionHours: 'rules.option_hours_hint',
  optionMinDaysBefore: 'rules.option_min_days_hint',
  optionMaxPerEmail: 'rules.option_max_per_email_hint',
  cancelUntilHours: 'rules.cancel_until_hours_hint',
};

const PARTICIPANT_FIELD_LABELS: Record<ParticipantField, MessageKey> = {
  dietary: 'rules.participant.dietary',
  allergies: 'rules.participant.allergies',
  emergency_phone: 'rules.participant.emergency_phone',
};

const LINE_LABELS: Record<keyof PriceLineForm, MessageKey> = {
  labelNl: 'activity_form.line_label_nl',
  labelEn: 'activity_form.line_label_en',
  basis: 'activity_form.line_basis',
  vat: 'activity_form.line_vat',
  amount: 'activity_form.line_amount',
  minCount: 'activity_form.line_min_count',
  maxCount: 'activity_form.line_max_count',
  freePer: 'activity_form.line_free_per',
  freeOf: 'activity_form.line_free_of',
};

/** Every field's label for the error summary, the price lines' fields included. */
function summaryLabels(lines: number, tiers: number): Record<string, MessageKey> {
  const labels = { ...LABELS, ...PRACTICAL_LABELS, ...paymentLabels(tiers) };
  for (let i = 0; i < lines; i++) {
    for (const [field, label] of Object.entries(LINE_LABELS)) labels[`lines.${i}.${field}`] = label;
  }
  return labels;
}

/**
 * The price line or refund tier a field belongs to, as the form names it: its number as the
 * legend shows it, and a price line's description (in the page's language, else the other) when
 * it has one: "Prijsregel 2 (Leerling)". Undefined for a field of no line.
 */
function rowOf(ui: AdminUi, values: ActivityForm, field: string): string | undefined {
  const { t, lang } = ui;
  const [list, index] = field.split('.');
  const n = Number(index) + 1;
  if (list === 'refundTiers') return t('refund_form.tier', { n });
  const line = list === 'lines' ? values.lines[n - 1] : undefined;
  if (!line) return undefined;
  const name = (lang === 'nl' ? [line.labelNl, line.labelEn] : [line.labelEn, line.labelNl]).map((s) => s.trim()).find(Boolean);
  return name ? t('activity_form.price_line_named', { n, name }) : t('activity_form.price_line', { n });
}

/**
 * The errors of the price lines and refund tiers each naming its line: at the field ("Prijsregel 2
 * (Leerling): Vul een bedrag in."), and in the summary by its label ("Prijsregel 2 (Leerling),
 * Bedrag in euro (incl. btw): Vul een bedrag in."), so that no two lines' errors read alike.
 */
function rowErrors(ui: AdminUi, values: ActivityForm, errors: FieldMessages) {
  const labels = summaryLabels(values.lines.length, values.refundTiers.length);
  const atFields: FieldMessages = {};
  const named: Record<string, string> = {};
  for (const [field, message] of Object.entries(errors)) {
    const row = rowOf(ui, values, field);
    atFields[field] = row ? ui.t('form.row_error', { row, message }) : message;
    if (row && labels[field]) named[field] = ui.t('form.row_field', { row, field: ui.t(labels[field]) });
  }
  return { atFields, named, labels };
}

/** The venue's page, where its Mollie key is entered (whoever edits activities may open it). */
function venueHref(venueId: string): string | undefined {
  return venueId ? `/admin/venues/${venueId}` : undefined;
}

interface Props {
  ui: AdminUi;
  values: ActivityForm;
  errors: FieldMessages;
  /** Editing this activity; absent for a new one. */
  activity?: Activity;
  /** The venues a new activity can go to (one for a manager). */
  venues?: Venue[];
  saved?: boolean;
  /** Which Mollie key serves the venue: with none, terms asking for online payment get a notice why it is not offered. */
  keySource?: MollieKeySource | undefined;
  /** The resources the activity's slots use, when editing it. */
  resources?: { resource: Pick<Resource, 'id' | 'name'>; bufferMinutes: number }[];
}

/**
 * Creating or editing an activity: its status, texts in both languages, group sizes, cut-off,
 * practical information, lifecycle rules, payment terms, cancellation policy and fixed price lines.
 */
export function ActivityFormPage({
  ui,
  values,
  errors: typedErrors,
  activity,
  venues = [],
  saved = false,
  keySource,
  resources = [],
}: Props) {
  const { t, lang } = ui;
  const { atFields: errors, named, labels } = rowErrors(ui, values, typedErrors);
  const title = activity ? t('activity_form.edit_title', { title: activity.title[lang] }) : t('activity_form.new_title');
  const action = activity ? `/admin/activities/${activity.id}` : '/admin/activities/new';
  const banded = activity?.pricing.filter(isBanded) ?? [];
  const invalid = (name: string) => (errors[name] ? 'true' : undefined);
  const text = (name: TextName, type = 'text', hint?: string) => (
    <InputField
      id={name}
      label={t(LABELS[name]!)}
      error={errors[name]}
      hint={hint}
      name={name}
      type={type === 'number' ? 'text' : type}
      inputmode={type === 'number' ? 'numeric' : undefined}
      autocomplete={type === 'number' ? 'off' : undefined}
      value={values[name]}
    />
  );
  const ruleNumber = (name: RuleNumber) => (
    <InputField
      id={name}
      label={t(LABELS[name]!)}
      error={errors[name]}
      hint={t(RULE_HINTS[name], { min: count(RULE_LIMITS[name].min), max: count(RULE_LIMITS[name].max) })}
      name={name}
      type="text"
      inputmode="numeric"
      autocomplete="off"
      value={values[name]}
    />
  );
  const textarea = (name: 'descriptionNl' | 'descriptionEn') => (
    <Field name={name} label={t(LABELS[name]!)} error={errors[name]}>
      {(describedBy) => (
        <textarea id={name} name={name} rows={5} aria-describedby={describedBy} aria-invalid={invalid(name)}>
          {values[name]}
        </textarea>
      )}
    </Field>
  );
  return (
    <AdminLayout ui={ui} title={title}>
      <p class="breadcrumb">
        <a href="/admin/activities">{t('activity_form.back')}</a>
        {activity && (
          <>
            {' · '}
            <a href={`/admin/activities/${activity.id}/slots`}>{t('activities_admin.slots')}</a>
            {' · '}
            <a href={`/admin/activities/${activity.id}/photos`}>{t('photos.manage_activity')}</a>
            {' · '}
            <a href={`/admin/activities/${activity.id}/extras`}>{t('extras_admin.nav')}</a>
            {' · '}
            <a href={`/admin/activities/${activity.id}/programme`}>{t('programmes_admin.nav')}</a>
          </>
        )}
      </p>
      <h1>{title}</h1>
      {activity && (
        <p data-testid="activity-resources">
          {t('resources_admin.of_activity')}:{' '}
          {resources.length === 0
            ? t('resources_admin.of_activity_none')
            : resources.map(({ resource, bufferMinutes }, i) => (
                <span key={resource.id}>
                  {i > 0 && ', '}
                  <a href={`/admin/resources/${resource.id}`}>{resource.name}</a>
                  {bufferMinutes > 0 && ` (+${t('resources_admin.minutes', { n: count(bufferMinutes) })})`}
                </span>
              ))}
        </p>
      )}
      {saved && (
        <p class="notice success" role="status" data-testid="saved">
          {t('activity_form.saved')}
        </p>
      )}
      <form method="post" action={action} novalidate class="narrow-form">
        <CsrfField ui={ui} />
        <ErrorSummary ui={ui} errors={typedErrors} labels={labels} named={named} />
        {activity ? (
          <p>
            <strong>{t('activity_form.venue')}:</strong> {activity.venue.name}
          </p>
        ) : venues.length === 1 && ui.staff.venueId ? (
          <p>
            <strong>{t('activity_form.venue')}:</strong> {venues[0]!.name}
          </p>
        ) : (
          <Field name="venueId" label={t('activity_form.venue')} error={errors.venueId}>
            {(describedBy) => (
              <select id="venueId" name="venueId" aria-describedby={describedBy} aria-invalid={invalid('venueId')}>
                <option value="">{t('activity_form.choose_venue')}</option>
                {venues.map((venue) => (
                  <option key={venue.id} value={venue.id} selected={values.venueId === venue.id}>
                    {venue.name} ({venue.city})
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        <ActivityStatusField ui={ui} values={values} errors={errors} />
        {text('slug', 'text', t('activity_form.slug_hint'))}
        {text('titleNl')}
        {text('titleEn')}
        {textarea('descriptionNl')}
        {textarea('descriptionEn')}
        {text('location')}
        <CategoryField
          ui={ui}
          label="activity_form.category"
          empty="activity_form.choose_category"
          value={values.category}
          error={errors.category}
        />
        {text('durationMinutes', 'number', t('activity_form.duration_hint'))}
        {text('minGroupSize', 'number')}
        {text('maxGroupSize', 'number', activity ? t('activity_form.max_group_size_hint') : undefined)}
        {text('cutoffHours', 'text', t('activity_form.cutoff_hours_hint'))}

        <PracticalFields ui={ui} values={values} errors={errors} />

        <h2>{t('rules.title')}</h2>
        <Field name="bookingMode" label={t('rules.booking_mode')} error={errors.bookingMode}>
          {(describedBy) => (
            <select id="bookingMode" name="bookingMode" aria-describedby={describedBy} aria-invalid={invalid('bookingMode')}>
              <option value="instant" selected={values.bookingMode === 'instant'}>
                {t('rules.mode_instant')}
              </option>
              <option value="request" selected={values.bookingMode === 'request'}>
                {t('rules.mode_request')}
              </option>
            </select>
          )}
        </Field>
        <div class="field checkbox">
          <input id="optionsAllowed" name="optionsAllowed" type="checkbox" value="yes" checked={values.optionsAllowed} />
          <label for="optionsAllowed">{t('rules.options_allowed')}</label>
        </div>
        {ruleNumber('optionHours')}
        {ruleNumber('optionMinDaysBefore')}
        {ruleNumber('optionMaxPerEmail')}
        {ruleNumber('cancelUntilHours')}
        <fieldset
          id="participantFields"
          class={errors.participantFields ? 'field-error' : undefined}
          aria-describedby={errors.participantFields ? 'participantFields-error' : undefined}
        >
          <legend>{t('rules.participant_fields')}</legend>
          {errors.participantFields && (
            <p class="error" id="participantFields-error" data-testid="error-participantFields">
              {errors.participantFields}
            </p>
          )}
          {PARTICIPANT_FIELDS.map((field) => (
            <div key={field} class="field checkbox">
              <input
                id={`participant-${field}`}
                name="participantFields"
                type="checkbox"
                value={field}
                checked={values.participantFields.includes(field)}
              />
              <label for={`participant-${field}`}>{t(PARTICIPANT_FIELD_LABELS[field])}</label>
            </div>
          ))}
        </fieldset>

        <PaymentFields
          ui={ui}
          values={values}
          errors={errors}
          keySource={keySource}
          venueHref={venueHref(activity?.venue.id ?? values.venueId)}
        />

        <h2>{t('activity_form.prices')}</h2>
        <p class="hint">{t('activity_form.prices_hint')}</p>
        {banded.length > 0 && (
          <div data-testid="banded-lines">
            <p class="notice">{t('activity_form.bands_kept')}</p>
            <ul>
              {banded.map((line, i) => (
                <li key={i}>
                  {line.label[lang]} ({t(line.basis === 'person' ? 'activity_form.per_person' : 'activity_form.per_group')},{' '}
                  {t(line.vat === 'low' ? 'activity_form.vat_low' : 'activity_form.vat_high')}):{' '}
                  {line.bands
                    .map((b) => t('activity_form.band', { min: count(b.minSize), max: count(b.maxSize), amount: money(b.amountCents) }))
                    .join('; ')}
                </li>
              ))}
            </ul>
          </div>
        )}
        {values.lines.map((line, i) => {
          const name = (field: keyof PriceLineForm) => `lines.${i}.${field}`;
          return (
            <fieldset key={i} data-testid={`price-line-${i}`}>
              <legend>{t('activity_form.price_line', { n: i + 1 })}</legend>
              {(['labelNl', 'labelEn', 'amount'] as const).map((field) => (
                <Field
                  key={field}
                  name={name(field)}
                  label={t(LINE_LABELS[field])}
                  error={errors[name(field)]}
                  hint={field === 'amount' ? t('activity_form.line_amount_hint', { max: money(MAX_LINE_AMOUNT_CENTS) }) : undefined}
                >
                  {(describedBy) => (
                    <input
                      id={name(field)}
                      name={name(field)}
                      type="text"
                      inputmode={field === 'amount' ? 'decimal' : undefined}
                      autocomplete={field === 'amount' ? 'off' : undefined}
                      value={line[field]}
                      aria-describedby={describedBy}
                      aria-invalid={invalid(name(field))}
                    />
                  )}
                </Field>
              ))}
              <Field name={name('basis')} label={t(LINE_LABELS.basis)} error={errors[name('basis')]}>
                {(describedBy) => (
                  <select id={name('basis')} name={name('basis')} aria-describedby={describedBy} aria-invalid={invalid(name('basis'))}>
                    <option value="person" selected={line.basis === 'person'}>
                      {t('activity_form.per_person')}
                    </option>
                    <option value="group" selected={line.basis === 'group'}>
                      {t('activity_form.per_group')}
                    </option>
                    <option value="category" selected={line.basis === 'category'}>
                      {t('activity_form.per_category')}
                    </option>
                  </select>
                )}
              </Field>
              <Field name={name('vat')} label={t(LINE_LABELS.vat)} error={errors[name('vat')]}>
                {(describedBy) => (
                  <select id={name('vat')} name={name('vat')} aria-describedby={describedBy} aria-invalid={invalid(name('vat'))}>
                    <option value="low" selected={line.vat === 'low'}>
                      {t('activity_form.vat_low')}
                    </option>
                    <option value="high" selected={line.vat === 'high'}>
                      {t('activity_form.vat_high')}
                    </option>
                  </select>
                )}
              </Field>
              <fieldset data-testid={`category-rules-${i}`}>
                <legend>{t('activity_form.category_rules')}</legend>
                <p class="hint">{t('activity_form.category_rules_hint')}</p>
                {(['minCount', 'maxCount', 'freePer'] as const).map((field) => (
                  <InputField
                    key={field}
                    id={name(field)}
                    name={name(field)}
                    type="text"
                    inputMode="numeric"
                    autocomplete="off"
                    label={`${t(LINE_LABELS[field])} ${t('form.optional')}`}
                    hint={t('activity_form.line_count_hint', {
                      min: count(PRICE_LINE_LIMITS[field].min),
                      max: count(PRICE_LINE_LIMITS[field].max),
                    })}
                    value={line[field]}
                    error={errors[name(field)]}
                  />
                ))}
                <Field name={name('freeOf')} label={t(LINE_LABELS.freeOf)} error={errors[name('freeOf')]}>
                  {(describedBy) => (
                    <select id={name('freeOf')} name={name('freeOf')} aria-describedby={describedBy} aria-invalid={invalid(name('freeOf'))}>
                      <option value="" selected={line.freeOf === ''}>
                        {t('activity_form.free_of_none')}
                      </option>
                      {values.lines.map((_, j) => (
                        <option key={j} value={String(j + 1)} selected={line.freeOf === String(j + 1)}>
                          {t('activity_form.price_line', { n: j + 1 })}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
              </fieldset>
            </fieldset>
          );
        })}
        <div class="actions">
          <button type="submit">{t('activity_form.save')}</button>
        </div>
      </form>
    </AdminLayout>
  );
}
