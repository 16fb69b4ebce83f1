// @ts-check
// The project's import graph as TypeScript sees it (type-only imports, `export ... from` and
// `import()` included), shared by the rules that look for cycles in it.
import { readFileSync, statSync } from 'node:fs';
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
export function resolveImport(specifier, fromFile) {
  const resolved = ts.resolveModuleName(specifier, fromFile, COMPILER_OPTIONS, ts.sys, resolutions).resolvedModule;
  if (!resolved || resolved.isExternalLibraryImport || resolved.extension === ts.Extension.Dts) return undefined;
  return resolved.resolvedFileName;
}

/** @returns {string[]} */
export function importsOf(file) {
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

/**
 * ESLint visitors calling `check(node, specifier)` for each import TypeScript sees: declarations,
 * `export ... from`, `import()`, `import('./x.js').X` in a type and `import x = require('./x.js')`.
 * @param {(node: any, specifier: unknown) => void} check
 */
export function importVisitors(check) {
  return {
    ImportDeclaration: (/** @type {any} */ node) => check(node, node.source.value),
    ExportNamedDeclaration: (/** @type {any} */ node) => node.source && check(node, node.source.value),
    ExportAllDeclaration: (/** @type {any} */ node) => check(node, node.source.value),
    ImportExpression: (/** @type {any} */ node) => node.source.type === 'Literal' && check(node, node.source.value),
    TSImportType: (/** @type {any} */ node) => check(node, node.argument?.literal?.value),
    // `import x = require('./x.js')`, which tsc takes in an ES module too.
    TSImportEqualsDeclaration: (/** @type {any} */ node) =>
      node.moduleReference.type === 'TSExternalModuleReference' && check(node, node.moduleReference.expression.value),
  };
}
