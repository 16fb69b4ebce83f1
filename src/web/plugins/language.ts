import { fastifyCookie } from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Language } from '../../core/shared/language.js';
import { negotiateLanguage } from '../../core/i18n/i18n.js';
import { translator } from '../i18n/i18n.js';
import type { Ui } from '../views/ui.js';
import { isIndexable } from './caching.js';
import { ICON_PATH, STYLESHEET_PATH } from '../public-assets.js';

declare module 'fastify' {
  interface FastifyRequest {
    lang: Language;
  }
}

export const LANGUAGE_COOKIE = 'lang';

/**
 * The language a request asks for: the `lang` cookie when the visitor chose one, else
 * Accept-Language. The one definition of that order, for the app and for the parser's refusals
 * (read from the raw bytes, in client-errors.ts).
 */
export function requestedLanguage(cookieHeader: string | undefined, acceptLanguage: string | undefined): Language {
  return negotiateLanguage(fastifyCookie.parse(cookieHeader ?? '')[LANGUAGE_COOKIE], acceptLanguage);
}

/**
 * Read from the request's headers, so that answers given before the hooks have run (the router's
 * refusals: 414, a bad URL) speak the visitor's language too.
 */
function languageOf(request: FastifyRequest): Language {
  return requestedLanguage(request.headers.cookie, request.headers['accept-language']);
}

/** Every request gets a language: the `lang` cookie when the visitor chose one, else Accept-Language. */
export const languagePlugin = fp(async (app: FastifyInstance) => {
  app.decorateRequest('lang', 'nl');
  app.addHook('onRequest', async (request) => {
    request.lang = languageOf(request);
  });
});

/**
 * Where the language switcher brings the visitor back: this page, or for an answer to a form
 * post, the page of the same route when there is one (the booking form), else the home page.
 */
function pageToReturnTo(request: FastifyRequest): string {
  if (request.method === 'GET') return request.url;
  const route = request.routeOptions.url;
  return route && request.server.hasRoute({ method: 'GET', url: route }) ? request.url.split('?')[0]! : '/';
}

/** The page's Ui in the request's language, or in `lang` (a form re-rendered in the language just picked). */
export function uiFor(request: FastifyRequest, lang: Language = languageOf(request)): Ui {
  return {
    lang,
    t: translator(lang),
    path: pageToReturnTo(request),
    stylesheet: STYLESHEET_PATH,
    icon: ICON_PATH,
    indexable: isIndexable(request),
  };
}

/**
 * The language cookie, set only when the visitor picks a language: host-only (no Domain), Lax,
 * one year, Secure whenever the platform is reached over HTTPS.
 */
export function setLanguageCookie(request: FastifyRequest, reply: FastifyReply, lang: Language, publicUrl: string): void {
  reply.setCookie(LANGUAGE_COOKIE, lang, {
    path: '/',
    maxAge: 365 * 24 * 60 * 60,
    sameSite: 'lax',
    secure: request.protocol === 'https' || publicUrl.startsWith('https:'),
    httpOnly: true,
  });
}
