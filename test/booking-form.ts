import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { formFields, parseHtml, urlencoded } from './html.js';

const FORM = { 'accept-language': 'en', 'content-type': 'application/x-www-form-urlencoded' };

/**
 * The booking form of `slotId`, filled in by Anna de Vries for six and sent to its review step:
 * what the review's Confirm button sends (in English), and a function that sends it.
 */
export async function reviewedBookingForm(app: FastifyInstance, slotId: string) {
  const formPage = parseHtml((await app.inject({ url: `/book/${slotId}`, headers: { 'accept-language': 'en' } })).body);
  const fields = {
    ...formFields(formPage.querySelector('form[action^="/book/"]')!),
    groupSize: '6',
    name: 'Anna de Vries',
    email: 'anna@example.nl',
    phone: '030 1234567',
    acceptTerms: 'yes',
  };
  const review = await app.inject({ method: 'POST', url: `/book/${slotId}`, headers: FORM, payload: urlencoded(fields) });
  assert.equal(review.statusCode, 200, review.body);
  const confirmFields: Record<string, string> = { ...formFields(parseHtml(review.body).querySelector('form.actions')!), action: 'confirm' };
  const confirm = () => app.inject({ method: 'POST', url: `/book/${slotId}`, headers: FORM, payload: urlencoded(confirmFields) });
  return { confirmFields, confirm };
}
