import { type HTMLElement, parse } from 'node-html-parser';

export function parseHtml(body: string): HTMLElement {
  return parse(body);
}

/** The fields a browser would submit for a form (hidden and filled inputs, textareas), by name. */
export function formFields(form: HTMLElement): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const input of form.querySelectorAll('input')) {
    const name = input.getAttribute('name');
    const type = input.getAttribute('type') ?? 'text';
    if (!name || type === 'submit' || ((type === 'checkbox' || type === 'radio') && !input.hasAttribute('checked'))) continue;
    fields[name] = input.getAttribute('value') ?? (type === 'checkbox' ? 'on' : '');
  }
  for (const area of form.querySelectorAll('textarea')) fields[area.getAttribute('name') ?? ''] = area.textContent;
  return fields;
}

export function urlencoded(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}

/** Nothing in the page can run script: no script element, no event-handler attribute, no javascript: URL. */
export function assertInert(body: string, payloadMarker: string): void {
  const root = parse(body);
  const scripts = root.querySelectorAll('script');
  if (scripts.length > 0) throw new Error(`a <script> element in the page: ${scripts[0]!.toString().slice(0, 80)}`);
  for (const el of root.querySelectorAll('*')) {
    for (const [name, value] of Object.entries(el.attributes)) {
      if (/^on/i.test(name)) throw new Error(`event handler attribute ${name} on <${el.tagName}>`);
      if (/^\s*javascript:/i.test(value)) throw new Error(`javascript: URL in ${name}`);
    }
  }
  if (body.includes(payloadMarker)) throw new Error(`the raw payload ${payloadMarker} is in the page`);
}
