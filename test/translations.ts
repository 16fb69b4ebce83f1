import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Language } from '../src/core/shared/language.js';

type Catalogues = Record<Language, Readonly<Record<string, string>>>;

/**
 * Both languages have exactly the same keys, none empty, with the same placeholders; none writes a
 * percent sign itself: a percentage is a placeholder filled with percent(), written the language's
 * way ("9%"), never "9 %" in one text and "9%" in another.
 */
export function assertComplete({ nl, en }: Catalogues): void {
  assert.deepEqual(Object.keys(en).sort(), Object.keys(nl).sort());
  for (const [key, text] of Object.entries(nl)) {
    const other = en[key]!;
    assert.ok(text.trim() && other.trim(), `empty message ${key}`);
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    assert.deepEqual(names(other), names(text), `placeholders of ${key}`);
    assert.ok(!text.includes('%') && !other.includes('%'), `a percent sign written in ${key}: fill a placeholder with percent()`);
  }
}

/**
 * Each key of the catalogue is defined exactly once per language in the message files it is built
 * from: the catalogue spreads them into one object, where a second definition would silently hide
 * the first.
 */
export function assertDefinedOnce({ nl }: Catalogues, files: readonly string[]): void {
  const definitions = new Map<string, number>();
  for (const file of files) {
    for (const [, key] of readFileSync(file, 'utf8').matchAll(/^\s+'([^']+)':/gm)) definitions.set(key!, (definitions.get(key!) ?? 0) + 1);
  }
  assert.deepEqual([...definitions.keys()].sort(), Object.keys(nl).sort(), 'the files define the catalogue');
  assert.deepEqual(
    [...definitions].filter(([, count]) => count !== 2).map(([key]) => key),
    [],
    'defined once in Dutch and once in English',
  );
}

/** The message files of one folder. */
export function messageFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => /\.ts$/.test(name))
    .map((name) => join(dir, name));
}

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sources(path);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) && !e.name.includes('messages') ? [path] : [];
  });
}

/**
 * The keys that no source file under dir names in quotes (the texts themselves and the tests left
 * out), less those the code makes from a code (`error.${code}`): keys nothing shows.
 */
export function unusedKeys(keys: readonly string[], dir: string, dynamic: ReadonlySet<string> = new Set()): string[] {
  const code = sources(dir)
    .map((f) => readFileSync(f, 'utf8'))
    .join('\n');
  return keys.filter((key) => !dynamic.has(key) && !code.includes(`'${key}'`) && !code.includes(`"${key}"`));
}
