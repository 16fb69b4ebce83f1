// @ts-check
// ESLint rule groupz/no-folder-cycle: an import from one folder of src/ into another whose files
// lead back to the first. Folders are the units a newcomer reasons about: each domain of core/
// (core/bookings, core/payments, ...), each part of web/ (web/admin, web/views, ...) and each
// other top-level folder of src/ (adapters, server, cli, ...). Between two of them, imports point
// one way only, so a domain can be read, tested and changed with what lies below it alone. Tests
// are left out: a test may exercise several folders together.
import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { importsOf, importVisitors, resolveImport } from './import-graph.js';

const TEST = /\.test\.tsx?$/;
const SOURCE = /\.tsx?$/;

/** The folder a file of src/ belongs to, e.g. `core/bookings`, `web/views`, `server`; undefined outside src/ and for tests. */
export function folderOf(root, file) {
  const parts = relative(root, file).split(sep);
  if (parts[0] !== 'src' || parts.length < 2 || TEST.test(file)) return undefined;
  if ((parts[1] === 'core' || parts[1] === 'web') && parts.length > 3) return `${parts[1]}/${parts[2]}`;
  return parts.length > 2 ? parts[1] : parts[1].replace(SOURCE, '');
}

/** @type {{ root: string; at: number; files: string[] } | undefined} */
let listing;

/** The project's source files under src/ (no tests), listed again at most once a second. */
function sourceFiles(root) {
  const now = Date.now();
  if (listing?.root === root && now - listing.at < 1000) return listing.files;
  const files = readdirSync(join(root, 'src'), { recursive: true, encoding: 'utf8' })
    .filter((f) => SOURCE.test(f) && !TEST.test(f) && !f.endsWith('.d.ts'))
    .map((f) => join(root, 'src', f));
  listing = { root, at: now, files };
  return files;
}

/** @type {{ root: string; at: number; edges: Map<string, Map<string, string>> } | undefined} */
let known;

/**
 * For each folder, the folders its files import, each with one import that shows it; built again
 * at most once a second, like the listing (a whole run builds it a few times, not once per import).
 * @returns {Map<string, Map<string, string>>}
 */
function folderGraph(root) {
  const now = Date.now();
  if (known?.root === root && now - known.at < 1000) return known.edges;
  /** @type {Map<string, Map<string, string>>} */
  const edges = new Map();
  for (const file of sourceFiles(root)) {
    const from = folderOf(root, file);
    if (from === undefined) continue;
    for (const target of importsOf(file)) {
      const to = folderOf(root, target);
      if (to === undefined || to === from) continue;
      const out = edges.get(from) ?? new Map();
      if (!out.has(to)) out.set(to, `${relative(root, file)} -> ${relative(root, target)}`);
      edges.set(from, out);
    }
  }
  known = { root, at: now, edges };
  return edges;
}

/** The shortest way from folder `start` back to `target`, as the imports that make it; undefined when there is none. */
function wayBack(edges, start, target) {
  const cameFrom = new Map([[start, { folder: '', via: '' }]]);
  const queue = [start];
  for (let folder = queue.shift(); folder !== undefined; folder = queue.shift()) {
    for (const [next, via] of edges.get(folder) ?? []) {
      if (cameFrom.has(next)) continue;
      cameFrom.set(next, { folder, via });
      if (next === target) {
        const steps = [];
        for (let step = next; step !== start; step = cameFrom.get(step).folder) steps.unshift(cameFrom.get(step).via);
        return steps;
      }
      queue.push(next);
    }
  }
  return undefined;
}

/** @type {import('eslint').Rule.RuleModule} */
export const noFolderCycle = {
  meta: {
    type: 'problem',
    docs: { description: 'Forbid imports between folders of src/ whose files import each other, directly or through other folders' },
    schema: [],
    messages: { cycle: 'Folder cycle: {{from}} imports {{to}}, and {{to}} leads back to {{from}} ({{way}})' },
  },
  create(context) {
    const root = context.cwd;
    const file = context.physicalFilename;
    const from = folderOf(root, file);
    if (from === undefined) return {};
    /** @param {any} node @param {unknown} specifier */
    function check(node, specifier) {
      if (typeof specifier !== 'string') return;
      const target = resolveImport(specifier, file);
      const to = target && folderOf(root, target);
      if (!to || to === from) return;
      const way = wayBack(folderGraph(root), to, from);
      if (way) context.report({ node, messageId: 'cycle', data: { from, to, way: way.join('; ') } });
    }
    return importVisitors(check);
  },
};
