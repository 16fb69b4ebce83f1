import type { FastifyInstance } from 'fastify';
import { type AppContext, privacySettingsOf } from '../app-context.js';
import { readPrivacyFacts } from '../../core/privacy/privacy-facts.service.js';
import { uiFor } from '../plugins/language.js';
import { type PrivacyCookies, PrivacyPage } from '../views/privacy.page.js';
import { sendPage } from './respond.js';

/**
 * The public privacy statement: written on every request from the live settings and the venues'
 * own periods (never cached, so a changed period shows at once). `cookies` names the platform's
 * cookies (app.ts gives them: the back office's belongs to the admin scope).
 */
export async function privacyRoutes(
  app: FastifyInstance,
  { cookies, ...context }: AppContext & { cookies: PrivacyCookies },
): Promise<void> {
  app.get('/privacy', async (request, reply) => {
    const facts = await readPrivacyFacts(context.db, privacySettingsOf(context));
    return sendPage(reply, 200, <PrivacyPage ui={uiFor(request)} facts={facts} cookies={cookies} />);
  });
}
