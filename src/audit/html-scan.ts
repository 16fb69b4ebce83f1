/**
 * A small scanner for the tags and attributes of an HTML page, enough to find every URL a page makes
 * a browser fetch. It follows the HTML tokenizer where that matters here: comments, doctype and
 * processing instructions are skipped, script/style/textarea/title content is raw text (a `<script>`
 * inside a script string is no tag), attribute values are quoted or not and have their character
 * references decoded, names are case-insensitive.
 */

export interface Tag {
  kind: 'start' | 'end';
  name: string;
  attributes: Map<string, string>;
}

export interface ScannedPage {
  tags: Tag[];
  /** The text of each <style> element. */
  styles: string[];
}

const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp']);
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

function decodeReferences(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);?/gi, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED[ref.toLowerCase()] ?? whole;
  });
}

export function scanHtml(html: string): ScannedPage {
  const tags: Tag[] = [];
  const styles: string[] = [];
  let i = 0;
  while (i < html.length) {
    const open = html.indexOf('<', i);
    if (open === -1) break;
    if (html.startsWith('<!--', open)) {
      const close = html.indexOf('-->', open + 4);
      i = close === -1 ? html.length : close + 3;
      continue;
    }
    const tagMatch = /^<(\/?)([a-zA-Z][^\s/>]*)/.exec(html.slice(open, open + 200));
    if (!tagMatch) {
      // `<!doctype>`, `<?...>` or a lone `<` in text.
      i = /^<[!?]/.test(html.slice(open, open + 2)) ? html.indexOf('>', open) + 1 || html.length : open + 1;
      continue;
    }
    const kind = tagMatch[1] ? 'end' : 'start';
    const name = tagMatch[2]!.toLowerCase();
    const attributes = new Map<string, string>();
    i = open + tagMatch[0].length;
    for (;;) {
      while (i < html.length && /[\s/]/.test(html[i]!)) i += 1;
      if (i >= html.length || html[i] === '>') break;
      const attrName = /^[^\s"'>/=]+/.exec(html.slice(i))?.[0] ?? html[i]!;
      i += attrName.length;
      while (i < html.length && /\s/.test(html[i]!)) i += 1;
      let value = '';
      if (html[i] === '=') {
        i += 1;
        while (i < html.length && /\s/.test(html[i]!)) i += 1;
        const quote = html[i];
        if (quote === '"' || quote === "'") {
          const end = html.indexOf(quote, i + 1);
          value = html.slice(i + 1, end === -1 ? html.length : end);
          i = end === -1 ? html.length : end + 1;
        } else {
          value = /^[^\s>]*/.exec(html.slice(i))![0];
          i += value.length;
        }
      }
      const key = attrName.toLowerCase();
      if (!attributes.has(key)) attributes.set(key, decodeReferences(value));
    }
    i += 1;
    tags.push({ kind, name, attributes });
    if (kind === 'start' && RAW_TEXT.has(name)) {
      const end = html.toLowerCase().indexOf(`</${name}`, i);
      const text = html.slice(i, end === -1 ? html.length : end);
      if (name === 'style') styles.push(text);
      i = end === -1 ? html.length : end;
    }
  }
  return { tags, styles };
}

/** Where a page makes the browser fetch something: the element, the attribute and the URL as written. */
export interface Reference {
  where: string;
  url: string;
}

/** Link relations that navigate or describe and fetch nothing by themselves. */
const NAVIGATIONAL_RELS = new Set(['alternate', 'author', 'bookmark', 'canonical', 'help', 'license', 'next', 'prev', 'search', 'me']);

/** Attributes holding one URL that the browser fetches (or posts to), by element. */
const URL_ATTRIBUTES: Record<string, string[]> = {
  script: ['src'],
  img: ['src'],
  iframe: ['src'],
  frame: ['src'],
  embed: ['src'],
  source: ['src'],
  track: ['src'],
  video: ['src', 'poster'],
  audio: ['src'],
  object: ['data'],
  form: ['action'],
  input: ['src', 'formaction'],
  button: ['formaction'],
};

/** The URLs of a srcset, as the HTML spec splits it: a URL runs to whitespace, or ends in commas; descriptors run to a comma. */
function srcsetUrls(srcset: string): string[] {
  const urls: string[] = [];
  let rest = srcset;
  for (;;) {
    rest = rest.replace(/^[\s,]+/, '');
    const url = /^\S+/.exec(rest)?.[0];
    if (!url) return urls;
    rest = rest.slice(url.length);
    if (url.endsWith(',')) {
      urls.push(withoutTrailingCommas(url));
    } else {
      urls.push(url);
      rest = rest.replace(/^[^,]*/, '');
    }
  }
}

/** The text without its trailing commas (a loop, as `/,+$/` takes quadratic time on a run of commas). */
function withoutTrailingCommas(text: string): string {
  let end = text.length;
  while (end > 0 && text[end - 1] === ',') end -= 1;
  return text.slice(0, end);
}

/** A stylesheet without its comments; an unclosed comment runs to the end, as in CSS. */
function withoutCssComments(css: string): string {
  const parts: string[] = [];
  let from = 0;
  for (let open = css.indexOf('/*'); open !== -1; open = css.indexOf('/*', from)) {
    parts.push(css.slice(from, open));
    const close = css.indexOf('*/', open + 2);
    if (close === -1) return parts.join('');
    from = close + 2;
  }
  parts.push(css.slice(from));
  return parts.join('');
}

/** The url(...) and @import targets of a stylesheet. An unquoted URL holds no parentheses, so each match is linear. */
export function cssReferences(css: string): string[] {
  const text = withoutCssComments(css);
  const urls = [...text.matchAll(/url\((?:\s*(?:"([^"]*)"|'([^']*)'|([^()'"\s]+)))?\s*\)/gi)].map((m) => m[1] ?? m[2] ?? m[3] ?? '');
  const imports = [...text.matchAll(/@import\s+(?:"([^"]*)"|'([^']*)')/gi)].map((m) => m[1] ?? m[2] ?? '');
  return [...urls, ...imports].filter((url) => url !== '');
}

