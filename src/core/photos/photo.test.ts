import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ownerOf, variantWidths } from './photo.js';

test('each width is stored once: the standard widths below the upload, and the upload or 1600 at the top', () => {
  assert.deepEqual(variantWidths(300), [300]);
  assert.deepEqual(variantWidths(480), [480]);
  assert.deepEqual(variantWidths(1599), [480, 960, 1599]);
  assert.deepEqual(variantWidths(1600), [480, 960, 1600]);
  assert.deepEqual(variantWidths(1601), [480, 960, 1600]);
  assert.deepEqual(variantWidths(4032), [480, 960, 1600]);
});

test("a photo's owner: its activity, or its venue for a venue photo or logo", () => {
  assert.deepEqual(ownerOf({ kind: 'activity', activityId: 'a1', venueId: 'v1' }), { kind: 'activity', activityId: 'a1' });
  assert.deepEqual(ownerOf({ kind: 'venue', activityId: null, venueId: 'v1' }), { kind: 'venue', venueId: 'v1' });
  assert.deepEqual(ownerOf({ kind: 'logo', activityId: null, venueId: 'v1' }), { kind: 'logo', venueId: 'v1' });
});
