import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadOnce } from './load-once.js';

test('a load runs once for all its callers, and again after it failed', async () => {
  let runs = 0;
  let failing = true;
  const load = loadOnce(async () => {
    runs++;
    await Promise.resolve();
    if (failing) throw new Error('EMFILE: too many open files');
    return `library ${runs}`;
  });
  await assert.rejects(Promise.all([load(), load()]), /EMFILE/);
  assert.equal(runs, 1, 'callers at the same moment share one attempt');
  failing = false;
  assert.deepEqual(await Promise.all([load(), load()]), ['library 2', 'library 2'], 'the failure was not kept');
  failing = true;
  assert.equal(await load(), 'library 2', 'what loaded is kept');
  assert.equal(runs, 2);
});