/** Every resource a page refers to: elements' URLs, srcsets, stylesheet links and CSS inside the page. */
export function pageReferences(page: ScannedPage): Reference[] {
  const references: Reference[] = [];
  for (const tag of page.tags) {
    if (tag.kind !== 'start') continue;
    const get = (name: string) => tag.attributes.get(name);
    if (tag.name === 'link') {
      const rels = (get('rel') ?? '').toLowerCase().split(/\s+/);
      const href = get('href');
      if (href && !rels.every((rel) => NAVIGATIONAL_RELS.has(rel))) references.push({ where: `<link rel="${get('rel')}">`, url: href });
    }
    for (const attribute of URL_ATTRIBUTES[tag.name] ?? []) {
      const url = get(attribute);
      if (url !== undefined && url.trim() !== '') references.push({ where: `<${tag.name} ${attribute}>`, url: url.trim() });
    }
    const srcset = get('srcset');
    if (srcset) for (const url of srcsetUrls(srcset)) references.push({ where: `<${tag.name} srcset>`, url });
    const style = get('style');
    if (style) for (const url of cssReferences(style)) references.push({ where: `<${tag.name} style>`, url });
  }
  for (const css of page.styles) for (const url of cssReferences(css)) references.push({ where: '<style>', url });
  return references;
}

/** The links a visitor can follow: <a href> and <area href>. */
export function pageLinks(page: ScannedPage): string[] {
  return page.tags
    .filter((tag) => tag.kind === 'start' && (tag.name === 'a' || tag.name === 'area'))
    .map((tag) => tag.attributes.get('href') ?? '')
    .filter((href) => href.trim() !== '');
}

/** The stylesheets a page links. */
export function stylesheetLinks(page: ScannedPage): string[] {
  return page.tags
    .filter((tag) => tag.kind === 'start' && tag.name === 'link' && /(^|\s)stylesheet(\s|$)/i.test(tag.attributes.get('rel') ?? ''))
    .map((tag) => tag.attributes.get('href') ?? '')
    .filter((href) => href.trim() !== '');
}

export interface Form {
  method: string;
  action: string;
  /** The named inputs (hidden and others) with their values. */
  fields: Map<string, string>;
  /** The named submit buttons. */
  buttons: { name: string; value: string; pressed: boolean }[];
}

/** The forms of a page with their fields, as a browser would submit them. */
export function pageForms(page: ScannedPage): Form[] {
  const forms: Form[] = [];
  let current: Form | null = null;
  for (const tag of page.tags) {
    if (tag.name === 'form') {
      current =
        tag.kind === 'start'
          ? {
              method: (tag.attributes.get('method') ?? 'get').toLowerCase(),
              action: tag.attributes.get('action') ?? '',
              fields: new Map(),
              buttons: [],
            }
          : null;
      if (current) forms.push(current);
      continue;
    }
    const name = tag.attributes.get('name');
    if (!current || tag.kind !== 'start' || !name) continue;
    const value = tag.attributes.get('value') ?? '';
    if (tag.name === 'button' && (tag.attributes.get('type') ?? 'submit') === 'submit') {
      current.buttons.push({ name, value, pressed: tag.attributes.get('aria-pressed') === 'true' });
    } else if (tag.name === 'input' && !['submit', 'button', 'checkbox', 'radio', 'image'].includes(tag.attributes.get('type') ?? 'text')) {
      current.fields.set(name, value);
    }
  }
  return forms;
}
