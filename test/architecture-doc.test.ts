// docs/architecture.md names the files each kind of change touches: every path it gives in `code`
// from the repository's root must exist, or a newcomer is sent to a room that is not there.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const ROOTS = ['src/', 'test/', 'bench/', 'deploy/', 'website/', 'lint/', 'docs/'];

/** The inline code spans of a Markdown text (fenced blocks left out) that start at one of ROOTS. */
function pathsIn(markdown: string): string[] {
  const prose = markdown.replace(/^```[^]*?^```/gm, '');
  return [...prose.matchAll(/`([^`\n]+)`/g)].map(([, span]) => span!).filter((span) => ROOTS.some((r) => span.startsWith(r)));
}

/** The paths of `markdown` that name no file or folder under `root` (taken exactly: no globs, no placeholders). */
function missingPaths(markdown: string): string[] {
  return [...new Set(pathsIn(markdown))].filter((path) => !existsSync(join(root, path)));
}

test('every path docs/architecture.md gives exists', () => {
  const doc = readFileSync(join(root, 'docs/architecture.md'), 'utf8');
  assert.ok(pathsIn(doc).length > 50, 'the doc names the files it sends a reader to');
  assert.deepEqual(missingPaths(doc), []);
});

test('a wrong path is reported, a placeholder or glob too; fenced blocks and other spans are not paths', () => {
  const planted = [
    'Routes are in `src/web/public/activities.routes.tsx` and `src/web/public/` (not `src/web/pubic/`).',
    'A new one: `src/core/<domain>/x.service.ts`, or `src/**/*.page.tsx`; `web/views/` is relative.',
    '```',
    'src/nowhere.ts',
    '```',
  ].join('\n');
  assert.deepEqual(missingPaths(planted), ['src/web/pubic/', 'src/core/<domain>/x.service.ts', 'src/**/*.page.tsx']);
});
