import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { watchEventLoopLoad } from './event-loop-load.js';

/** Holds the event loop for `ms`, as a burst of synchronous work does. */
function blockFor(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end);
}

test('the event loop counts as busy after it was held, and no longer once it idled', async () => {
  const load = watchEventLoopLoad(0.85, 100);
  try {
    await delay(300);
    assert.equal(load.busy(), false, 'idle at first');
    // Far longer than a sample: whatever idle time the sample began with, it is mostly held.
    blockFor(1_000);
    await delay(50);
    assert.equal(load.busy(), true, 'busy at the sample after the hold');
    await delay(500);
    assert.equal(load.busy(), false, 'idle again');
  } finally {
    load.stop();
  }
});
