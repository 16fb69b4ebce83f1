import { amountText, optionalNumberText, wholeNumberText } from '../../core/catalog/admin-fields.js';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../app-context.js';
import {
  activityFor,
  type ActivityForm,
  createActivityFromForm,
  listActivitiesFor,
  updateActivityFromForm,
  venuesFor,
} from '../../core/catalog/activity-admin.service.js';
import { BLANK_PRICE_LINE, PRICE_LINE_FIELDS, type PriceLineForm, priceLineForms } from '../../core/catalog/price-lines-form.js';
import {
  type Activity,
  type ActivityRules,
  type ActivityStatus,
  DEFAULT_ACTIVITY_RULES,
  DEFAULT_PAYMENT_TERMS,
  DEFAULT_PRACTICAL_INFO,
  DEFAULT_REFUND_POLICY,
  type PracticalInfo,
  type Venue,
} from '../../core/catalog/activity.js';
import { DomainError } from '../../core/shared/errors.js';
import { isKey } from '../../core/shared/ids.js';
import { fieldMessages } from '../field-errors.js';
import { FIELD_ERRORS_STATUS } from '../plugins/errors.js';
import { formField } from '../form-body.js';
import { sendPage } from '../public/respond.js';
import { ActivityFormPage } from '../views/admin/activity-form.page.js';
import { ActivityListPage } from '../views/admin/activity-list.page.js';
import { requirePermission } from './admin-request.js';
import { adminUiFor } from './admin-ui.js';
import { formCheckbox, formFields } from './catalog-form.js';
import { slotRoutes } from './slots.routes.js';
import { extrasAdminRoutes } from './extras.routes.js';
import { programmeAdminRoutes } from './programme.routes.js';
import { resourcesOfActivity } from '../../core/resources/resource-overview.service.js';
import { paymentTermsFormOf, REFUND_TIER_FIELDS } from '../../core/catalog/payment-form.js';
import { type MollieKeySource, mollieKeySource } from '../../core/payments/mollie-key-source.js';
import type { Language } from '../../core/shared/language.js';

type ActivityRequest = FastifyRequest<{ Params: { id: string } }>;

/** A stored number the way the form takes it back: "12,50" in Dutch, "12.50" in English. */
function localDecimal(text: string, lang: Language): string {
  return lang === 'nl' ? text.replace('.', ',') : text;
}

/** The form as the body sent it, every field as typed. */
function formFrom(body: unknown): ActivityForm {
  const field = (name: string) => formField(body, name);
  return {
    venueId: field('venueId'),
    slug: field('slug'),
    titleNl: field('titleNl'),
    titleEn: field('titleEn'),
    descriptionNl: field('descriptionNl'),
    descriptionEn: field('descriptionEn'),
    location: field('location'),
    category: field('category'),
    durationMinutes: field('durationMinutes'),
    minGroupSize: field('minGroupSize'),
    maxGroupSize: field('maxGroupSize'),
    cutoffHours: field('cutoffHours'),
    lines: Array.from({ length: PRICE_LINE_FIELDS }, (_, i) => {
      const names = Object.keys(BLANK_PRICE_LINE) as (keyof PriceLineForm)[];
      return Object.fromEntries(names.map((name) => [name, field(`lines.${i}.${name}`)])) as Record<keyof PriceLineForm, string>;
    }),
    bookingMode: field('bookingMode'),
    optionsAllowed: formCheckbox(body, 'optionsAllowed'),
    optionHours: field('optionHours'),
    optionMinDaysBefore: field('optionMinDaysBefore'),
    optionMaxPerEmail: field('optionMaxPerEmail'),
    cancelUntilHours: field('cancelUntilHours'),
    participantFields: formFields(body, 'participantFields'),
    status: field('status'),
    minAge: field('minAge'),
    maxAge: field('maxAge'),
    bringNl: field('bringNl'),
    bringEn: field('bringEn'),
    wheelchair: field('wheelchair'),
    accessibilityNl: field('accessibilityNl'),
    accessibilityEn: field('accessibilityEn'),
    paymentMode: field('paymentMode'),
    depositPercent: field('depositPercent'),
    balanceDaysBefore: field('balanceDaysBefore'),
    invoiceAllowed: formCheckbox(body, 'invoiceAllowed'),
    invoiceTermDays: field('invoiceTermDays'),
    refundTiers: Array.from({ length: REFUND_TIER_FIELDS }, (_, i) => ({
      amount: field(`refundTiers.${i}.amount`),
      unit: field(`refundTiers.${i}.unit`),
      percent: field(`refundTiers.${i}.percent`),
    })),
  };
}

