import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../app-context.js';
import { DomainError } from '../../core/shared/errors.js';
import { readCurrentTerms, readPublicTerms } from '../../core/venues/venue-terms.service.js';
import { uiFor } from '../plugins/language.js';
import { VenueTermsPage } from '../views/venue-terms.page.js';
import { sendPage } from './respond.js';

type TermsRequest = FastifyRequest<{ Params: { slug: string; version?: string } }>;

/** A version number from an address: 1 to a million, digits only; anything else finds nothing. */
function versionOf(text: string): number {
  if (!/^[1-9]\d{0,5}$/.test(text)) throw new DomainError('not_found');
  return Number(text);
}

/** A venue's booking terms for the public: the current version, and each version at its own address. */
export async function venueRoutes(app: FastifyInstance, { db }: AppContext): Promise<void> {
  app.get('/venues/:slug/terms', async (request: TermsRequest, reply) => {
    const { venue, terms } = await readPublicTerms(db, request.params.slug);
    return sendPage(reply, 200, <VenueTermsPage ui={uiFor(request)} venue={venue} terms={terms} current />);
  });

  app.get('/venues/:slug/terms/:version', async (request: TermsRequest, reply) => {
    const { venue, terms } = await readPublicTerms(db, request.params.slug, versionOf(request.params.version ?? ''));
    const current = (await readCurrentTerms(db, venue.id))?.version === terms?.version;
    return sendPage(reply, 200, <VenueTermsPage ui={uiFor(request)} venue={venue} terms={terms} current={current} />);
  });
}
