import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type AppContext, paymentContextOf } from '../app-context.js';
import type { Venue } from '../../core/catalog/activity.js';
import { DomainError } from '../../core/shared/errors.js';
import { isKey } from '../../core/shared/ids.js';
import { updateVenueProfile, venueFor, type VenueProfileForm, venueProfileFormOf } from '../../core/venues/venue-profile.service.js';
import { listTermsFor, listVenuesWithTerms, publishTerms, type TermsForm } from '../../core/venues/venue-terms.service.js';
import { fieldMessages } from '../field-errors.js';
import { FIELD_ERRORS_STATUS } from '../plugins/errors.js';
import { formField } from '../form-body.js';
import { sendPage } from '../public/respond.js';
import type { FieldMessages } from '../field-errors.js';
import { VenueFormPage } from '../views/admin/venue-form.page.js';
import { VenueListPage } from '../views/admin/venue-list.page.js';
import { requirePermission } from './admin-request.js';
import { venueBillingRoutes } from './venue-billing.routes.js';
import { venueRetentionRoutes } from './venue-retention.routes.js';
import { readVenueBilling } from '../../core/invoices/venue-billing.service.js';
import { adminUiFor } from './admin-ui.js';
import { formCheckbox } from './catalog-form.js';
import {
  readMollieKeyStatus,
  removeVenueMollieKey,
  setVenueMollieKey,
  setVenuePoRequired,
} from '../../core/venues/venue-payment.service.js';

type VenueRequest = FastifyRequest<{ Params: { id: string } }>;

const PROFILE_FIELDS: (keyof VenueProfileForm)[] = [
  'name',
  'city',
  'descriptionNl',
  'descriptionEn',
  'street',
  'postcode',
  'addressCity',
  'contactPhone',
  'contactEmail',
  'website',
  'routeNl',
  'routeEn',
];

function profileFormFrom(body: unknown): VenueProfileForm {
  return Object.fromEntries(PROFILE_FIELDS.map((name) => [name, formField(body, name)])) as unknown as VenueProfileForm;
}

function termsFormFrom(body: unknown): TermsForm {
  return { textNl: formField(body, 'textNl'), textEn: formField(body, 'textEn') };
}

interface PageState {
  profile?: { values: VenueProfileForm; errors: FieldMessages };
  terms?: { values: TermsForm; errors: FieldMessages };
  saved?: boolean;
  published?: number | undefined;
  /** The Mollie key form refused (the key typed is never sent back). */
  mollieKey?: { errors: FieldMessages };
  payment?: 'saved' | 'removed' | 'invoicing' | undefined;
}

const PAYMENT_DONE = ['saved', 'removed', 'invoicing'] as const;

/**
 * The back office's venues: managers edit their own venue's profile and publish its booking terms;
 * admins any venue's. Another venue's id finds nothing (404), as everywhere in the back office.
 */
