import type { AuditCheck } from '../core/self-audit/self-audit.js';
import { fail, verdict } from './check.js';
import type { Seen } from './headers.checks.js';
import { cssReferences, type Form, pageForms, pageLinks, pageReferences, scanHtml, stylesheetLinks } from './html-scan.js';
import { type Answer, describeError, exchange } from './http-client.js';
import type { Target } from './target.js';

/** What crawling the public pages found. */
export interface Crawl {
  /** Every response, pages and stylesheets, for the header checks. */
  seen: Seen[];
  pages: number;
  /** Cookies set by a GET, as `name on path`. */
  cookies: string[];
  /** References to other origins, as `page: <element attr> url`. */
  foreign: string[];
  /** Requests that got no answer. */
  failures: string[];
  /** The forms of the start page (the first page, where `/` may redirect to). */
  startForms: Form[];
}

const MAX_STYLESHEETS = 20;

function setCookies(answer: Answer): string[] {
  return answer.headers['set-cookie'] ?? [];
}

function cookieName(setCookie: string): string {
  return setCookie.split(';')[0]!.split('=')[0]!.trim();
}

/** The path and query of a same-origin URL, or null for another origin (or scheme). */
function ownPath(url: URL, origin: string): string | null {
  return url.origin === origin ? `${url.pathname}${url.search}` : null;
}

function resolve(reference: string, base: string): URL | null {
  try {
    return new URL(reference, base);
  } catch {
    return null;
  }
}

/** Where a request to the platform itself goes: its address and port, its name in SNI and Host. */
function toSite(target: Target) {
  return { scheme: 'https', address: target.address, port: target.port, host: target.host, servername: target.servername } as const;
}

/**
 * Fetches the public pages breadth-first from the start page, following same-origin links (and
 * redirects) up to the target's page limit, GET only and without any cookie, and the stylesheets
 * they link. Records every reference a page or stylesheet makes to another origin.
 */
export async function crawl(target: Target): Promise<Crawl> {
  const result: Crawl = { seen: [], pages: 0, cookies: [], foreign: [], failures: [], startForms: [] };
  const queued = new Set<string>(['/']);
  const queue = ['/'];
  const stylesheets: string[] = [];
  const sheetsQueued = new Set<string>();
  const get = async (path: string): Promise<Answer | null> => {
    try {
      const answer = await exchange({
        ...toSite(target),
        path,
        headers: { accept: 'text/html,text/css,*/*' },
      });
      result.seen.push({ path, headers: answer.headers });
      result.cookies.push(...setCookies(answer).map((c) => `${cookieName(c)} on ${path}`));
      return answer;
    } catch (error) {
      result.failures.push(`${path}: ${describeError(error)}`);
      return null;
    }
  };
  const note = (from: string, where: string, reference: string) => {
    const url = resolve(reference, `${target.origin}${from}`);
    if (url && (url.protocol === 'http:' || url.protocol === 'https:') && url.origin !== target.origin) {
      result.foreign.push(`${from}: ${where} ${url.href}`);
    }
    return url;
  };
  const enqueue = (list: string[], seen: Set<string>, url: URL | null) => {
    const path = url ? ownPath(url, target.origin) : null;
    if (path !== null && !seen.has(path)) {
      seen.add(path);
      list.push(path);
    }
  };

  while (queue.length > 0 && result.pages < target.maxPages) {
    const path = queue.shift()!;
    const answer = await get(path);
    if (!answer) continue;
    result.pages += 1;
    const location = answer.headers.location;
    if (answer.status >= 300 && answer.status < 400 && location) enqueue(queue, queued, resolve(location, `${target.origin}${path}`));
    if (!/^text\/html/i.test(String(answer.headers['content-type'] ?? ''))) continue;
    const page = scanHtml(answer.body);
    if (result.startForms.length === 0) result.startForms = pageForms(page);
    for (const reference of pageReferences(page)) note(path, reference.where, reference.url);
    for (const href of pageLinks(page)) enqueue(queue, queued, resolve(href, `${target.origin}${path}`));
    for (const href of stylesheetLinks(page)) enqueue(stylesheets, sheetsQueued, resolve(href, `${target.origin}${path}`));
  }
  for (let n = 0; n < stylesheets.length && n < MAX_STYLESHEETS; n += 1) {
    const path = stylesheets[n]!;
    const answer = await get(path);
    if (!answer) continue;
    for (const reference of cssReferences(answer.body)) {
      const url = note(path, 'url()', reference);
      if (url && url.pathname.endsWith('.css')) enqueue(stylesheets, sheetsQueued, url);
    }
  }
  return result;
}

