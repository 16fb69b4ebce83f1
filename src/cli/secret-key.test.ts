import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { storeNewKey } from './secret-key.js';

const run = promisify(execFile);
const moduleUrl = new URL('./secret-key.ts', import.meta.url).href;

/** One process asking for the development key of `dataDir` at the instant `at` (ms); prints it in hex. */
async function keyFromProcess(dataDir: string, at = 0): Promise<string> {
  const script = `const { secretKeyOf } = await import(${JSON.stringify(moduleUrl)});
while (Date.now() < ${at});
process.stdout.write(secretKeyOf({ dataDir: ${JSON.stringify(dataDir)} }).toString('hex'));`;
  const { stdout } = await run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: fileURLToPath(new URL('../..', import.meta.url)),
  });
  return stdout;
}

describe('the development secret key', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    dirs.push(mkdtempSync(join(tmpdir(), 'groupz-key-')));
    return dirs.at(-1)!;
  };
  after(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  test('processes starting together on one data dir all get the one key that is stored', async () => {
    const dataDir = join(tempDir(), 'data');
    const at = Date.now() + 2500; // after every process has loaded: they ask at the same instant
    const keys = await Promise.all(Array.from({ length: 8 }, () => keyFromProcess(dataDir, at)));
    const stored = readFileSync(join(dataDir, 'secret.key'), 'utf8').trim();
    assert.match(stored, /^[0-9a-f]{64}$/);
    assert.deepEqual(new Set(keys), new Set([stored]));
    assert.deepEqual(readdirSync(dataDir), ['secret.key'], 'no draft file is left behind');
    assert.equal(statSync(join(dataDir, 'secret.key')).mode & 0o777, 0o600);
    assert.equal(await keyFromProcess(dataDir), stored, 'a later start reuses it');
  });

  test('a process that finds the key stored after it looked takes that key instead of failing', () => {
    const dataDir = tempDir();
    const theirs = randomBytes(32).toString('hex');
    writeFileSync(join(dataDir, 'secret.key'), `${theirs}\n`, { mode: 0o600 });
    assert.equal(storeNewKey(join(dataDir, 'secret.key')).toString('hex'), theirs);
    assert.deepEqual(readdirSync(dataDir), ['secret.key'], 'no draft file is left behind');
  });
});
