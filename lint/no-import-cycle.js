// @ts-check
// ESLint rule groupz/no-import-cycle: an import whose target leads back to the importing file.
// import-x/no-cycle skips `import type`; this rule counts every edge TypeScript sees (type-only
// imports, `export ... from`, `import()`), so a cycle of types is reported like any other.
import { relative } from 'node:path';
import { importsOf, importVisitors, resolveImport } from './import-graph.js';

/** The shortest way from `start` back to `target` (both included), or undefined when there is none. */
function pathBack(start, target) {
  const cameFrom = new Map([[start, '']]);
  const queue = [start];
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    for (const next of importsOf(file)) {
      if (cameFrom.has(next)) continue;
      cameFrom.set(next, file);
      if (next === target) {
        const path = [];
        for (let step = next; step !== ''; step = /** @type {string} */ (cameFrom.get(step))) path.unshift(step);
        return path;
      }
      queue.push(next);
    }
  }
  return undefined;
}

/** @type {import('eslint').Rule.RuleModule} */
export const noImportCycle = {
  meta: {
    type: 'problem',
    docs: { description: 'Forbid imports (type-only ones included) that lead back to the importing module' },
    schema: [],
    messages: { cycle: 'Import cycle: {{cycle}}' },
  },
  create(context) {
    const file = context.physicalFilename;
    /** @param {any} node @param {unknown} specifier */
    function check(node, specifier) {
      if (typeof specifier !== 'string') return;
      const target = resolveImport(specifier, file);
      const back = target && (target === file ? [file] : pathBack(target, file));
      if (!back) return;
      const cycle = [file, ...back].map((f) => relative(context.cwd, f)).join(' -> ');
      context.report({ node, messageId: 'cycle', data: { cycle } });
    }
    return importVisitors(check);
  },
};