/** The cookie's attributes, lower-cased by name: `{ domain: 'x', secure: '', samesite: 'lax' }`. */
function cookieAttributes(setCookie: string): Map<string, string> {
  return new Map(
    setCookie
      .split(';')
      .slice(1)
      .map((part) => {
        const [name = '', ...value] = part.split('=');
        return [name.trim().toLowerCase(), value.join('=').trim()] as [string, string];
      }),
  );
}

/** What is wrong with the cookies the language switch set, or null. */
export function languageCookieProblem(cookies: string[]): string | null {
  if (cookies.length !== 1) return `${cookies.length} cookies set (${cookies.map(cookieName).join(', ') || 'none'}), not exactly one`;
  const cookie = cookies[0]!;
  if (cookieName(cookie) !== 'lang') return `the cookie is named ${cookieName(cookie)}, not lang`;
  const attributes = cookieAttributes(cookie);
  if (attributes.has('domain')) return `Domain=${attributes.get('domain')}: not host-only`;
  if (!attributes.has('secure')) return 'not Secure';
  if (attributes.get('samesite')?.toLowerCase() !== 'lax') return `SameSite=${attributes.get('samesite') ?? '(none)'}, not Lax`;
  return null;
}

/** Picks the language switch on the start page (a POST form with `lang` buttons) and chooses the language not shown. */
async function switchLanguage(target: Target, forms: Form[]): Promise<AuditCheck> {
  const id = 'cookie-lang';
  const title = 'Choosing a language sets only the lang cookie: host-only, Secure, SameSite=Lax';
  const form = forms.find((f) => f.method === 'post' && f.buttons.some((b) => b.name === 'lang'));
  if (!form) return fail(id, title, 'no language switch (a POST form with lang buttons) on the start page');
  const button = form.buttons.find((b) => b.name === 'lang' && !b.pressed) ?? form.buttons.find((b) => b.name === 'lang')!;
  const action = resolve(form.action || '/', `${target.origin}/`);
  const path = action && ownPath(action, target.origin);
  if (!path) return fail(id, title, `the language switch posts to another origin: ${form.action}`);
  const body = new URLSearchParams([...form.fields, [button.name, button.value]]).toString();
  try {
    const answer = await exchange({
      ...toSite(target),
      method: 'POST',
      path,
      body,
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: target.origin, 'sec-fetch-site': 'same-origin' },
    });
    if (answer.status >= 400) return fail(id, title, `POST ${path} answered ${answer.status}`);
    const cookies = setCookies(answer);
    return verdict(id, title, languageCookieProblem(cookies), `POST ${path} (lang=${button.value}) set ${cookies[0]}`);
  } catch (error) {
    return fail(id, title, `POST ${path}: ${describeError(error)}`);
  }
}

/** No cookie on the public pages, only `lang` when chosen, nothing from another origin. */
export async function crawlChecks(target: Target, found: Crawl): Promise<AuditCheck[]> {
  const unanswered = found.failures.length > 0 ? `; no answer from ${found.failures.length} (${found.failures[0]})` : '';
  const reached = found.pages > 0;
  const list = (items: string[]) => `${items.slice(0, 3).join(', ')}${items.length > 3 ? ` and ${items.length - 3} more` : ''}`;
  const noCookies = !reached
    ? fail('cookies-none', 'Public pages set no cookie', `no page could be fetched${unanswered}`)
    : verdict(
        'cookies-none',
        'Public pages set no cookie',
        found.cookies.length > 0 ? `cookie set: ${list(found.cookies)}` : null,
        `no cookie on ${found.pages} pages${unanswered}`,
      );
  const firstParty = !reached
    ? fail('first-party-only', 'Pages load nothing from other sites', `no page could be fetched${unanswered}`)
    : verdict(
        'first-party-only',
        'Pages load nothing from other sites',
        found.foreign.length > 0 ? `${found.foreign.length} reference(s) to other origins: ${list(found.foreign)}` : null,
        `${found.pages} pages and their stylesheets refer only to ${target.origin}${unanswered}`,
      );
  return [noCookies, await switchLanguage(target, found.startForms), firstParty];
}
