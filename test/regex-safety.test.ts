import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { checkSync } from 'recheck';
import ts from 'typescript';
import { z } from 'zod';
import { cssReferences } from '../src/audit/html-scan.js';
import { isValidEmail } from '../src/core/staff/staff.service.js';

const src = fileURLToPath(new URL('../src', import.meta.url));

/**
 * Patterns recheck finds super-linear that never see a visitor's or staff member's input, each
 * with the reason. Anything else must be linear.
 */
const NOT_ON_USER_INPUT: Record<string, string> = {
  'config.ts': 'RESTIC_URL checks the operator’s GROUPZ_BACKUP_REMOTE_REPO once at start',
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [path] : [];
  });
}

/** Every regular expression literal of the app's source, as its file names it. */
function regexLiterals(): { file: string; source: string; flags: string }[] {
  return sourceFiles(src).flatMap((file) => {
    const tree = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const found: { file: string; source: string; flags: string }[] = [];
    const visit = (node: ts.Node): void => {
      if (ts.isRegularExpressionLiteral(node)) {
        const end = node.text.lastIndexOf('/');
        found.push({ file: relative(src, file), source: node.text.slice(1, end), flags: node.text.slice(end + 1) });
      }
      ts.forEachChild(node, visit);
    };
    visit(tree);
    return found;
  });
}

describe('regular expressions', () => {
  test('every pattern in src/ (and zod’s address pattern) runs in linear time, by recheck', () => {
    const literals = regexLiterals();
    assert.ok(literals.length > 50, `found ${literals.length} patterns`);
    const patterns = [...literals, { file: 'zod', source: z.regexes.email.source, flags: z.regexes.email.flags }];
    const offences = patterns
      .map((p) => ({ ...p, result: checkSync(p.source, p.flags, { timeout: 10_000 }) }))
      .filter(({ file, result }) => result.status !== 'safe' && !Object.hasOwn(NOT_ON_USER_INPUT, file))
      .map(
        ({ file, source, result }) => `${file}: /${source}/ ${result.status === 'vulnerable' ? result.complexity.summary : result.status}`,
      );
    assert.deepEqual(offences, []);
  });

  test('the worst inputs found before are answered at once', () => {
    const time = (run: () => unknown) => {
      const start = performance.now();
      run();
      return performance.now() - start;
    };
    // The staff address pattern took 4 s on this 60,000-character input.
    const address = `a@${'.'.repeat(59_997)}@`;
    assert.ok(time(() => assert.equal(isValidEmail(address), false)) < 50);
    const css = [`${'url('.repeat(20_000)}`, `${'/*'.repeat(30_000)}`, `url(${' '.repeat(60_000)}`];
    for (const text of css) assert.ok(time(() => cssReferences(text)) < 200, text.slice(0, 10));
    assert.deepEqual(cssReferences('a{b:url( "x.png" )} /* url(c.png) */ d{e:url(f.svg)} @import "g.css";'), ['x.png', 'f.svg', 'g.css']);
  });
});
