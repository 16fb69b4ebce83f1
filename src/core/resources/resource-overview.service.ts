import type { Db } from '../../db/schema.js';
import type { ActivityActor } from '../activity-log/activity-log.js';
import type { Venue } from '../catalog/activity.js';
import { listActivitiesFor, venuesFor } from '../catalog/activity-admin.service.js';
import type { ActivitySummary } from '../catalog/activity-admin.repository.js';
import type { Clock } from '../shared/clock.js';
import type { ScopedMember } from '../shared/venue-scope.js';
import type { Resource } from './resource.js';
import { listResourcesFor, resourceFor } from './resource-admin.service.js';
import { listResourceLinks, type ResourceLink } from './resource.repository.js';

type Member = ActivityActor & ScopedMember;

/** A link of an activity to a resource, with the activity as staff know it. */
export interface LinkedActivity extends ResourceLink {
  activity: ActivitySummary;
}

/** The back office's list of resources: each with the activities that use it, and the venues a new one can go to. */
export interface ResourceList {
  resources: { resource: Resource; activities: ActivitySummary[] }[];
  venues: Venue[];
}

/** The resources of the member's venues (all for an admin), each with the activities linked to it. */
export async function readResourceList(db: Db, clock: Clock, member: Member): Promise<ResourceList> {
  const resources = await listResourcesFor(db, clock, member);
  const activities = await listActivitiesFor(db, clock, member, { archived: true });
  const links = await listResourceLinks(db, { activityIds: activities.map((activity) => activity.id) });
  return {
    resources: resources.map((resource) => ({
      resource,
      activities: activities.filter((activity) => links.some((l) => l.resourceId === resource.id && l.activityId === activity.id)),
    })),
    venues: await venuesFor(db, member),
  };
}

/** A resource's settings page: the resource, its links with their activities, and its venue's activities not linked yet. */
export interface ResourceSettings {
  resource: Resource;
  links: LinkedActivity[];
  linkable: ActivitySummary[];
}

/** A resource of the member's venues with what its settings page shows; another venue's is not_found. */
export async function readResourceSettings(db: Db, clock: Clock, member: Member, id: string): Promise<ResourceSettings> {
  const { resource, links } = await resourceFor(db, clock, member, id);
  const activities = (await listActivitiesFor(db, clock, member, { archived: true })).filter((a) => a.venue.id === resource.venueId);
  const linked: LinkedActivity[] = [];
  for (const link of links) {
    const activity = activities.find((a) => a.id === link.activityId);
    if (activity) linked.push({ ...link, activity });
  }
  // A programme that uses the resource in a part may still use it for whole slots too.
  const linkable = activities.filter((a) => a.status !== 'archived' && !links.some((link) => link.activityId === a.id && !link.part));
  return { resource, links: linked, linkable };
}

/** The resources an activity of the member's venues uses, with the link's buffer. */
export async function resourcesOfActivity(
  db: Db,
  clock: Clock,
  member: Member,
  activityId: string,
): Promise<{ resource: Resource; bufferMinutes: number }[]> {
  // Its whole slots' resources; a programme's parts show theirs on its programme page.
  const links = (await listResourceLinks(db, { activityIds: [activityId] })).filter((link) => !link.part);
  if (links.length === 0) return [];
  const resources = await listResourcesFor(db, clock, member);
  return links.flatMap((link) => {
    const resource = resources.find((r) => r.id === link.resourceId);
    return resource ? [{ resource, bufferMinutes: link.bufferMinutes }] : [];
  });
}
