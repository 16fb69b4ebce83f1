import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { type HTMLElement, parse } from 'node-html-parser';
import { parsePlatformUrl, PlatformUrlError } from './platform-url.js';
import { CONTENT_SECURITY_POLICY } from './site.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const temp = mkdtempSync(join(tmpdir(), 'groupz-website-'));
/** Where the pages pretend to live, to resolve their links. */
const SITE = 'https://website.test';
const DEFAULT_PLATFORM = 'https://bookings.groupz.now';
const OTHER_PLATFORM = 'https://boeken.example.nl:8443';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** `npm run website` as the operator runs it: the real command line, in a process of its own. */
function runBuild(args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'website/build.ts', ...args], { cwd: root }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

interface Site {
  dir: string;
  files: string[];
  pages: Map<string, HTMLElement>;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

function readSite(dir: string): Site {
  const files = filesUnder(dir).map((file) => relative(dir, file));
  const pages = new Map(files.filter((f) => f.endsWith('.html')).map((f) => [f, parse(readFileSync(join(dir, f), 'utf8'))] as const));
  return { dir, files, pages };
}

function languageOf(page: string): string {
  return page.startsWith('en/') ? 'en' : 'nl';
}

/** The built file a same-site URL is served from ("/x/" is x/index.html), or null for another origin. */
function fileOf(url: URL): string | null {
  if (url.origin !== SITE) return null;
  return (url.pathname.endsWith('/') ? `${url.pathname}index.html` : url.pathname).slice(1);
}

function resolveOn(page: string, href: string): URL {
  return new URL(href, `${SITE}/${page}`);
}

/** Every URL-bearing attribute of every element: [element, attribute, value]. */
function urlAttributes(page: HTMLElement): [HTMLElement, string, string][] {
  const names = ['src', 'href', 'srcset', 'data', 'poster', 'action', 'formaction', 'xlink:href', 'background', 'ping', 'manifest'];
  return page.querySelectorAll('*').flatMap((el) =>
    names.flatMap((name) =>
      el.hasAttribute(name)
        ? (name === 'srcset'
            ? el
                .getAttribute(name)!
                .split(',')
                .map((s) => s.trim().split(/\s+/)[0]!)
            : [el.getAttribute(name)!]
          ).map((value) => [el, name, value] as [HTMLElement, string, string])
        : [],
    ),
  );
}

function counterpartOf(site: Site, file: string): string {
  const page = site.pages.get(file)!;
  const other = languageOf(file) === 'nl' ? 'en' : 'nl';
  const links = page.querySelectorAll(`a[rel="alternate"][hreflang="${other}"]`);
  assert.equal(links.length, 1, `${file}: one link to the ${other} version`);
  return fileOf(resolveOn(file, links[0]!.getAttribute('href')!))!;
}

/** WCAG 2 contrast ratio of two #rrggbb colours. */
function contrast(a: string, b: string): number {
  const luminance = (hex: string) => {
    const [r, g, b] = [1, 3, 5].map((i) => {
      const c = parseInt(hex.slice(i, i + 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  };
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light! + 0.05) / (dark! + 0.05);
}

describe('the public website (npm run website)', () => {
  let site: Site;
  let other: Site;
  let built: Run;
  let otherBuilt: Run;

  before(async () => {
    [built, otherBuilt] = await Promise.all([
      runBuild(['--out', join(temp, 'default')]),
      runBuild(['--out', join(temp, 'other'), '--platform-url', OTHER_PLATFORM]),
    ]);
    assert.equal(built.code, 0, built.stderr);
    assert.equal(otherBuilt.code, 0, otherBuilt.stderr);
    site = readSite(join(temp, 'default'));
    other = readSite(join(temp, 'other'));
  });
  after(() => rmSync(temp, { recursive: true, force: true }));

  test('prints every file it wrote, and writes the pages of both languages', () => {
    for (const file of site.files) assert.match(built.stdout, new RegExp(`^  ${file.replaceAll('.', '\\.')} `, 'm'), file);
    assert.match(built.stdout, new RegExp(`^${site.files.length} files, `, 'm'));
    for (const page of ['index.html', '404.html', 'en/index.html', 'en/404.html']) assert.ok(site.pages.has(page), page);
  });

  test('Dutch and English have the same pages, each linking to its counterpart, which links back', () => {
    const nl = [...site.pages.keys()].filter((f) => languageOf(f) === 'nl');
    const en = [...site.pages.keys()].filter((f) => languageOf(f) === 'en');
    assert.ok(nl.length >= 6, `${nl.length} Dutch pages`);
    assert.equal(en.length, nl.length);
    const pairs = nl.map((file) => [file, counterpartOf(site, file)] as const);
    for (const [file, counterpart] of pairs) {
      assert.ok(site.pages.has(counterpart), `${file} links to ${counterpart}, which was built`);
      assert.equal(languageOf(counterpart), 'en', `${file}'s counterpart is English`);
      assert.equal(counterpartOf(site, counterpart), file, `${counterpart} links back to ${file}`);
    }
    assert.deepEqual(pairs.map(([, c]) => c).sort(), en.sort(), 'every English page is the counterpart of one Dutch page');
    assert.equal(counterpartOf(site, '404.html'), 'en/404.html');
  });

  test('every page: its language, one h1, a title, landmarks, a skip link, the CSP and referrer policy', () => {
    for (const [file, page] of site.pages) {
      assert.equal(page.querySelector('html')?.getAttribute('lang'), languageOf(file), `${file}: lang`);
      assert.equal(page.querySelectorAll('h1').length, 1, `${file}: one h1`);
      assert.ok(page.querySelector('title')?.text.trim(), `${file}: a title`);
      assert.ok(page.querySelector('meta[name="description"]')?.getAttribute('content'), `${file}: a description`);
      for (const landmark of ['header', 'header nav', 'main#main', 'footer'])
        assert.equal(page.querySelectorAll(landmark).length, 1, `${file}: ${landmark}`);
      const navLabels = page.querySelectorAll('nav').map((nav) => nav.getAttribute('aria-label'));
      assert.ok(
        navLabels.every(Boolean) && new Set(navLabels).size === navLabels.length,
        `${file}: every navigation has a name of its own`,
      );
      const first = page.querySelector('body')!.querySelector('a');
      assert.equal(first?.getAttribute('href'), '#main', `${file}: the first link skips to the content`);
      assert.equal(
        page.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content'),
        "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'",
        `${file}: CSP`,
      );
      assert.equal(page.querySelector('meta[name="referrer"]')?.getAttribute('content'), 'no-referrer', `${file}: referrer policy`);
      const ids = page.querySelectorAll('[id]').map((el) => el.id);
      assert.equal(new Set(ids).size, ids.length, `${file}: ids are unique`);
      for (const img of page.querySelectorAll('img')) assert.ok(img.hasAttribute('alt'), `${file}: every image has alt`);
      for (const a of page.querySelectorAll('a'))
        assert.ok(a.text.trim() || a.getAttribute('aria-label'), `${file}: every link has a name`);
    }
  });

  test('every same-site link and resource resolves to a built file (and a fragment to an element)', () => {
    for (const [file, page] of site.pages) {
      for (const [el, name, value] of urlAttributes(page)) {
        const url = resolveOn(file, value);
        const target = fileOf(url);
        if (target === null) continue;
        assert.ok(
          site.files.includes(target),
          `${file}: <${el.tagName.toLowerCase()} ${name}="${value}"> resolves to ${target}, which was not built`,
        );
        if (url.hash) assert.ok(site.pages.get(target)?.querySelector(`[id="${url.hash.slice(1)}"]`), `${file}: ${value} names no element`);
      }
    }
  });

  test('no JavaScript at all, no inline style, nothing that sets a cookie', () => {
    for (const [file, page] of site.pages) {
      assert.equal(
        page.querySelectorAll('script, noscript, style, iframe, object, embed, form, base').length,
        0,
        `${file}: no script, style, frame, form or base`,
      );
      for (const el of page.querySelectorAll('*')) {
        for (const [name, value] of Object.entries(el.attributes)) {
          assert.doesNotMatch(name, /^on/i, `${file}: event handler ${name}`);
          assert.notEqual(name.toLowerCase(), 'style', `${file}: inline style (the CSP would block it)`);
          assert.doesNotMatch(value, /^\s*(javascript|data|vbscript):/i, `${file}: ${name}="${value}"`);
        }
      }
      assert.equal(
        page.querySelectorAll('meta[http-equiv]').filter((m) => /set-cookie|refresh/i.test(m.getAttribute('http-equiv')!)).length,
        0,
      );
    }
    for (const file of site.files) {
      const text = readFileSync(join(site.dir, file), 'latin1');
      assert.doesNotMatch(text, /document\.cookie|cookieStore|set-cookie|localStorage|sessionStorage/i, file);
    }
    const svgs = site.files.filter((f) => f.endsWith('.svg'));
    assert.ok(svgs.length > 0);
    for (const svg of svgs)
      assert.doesNotMatch(readFileSync(join(site.dir, svg), 'utf8'), /<script|<style|style=|href=|<foreignObject|\bon\w+=/i, svg);
  });

  test('nothing is loaded from another origin; only links to the platform (or mailto:) leave the site', () => {
    const platformLinks = new Set<string>();
    for (const [file, page] of site.pages) {
      for (const [el, name, value] of urlAttributes(page)) {
        const url = resolveOn(file, value);
        if (url.origin === SITE) continue;
        const what = `${file}: <${el.tagName.toLowerCase()} ${name}="${value}">`;
        assert.ok(el.tagName === 'A' && name === 'href', `${what} loads from another origin`);
        assert.ok(url.origin === DEFAULT_PLATFORM || url.protocol === 'mailto:', `${what} leaves for somewhere other than the platform`);
        platformLinks.add(url.href);
      }
    }
    assert.ok(platformLinks.has(`${DEFAULT_PLATFORM}/`), 'the pages link to the platform');
    assert.ok(platformLinks.has(`${DEFAULT_PLATFORM}/staff/login`), 'the venues page links to the back office');
    const stylesheets = site.files.filter((f) => f.endsWith('.css'));
    assert.ok(stylesheets.length > 0);
    for (const css of stylesheets) {
      const text = readFileSync(join(site.dir, css), 'utf8');
      assert.doesNotMatch(text, /@import|@font-face|expression\(/i, css);
      for (const [, ref] of text.matchAll(/url\(\s*['"]?([^'")]*)/gi)) {
        const target = fileOf(resolveOn(css, ref!));
        assert.ok(target !== null && site.files.includes(target), `${css}: url(${ref}) is not a built file`);
      }
    }
  });

  test('the guidelines page carries each published promise, in both languages', () => {
    const text = (file: string) => site.pages.get(file)!.querySelector('main')!.text.replace(/\s+/g, ' ');
    const promises = {
      'technische-richtlijnen/index.html': [
        'Het platform (bookings.groupz.now) is volledig gescheiden van de publieke website (groupz.now).',
        'TLS1.3 (https)',
        'Verouderde versies van SSL of TLS worden bewust niet geaccepteerd.',
        'behalve poorten 80 en 443 (http en https)',
        'alleen toegestaan vanaf een zeer klein aantal IP-adressen',
        'wordt elke nacht automatisch geback-upt',
        'op een TransIP-server en op een tweede locatie. De back-ups worden minimaal 14 dagen bewaard.',
        'vereist twee-factor-authenticatie',
        'automatisch beëindigd en verwijderd na één uur inactiviteit',
        'worden er helemaal geen trackingtools gebruikt',
        'Het enige cookie dat wordt opgeslagen in de browser van een platformgebruiker is de taalkeuze (Nederlands of Engels)',
        'Deze website (groupz.now) plaatst helemaal geen cookies.',
      ],
      'en/technical-guidelines/index.html': [
        'The platform (bookings.groupz.now) is completely separate from the public website (groupz.now).',
        'TLS1.3 (https)',
        'Outdated versions of SSL or TLS are deliberately not accepted.',
        'except ports 80 and 443 (http and https)',
        'only allowed from a very small number of IP addresses',
        'automatically backed up every night',
        'stored on TransIP server and at a second location. The backups are kept for a minimum of 14 days.',
        'requires two-factor authentication',
        'automatically aborted and cleared after one hour of inactivity',
        'no tracking tools are used at all',
        'The only cookie stored in the browser of a platform user is the language choice (Dutch or English)',
        'This website (groupz.now) sets no cookies at all.',
      ],
    };
    for (const [file, sentences] of Object.entries(promises))
      for (const sentence of sentences) assert.ok(text(file).includes(sentence), `${file}: ${sentence}`);
  });

  test('the stylesheet keeps text, links, buttons and the focus ring readable (WCAG contrast)', () => {
    const css = readFileSync(
      join(
        site.dir,
        site.files.find((f) => f.endsWith('.css'))!,
      ),
      'utf8',
    );
    const colour = (name: string) => css.match(new RegExp(`--${name}:\\s*(#[0-9a-f]{6})`, 'i'))?.[1] ?? assert.fail(`--${name}`);
    const text: [string, string][] = [
      ['ink', 'paper'],
      ['ink', 'wash'],
      ['muted', 'paper'],
      ['muted', 'wash'],
      ['brand-dark', 'paper'],
      ['brand-dark', 'wash'],
    ];
    for (const [fg, bg] of text) assert.ok(contrast(colour(fg), colour(bg)) >= 4.5, `${fg} on ${bg}`);
    for (const bg of ['brand', 'brand-dark']) assert.ok(contrast('#ffffff', colour(bg)) >= 4.5, `white on ${bg}`);
    for (const bg of ['paper', 'wash']) assert.ok(contrast(colour('focus'), colour(bg)) >= 3, `focus ring on ${bg}`);
    assert.match(css, /:focus-visible\s*\{[^}]*outline:\s*3px solid var\(--focus\)/);
  });

  test('--platform-url changes every link to the platform', () => {
    const outbound = (s: Site) =>
      new Set(
        [...s.pages].flatMap(([file, page]) =>
          page
            .querySelectorAll('a[href]')
            .map((a) => resolveOn(file, a.getAttribute('href')!))
            .filter((u) => u.origin !== SITE)
            .map((u) => u.href),
        ),
      );
    assert.match(otherBuilt.stdout, /linking to https:\/\/boeken\.example\.nl:8443/);
    assert.deepEqual([...outbound(other)].sort(), [`${OTHER_PLATFORM}/`, `${OTHER_PLATFORM}/staff/login`]);
    assert.deepEqual([...outbound(site)].sort(), [`${DEFAULT_PLATFORM}/`, `${DEFAULT_PLATFORM}/staff/login`]);
    assert.match(
      other.pages.get('index.html')!.querySelector('main')!.text,
      /boeken\.example\.nl:8443/,
      'the platform is named by its host',
    );
  });

  test('an invalid --platform-url, an unknown option or a foreign --out directory stop the build with a message', async () => {
    const foreign = join(temp, 'foreign');
    mkdirSync(foreign);
    writeFileSync(join(foreign, 'keep.txt'), 'not a website');
    const [http, path, unknown, occupied] = await Promise.all([
      runBuild(['--out', join(temp, 'http'), '--platform-url', 'http://bookings.groupz.now']),
      runBuild(['--out', join(temp, 'path'), '--platform-url', 'https://bookings.groupz.now/book']),
      runBuild(['--out', join(temp, 'unknown'), '--platfrom-url', DEFAULT_PLATFORM]),
      runBuild(['--out', foreign]),
    ]);
    assert.equal(http.code, 2);
    assert.match(http.stderr, /--platform-url "http:\/\/bookings\.groupz\.now" does not start with https:\/\//);
    assert.equal(path.code, 2);
    assert.match(path.stderr, /--platform-url "https:\/\/bookings\.groupz\.now\/book" has a path/);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /platfrom-url/);
    assert.equal(occupied.code, 2);
    assert.match(occupied.stderr, /is not empty and holds no earlier build/);
    for (const run of [http, path, unknown, occupied]) assert.doesNotMatch(run.stderr, /\n\s+at /, 'no stack trace');
    for (const dir of ['http', 'path', 'unknown']) assert.equal(existsSync(join(temp, dir)), false, `nothing written for ${dir}`);
    assert.deepEqual(readdirSync(foreign), ['keep.txt']);
  });

  test('a second build replaces the first', async () => {
    const dir = join(temp, 'default');
    writeFileSync(join(dir, 'stale.html'), 'left over');
    const again = await runBuild(['--out', dir]);
    assert.equal(again.code, 0, again.stderr);
    assert.deepEqual(readSite(dir).files.sort(), [...site.files].sort());
  });
});

describe('website/nginx.conf.example', () => {
  test("serves TLS 1.3 only, with the pages' CSP (plus frame-ancestors) on every answer and no location that drops the headers", () => {
    const conf = readFileSync(new URL('nginx.conf.example', import.meta.url), 'utf8').replace(/^\s*#.*$/gm, '');
    assert.match(conf, /^\s*ssl_protocols TLSv1\.3;$/m);
    const csp = conf.match(/add_header Content-Security-Policy "([^"]+)" always;/)?.[1];
    assert.equal(csp, `${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`);
    for (const header of ['Strict-Transport-Security', 'X-Content-Type-Options', 'Referrer-Policy', 'Permissions-Policy']) {
      assert.match(conf, new RegExp(`add_header ${header} "[^"]+" always;`), header);
    }
    for (const location of conf.split(/\blocation\b/).slice(1)) assert.doesNotMatch(location.split('}')[0]!, /add_header/);
  });
});

describe('parsePlatformUrl', () => {
  test('takes an https origin, with or without a trailing slash or a port', () => {
    assert.deepEqual(parsePlatformUrl('https://bookings.groupz.now'), {
      origin: 'https://bookings.groupz.now',
      host: 'bookings.groupz.now',
    });
    assert.deepEqual(parsePlatformUrl('https://Bookings.Groupz.now/'), {
      origin: 'https://bookings.groupz.now',
      host: 'bookings.groupz.now',
    });
    assert.deepEqual(parsePlatformUrl('https://127.0.0.1:8443'), { origin: 'https://127.0.0.1:8443', host: '127.0.0.1:8443' });
  });

  test('refuses anything else, saying why', () => {
    const cases: [string, RegExp][] = [
      ['', /is not a URL/],
      ['bookings.groupz.now', /is not a URL/],
      ['http://bookings.groupz.now', /does not start with https/],
      ['ftp://bookings.groupz.now', /does not start with https/],
      ['https://user:secret@bookings.groupz.now', /user name or password/],
      ['https://bookings.groupz.now/nl/', /has a path/],
      ['https://bookings.groupz.now?lang=en', /query/],
      ['https://bookings.groupz.now/?', /query/],
      ['https://bookings.groupz.now#top', /fragment/],
    ];
    for (const [input, reason] of cases) {
      assert.throws(
        () => parsePlatformUrl(input),
        (error: unknown) =>
          error instanceof PlatformUrlError && reason.test(error.message) && error.message.includes('https://bookings.groupz.now'),
        input,
      );
    }
  });
});
