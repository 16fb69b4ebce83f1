import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { watchEventLoopLoad } from './event-loop-load.js';

/** Holds the event loop for `ms`, as a burst of synchronous work does. */
function blockFor(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end);
}

test('the event loop counts as busy while requests came in and it was held, and not for work of its own', async () => {
  const load = watchEventLoopLoad(0.85, 100);
  try {
    await delay(300);
    assert.equal(load.busy(), false, 'idle at first');
    // Far longer than a sample: whatever idle time the sample began with, it is mostly held.
    blockFor(1_000);
    await delay(50);
    assert.equal(load.busy(), false, 'held by work of its own, with no request come in');
    load.noteRequest();
    blockFor(1_000);
    await delay(50);
    assert.equal(load.busy(), true, 'busy at the sample after the hold, a request come in');
    await delay(500);
    assert.equal(load.busy(), false, 'idle again');
  } finally {
    load.stop();
  }
});
