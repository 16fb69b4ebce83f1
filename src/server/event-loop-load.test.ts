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
  const load = watchEventLoopLoad({ threshold: 0.85, sampleMs: 100 });
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

/** Whether `busy()` read true at any point of `ms`, while a request comes in every 10 ms. */
async function busySeenWithRequests(load: ReturnType<typeof watchEventLoopLoad>, ms: number): Promise<boolean> {
  let seen = false;
  for (let waited = 0; waited < ms; waited += 10) {
    load.noteRequest();
    await delay(10);
    seen ||= load.busy();
  }
  return seen;
}

test('a request that finds queries waiting for the database makes the process busy, an idle loop or not', async () => {
  let waiting = 0;
  const load = watchEventLoopLoad({ waiting: () => waiting, threshold: 0.85, sampleMs: 100 });
  try {
    assert.equal(await busySeenWithRequests(load, 400), false, 'requests, nothing waiting, the loop idle');
    waiting = 4;
    await delay(250);
    assert.equal(load.busy(), false, 'queries waiting, but no request come in');
    assert.equal(await busySeenWithRequests(load, 400), true, 'requests come in while queries waited');
    waiting = 0;
    await busySeenWithRequests(load, 300);
    assert.equal(load.busy(), false, 'requests go on, the queue gone');
  } finally {
    load.stop();
  }
});
