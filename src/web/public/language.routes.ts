import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app-context.js';
import { setLanguageCookie } from '../plugins/language.js';
import { formField } from '../form-body.js';
import { isLanguage } from '../../core/shared/language.js';

export async function languageRoutes(app: FastifyInstance, { publicUrl }: AppContext): Promise<void> {
  // Back to the page the switcher was on (`back`): `seeOther` keeps it to a path on this site.
  app.post('/language', async (request, reply) => {
    const lang = formField(request.body, 'lang');
    if (isLanguage(lang)) setLanguageCookie(request, reply, lang, publicUrl);
    return reply.seeOther(formField(request.body, 'back'));
  });
}
