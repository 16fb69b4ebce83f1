import assert from 'node:assert/strict';
import type { Activity, Translated } from '../src/core/catalog/activity.js';
import { savePartFromForm } from '../src/core/resources/programme-admin.service.js';
import type { ProgrammePart } from '../src/core/resources/programme.js';
import { createResourceFromForm, linkActivityFromForm } from '../src/core/resources/resource-admin.service.js';
import type { Resource, ResourceKind } from '../src/core/resources/resource.js';
import type { Clock } from '../src/core/shared/clock.js';
import type { Db } from '../src/db/schema.js';
import { TEST_ADMIN } from './actors.js';

/**
 * A resource of the first activity's venue, made and linked the way staff do it, that the
 * activities' slots share, each link with the same changeover buffer.
 */
export async function shareResource(
  db: Db,
  clock: Clock,
  activities: readonly Activity[],
  {
    kind,
    capacity,
    bufferMinutes = 0,
    name = 'Fluisterboot',
  }: { kind: ResourceKind; capacity: number; bufferMinutes?: number; name?: string },
): Promise<Resource> {
  const made = await createResourceFromForm(
    db,
    clock,
    TEST_ADMIN,
    {
      venueId: activities[0]!.venue.id,
      name,
      kind,
      capacity: String(capacity),
    },
    'plain',
  );
  assert.ok(made.ok, JSON.stringify(made));
  for (const activity of activities) {
    const linked = await linkActivityFromForm(
      db,
      clock,
      TEST_ADMIN,
      made.value.id,
      {
        activityId: activity.id,
        buffer: String(bufferMinutes),
      },
      'plain',
    );
    assert.ok(linked.ok, JSON.stringify(linked));
  }
  return made.value;
}

/**
 * A part of a programme, added the way staff do it: `offset` minutes after the programme's start,
 * for `duration` minutes, using the resources listed (each with its changeover buffer).
 */
export async function addPart(
  db: Db,
  clock: Clock,
  programme: Activity,
  {
    title,
    offset,
    duration,
    partActivity,
    uses = [],
  }: {
    title: Translated;
    offset: number;
    duration: number;
    partActivity?: Activity;
    uses?: { resource: Resource; bufferMinutes: number }[];
  },
): Promise<ProgrammePart> {
  const saved = await savePartFromForm(
    db,
    clock,
    TEST_ADMIN,
    programme.id,
    undefined,
    {
      titleNl: title.nl,
      titleEn: title.en,
      offset: String(offset),
      duration: String(duration),
      partActivityId: partActivity?.id ?? '',
      resources: uses.map((u) => u.resource.id),
      buffers: Object.fromEntries(uses.map((u) => [u.resource.id, String(u.bufferMinutes)])),
    },
    'plain',
  );
  assert.ok(saved.ok, JSON.stringify(saved));
  return saved.value;
}
