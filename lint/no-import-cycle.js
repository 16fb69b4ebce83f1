// @ts-check
// ESLint rule groupz/no-import-cycle: an import whose target leads back to the importing file.
// import-x/no-cycle skips `import type`; this rule counts every edge TypeScript sees (type-only
// imports, `export ... from`, `import()`), so a cycle of types is reported like any other.
import { readFileSync, statSync } from 'node:fs';
import { relative } from 'node:path';
import ts from 'typescript';

/** Resolution as `tsc` does it (tsconfig.json: NodeNext), so `./x.js` finds `x.ts` or `x.tsx`. */
const COMPILER_OPTIONS = { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, jsx: ts.JsxEmit.ReactJSX };

/**
 * Each file's project imports. A file is read again when its modification time or size changed,
 * looked at no more than once a second: a whole run lints every file with one look at each.
 * @type {Map<string, { version: string; checkedAt: number; imports: string[] }>}
 */
const graph = new Map();

/** Resolutions by folder and specifier, for the process's life (as long as a run or an editor's session). */
const resolutions = ts.createModuleResolutionCache(process.cwd(), (name) => name, COMPILER_OPTIONS);

/** The project file a specifier names, or undefined for packages, declarations and what does not resolve. */
function resolveImport(specifier, fromFile) {
  const resolved = ts.resolveModuleName(specifier, fromFile, COMPILER_OPTIONS, ts.sys, resolutions).resolvedModule;
  if (!resolved || resolved.isExternalLibraryImport || resolved.extension === ts.Extension.Dts) return undefined;
  return resolved.resolvedFileName;
}

/** @returns {string[]} */
function importsOf(file) {
  const now = Date.now();
  const known = graph.get(file);
  if (known && now - known.checkedAt < 1000) return known.imports;
  let version;
  try {
    const { mtimeMs, size } = statSync(file);
    version = `${mtimeMs}:${size}`;
  } catch {
    graph.delete(file);
    return [];
  }
  if (known?.version === version) {
    known.checkedAt = now;
    return known.imports;
  }
  const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  const imports = [...new Set(importedFiles.map((i) => resolveImport(i.fileName, file)).filter((f) => f !== undefined))];
  graph.set(file, { version, checkedAt: now, imports });
  return imports;
}

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
    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
      /** `import('./x.js').X` in a type. */
      TSImportType: (/** @type {any} */ node) => check(node, node.argument?.literal?.value),
    };
  },
};
