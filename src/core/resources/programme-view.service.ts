import type { Executor } from '../../db/schema.js';
import type { Translated } from '../catalog/activity.js';
import { listPublishedActivityLinks } from '../catalog/catalog.repository.js';
import type { ProgrammePart } from './programme.js';
import { listProgrammeParts } from './programme.repository.js';

/** A part as visitors see it: with the stand-alone activity it is, when that one is published (its page to link to). */
export interface PublicPart extends ProgrammePart {
  standAlone: { id: string; slug: string; title: Translated } | undefined;
}

/**
 * The parts of the programmes among the activities, by activity, in time order, for the public
 * pages and the API; activities without parts are absent. Two queries for the parts however many
 * activities, one more for their stand-alone activities.
 */
export async function listPublicParts(db: Executor, activityIds: readonly string[]): Promise<Map<string, PublicPart[]>> {
  const parts = await listProgrammeParts(db, activityIds);
  const standAloneIds = new Set([...parts.values()].flat().flatMap((part) => (part.partActivityId ? [part.partActivityId] : [])));
  const published = await listPublishedActivityLinks(db, [...standAloneIds]);
  return new Map(
    [...parts].map(([activityId, list]) => [
      activityId,
      list.map((part) => ({ ...part, standAlone: part.partActivityId ? published.get(part.partActivityId) : undefined })),
    ]),
  );
}