/** Status and practical information as the form shows them. */
function practicalForm(status: ActivityStatus, practical: PracticalInfo, lang: Language): Pick<ActivityForm, PracticalField> {
  return {
    status,
    minAge: wholeNumberText(practical.minAge, lang),
    maxAge: optionalNumberText(practical.maxAge, lang),
    bringNl: practical.whatToBring?.nl ?? '',
    bringEn: practical.whatToBring?.en ?? '',
    wheelchair: practical.wheelchair,
    accessibilityNl: practical.accessibility?.nl ?? '',
    accessibilityEn: practical.accessibility?.en ?? '',
  };
}

type PracticalField = 'status' | 'minAge' | 'maxAge' | 'bringNl' | 'bringEn' | 'wheelchair' | 'accessibilityNl' | 'accessibilityEn';

/** Lifecycle rules as the form shows them. */
function rulesForm(rules: ActivityRules, lang: Language): Pick<ActivityForm, RuleField> {
  return {
    bookingMode: rules.bookingMode,
    optionsAllowed: rules.options.allowed,
    optionHours: wholeNumberText(rules.options.hours, lang),
    optionMinDaysBefore: wholeNumberText(rules.options.minDaysBefore, lang),
    optionMaxPerEmail: wholeNumberText(rules.options.maxPerEmail, lang),
    cancelUntilHours: wholeNumberText(rules.cancelUntilHours, lang),
    participantFields: [...rules.participantFields],
  };
}

type RuleField =
  'bookingMode' | 'optionsAllowed' | 'optionHours' | 'optionMinDaysBefore' | 'optionMaxPerEmail' | 'cancelUntilHours' | 'participantFields';

/** A stored activity as the form shows it; banded lines are not in the form (they are kept as they are). */
function formOf(activity: Activity, lang: Language): ActivityForm {
  return {
    venueId: activity.venue.id,
    slug: activity.slug,
    titleNl: activity.title.nl,
    titleEn: activity.title.en,
    descriptionNl: activity.description.nl,
    descriptionEn: activity.description.en,
    location: activity.location,
    category: activity.category,
    durationMinutes: wholeNumberText(activity.durationMinutes, lang),
    minGroupSize: wholeNumberText(activity.minGroupSize, lang),
    maxGroupSize: wholeNumberText(activity.maxGroupSize, lang),
    cutoffHours: localDecimal(String(Number((activity.bookingCutoffMinutes / 60).toFixed(2))), lang),
    lines: priceLineForms(activity.pricing, (cents) => amountText(cents, lang), lang),
    ...rulesForm(activity.rules, lang),
    ...practicalForm(activity.status, activity.practical, lang),
    ...paymentTermsFormOf(activity.payment, activity.refundPolicy, lang),
  };
}

/** A new activity's form, its defaults' numbers written the page's `lang` way. */
const emptyForm = (lang: Language): ActivityForm => ({
  venueId: '',
  slug: '',
  titleNl: '',
  titleEn: '',
  descriptionNl: '',
  descriptionEn: '',
  location: '',
  category: '',
  durationMinutes: '',
  minGroupSize: '1',
  maxGroupSize: '',
  cutoffHours: '0',
  lines: Array.from({ length: PRICE_LINE_FIELDS }, () => BLANK_PRICE_LINE),
  ...rulesForm(DEFAULT_ACTIVITY_RULES, lang),
  ...practicalForm('published', DEFAULT_PRACTICAL_INFO, lang),
  ...paymentTermsFormOf(DEFAULT_PAYMENT_TERMS, DEFAULT_REFUND_POLICY, lang),
});

