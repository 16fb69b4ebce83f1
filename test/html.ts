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

/** The platform's own fingerprinted scripts, the only ones a page may load (and no inline script). */
const OWN_SCRIPT = /^\/(?:admin\/)?assets\/[a-z-]+\.[0-9a-f]{12}\.js$/;

/**
 * Nothing in the page can run script but the platform's own files: no other script element, no
 * event-handler attribute, no javascript: URL.
 */
export function assertInert(body: string, payloadMarker: string): void {
  const root = parse(body);
  const scripts = root.querySelectorAll('script').filter((s) => !OWN_SCRIPT.test(s.getAttribute('src') ?? '') || s.innerHTML !== '');
  if (scripts.length > 0) throw new Error(`a <script> element in the page: ${scripts[0]!.toString().slice(0, 80)}`);
  for (const el of root.querySelectorAll('*')) {
    for (const [name, value] of Object.entries(el.attributes)) {
      if (/^on/i.test(name)) throw new Error(`event handler attribute ${name} on <${el.tagName}>`);
      if (/^\s*javascript:/i.test(value)) throw new Error(`javascript: URL in ${name}`);
    }
  }
  if (body.includes(payloadMarker)) throw new Error(`the raw payload ${payloadMarker} is in the page`);
}

/**
 * Why a data table's cells are not tied to their headers by `scope` (WCAG technique H43, as
 * HTML_CodeSniffer, which pa11y runs, checks it): a header without scope="col" or "row"; more than
 * one row or more than one column holding several header cells (scope is then ambiguous: HTMLCS
 * asks for headers/id); a data cell with neither a column header above it nor a row header before it.
 * Tables whose cells all carry `headers` are taken as correct. Empty: no problem.
 */
export function tableHeaderProblems(table: HTMLElement): string[] {
  const problems: string[] = [];
  const rows = table.querySelectorAll('tr');
  const headersInRow: number[] = [];
  const headersInColumn: number[] = [];
  const grid: { cell: HTMLElement; row: number; col: number; span: number }[] = [];
  rows.forEach((tr, row) => {
    let col = 0;
    for (const cell of tr.childNodes.filter(
      (n): n is HTMLElement => n instanceof Object && 'tagName' in n && /^(TH|TD)$/.test(String(n.tagName)),
    )) {
      const span = Number(cell.getAttribute('colspan') ?? 1) || 1;
      grid.push({ cell, row, col, span });
      if (cell.tagName === 'TH') {
        headersInRow[row] = (headersInRow[row] ?? 0) + span;
        for (let c = col; c < col + span; c++) headersInColumn[c] = (headersInColumn[c] ?? 0) + 1;
      }
      col += span;
    }
  });
  const tds = grid.filter((g) => g.cell.tagName === 'TD');
  if (tds.length > 0 && tds.every((g) => g.cell.getAttribute('headers'))) return problems;
  for (const { cell } of grid.filter((g) => g.cell.tagName === 'TH')) {
    if (!['col', 'row'].includes(cell.getAttribute('scope') ?? '')) problems.push(`<th> without scope: "${cell.textContent.trim()}"`);
  }
  if (headersInRow.filter((n) => n > 1).length > 1) problems.push('several rows hold several header cells: scope is ambiguous');
  if (headersInColumn.filter((n) => n > 1).length > 1) problems.push('several columns hold several header cells: scope is ambiguous');
  for (const { cell, row, col } of tds) {
    const columnHeader = grid.some((g) => g.row < row && g.col <= col && col < g.col + g.span && g.cell.getAttribute('scope') === 'col');
    const rowHeader = grid.some((g) => g.row === row && g.col < col && g.cell.getAttribute('scope') === 'row');
    if (!columnHeader && !rowHeader) problems.push(`data cell "${cell.textContent.trim()}" (row ${row}, column ${col}) has no header`);
  }
  return problems;
}

/**
 * Why a required select that shows one option at a time is invalid HTML (the Nu checker's rule):
 * its first option must have an empty value or no text, a placeholder. Empty: no problem.
 */
export function requiredSelectProblems(page: HTMLElement): string[] {
  return page
    .querySelectorAll('select[required]')
    .filter((select) => !select.hasAttribute('multiple') && Number(select.getAttribute('size') ?? 1) <= 1)
    .filter((select) => {
      const first = select.querySelector('option');
      return first !== null && first.getAttribute('value') !== '' && first.textContent.trim() !== '';
    })
    .map((select) => `required <select id="${select.getAttribute('id') ?? ''}"> whose first option is not an empty placeholder`);
}

/** The controls whose own constraints a browser enforces before sending, in its own language. */
const CONSTRAINED =
  'input[required], input[min], input[max], input[pattern], input[type="email"], input[type="number"], select[required], textarea[required]';

/**
 * Why a form would be held back by the browser's own check, in the browser's language, before the
 * server's translated errors can show: a control with constraints in a form without `novalidate`.
 */
export function browserValidatedForms(page: HTMLElement): string[] {
  return page
    .querySelectorAll('form')
    .filter((form) => !form.hasAttribute('novalidate') && form.querySelector(CONSTRAINED) !== null)
    .map((form) => `<form action="${form.getAttribute('action') ?? ''}"> with constrained controls and no novalidate`);
}
