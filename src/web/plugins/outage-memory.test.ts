import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TestClock } from '../../../test/clock.js';
import { HEALTH_REFUSAL_SECONDS, outageMemory } from './outage-memory.js';

// A refusal recorded while the clock ran ahead, and the clock then set back (NTP correcting it by
// an hour), would otherwise keep /healthz at 503 for that hour.
test(`a refusal is forgotten HEALTH_REFUSAL_SECONDS after it, even when the wall clock steps back`, () => {
  const clock = new TestClock('2026-06-01T09:00:00Z');
  const memory = outageMemory(clock);
  memory.record();
  clock.set('2026-06-01T08:00:00Z');
  clock.advance((HEALTH_REFUSAL_SECONDS + 1) * 1000);
  assert.equal(memory.recent(), false, `${HEALTH_REFUSAL_SECONDS + 1} s have passed since the refusal`);
});
