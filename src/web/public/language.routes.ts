import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app.js';
import { isLanguage } from '../../core/i18n/i18n.js';
import { setLanguageCookie } from '../plugins/language.js';
import { formField } from './form-body.js';

/** Where the language switcher may send the visitor back to: a path on this site, nothing else. */
function safeBack(back: string): string {
  return back.startsWith('/') && !back.startsWith('//') && !back.includes('\\') ? back : '/';
}

export async function languageRoutes(app: FastifyInstance, { publicUrl }: AppContext): Promise<void> {
  app.post('/language', async (request, reply) => {
    const lang = formField(request.body, 'lang');
    if (isLanguage(lang)) setLanguageCookie(request, reply, lang, publicUrl);
    return reply.redirect(safeBack(formField(request.body, 'back')), 303);
  });
}