/** The back office's activities: the list, and creating and editing an activity (slots: slots.routes.tsx). */
export async function activityRoutes(app: FastifyInstance, context: AppContext): Promise<void> {
  const { db, clock, auth, payments } = context;
  /** Which Mollie key would serve the venue (the form warns when online payment cannot be offered); undefined when no venue is chosen yet. */
  const keySourceOf = (venue: Venue | undefined): MollieKeySource | undefined => venue && mollieKeySource(venue, payments.platformKey);
  const chosenVenue = (venues: Venue[], id: string) => venues.find((venue) => venue.id === id);

  async function activityOf(request: ActivityRequest): Promise<Activity> {
    if (!isKey(request.params.id)) throw new DomainError('not_found');
    return activityFor(db, request.staff, request.params.id);
  }

  app.get('/activities', async (request, reply) => {
    requirePermission(request, 'bookings.read');
    const archived = formField(request.query, 'archived') === '1';
    const activities = await listActivitiesFor(db, clock, request.staff, { archived });
    return sendPage(reply, 200, <ActivityListPage ui={adminUiFor(request, auth)} activities={activities} archived={archived} />);
  });

  app.get('/activities/new', async (request, reply) => {
    requirePermission(request, 'catalog.write');
    const venues = await venuesFor(db, request.staff);
    const values = { ...emptyForm(request.lang), venueId: request.staff.venueId ?? '' };
    const keySource = keySourceOf(chosenVenue(venues, values.venueId));
    return sendPage(
      reply,
      200,
      <ActivityFormPage ui={adminUiFor(request, auth)} venues={venues} values={values} errors={{}} keySource={keySource} />,
    );
  });

  app.post('/activities/new', async (request, reply) => {
    requirePermission(request, 'catalog.write');
    const values = formFrom(request.body);
    const result = await createActivityFromForm(db, clock, request.staff, values, request.lang);
    if (result.ok) return reply.seeOther(`/admin/activities/${result.value.id}?saved=1`);
    const ui = adminUiFor(request, auth);
    const venues = await venuesFor(db, request.staff);
    const errors = fieldMessages(ui.t, result.errors);
    const keySource = keySourceOf(chosenVenue(venues, values.venueId || (request.staff.venueId ?? '')));
    return sendPage(
      reply,
      FIELD_ERRORS_STATUS,
      <ActivityFormPage ui={ui} venues={venues} values={values} errors={errors} keySource={keySource} />,
    );
  });

  app.get('/activities/:id', async (request: ActivityRequest, reply) => {
    requirePermission(request, 'catalog.write');
    const activity = await activityOf(request);
    const ui = adminUiFor(request, auth);
    const saved = formField(request.query, 'saved') === '1';
    return sendPage(
      reply,
      200,
      <ActivityFormPage
        ui={ui}
        activity={activity}
        values={formOf(activity, ui.lang)}
        errors={{}}
        saved={saved}
        keySource={keySourceOf(activity.venue)}
        resources={await resourcesOfActivity(db, clock, request.staff, activity.id)}
      />,
    );
  });

  app.post('/activities/:id', async (request: ActivityRequest, reply) => {
    requirePermission(request, 'catalog.write');
    const activity = await activityOf(request);
    const values = formFrom(request.body);
    const result = await updateActivityFromForm(db, clock, request.staff, activity.id, values, request.lang);
    if (result.ok) return reply.seeOther(`/admin/activities/${activity.id}?saved=1`);
    const ui = adminUiFor(request, auth);
    const errors = fieldMessages(ui.t, result.errors);
    return sendPage(
      reply,
      FIELD_ERRORS_STATUS,
      <ActivityFormPage
        ui={ui}
        activity={activity}
        values={values}
        errors={errors}
        keySource={keySourceOf(activity.venue)}
        resources={await resourcesOfActivity(db, clock, request.staff, activity.id)}
      />,
    );
  });

  await app.register(slotRoutes, context);
  await app.register(extrasAdminRoutes, context);
  await app.register(programmeAdminRoutes, context);
}
