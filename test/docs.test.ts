import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { COVERAGE_FLOOR } from './coverage.js';
import {
  brokenLinks,
  commandsOfHelp,
  readDocuments,
  settingNames,
  sourceTexts,
  undocumentedSettings,
  unknownCommands,
  unknownSettings,
} from './docs-checks.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const documents = readDocuments(root);
const isTest = (path: string) => /\.test\.tsx?$/.test(path);

/** The GROUPZ_* names the platform reads: those its code (src/ without the tests) names. */
const readBySrc = new Set(sourceTexts(join(root, 'src'), (path) => !isTest(path)).flatMap((text) => [...settingNames(text)]));
/** And those the test suite and the bench read (GROUPZ_TEST_*): any of these may be documented. */
const known = new Set([
  ...readBySrc,
  ...['test', 'bench'].flatMap((dir) => sourceTexts(join(root, dir), (path) => !isTest(path)).flatMap((text) => [...settingNames(text)])),
]);

/** The commands `groupz --help` lists. */
function cliCommands(): string[] {
  const help = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/run-from-source.ts', '--help'], { cwd: root, encoding: 'utf8' });
  assert.equal(help.status, 0, help.stderr);
  return commandsOfHelp(help.stdout);
}

describe('the docs', () => {
  test('docs/configuration.md documents every GROUPZ_* setting the code reads', () => {
    assert.ok(readBySrc.has('GROUPZ_PUBLIC_URL') && readBySrc.size > 30, 'the scan finds the settings');
    assert.deepEqual(undocumentedSettings(readBySrc, documents.get('docs/configuration.md')!), []);
    const planted = undocumentedSettings(new Set([...readBySrc, 'GROUPZ_DOES_NOT_EXIST']), documents.get('docs/configuration.md')!);
    assert.deepEqual(planted, ['GROUPZ_DOES_NOT_EXIST']);
  });

  test('every GROUPZ_* name in the README and docs/ is one the code reads (GROUPZ_TEST_*: the tests)', () => {
    assert.deepEqual(unknownSettings(documents, known), []);
    const planted = new Map([['docs/fake.md', 'Set `GROUPZ_DOES_NOT_EXIST=1`, or all `GROUPZ_DKIM_*`, or `GROUPZ_NOPE_*`.']]);
    assert.deepEqual(unknownSettings(planted, known), ['docs/fake.md: GROUPZ_DOES_NOT_EXIST', 'docs/fake.md: GROUPZ_NOPE_*']);
  });

  test('every `groupz <command>` in the README and docs/ is a command of the CLI', () => {
    const commands = cliCommands();
    assert.ok(commands.includes('serve') && commands.includes('backup run'), commands.join(', '));
    assert.deepEqual(unknownCommands(documents, commands), []);
    const planted = new Map([
      [
        'docs/fake.md',
        [
          'Run `npx groupz backup run`, then `groupz frobnicate --now` and `sudo groupz backup explode`.',
          'The user `groupz` runs `groupz serve`; `chown root:groupz file`.',
          '',
          '    groupz staff remove --email E',
        ].join('\n'),
      ],
    ]);
    assert.deepEqual(unknownCommands(planted, commands), [
      'docs/fake.md: groupz frobnicate',
      'docs/fake.md: groupz backup explode',
      'docs/fake.md: groupz staff remove',
    ]);
  });

  test('every relative link in the README and docs/ leads to a file (and a Markdown heading)', () => {
    assert.deepEqual(brokenLinks(documents, root), []);
    const planted = new Map([
      ...documents,
      [
        'docs/fake.md',
        [
          '# Fake',
          'See [the README](../README.md#tests), [here](#fake), [backups](backups.md) and',
          '[gone](missing.md), [no such part](backups.md#no-such-part), ![lost](screenshots/lost.png)',
          'and [elsewhere](https://example.org/); not `[code](nowhere.md)`.',
        ].join('\n'),
      ],
    ]);
    assert.deepEqual(
      brokenLinks(planted, root).filter((finding) => finding.startsWith('docs/fake.md')),
      ['docs/fake.md: missing.md', 'docs/fake.md: backups.md#no-such-part', 'docs/fake.md: screenshots/lost.png'],
    );
  });

  test("the README's test section states the coverage floor that npm test holds the suite to", () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    assert.match(readme, new RegExp(`floor of\\s+\\*\\*${COVERAGE_FLOOR}%\\*\\*`));
  });
});