export async function venueAdminRoutes(app: FastifyInstance, context: AppContext): Promise<void> {
  const { db, clock, auth } = context;
  const paymentContext = paymentContextOf(context);

  async function venueOf(request: VenueRequest): Promise<Venue> {
    if (!isKey(request.params.id)) throw new DomainError('not_found');
    return venueFor(db, request.staff, request.params.id);
  }

  /** The venue's page; a refused form comes back as typed with its errors, the other form as stored. */
  async function sendVenuePage(request: VenueRequest, reply: FastifyReply, venue: Venue, state: PageState) {
    const versions = await listTermsFor(db, request.staff, venue.id);
    const current = versions[0];
    const refused = state.profile ?? state.terms ?? state.mollieKey;
    const status = await readMollieKeyStatus(db, paymentContext, request.staff, venue.id);
    const billing = await readVenueBilling(db, request.staff, venue.id);
    return sendPage(
      reply,
      refused ? FIELD_ERRORS_STATUS : 200,
      <VenueFormPage
        ui={adminUiFor(request, auth)}
        venue={venue}
        profile={{ ...(state.profile ?? { values: venueProfileFormOf(venue), errors: {} }), saved: state.saved ?? false }}
        terms={{
          ...(state.terms ?? { values: { textNl: current?.text.nl ?? '', textEn: current?.text.en ?? '' }, errors: {} }),
          versions,
          published: state.published,
        }}
        payment={{ status, errors: state.mollieKey?.errors ?? {}, done: state.payment }}
        billing={billing}
      />,
    );
  }

  app.get('/venues', async (request, reply) => {
    requirePermission(request, 'catalog.write');
    const listed = await listVenuesWithTerms(db, request.staff);
    // A venue's own manager has one venue: theirs.
    if (request.staff.venueId !== null && listed.length === 1) return reply.seeOther(`/admin/venues/${listed[0]!.venue.id}`);
    return sendPage(reply, 200, <VenueListPage ui={adminUiFor(request, auth)} venues={listed} />);
  });

  app.get('/venues/:id', async (request: VenueRequest, reply) => {
    requirePermission(request, 'catalog.write');
    const venue = await venueOf(request);
    const published = Number(formField(request.query, 'published'));
    const payment = formField(request.query, 'payment');
    return sendVenuePage(request, reply, venue, {
      saved: formField(request.query, 'saved') === '1',
      published: Number.isInteger(published) && published > 0 ? published : undefined,
      payment: PAYMENT_DONE.find((done) => done === payment),
    });
  });

  app.post('/venues/:id', async (request: VenueRequest, reply) => {
    requirePermission(request, 'catalog.write');
    const venue = await venueOf(request);
    const values = profileFormFrom(request.body);
    const result = await updateVenueProfile(db, clock, request.staff, venue.id, values);
    if (result.ok) return reply.seeOther(`/admin/venues/${venue.id}?saved=1`);
    const errors = fieldMessages(adminUiFor(request, auth).t, result.errors);
    return sendVenuePage(request, reply, venue, { profile: { values, errors } });
  });

  app.post('/venues/:id/terms', async (request: VenueRequest, reply) => {
    requirePermission(request, 'catalog.write');
    const venue = await venueOf(request);
    const values = termsFormFrom(request.body);
    const result = await publishTerms(db, clock, request.staff, venue.id, values);
    if (result.ok) return reply.seeOther(`/admin/venues/${venue.id}?published=${result.value}#terms-title`);
    const errors = fieldMessages(adminUiFor(request, auth).t, result.errors);
    return sendVenuePage(request, reply, venue, { terms: { values, errors } });
  });

  app.post('/venues/:id/mollie-key', async (request: VenueRequest, reply) => {
    requirePermission(request, 'catalog.write');
    const venue = await venueOf(request);
    const result = await setVenueMollieKey(db, clock, paymentContext, request.staff, venue.id, formField(request.body, 'mollieKey'));
    if (result.ok) return reply.seeOther(`/admin/venues/${venue.id}?payment=saved#mollie-title`);
    const errors = fieldMessages(adminUiFor(request, auth).t, result.errors);
    return sendVenuePage(request, reply, venue, { mollieKey: { errors } });
  });

  app.post('/venues/:id/mollie-key/remove', async (request: VenueRequest, reply) => {
    requirePermission(request, 'catalog.write');
    const venue = await venueOf(request);
    await removeVenueMollieKey(db, clock, request.staff, venue.id);
    return reply.seeOther(`/admin/venues/${venue.id}?payment=removed#mollie-title`);
  });

  app.post('/venues/:id/invoicing', async (request: VenueRequest, reply) => {
    requirePermission(request, 'catalog.write');
    const venue = await venueOf(request);
    await setVenuePoRequired(db, clock, request.staff, venue.id, formCheckbox(request.body, 'poRequired'));
    return reply.seeOther(`/admin/venues/${venue.id}?payment=invoicing#invoicing-title`);
  });

  await venueBillingRoutes(app, context);
  await venueRetentionRoutes(app, context);
}
