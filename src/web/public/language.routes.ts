import type { FastifyInstance } from 'fastify';
import { isLanguage } from '../../core/i18n/i18n.js';
import { setLanguageCookie } from '../plugins/language.js';
import { formField } from './form-body.js';

/** Where the language switcher may send the visitor back to: a path on this site, nothing else. */
function safeBack(back: string): string {
  return back.startsWith('/') && !back.startsWith('//') && !back.includes('\\') ? back : '/';
}

export async function languageRoutes(app: FastifyInstance): Promise<void> {
  app.post('/language', async (request, reply) => {
    const lang = formField(request.body, 'lang');
    if (isLanguage(lang)) setLanguageCookie(request, reply, lang);
    return reply.redirect(safeBack(formField(request.body, 'back')), 303);
  });
}
